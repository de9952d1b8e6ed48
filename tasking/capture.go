package tasking

import (
	"context"
	"io"
	"iter"
	"time"

	"github.com/paulmach/orb"
)

// Capture is one acquisition a provider made for a task (Planet's captures,
// Satellogic's captures and scenes, ClearSky's image dates, Capella's
// collects): what was taken, when, and where.
type Capture struct {
	Provider   string
	ID         string // the provider's id for the capture
	TaskID     string // the task it was taken for
	Status     CaptureStatus
	RawStatus  string       // the provider's own status value, unchanged
	AcquiredAt time.Time    // when the image was taken, zero until it is
	Footprint  orb.Geometry // the ground it covers, nil when not given
	CloudCover *float64     // percent (0–100), nil when not given
	Satellite  string       // the satellite or constellation, when given
	Sensor     string       // the instrument or mode, when given
	// Raw is the provider's own value this was made from (see Task.Raw).
	Raw any
}

// Asset is one file of a capture that can be downloaded. Fetch it with
// Download, DownloadTo or DownloadAll, which resume, verify and report
// progress; Source alone gives the raw bytes.
type Asset struct {
	Provider  string
	CaptureID string
	// Name is the file's name, unique within its capture ("visual.tif").
	// DownloadAll writes it under the capture's folder; it is made safe for
	// a file system there.
	Name      string
	MediaType string   // "image/tiff", "application/zip" …, when given
	Size      int64    // bytes; 0 when the provider does not say
	Checksum  Checksum // zero when the provider gives none
	// Source opens the bytes. Asset links that are pre-signed are fetched
	// without the API's credentials.
	Source Source
	// Raw is the provider's own value this was made from (see Task.Raw).
	Raw any
}

// Checksum is a digest of a file, as the provider gives it.
type Checksum struct {
	Algorithm string // "md5", "sha1", "sha256" or "sha512"; others are kept but not verified
	Value     string // lower-case hex
}

// IsZero reports whether no checksum is given.
func (c Checksum) IsZero() bool { return c.Value == "" }

// String writes the checksum as "md5:…".
func (c Checksum) String() string {
	if c.IsZero() {
		return "none"
	}
	return c.Algorithm + ":" + c.Value
}

// Source opens an asset's bytes from offset on. The body may start earlier
// than asked, at Content.Start (a server that ignores ranges starts at 0);
// it never starts later.
type Source interface {
	Open(ctx context.Context, offset int64) (*Content, error)
}

// Content is an opened asset body.
type Content struct {
	Body  io.ReadCloser
	Start int64 // offset of Body's first byte in the file
	Size  int64 // the whole file's size, -1 when the server does not say
}

// Deliverer is implemented by providers that can list what a task produced
// and hand out its files. Find it with a type assertion on a Provider.
type Deliverer interface {
	// Captures lists the task's captures, lazily, page by page.
	Captures(ctx context.Context, taskID string) iter.Seq2[*Capture, error]
	// Assets lists a published capture's files. It may ask the provider to
	// prepare them first (Planet's asset activation, Capella's product
	// order) and waits for that within ctx.
	Assets(ctx context.Context, c *Capture) ([]*Asset, error)
}
