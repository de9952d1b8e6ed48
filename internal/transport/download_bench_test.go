package transport

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/internal/benchkit"
	"github.com/eotask/eotask/tasking"
)

// BenchmarkDownload measures a download to a file through the SDK (Open,
// tasking.Download: temporary name, size check, rename) against net/http
// with io.Copy to a file of the same size, from the same loopback server.
// Bytes allocated per operation do not grow with the file's size: compare
// the 1MiB and 256MiB rows. "resume" cuts each transfer at half and reports
// the bytes fetched after the cut.
func BenchmarkDownload(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1MiB", 1 << 20}, {"256MiB", 256 << 20}} {
		data := bytes.Repeat([]byte("0123456789abcdef"), size.n/16)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		}))
		dir := b.TempDir()
		c, err := New(API{Name: "bench", BaseURL: srv.URL + "/", Auth: HeaderAuth{Name: "Authorization", Value: "api-key k"}}, Apply())
		if err != nil {
			b.Fatal(err)
		}
		asset := &tasking.Asset{Name: "f", Size: int64(size.n), Source: c.Source(Request{Method: http.MethodGet, Path: "f"})}
		hand := benchkit.NewHand(http.Header{"Authorization": {"api-key k"}})
		b.Run(size.name, func(b *testing.B) {
			// Each download writes a new file, as a user fetching an asset
			// does: the previous one is removed first, in both.
			benchkit.Pair(b, func(ctx context.Context) error {
				path := filepath.Join(dir, "sdk.bin")
				_ = os.Remove(path)
				_, err := tasking.Download(ctx, asset, path, nil)
				return err
			}, func(ctx context.Context) error {
				path := filepath.Join(dir, "nethttp.bin")
				_ = os.Remove(path)
				return handDownload(ctx, hand.HC, srv.URL+"/f", path)
			})
		})
		srv.Close()
	}
	b.Run("resume", func(b *testing.B) {
		const n = 8 << 20
		data := bytes.Repeat([]byte("0123456789abcdef"), n/16)
		var sent int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Range") == "" {
				w.Header().Set("Content-Length", "8388608")
				w.Write(data[:n/2])
				panic(http.ErrAbortHandler) // the cut
			}
			cw := &countWriter{ResponseWriter: w}
			http.ServeContent(cw, r, "", time.Time{}, bytes.NewReader(data))
			sent += cw.n
		}))
		defer srv.Close()
		c, err := New(API{Name: "bench", BaseURL: srv.URL + "/"}, Apply())
		if err != nil {
			b.Fatal(err)
		}
		asset := &tasking.Asset{Name: "f", Size: n, Source: c.Source(Request{Method: http.MethodGet, Path: "f"})}
		b.ReportAllocs()
		b.SetBytes(n)
		for b.Loop() {
			if _, err := tasking.DownloadTo(context.Background(), asset, io.Discard, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(sent)/float64(b.N), "resent-B/op")
	})
}

type countWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n += int64(n)
	return n, err
}

// handDownload is the baseline: GET, check the status, io.Copy to a file.
func handDownload(ctx context.Context, hc *http.Client, url, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "api-key k")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return io.ErrUnexpectedEOF
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
