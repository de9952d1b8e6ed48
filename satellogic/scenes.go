package satellogic

import (
	"context"
	"iter"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
)

// AttachmentDeliveryZip is the name of the attachment that holds a scene's
// full product, as one zip file.
const AttachmentDeliveryZip = "delivery_zip"

// Scene is one delivered scene of a published capture, as the delivery API
// (GET /telluric/scenes/) lists it. Only Attachments is documented; SceneID
// and SceneSetID are read from "scene_id" and "sceneset_id" when the server
// sends them (UNCONFIRMED), and every other member is kept in Unknown.
type Scene struct {
	// SceneID is the scene's id, when the server sends one (UNCONFIRMED).
	SceneID string `json:"scene_id,omitempty"`
	// SceneSetID is the capture the scene belongs to (a capture's
	// CaptureID), when the server echoes it (UNCONFIRMED).
	SceneSetID string `json:"sceneset_id,omitempty"`
	// Attachments are the scene's files; the one named
	// AttachmentDeliveryZip is the full product.
	Attachments []Attachment `json:"attachments"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// Attachment is one file of a scene. URL is a pre-signed link on a storage
// host: it is fetched without the API's token or contract header, and it
// lapses after a while (list the scenes again for a fresh one). Satellogic
// gives no checksum or size for it: a download through tasking.Download is
// verified against the Content-Length the storage host announces.
type Attachment struct {
	Name     string `json:"name"`      // the attachment's kind, such as AttachmentDeliveryZip
	URL      string `json:"url"`       // pre-signed link to the bytes
	FileName string `json:"file_name"` // the file's name, such as "…_delivery.zip"
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// File returns the attachment's file name: FileName, or Name when the
// server gave none. It is the last element of the name only (no folders).
func (a *Attachment) File() string {
	n := strings.TrimSpace(a.FileName)
	if n == "" {
		n = strings.TrimSpace(a.Name)
	}
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	return n
}

// MediaType returns the attachment's media type, guessed from its file
// name's extension ("application/zip" for ".zip", "image/tiff" for ".tif",
// …); "" when the extension says nothing. Satellogic does not send one.
func (a *Attachment) MediaType() string { return mediaTypeOf(a.File()) }

// Source returns the attachment's bytes as a tasking.Source, fetched through
// c's transport (its retry policy, timeouts and HTTP client) from the
// pre-signed URL with none of the API's credentials. Hand it to
// tasking.Download inside a tasking.Asset, or use Asset.
func (a *Attachment) Source(c *Client) tasking.Source {
	return c.tc.Source(transport.Request{Method: http.MethodGet, Path: a.URL, Storage: true})
}

// Asset returns the neutral asset for the attachment, as a file of the
// capture captureID: Name is File(), MediaType is MediaType(), Size and
// Checksum are zero (Satellogic gives neither), Source is Source(c) and Raw
// is a.
func (a *Attachment) Asset(c *Client, captureID string) *tasking.Asset {
	return &tasking.Asset{Provider: Name, CaptureID: captureID, Name: a.File(), MediaType: a.MediaType(),
		Source: a.Source(c), Raw: a}
}

// mediaTypes are the extensions a Satellogic delivery holds, with their
// media types; others are asked of the mime package.
var mediaTypes = map[string]string{
	".zip":     "application/zip",
	".tif":     "image/tiff",
	".tiff":    "image/tiff",
	".json":    "application/json",
	".geojson": "application/geo+json",
	".xml":     "application/xml",
	".png":     "image/png",
	".jpg":     "image/jpeg",
	".jpeg":    "image/jpeg",
	".txt":     "text/plain",
	".pdf":     "application/pdf",
	".kml":     "application/vnd.google-earth.kml+xml",
}

func mediaTypeOf(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ext == "" {
		return ""
	}
	if t, ok := mediaTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

// SceneListOptions filters GET /telluric/scenes/. Zero fields are not sent.
type SceneListOptions struct {
	ListOptions
	// SceneSetID lists the scenes of one capture (its CaptureID).
	SceneSetID string `url:"sceneset_id,omitempty"`
}

// ScenesService is the delivery API's scenes listing: the files of published
// captures. It is on the API host and takes the token and the contract
// header, like the Tasking API.
type ScenesService struct{ c *Client }

// List fetches one page of scenes: GET /telluric/scenes/?sceneset_id={capture_id}
// (https://developers.satellogic.com/delivery-service/python_examples.html).
// Only published captures have scenes. A SceneSetID that cannot name one
// resource (see tasking.CheckID) is refused with a *tasking.ValidationError
// before any request.
func (s *ScenesService) List(ctx context.Context, opts *SceneListOptions) (*Page[*Scene], error) {
	if err := checkSceneSet(opts); err != nil {
		return nil, err
	}
	return listPage[*Scene](ctx, s.c, s.c.paths.Scenes, opts)
}

// All iterates over every scene matching opts, fetching pages lazily:
// GET /telluric/scenes/?sceneset_id={capture_id}, then each page's next link.
// A SceneSetID List refuses yields its error, and no request.
//
// See https://developers.satellogic.com/delivery-service/python_examples.html.
func (s *ScenesService) All(ctx context.Context, opts *SceneListOptions) iter.Seq2[*Scene, error] {
	if err := checkSceneSet(opts); err != nil {
		return adapter.Fail[*Scene](err)
	}
	return allPages[*Scene](ctx, s.c, s.c.paths.Scenes, opts)
}

func checkSceneSet(opts *SceneListOptions) error {
	if opts == nil || opts.SceneSetID == "" {
		return nil
	}
	return tasking.CheckID("sceneset_id", opts.SceneSetID)
}
