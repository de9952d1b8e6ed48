package transport

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allocated returns the bytes allocated while f ran.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// bodyServer answers every GET with body, with its length announced or
// chunked, counting requests.
func bodyServer(t *testing.T, body string, announce bool) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	data := []byte(body) // made once: the server's own allocations are not the client's
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if announce {
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

type memItem struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type memPage struct {
	Results []memItem `json:"results"`
}

// decodedCost is what decoding body from memory allocates: the decoded value
// itself, the floor any client pays.
func decodedCost(t *testing.T, c *Client, body string) uint64 {
	data := []byte(body)
	return allocated(func() {
		var p memPage
		require.NoError(t, c.Unmarshal(data, &p))
	})
}

func smallItems(size int) string {
	var b strings.Builder
	b.WriteString(`{"results":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%08d","name":"n"}`, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

// The bounds of decodeStream's doc: a page costs its decoded items and a
// small read buffer, which only a single oversized value grows; a body
// announced over the cap is refused unread, and one that is not announced is
// cut at the cap.
func TestMemoryBounds(t *testing.T) {
	const mib = 1 << 20
	huge := `{"results":[{"id":"` + strings.Repeat("x", 12*mib) + `"}]}`
	large := `{"results":[{"id":"a","name":"` + strings.Repeat("y", 6*mib) + `"}]}`
	many := smallItems(6 * mib)
	for _, announce := range []bool{true, false} {
		name := map[bool]string{true: "announced", false: "chunked"}[announce]
		t.Run(name+": over the cap", func(t *testing.T) {
			for _, body := range []string{huge, many} {
				srv, n := bodyServer(t, body, announce)
				c := newTestClient(t, srv.URL, WithMaxResponseBytes(4*mib))
				var err error
				got := allocated(func() {
					var p memPage
					_, err = c.Get(context.Background(), "x", nil, &p)
				})
				require.ErrorIs(t, err, tasking.ErrResponseTooLarge)
				var de *tasking.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, int32(1), n.Load(), "not retried")
				t.Logf("%.1f MiB allocated for a 4 MiB cap", float64(got)/mib)
				if announce {
					assert.Less(t, got, uint64(mib), "refused unread")
				} else {
					// The items decoded before the cap, or the read buffer
					// grown to the cap for one oversized value.
					assert.Less(t, got, decodedCost(t, c, smallItems(4*mib))+4*4*mib)
				}
			}
		})
		t.Run(name+": a large valid answer", func(t *testing.T) {
			srv, _ := bodyServer(t, large, announce)
			c := newTestClient(t, srv.URL, WithMaxResponseBytes(8*mib))
			var p memPage
			var err error
			got := allocated(func() { _, err = c.Get(context.Background(), "x", nil, &p) })
			require.NoError(t, err)
			require.Len(t, p.Results, 1)
			t.Logf("%.1f MiB allocated for a 6 MiB string", float64(got)/mib)
			// The decoded string and the read buffer, grown (by doubling)
			// to hold that one value: never the body three times over.
			assert.Less(t, got, uint64(6*mib+4*6*mib))
		})
		t.Run(name+": a page of small items", func(t *testing.T) {
			body := smallItems(2 * mib)
			srv, _ := bodyServer(t, body, announce)
			c := newTestClient(t, srv.URL)
			floor := decodedCost(t, c, body)
			var p memPage
			var err error
			got := allocated(func() { _, err = c.Get(context.Background(), "x", nil, &p) })
			require.NoError(t, err)
			t.Logf("%.1f MiB allocated for a 2 MiB page of %d items (%.1f MiB decoding it from memory)",
				float64(got)/mib, len(p.Results), float64(floor)/mib)
			assert.Less(t, got, floor+mib/2, "the decoded items and a small read buffer")
		})
	}
}

// A server that answers with a header block over the limit gets no second
// request: the answer will not shrink.
func TestHeaderBombNotRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		for i := 0; i < 40; i++ {
			w.Header().Add(fmt.Sprintf("X-Bomb-%d", i), strings.Repeat("b", 64<<10))
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Get(context.Background(), "x", nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "headers exceeded")
	assert.Equal(t, int32(1), n.Load())
}
