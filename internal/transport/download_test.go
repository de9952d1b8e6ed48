package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func storageAsset(c *Client, st *simkit.Storage, b *simkit.Blob, href string) *tasking.Asset {
	return &tasking.Asset{Provider: "test", CaptureID: "c1", Name: "image.tif", Size: int64(len(b.Data)),
		Checksum: tasking.Checksum{Algorithm: "md5", Value: b.MD5},
		Source:   c.Source(Request{Method: http.MethodGet, Path: href, Storage: true})}
}

func TestOpenStorageCarriesNoCredentialsAndResumesWithRange(t *testing.T) {
	st := simkit.NewStorage(nil, "X-Api-Key")
	defer st.Close()
	data := simkit.Content("c1/image.tif", 1<<20)
	b := st.Put("c1/image.tif", "image/tiff", data)
	href := st.Sign(b.Name, time.Now().Add(time.Hour))
	c := newTestClient(t, "https://api.example.com/")

	st.CutNext(1, 512<<10)
	var buf bytes.Buffer
	got, err := tasking.DownloadTo(context.Background(), storageAsset(c, st, b, href), &buf, nil)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(data, buf.Bytes()))
	assert.Equal(t, "md5", got.Verified)
	assert.Equal(t, 1, got.Resumes)

	reqs := st.Requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Empty(t, r.Header.Get("X-Api-Key"), "the API key never goes to the storage host")
		assert.Empty(t, r.Header.Get("Authorization"))
	}
	assert.Equal(t, "", reqs[0].Range)
	assert.Equal(t, "bytes=524288-", reqs[1].Range, "the resume asks only for the missing bytes")
	assert.Equal(t, http.StatusPartialContent, reqs[1].Status)
	assert.Equal(t, int64(512<<10), reqs[1].Sent, "the missing half and nothing more")
}

func TestOpenStorageRefusalsAreTypedAndRedacted(t *testing.T) {
	st := simkit.NewStorage(nil)
	defer st.Close()
	b := st.Put("c1/x.tif", "", simkit.Content("x", 1000))
	c := newTestClient(t, "https://api.example.com/")

	expired := st.Sign(b.Name, time.Now().Add(-time.Minute))
	_, err := tasking.DownloadTo(context.Background(), storageAsset(c, st, b, expired), io.Discard, nil)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, tasking.ErrForbidden)
	sig := strings.SplitN(strings.SplitN(expired, "signature=", 2)[1], "&", 2)[0]
	assert.NotContains(t, err.Error(), sig, "a signed link's signature never shows in an error")
	assert.Len(t, st.Requests(), 1, "a refusal is not retried")

	_, err = c.Open(context.Background(), &Request{Method: http.MethodGet, Path: "ftp://example.com/x", Storage: true}, 0)
	assert.ErrorContains(t, err, "want https")
	_, err = c.Open(context.Background(), &Request{Method: http.MethodGet, Path: "http://example.com/x", Storage: true}, 0)
	assert.ErrorContains(t, err, "want https", "plain http only on loopback")
}

func TestOpenAPIRedirectToStorageDropsCredentials(t *testing.T) {
	st := simkit.NewStorage(nil, "X-Api-Key")
	defer st.Close()
	b := st.Put("c1/x.tif", "", simkit.Content("x", 5000))
	href := st.Sign(b.Name, time.Now().Add(time.Hour))
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, testKey, r.Header.Get("X-Api-Key"), "the API host gets the key")
		http.Redirect(w, r, href, http.StatusFound)
	}))
	defer api.Close()
	c := newTestClient(t, strings.Replace(api.URL, "127.0.0.1", "localhost", 1)+"/")
	a := storageAsset(c, st, b, href)
	a.Source = c.Source(Request{Method: http.MethodGet, Path: "download/x"})
	got, err := tasking.DownloadTo(context.Background(), a, io.Discard, nil)
	require.NoError(t, err)
	assert.Equal(t, "md5", got.Verified)
	require.Len(t, st.Requests(), 1)
	assert.Equal(t, http.StatusOK, st.Requests()[0].Status, "the storage host saw no credential")
}

func TestOpenStallEndsTheReadAndResumes(t *testing.T) {
	data := simkit.Content("s", 64<<10)
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Content-Length", "65536")
			w.Write(data[:1000])
			w.(http.Flusher).Flush()
			<-r.Context().Done() // then nothing more
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL+"/", WithHeaderTimeout(100*time.Millisecond))
	a := &tasking.Asset{Name: "s", Size: int64(len(data)), Source: c.Source(Request{Method: http.MethodGet, Path: "f"})}
	var buf bytes.Buffer
	got, err := tasking.DownloadTo(context.Background(), a, &buf, nil)
	require.NoError(t, err)
	assert.Equal(t, data, buf.Bytes())
	assert.Equal(t, 1, got.Resumes)
	assert.Equal(t, int64(len(data)), got.Fetched)

	// The stall is reported as such when resuming is off.
	calls.Store(0)
	_, err = tasking.DownloadTo(context.Background(), a, io.Discard, &tasking.DownloadOptions{MaxResumes: -1})
	var te *tasking.TimeoutError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, tasking.LimitStall, te.Limit)
	assert.True(t, errors.Is(err, context.DeadlineExceeded))
}

func TestOpenCancelledMidway(t *testing.T) {
	st := simkit.NewStorage(nil)
	defer st.Close()
	b := st.Put("c1/big.tif", "", simkit.Content("big", 4<<20))
	c := newTestClient(t, "https://api.example.com/")
	ctx, cancel := context.WithCancel(context.Background())
	a := storageAsset(c, st, b, st.Sign(b.Name, time.Now().Add(time.Hour)))
	_, err := tasking.DownloadTo(ctx, a, io.Discard, &tasking.DownloadOptions{Progress: func(p tasking.Progress) {
		if p.Done > 1<<20 {
			cancel()
		}
	}})
	require.ErrorIs(t, err, context.Canceled)
}

func TestParseContentRange(t *testing.T) {
	start, size, err := parseContentRange("bytes 100-199/1000")
	require.NoError(t, err)
	assert.Equal(t, []int64{100, 1000}, []int64{start, size})
	start, size, err = parseContentRange("bytes 5-9/*")
	require.NoError(t, err)
	assert.Equal(t, []int64{5, -1}, []int64{start, size})
	for _, bad := range []string{"", "bytes", "bytes x-1/2", "bytes 10-20/5", "items 1-2/3", "bytes -1-2/3"} {
		_, _, err := parseContentRange(bad)
		assert.Error(t, err, bad)
	}
}
