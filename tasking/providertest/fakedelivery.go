package providertest

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"iter"

	"github.com/eotask/eotask/tasking"
)

// Captures lists one published capture for a task that has completed, and
// none before; it makes Fake a tasking.Deliverer.
func (f *Fake) Captures(ctx context.Context, taskID string) iter.Seq2[*tasking.Capture, error] {
	return func(yield func(*tasking.Capture, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		f.mu.Lock()
		t, ok := f.tasks[taskID]
		var c *tasking.Capture
		if ok && t.task.Status.IsSuccess() {
			c = &tasking.Capture{Provider: f.Name(), ID: taskID + "-c1", TaskID: taskID,
				Status: tasking.CapturePublished, RawStatus: "published", AcquiredAt: t.task.Start,
				Footprint: t.task.Geometry, Satellite: "fake-1"}
			c.Raw = c.ID
		}
		f.mu.Unlock()
		switch {
		case !ok:
			yield(nil, &tasking.APIError{Provider: f.Name(), StatusCode: 404, Message: "no task " + taskID})
		case c != nil:
			yield(c, nil)
		}
	}
}

// Assets returns two files of a capture, with their MD5 checksums; their
// bytes are made from the capture's id.
func (f *Fake) Assets(ctx context.Context, c *tasking.Capture) ([]*tasking.Asset, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c == nil || c.Provider != f.Name() {
		return nil, tasking.Invalid("Capture", "is not one of %s's captures", f.Name())
	}
	var out []*tasking.Asset
	for i, name := range []string{"visual.tif", "metadata.json"} {
		data := bytes.Repeat([]byte(fmt.Sprintf("%s/%s ", c.ID, name)), 1000*(2-i))
		sum := md5.Sum(data)
		out = append(out, &tasking.Asset{Provider: f.Name(), CaptureID: c.ID, Name: name, Size: int64(len(data)),
			Checksum: tasking.Checksum{Algorithm: "md5", Value: hex.EncodeToString(sum[:])},
			Source:   memSource(data), Raw: name})
	}
	return out, nil
}

// memSource serves bytes from memory, honouring the offset.
type memSource []byte

func (m memSource) Open(ctx context.Context, offset int64) (*tasking.Content, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	offset = min(offset, int64(len(m)))
	return &tasking.Content{Body: io.NopCloser(bytes.NewReader(m[offset:])), Start: offset, Size: int64(len(m))}, nil
}
