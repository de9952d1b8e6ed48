// Package benchkit holds what the providers' benchmarks share: the pair of
// sub-benchmarks every SDK call is measured as ("sdk" and "nethttp", the same
// call written by hand with net/http and encoding/json v1 into equivalent
// typed structs), and that hand-written call itself, so that the baseline is
// written once and the same for all four providers.
package benchkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/paulmach/orb"
)

// Pair runs the sub-benchmarks "sdk" and "nethttp", each calling its
// function b.N times with allocations reported.
func Pair(b *testing.B, sdk, nethttp func(ctx context.Context) error) {
	for _, c := range []struct {
		name string
		call func(ctx context.Context) error
	}{{"sdk", sdk}, {"nethttp", nethttp}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			if err := c.call(ctx); err != nil { // warm the connection pool
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := c.call(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Server answers every request with body (and status), as a provider's API
// would on loopback.
func Server(b testing.TB, status int, body []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// Hand is a client written by hand: net/http with its default transport
// settings, encoding/json v1, the headers given.
type Hand struct {
	HC     *http.Client
	Header http.Header
}

// NewHand returns a hand-written client sending header on every request.
func NewHand(header http.Header) *Hand {
	return &Hand{HC: &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}, Header: header}
}

// Do sends method to url with in (if not nil) as a JSON body, and decodes a
// 2xx JSON answer into out, as a careful hand-written client would: marshal,
// send, read the whole body, unmarshal.
func (h *Hand) Do(ctx context.Context, method, url string, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return err
	}
	for k, vs := range h.Header {
		req.Header[k] = vs
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.HC.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d", method, url, resp.StatusCode)
	}
	return json.Unmarshal(data, out)
}

// Polygon24 is the create benchmarks' area of interest: a closed ring of 24
// vertices around center, rx by ry degrees, with a lobed outline (not a
// circle), as a field or a harbour is.
func Polygon24(center orb.Point, rx, ry float64) orb.Polygon {
	ring := make(orb.Ring, 0, 25)
	for i := range 24 {
		a := 2 * math.Pi * float64(i) / 24
		r := 1 + 0.25*math.Sin(3*a)
		ring = append(ring, orb.Point{center[0] + rx*r*math.Cos(a), center[1] + ry*r*math.Sin(a)})
	}
	return orb.Polygon{append(ring, ring[0])}
}
