package simkit

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestStorage(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	s := NewStorage(func() time.Time { return now }, "X-Api-Key")
	defer s.Close()
	data := Content("c/f.tif", 100_000)
	assert.Equal(t, data, Content("c/f.tif", 100_000), "deterministic")
	b := s.Put("c/f.tif", "image/tiff", data)
	assert.Len(t, b.MD5, 32)
	link := s.Sign(b.Name, now.Add(time.Hour))

	resp, body, err := get(t, link, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, data, body)

	resp, body, err = get(t, link, http.Header{"Range": {"bytes=60000-"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode)
	assert.Equal(t, "bytes 60000-99999/100000", resp.Header.Get("Content-Range"))
	assert.Equal(t, data[60000:], body)

	for _, h := range []http.Header{{"X-Api-Key": {"k"}}, {"Authorization": {"Bearer t"}}} {
		resp, _, err = get(t, link, h)
		require.NoError(t, err)
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, "credentials are refused: %v", h)
	}
	resp, _, err = get(t, s.Sign(b.Name, now), nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "an expired link")
	resp, _, err = get(t, link+"x", nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "a bad signature")

	s.CutNext(1, 1000)
	_, body, err = get(t, link, nil)
	require.Error(t, err, "the connection is dropped")
	assert.Len(t, body, 1000)

	reqs := s.Requests() // read at once: every answer above is in the log
	require.Len(t, reqs, 7)
	assert.Equal(t, int64(100_000), reqs[0].Sent)
	assert.Equal(t, "bytes=60000-", reqs[1].Range)
	assert.Equal(t, int64(40_000), reqs[1].Sent)
	assert.Equal(t, "[REDACTED]", reqs[2].Header.Get("X-Api-Key"))
	assert.Equal(t, "[REDACTED]", reqs[3].Header.Get("Authorization"))
	assert.Equal(t, int64(1000), reqs[6].Sent)
	s.ResetRequests()
	assert.Empty(t, s.Requests())
}
