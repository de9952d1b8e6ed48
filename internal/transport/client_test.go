package transport

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

const testKey = "sk_live_SUPERSECRET123"

func testAPI(base string) API {
	return API{Name: "test", BaseURL: base,
		Auth: HeaderAuth{Name: "X-Api-Key", Value: testKey, Secret: testKey}}
}

// fastRetry keeps the tests quick while still exercising the backoff.
var fastRetry = tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: 5 * time.Millisecond, MaxInterval: 2 * time.Second}

func newTestClient(t *testing.T, base string, opts ...Option) *Client {
	t.Helper()
	c, err := New(testAPI(base), Apply(append([]Option{WithRetry(fastRetry)}, opts...)...))
	require.NoError(t, err)
	return c
}

func TestRetryAfterSecondsThenSuccess(t *testing.T) {
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		times = append(times, time.Now())
		if len(times) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, `{"id":"x"}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	var out struct{ ID string }
	_, err := c.Get(context.Background(), "orders/x/", nil, &out)
	require.NoError(t, err)
	assert.Equal(t, "x", out.ID)
	require.Len(t, times, 2, "exactly one retry")
	assert.GreaterOrEqual(t, times[1].Sub(times[0]), time.Second)
}

func TestRetryAfterLongerThanPolicyReturnsRateLimited(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL)
	_, err := c.Get(context.Background(), "x", nil, nil)
	require.ErrorIs(t, err, tasking.ErrRateLimited)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 120*time.Second, ae.RetryAfter)
	assert.EqualValues(t, 1, n.Load())
}

func TestRetryAfterHTTPDate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	assert.Equal(t, 7*time.Second, ParseRetryAfter(now.Add(7*time.Second).Format(http.TimeFormat), now))
	assert.Equal(t, 3*time.Second, ParseRetryAfter(" 3 ", now))
	assert.Zero(t, ParseRetryAfter(now.Add(-time.Hour).Format(http.TimeFormat), now))
	assert.Zero(t, ParseRetryAfter("soon", now))
	assert.Zero(t, ParseRetryAfter("-4", now))
}

func TestGet503ThreeTimesThenOK(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	_, err := newTestClient(t, srv.URL).Get(context.Background(), "x", nil, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 4, n.Load())
}

func TestGetGivesUpAfterMaxAttempts(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	_, err := newTestClient(t, srv.URL).Get(context.Background(), "x", nil, nil)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.EqualValues(t, 4, n.Load())
}

func TestCreate500IsSentOnce(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"detail":"boom"}`)
	}))
	defer srv.Close()
	_, err := newTestClient(t, srv.URL).Do(context.Background(),
		&Request{Method: http.MethodPost, Path: "orders/", Body: map[string]string{"name": "a"}, Create: true}, nil)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Contains(t, err.Error(), "boom")
	assert.EqualValues(t, 1, n.Load(), "a create must never be sent twice after reaching the server")
}

func TestCreateResetMidBodyIsNotRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"id":`)
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close()
	}))
	defer srv.Close()
	_, err := newTestClient(t, srv.URL).Do(context.Background(),
		&Request{Method: http.MethodPost, Path: "orders/", Body: map[string]string{}, Create: true}, nil)
	require.Error(t, err)
	assert.EqualValues(t, 1, n.Load())
	// The same break on a GET is retried.
	n.Store(0)
	_, err = newTestClient(t, srv.URL).Get(context.Background(), "x", nil, nil)
	require.Error(t, err)
	assert.EqualValues(t, 4, n.Load())
}

func TestCreate429IsRetried(t *testing.T) {
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(b))
		if len(bodies) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"id":"o1"}`)
	}))
	defer srv.Close()
	var out struct{ ID string }
	_, err := newTestClient(t, srv.URL).Do(context.Background(),
		&Request{Method: http.MethodPost, Path: "orders/", Body: map[string]string{"name": "a"}, Create: true}, &out)
	require.NoError(t, err)
	assert.Equal(t, "o1", out.ID)
	require.Len(t, bodies, 2)
	assert.Equal(t, bodies[0], bodies[1], "the body replays on retry")
	assert.JSONEq(t, `{"name":"a"}`, bodies[1])
}

