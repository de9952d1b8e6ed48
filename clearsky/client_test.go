package clearsky_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRejectsBadInput(t *testing.T) {
	_, err := clearsky.New("")
	assert.ErrorContains(t, err, "empty API key")
	_, err = clearsky.New("   ")
	assert.Error(t, err)
	for _, u := range []string{"http://api.clearsky.vision", "ftp://x", "://", "https://", "https://user:pw@api.clearsky.vision"} {
		_, err = clearsky.New(testKey, clearsky.WithBaseURL(u))
		assert.Error(t, err, u)
	}
	c, err := clearsky.New(testKey, clearsky.WithBaseURL("http://127.0.0.1:1"), clearsky.WithUserAgent("myapp/1"),
		clearsky.WithRateLimit(10, 2), clearsky.WithHTTPClient(http.DefaultClient))
	require.NoError(t, err, "plain http on loopback is fine")
	assert.Equal(t, "clearsky.Client(http://127.0.0.1:1/)", c.String())
}

func TestSecretsNeverShow(t *testing.T) {
	var logs bytes.Buffer
	s := clearskytest.NewServer(clearskytest.WithAPIKey(testKey), clearskytest.WithNow(simNow))
	defer s.Close()
	c := s.Client(clearsky.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, c)
		assert.NotContains(t, out, testKey, format)
		assert.Contains(t, out, s.URL, format)
	}
	a := c.Provider(clearsky.ProviderDefaults{})
	assert.Same(t, c, a.Client(), "the adapter hands back its client")
	for _, v := range []any{c.Orders, c.Tiles, c.Models, a} {
		for _, format := range []string{"%v", "%+v", "%#v"} {
			assert.NotContains(t, fmt.Sprintf(format, v), testKey)
		}
	}
	s.FailNext(1, 503, 0)
	_, err := c.Models.List(ctx)
	require.NoError(t, err)
	s.FailNext(1, 400, 0)
	_, err = c.Models.List(ctx)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testKey)
	assert.NotContains(t, fmt.Sprintf("%#v", err), testKey)
	assert.Contains(t, logs.String(), "eotask: retrying")
	assert.NotContains(t, logs.String(), testKey)
}
