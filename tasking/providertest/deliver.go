package providertest

import (
	"context"
	"io"
	"testing"

	"github.com/eotask/eotask/tasking"
)

// runDeliver checks a Deliverer: a task driven to success has captures of
// its own, and every asset of a published capture downloads and verifies.
func runDeliver(t *testing.T, c context.Context, cfg Config) {
	p := cfg.Provider
	task, err := p.Submit(c, cfg.Request())
	if err != nil {
		t.Fatalf("Submit: %v", err)
	}
	final := waitTerminal(t, c, cfg, task.ID)
	if !final.Status.IsSuccess() {
		t.Skipf("task ended %s (%s): nothing to deliver", final.Status, final.RawStatus)
	}
	d := p.(tasking.Deliverer)
	published := 0
	for capture, err := range d.Captures(c, task.ID) {
		if err != nil {
			t.Fatalf("Captures(%s): %v", task.ID, err)
		}
		switch {
		case capture.ID == "":
			t.Error("capture has no ID")
		case capture.Provider != p.Name():
			t.Errorf("capture.Provider = %q, want %q", capture.Provider, p.Name())
		case capture.TaskID != task.ID:
			t.Errorf("capture.TaskID = %q, want %q", capture.TaskID, task.ID)
		case capture.Raw == nil:
			t.Error("capture has no Raw provider value")
		}
		if capture.Status != tasking.CapturePublished {
			continue
		}
		published++
		assets, err := d.Assets(c, capture)
		if err != nil {
			t.Fatalf("Assets(%s): %v", capture.ID, err)
		}
		if len(assets) == 0 {
			t.Errorf("published capture %s has no assets", capture.ID)
		}
		for _, a := range assets {
			if a.Name == "" || a.Source == nil || a.CaptureID != capture.ID {
				t.Errorf("asset %+v: want a Name, a Source and CaptureID %q", a, capture.ID)
				continue
			}
			got, err := tasking.DownloadTo(c, a, io.Discard, nil)
			if err != nil {
				t.Fatalf("DownloadTo(%s/%s): %v", capture.ID, a.Name, err)
			}
			if got.Size == 0 {
				t.Errorf("asset %s/%s is empty", capture.ID, a.Name)
			}
			if !a.Checksum.IsZero() && got.Verified != a.Checksum.Algorithm {
				t.Errorf("asset %s/%s has a %s checksum but was verified by %q", capture.ID, a.Name, a.Checksum.Algorithm, got.Verified)
			}
		}
	}
	if published == 0 {
		t.Errorf("task %s ended %s but lists no published capture", task.ID, final.Status)
	}
}