func TestCreateDialErrorIsRetried(t *testing.T) {
	// A listener that is closed: every dial is refused, so the request provably
	// never reached a server.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	var dials atomic.Int32
	tr := &http.Transport{DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, a)
	}}
	c := newTestClient(t, "http://"+addr, WithHTTPClient(&http.Client{Transport: tr}))
	_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "orders/", Body: map[string]string{}, Create: true}, nil)
	require.Error(t, err)
	assert.EqualValues(t, 4, dials.Load(), "dial errors on a create are retried")
	assert.NotErrorIs(t, err, tasking.ErrServer)
}

func TestDeadlineDuringBackoffReturnsPromptly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRetry(tasking.RetryPolicy{MaxAttempts: 10, InitialInterval: 10 * time.Second, MaxInterval: 20 * time.Second}))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, "x", nil, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorIs(t, err, tasking.ErrServer)
	assert.Less(t, time.Since(start), 150*time.Millisecond, "does not sleep into a deadline it cannot meet")

	// A cancel (no deadline) in the middle of the wait also ends it at once.
	ctx2, cancel2 := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel2)
	start = time.Now()
	_, err = c.Get(ctx2, "x", nil, nil)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestServerThatNeverAnswersIsBoundedByContext(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newTestClient(t, srv.URL).Get(ctx, "x", nil, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)
}

func TestRedirectToAnotherHostDropsCredentials(t *testing.T) {
	var got http.Header
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		fmt.Fprint(w, `{}`)
	}))
	defer other.Close()
	// Serve the API on "localhost" so that the redirect target (127.0.0.1) is
	// another host.
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "Bearer tok", r.Header.Get("Authorization"))
		assert.Equal(t, testKey, r.Header.Get("X-Api-Key"))
		http.Redirect(w, r, other.URL+"/elsewhere", http.StatusFound)
	}))
	defer api.Close()
	base := strings.Replace(api.URL, "127.0.0.1", "localhost", 1)
	c, err := New(API{Name: "test", BaseURL: base, Auth: Chain{
		HeaderAuth{Name: "X-Api-Key", Value: testKey, Secret: testKey},
		HeaderAuth{Name: "Authorization", Value: "Bearer tok", Secret: "tok"},
	}}, Apply())
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "x", nil, nil)
	require.NoError(t, err)
	require.NotNil(t, got, "the redirect was followed")
	assert.Empty(t, got.Get("X-Api-Key"))
	assert.Empty(t, got.Get("Authorization"))
	assert.NotEmpty(t, got.Get("User-Agent"))
}

func TestRedirectLoopIsAnError(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Redirect(w, r, "/again", http.StatusFound)
	}))
	defer srv.Close()
	_, err := newTestClient(t, srv.URL, WithRetry(tasking.NoRetry())).Get(context.Background(), "x", nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "redirects")
	assert.EqualValues(t, 10, n.Load())
}

func TestRedirectSameHostKeepsCredentials(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/x" {
			http.Redirect(w, r, "/x/", http.StatusMovedPermanently)
			return
		}
		got = r.Header.Get("X-Api-Key")
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	_, err := newTestClient(t, srv.URL).Get(context.Background(), "x", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, testKey, got)
}

func TestMalformedJSONGivesDecodeError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"id": "x", "status": `)
	}))
	defer srv.Close()
	var out map[string]any
	_, err := newTestClient(t, srv.URL).Get(context.Background(), "x", nil, &out)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, http.StatusOK, de.StatusCode)
	assert.Contains(t, string(de.Body), `"status"`)
}

func TestBodyOverCapIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"pad":%q}`, strings.Repeat("a", 5000))
	}))
	defer srv.Close()
	var out map[string]any
	_, err := newTestClient(t, srv.URL, WithMaxResponseBytes(1024)).Get(context.Background(), "x", nil, &out)
	require.ErrorIs(t, err, tasking.ErrResponseTooLarge)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
}

