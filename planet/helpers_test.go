package planet_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

const (
	testKey = "PLAK0123456789abcdef"
	base    = "https://api.planet.com/tasking/v2/"
)

// fast is a polling setting for tests.
var fast = &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// seen is one request a mock received.
type seen struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte
}

// JSON decodes the body into a map.
func (s seen) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(s.Body, &m), "body %s", s.Body)
	return m
}

// mock is an httpmock transport with a request log.
type mock struct {
	*httpmock.MockTransport
	mu   sync.Mutex
	reqs []seen
}

func (m *mock) log() []seen {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]seen(nil), m.reqs...)
}

func (m *mock) last(t testing.TB) seen {
	t.Helper()
	l := m.log()
	require.NotEmpty(t, l, "no request was sent")
	return l[len(l)-1]
}

// reply registers method+url answering status with body and headers
// (key, value pairs), recording each request.
func (m *mock) reply(method, u string, status int, body []byte, headers ...string) {
	m.RegisterResponder(method, u, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		m.mu.Lock()
		m.reqs = append(m.reqs, seen{Method: r.Method, URL: r.URL, Header: r.Header.Clone(), Body: b})
		m.mu.Unlock()
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			resp.Header.Set(headers[i], headers[i+1])
		}
		resp.Request = r
		return resp, nil
	})
}

// replySeq registers method+url answering each body in turn (the last one
// repeating).
func (m *mock) replySeq(method, u string, bodies ...[]byte) {
	n := 0
	m.RegisterResponder(method, u, func(r *http.Request) (*http.Response, error) {
		m.mu.Lock()
		m.reqs = append(m.reqs, seen{Method: r.Method, URL: r.URL, Header: r.Header.Clone()})
		b := bodies[min(n, len(bodies)-1)]
		n++
		m.mu.Unlock()
		resp := httpmock.NewBytesResponse(200, b)
		resp.Request = r
		return resp, nil
	})
}

// newMock returns a client on the default base URL whose requests go to a
// mock transport, with a fast retry policy.
func newMock(t testing.TB, opts ...planet.Option) (*planet.Client, *mock) {
	t.Helper()
	m := &mock{MockTransport: httpmock.NewMockTransport()}
	all := append([]planet.Option{
		planet.WithHTTPClient(&http.Client{Transport: m}),
		planet.WithRetry(tasking.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond}),
	}, opts...)
	c, err := planet.New(testKey, all...)
	require.NoError(t, err)
	return c, m
}

// checkHeaders checks what every request carries.
func checkHeaders(t testing.TB, s seen, withBody bool) {
	t.Helper()
	require.Equal(t, "api-key "+testKey, s.Header.Get("Authorization"))
	require.Equal(t, "application/json", s.Header.Get("Accept"))
	require.Contains(t, s.Header.Get("User-Agent"), "eotask/")
	if withBody {
		require.Equal(t, "application/json", s.Header.Get("Content-Type"))
	} else {
		require.Empty(t, s.Body)
	}
}

func ptr[T any](v T) *T { return &v }

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return v
}

// jsonEq compares JSON documents.
func jsonEq(t testing.TB, want string, got []byte) {
	t.Helper()
	require.JSONEq(t, want, string(bytes.TrimSpace(got)))
}
