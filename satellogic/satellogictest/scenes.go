package satellogictest

import (
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/satellogic"
)

// linkLife is how long a pre-signed attachment link holds, on the
// simulator's clock.
const linkLife = time.Hour

// StorageRequest is one request the storage host received (credential
// values blanked).
type StorageRequest struct {
	Method string      // HTTP method
	Path   string      // URL path (the blob's name)
	Range  string      // the Range header as sent
	Header http.Header // as sent
	Status int         // the status code answered
	Sent   int64       // body bytes written
}

type simAttachment struct {
	name, fileName, blob string
}

type simScene struct {
	id          string
	capture     string
	contract    string
	published   time.Time
	attachments []simAttachment
}

// CutDownloads makes the next n downloads from the storage host break off
// after `after` bytes, as a network cut would.
func (s *Server) CutDownloads(n int, after int64) { s.storage.CutNext(n, after) }

// StorageRequests returns what the storage host received, oldest first.
func (s *Server) StorageRequests() []StorageRequest {
	return simkit.StorageRequestsAs[StorageRequest](s.storage.Files)
}

// ResetStorageRequests empties the storage host's request log.
func (s *Server) ResetStorageRequests() { s.storage.ResetRequests() }

// StorageURL returns the storage host's base URL.
func (s *Server) StorageURL() string { return s.storage.URL() }

// publish gives a capture that was just published its scene: a delivery_zip
// (96 KiB to 352 KiB, by capture) and a preview (64 KiB), stored on the
// storage host with deterministic content.
func (s *Server) publish(t *simTask, c *simCapture) {
	if len(s.scenes[c.id]) > 0 {
		return
	}
	s.sceneSeq++
	sc := &simScene{id: uuidFor("scene", s.sceneSeq), capture: c.id, contract: t.contract, published: s.kit.Now()}
	prefix := sc.id[:8]
	files := []struct {
		name, file, media string
		size              int
	}{
		{satellogic.AttachmentDeliveryZip, prefix + "_delivery.zip", "application/zip", 96<<10 + int(hash(c.id)%(256<<10))},
		{"preview", prefix + "_preview.png", "image/png", 64 << 10},
	}
	for _, f := range files {
		blob := "deliveries/" + c.id + "/" + f.file
		s.storage.Put(blob, f.media, simkit.Content(blob, f.size))
		sc.attachments = append(sc.attachments, simAttachment{name: f.name, fileName: f.file, blob: blob})
	}
	s.scenes[c.id] = append(s.scenes[c.id], sc)
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)

// listScenes is GET /telluric/scenes/?sceneset_id=…: the scenes of the
// contract's published captures, each attachment with a link pre-signed for
// linkLife. A sceneset_id that is not a UUID is a 400, as a Django UUID
// filter answers; one that matches nothing gives an empty page.
func (s *Server) listScenes(w http.ResponseWriter, r *http.Request, contract string) {
	set := r.URL.Query().Get("sceneset_id")
	if set != "" && !uuidRE.MatchString(set) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"sceneset_id": []string{fmt.Sprintf("“%s” is not a valid UUID.", set)}})
		return
	}
	var scenes []*simScene
	if set != "" {
		scenes = s.scenes[set]
	} else {
		for _, t := range s.sortedTasks() {
			for _, c := range t.captures {
				scenes = append(scenes, s.scenes[c.id]...)
			}
		}
	}
	expires := s.kit.Now().Add(linkLife)
	items := make([]any, 0, len(scenes))
	for _, sc := range scenes {
		if sc.contract != contract {
			continue
		}
		atts := make([]map[string]any, len(sc.attachments))
		for i, a := range sc.attachments {
			atts[i] = map[string]any{"name": a.name, "file_name": a.fileName, "url": s.storage.Sign(a.blob, expires)}
		}
		items = append(items, map[string]any{"scene_id": sc.id, "sceneset_id": sc.capture,
			"timestamp": sc.published.UTC().Format(time.RFC3339), "attachments": atts})
	}
	writeJSON(w, http.StatusOK, s.page(r, items))
}
