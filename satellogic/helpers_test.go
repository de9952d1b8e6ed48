package satellogic_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

const (
	apiBase    = "https://api.satellogic.com/"
	tokenURL   = "https://auth.platform.satellogic.com/oauth/token"
	testID     = "client-id-1"
	testSecret = "very-secret-client-secret"
	testCont   = "cont.7d1c2a4e-0f00-4b7e-9a51-1234567890ab"
	testToken  = "eyJhbGciOiJSUzI1NiJ9.mock.token-1"
)

func testCreds() satellogic.Credentials {
	return satellogic.Credentials{ClientID: testID, ClientSecret: testSecret, ContractID: testCont}
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// seen is one request an httpmock responder saw.
type seen struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// recorder keeps the requests a mock saw.
type recorder struct {
	mu   sync.Mutex
	reqs []seen
}

func (r *recorder) add(req *http.Request) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, seen{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone(), Body: body})
	r.mu.Unlock()
}

func (r *recorder) all() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

func (r *recorder) last() seen {
	all := r.all()
	if len(all) == 0 {
		return seen{}
	}
	return all[len(all)-1]
}

// respond is a responder that records the request and answers status with
// body as JSON.
func (r *recorder) respond(status int, body []byte) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r.add(req)
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}

// mockEnv is a client on an httpmock transport with a token endpoint.
type mockEnv struct {
	mt     *httpmock.MockTransport
	c      *satellogic.Client
	tokens *recorder
	api    *recorder
}

func newMock(t *testing.T, opts ...satellogic.Option) *mockEnv {
	t.Helper()
	env := &mockEnv{mt: httpmock.NewMockTransport(), tokens: &recorder{}, api: &recorder{}}
	env.mt.RegisterResponder(http.MethodPost, tokenURL, env.tokens.respond(200, fixture(t, "token.json")))
	all := append([]satellogic.Option{
		satellogic.WithHTTPClient(&http.Client{Transport: env.mt}),
		satellogic.WithRetry(tasking.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond}),
	}, opts...)
	c, err := satellogic.New(testCreds(), all...)
	require.NoError(t, err)
	env.c = c
	return env
}

// on registers a recording responder for method and url on the API.
func (e *mockEnv) on(method, url string, status int, body []byte) {
	e.mt.RegisterResponder(method, url, e.api.respond(status, body))
}

func jsonBody(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), "body %s", b)
	return m
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func readCloser(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
