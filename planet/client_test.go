package planet_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRejectsBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		key  string
		opts []planet.Option
		want string
	}{
		"empty key":      {key: "", want: "empty API key"},
		"blank key":      {key: "  \t", want: "empty API key"},
		"key with space": {key: "PLAK 123", want: "white space"},
		"bad scheme":     {key: testKey, opts: []planet.Option{planet.WithBaseURL("ftp://api.planet.com/")}, want: "scheme"},
		"plain http":     {key: testKey, opts: []planet.Option{planet.WithBaseURL("http://api.planet.com/tasking/v2/")}, want: "loopback"},
		"no host":        {key: testKey, opts: []planet.Option{planet.WithBaseURL("https:///tasking/v2/")}, want: "no host"},
		"unparsable":     {key: testKey, opts: []planet.Option{planet.WithBaseURL("https://a b.com/%zz")}, want: "invalid base URL"},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := planet.New(tc.key, tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestNewDefaultsAndLoopback(t *testing.T) {
	c, err := planet.New(testKey)
	require.NoError(t, err)
	assert.Equal(t, planet.DefaultBaseURL, c.BaseURL().String())
	c, err = planet.New(testKey, planet.WithBaseURL("http://127.0.0.1:8080/tasking/v2"))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8080/tasking/v2/", c.BaseURL().String(), "a trailing slash is added")
}

func TestSecretsNeverPrinted(t *testing.T) {
	c, err := planet.New(testKey)
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, c)
		assert.NotContains(t, out, testKey, verb)
		assert.NotContains(t, out, "PLAK", verb)
	}
	assert.Contains(t, c.String(), "api.planet.com")
	assert.Contains(t, c.GoString(), "planet.Client")
	// A value copy of the client prints its fields: still no key.
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		assert.NotContains(t, fmt.Sprintf(verb, *c), testKey, verb)
	}
	// Neither do the services or the adapter.
	for _, v := range []any{c.Orders, c.Captures, c.Provider(planet.ProviderDefaults{})} {
		for _, verb := range []string{"%v", "%+v", "%#v"} {
			assert.NotContains(t, fmt.Sprintf(verb, v), testKey)
		}
	}
}

func TestAuthHeaders(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"orders/abc/", 200, fixture(t, "order_flexible.json"))
	_, err := c.Orders.Get(context.Background(), "abc")
	require.NoError(t, err)
	checkHeaders(t, m.last(t), false)

	c, m = newMock(t, planet.WithBasicAuth(), planet.WithUserAgent("my-service/1.0"))
	m.reply(http.MethodGet, base+"orders/abc/", 200, fixture(t, "order_flexible.json"))
	_, err = c.Orders.Get(context.Background(), "abc")
	require.NoError(t, err)
	s := m.last(t)
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte(testKey+":")), s.Header.Get("Authorization"))
	assert.True(t, strings.HasPrefix(s.Header.Get("User-Agent"), "my-service/1.0 eotask/"))
}

func TestOptionsAreAccepted(t *testing.T) {
	var logs strings.Builder
	l := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, m := newMock(t, planet.WithLogger(l), planet.WithRateLimit(1000, 10))
	m.reply(http.MethodGet, base+"orders/abc/", 200, fixture(t, "order_flexible.json"))
	_, err := c.Orders.Get(context.Background(), "abc")
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "/tasking/v2/orders/abc/")
	assert.NotContains(t, logs.String(), testKey)
}

func TestErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		file     string
		status   int
		sentinel error
		msg      string
	}{
		{"error_fields.json", 400, tasking.ErrInvalidRequest, "geometry: Geometry type MultiPoint is not supported."},
		{"error_non_field.json", 400, tasking.ErrInvalidRequest, "Maximum number of active orders (10) reached."},
		{"error_detail_not_found.json", 404, tasking.ErrNotFound, "Not found."},
		{"error_detail_throttled.json", 429, tasking.ErrRateLimited, "Request was throttled"},
		{"error_general.json", 400, tasking.ErrInvalidRequest, "The request is invalid.; name: This field is required."},
	} {
		t.Run(tc.file, func(t *testing.T) {
			c, m := newMock(t, planet.WithRetry(tasking.NoRetry()))
			m.reply(http.MethodGet, base+"orders/x/", tc.status, fixture(t, tc.file))
			_, err := c.Orders.Get(context.Background(), "x")
			require.ErrorIs(t, err, tc.sentinel)
			var apiErr *tasking.APIError
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, planet.Name, apiErr.Provider)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, tc.msg)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.NotContains(t, err.Error(), testKey)
		})
	}
}