func TestSecretsNeverInErrorsOrLogs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"message":"key %s is not valid"}`, r.Header.Get("X-Api-Key"))
	}))
	defer srv.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, srv.URL, WithLogger(logger))
	_, err := c.Get(context.Background(), "x?token="+testKey+"&page=2", nil, nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	for what, s := range map[string]string{
		"error": err.Error(), "body": string(ae.Body), "url": ae.URL, "logs": logs.String(),
		"client %v": fmt.Sprintf("%v %+v %#v", c, c, c), "auth": fmt.Sprintf("%v %#v", c.api.Auth, c.api.Auth),
	} {
		assert.NotContains(t, s, testKey, what)
		assert.NotContains(t, s, "SUPERSECRET", what)
	}
	assert.Contains(t, logs.String(), "status=401")
	assert.Contains(t, logs.String(), "attempt=1")
	assert.Contains(t, ae.URL, "page=2")

	// A network error's message, which net/http builds from the URL, is cleaned too.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	c2 := newTestClient(t, "http://"+addr, WithRetry(tasking.NoRetry()))
	_, err = c2.Get(context.Background(), "x?api_key="+testKey, nil, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testKey)
}

func TestPlainHTTPRefusedUnlessLoopback(t *testing.T) {
	for _, bad := range []string{"http://api.example.com", "ftp://x", "not a url", "/relative", "https://user:pw@api.example.com"} {
		_, err := New(testAPI(bad), Apply())
		assert.Error(t, err, bad)
	}
	for _, good := range []string{"https://api.example.com/v2", "http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:9"} {
		_, err := New(testAPI(good), Apply())
		assert.NoError(t, err, good)
	}
}

func TestPathsQueryAndHeaders(t *testing.T) {
	httpmock.Activate()
	defer httpmock.DeactivateAndReset()
	hc := &http.Client{Transport: httpmock.DefaultTransport}
	c, err := New(testAPI("https://api.example.com/tasking/v2"), Apply(WithHTTPClient(hc), WithUserAgent("myapp/1.0")))
	require.NoError(t, err)
	type opts struct {
		Status   CommaList `url:"status__in,omitempty"`
		Limit    int       `url:"limit,omitempty"`
		Since    Time      `url:"created_time__gte"`
		Ordering string    `url:"ordering,omitempty"`
	}
	httpmock.RegisterResponder(http.MethodGet, "https://api.example.com/tasking/v2/orders/",
		func(r *http.Request) (*http.Response, error) {
			assert.Equal(t, "PENDING,FULFILLED", r.URL.Query().Get("status__in"))
			assert.Equal(t, "50", r.URL.Query().Get("limit"))
			assert.Equal(t, "2026-01-02T00:00:00Z", r.URL.Query().Get("created_time__gte"))
			assert.False(t, r.URL.Query().Has("ordering"))
			assert.Equal(t, "myapp/1.0 eotask/"+Version, r.Header.Get("User-Agent"))
			assert.Equal(t, testKey, r.Header.Get("X-Api-Key"))
			assert.Equal(t, "application/json", r.Header.Get("Accept"))
			return httpmock.NewStringResponse(200, `{"results":[]}`), nil
		})
	_, err = c.Get(context.Background(), "/orders/", &opts{Status: CommaList{"PENDING", "FULFILLED"}, Limit: 50,
		Since: Time(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))}, nil)
	require.NoError(t, err)

	// A next link on the API host is followed; one elsewhere is refused.
	httpmock.RegisterResponder(http.MethodGet, "https://api.example.com/tasking/v2/orders/?limit=10&offset=10",
		httpmock.NewStringResponder(200, `{}`))
	_, err = c.Get(context.Background(), "https://api.example.com/tasking/v2/orders/?limit=10&offset=10", nil, nil)
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "https://evil.example.net/steal", nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not the API host")

	// OmitHeaders removes a credential header for one call.
	httpmock.RegisterResponder(http.MethodGet, "https://api.example.com/tasking/v2/contracts",
		func(r *http.Request) (*http.Response, error) {
			assert.Empty(t, r.Header.Get("X-Api-Key"))
			return httpmock.NewStringResponse(200, `[]`), nil
		})
	_, err = c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "contracts", OmitHeaders: []string{"X-Api-Key"}}, nil)
	require.NoError(t, err)
	assert.Equal(t, 3, httpmock.GetTotalCallCount())
}

func TestUnauthorizedReplaysOnceWithFreshToken(t *testing.T) {
	var calls atomic.Int32
	var refuseAll atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if refuseAll.Load() || r.Header.Get("authorizationToken") != "Bearer t2" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	src := &seqSource{}
	auth := &TokenAuth{Header: "authorizationToken", Source: src}
	c, err := New(API{Name: "t", BaseURL: srv.URL, Auth: auth}, Apply(WithRetry(fastRetry)))
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "tasks/", Body: map[string]int{}, Create: true}, nil)
	require.NoError(t, err)
	assert.EqualValues(t, 2, calls.Load())
	assert.EqualValues(t, 2, src.n.Load())

	// A server that always says 401 gets exactly one replay, never a loop.
	calls.Store(0)
	refuseAll.Store(true)
	_, err = c.Get(context.Background(), "x", nil, nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	assert.EqualValues(t, 2, calls.Load())
}

func TestErrorBodies(t *testing.T) {
	cases := []struct{ body, code, msg string }{
		{`{"detail":"Not found."}`, "", "Not found."},
		{`{"message":"Unauthorized"}`, "", "Unauthorized"},
		{`{"geometry":["Geometry type MultiPoint is not supported."]}`, "", "geometry: Geometry type MultiPoint is not supported."},
		{`{"error":{"code":"UNABLE_TO_UPDATE_FINALIZED_TRANSACTION","message":"finalized"}}`, "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION", "finalized"},
		{`{"error":"plain"}`, "", "plain"},
		{`{"detail":[{"loc":["body","name"],"msg":"field required","type":"x"}]}`, "", "body.name: field required"},
		{`{"Succeeded":false,"Error":{"Message":"bad","Code":992},"Data":{"Wkt":["Only one"]}}`, "992", "bad"},
		{`{"title":"One or more validation errors occurred.","status":400,"errors":{"From":["required"]}}`, "", "One or more validation errors occurred.: From: required"},
		{`<html>Bad Gateway</html>`, "", "<html>Bad Gateway</html>"},
		{`{"non_field_errors":["too many active orders"]}`, "", "too many active orders"},
	}
	for _, tc := range cases {
		e := &tasking.APIError{StatusCode: 400, Body: []byte(tc.body)}
		DecodeErrorBody(e)
		assert.Equal(t, tc.code, e.Code, tc.body)
		assert.Equal(t, tc.msg, e.Message, tc.body)
	}
}

func TestRateLimitSpacesRequests(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRateLimit(20, 1))
	start := time.Now()
	for i := 0; i < 5; i++ {
		_, err := c.Get(context.Background(), "x", nil, nil)
		require.NoError(t, err)
	}
	assert.GreaterOrEqual(t, time.Since(start), 190*time.Millisecond, "5 requests at 20/s with burst 1 take at least 200 ms")
}

func TestFailedHookAndThrottled(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"Succeeded":false,"Error":{"Message":"busy","Code":1003}}`)
			return
		}
		if n.Load() == 2 {
			fmt.Fprint(w, `{"Succeeded":false,"Error":{"Message":"nope","Code":994}}`)
			return
		}
		fmt.Fprint(w, `{"Succeeded":true}`)
	}))
	defer srv.Close()
	api := testAPI(srv.URL)
	api.Failed = func(status int, body []byte) bool {
		var env struct{ Succeeded *bool }
		return json.Unmarshal(body, &env) == nil && env.Succeeded != nil && !*env.Succeeded
	}
	api.Throttled = func(e *tasking.APIError) bool { return e.Code == "1003" }
	c, err := New(api, Apply(WithRetry(fastRetry)))
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "orders", Body: map[string]int{}, Create: true}, nil)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae, "a 200 whose body says it failed is an APIError")
	assert.Equal(t, "994", ae.Code)
	assert.Equal(t, 200, ae.StatusCode)
	assert.EqualValues(t, 2, n.Load(), "code 1003 is retried even on a create; 994 is not")
	assert.False(t, errors.Is(err, tasking.ErrServer))
}

func TestThrottledAnswerMatchesRateLimited(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"code":"BUSY"}`)
	}))
	defer srv.Close()
	api := testAPI(srv.URL)
	api.Throttled = func(e *tasking.APIError) bool { return e.Code == "BUSY" }
	c, err := New(api, Apply(WithRetry(tasking.RetryPolicy{MaxAttempts: 2, InitialInterval: time.Millisecond})))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "x", nil, nil)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.True(t, ae.Throttled)
	assert.True(t, ae.Temporary())
	assert.ErrorIs(t, err, tasking.ErrRateLimited)
	assert.NotErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestResponseDecodeError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"Succeeded":true,"Data":null,"echo":"`+testKey+`"}`)
	}))
	defer srv.Close()
	resp, err := newTestClient(t, srv.URL).Get(context.Background(), "orders/?token="+testKey, nil, nil)
	require.NoError(t, err)
	de := resp.DecodeError(errors.New("no Data"))
	assert.Equal(t, "test", de.Provider)
	assert.Equal(t, http.MethodGet, de.Method)
	assert.Equal(t, srv.URL+"/orders/?token=%5BREDACTED%5D", de.URL)
	assert.ErrorContains(t, de, "no Data")
	assert.JSONEq(t, `{"Succeeded":true,"Data":null,"echo":"[REDACTED]"}`, string(de.Body), "secrets are blanked as in every error")
}

// refusingSource is a token endpoint that answers 401 (a wrong secret).
type refusingSource struct{ n atomic.Int32 }

func (s *refusingSource) Token() (*oauth2.Token, error) {
	s.n.Add(1)
	return nil, &tasking.APIError{Provider: "auth", StatusCode: http.StatusUnauthorized}
}

func TestTokenFetchRefusedIsNotReplayed(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	src := &refusingSource{}
	c, err := New(API{Name: "t", BaseURL: srv.URL, Auth: &TokenAuth{Header: "Authorization", Source: src}}, Apply(WithRetry(fastRetry)))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "x", nil, nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	assert.EqualValues(t, 1, src.n.Load(), "one token request for one call")
	assert.Zero(t, calls.Load(), "no API call without a credential")
}

func TestReadCapped(t *testing.T) {
	body := strings.Repeat("x", 3000)
	for _, size := range []int64{-1, 0, 10, 3000, 5000} {
		got, err := readCapped(strings.NewReader(body), 1<<20, size)
		require.NoError(t, err, "announced %d", size)
		assert.Equal(t, body, string(got), "announced %d", size)
	}
	_, err := readCapped(strings.NewReader(body), 100, 3000)
	assert.ErrorIs(t, err, tasking.ErrResponseTooLarge)
	got, err := readCapped(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(io.ErrUnexpectedEOF)), 100, 10)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "a body cut short is an error, not a short body")
	assert.Equal(t, "abc", string(got))
}

func TestRateLimitPastTheDeadlineEndsAtOnce(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	defer srv.Close()
	c := newTestClient(t, srv.URL, WithRateLimit(0.5, 1)) // one request every 2 s
	_, err := c.Get(context.Background(), "x", nil, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Get(ctx, "x", nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 100*time.Millisecond, "no waiting for a slot the deadline cannot reach")
	assert.EqualValues(t, 1, n.Load())
}

func TestHeaderAuthNeverPrintsTheKey(t *testing.T) {
	const key = "PLAK-secret-0123456789"
	enc := base64.StdEncoding.EncodeToString([]byte(key + ":"))
	for _, a := range []HeaderAuth{
		{Name: "Authorization", Value: "api-key " + key, Secret: key},
		{Name: "Authorization", Value: "Basic " + enc, Secret: key, Encoded: enc},
	} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(verb, a)
			assert.NotContains(t, out, key, verb)
			assert.NotContains(t, out, "UExBSy1zZWNyZXQ", verb) // the base64 form
		}
		assert.Contains(t, fmt.Sprintf("%#v", a), "REDACTED")
		assert.Equal(t, []string{"Authorization"}, a.Headers())
		req, err := http.NewRequest(http.MethodGet, "https://api.planet.com/", nil)
		require.NoError(t, err)
		require.NoError(t, a.Apply(req))
		assert.Equal(t, a.Value, req.Header.Get("Authorization"))
	}
	// Both the key and its Basic encoding are redacted from errors.
	assert.Equal(t, []string{key, enc}, HeaderAuth{Secret: key, Encoded: enc}.Secrets())
	assert.Equal(t, []string{key}, HeaderAuth{Secret: key}.Secrets())
}

func TestOneRefusesAnAnswerWithoutTheResource(t *testing.T) {
	type thing struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	bodies := map[string]string{"": "empty", "null": "null", "{}": "{}", `{"id":null,"name":null}`: "nulls", "  ": "blank"}
	for body, name := range bodies {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }))
		c := newTestClient(t, srv.URL+"/")
		v, err := One(context.Background(), c, &Request{Method: http.MethodGet, Path: "x"}, "thing",
			func(v *thing) bool { return v.ID != "" })
		var de *tasking.DecodeError
		require.ErrorAs(t, err, &de, name)
		assert.Contains(t, err.Error(), "the answer holds no thing", name)
		assert.Nil(t, v, name)
		srv.Close()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"id":"t1"}`) }))
	defer srv.Close()
	v, err := One(context.Background(), newTestClient(t, srv.URL+"/"), &Request{Method: http.MethodGet, Path: "x"}, "thing",
		func(v *thing) bool { return v.ID != "" })
	require.NoError(t, err)
	assert.Equal(t, "t1", v.ID)
}
