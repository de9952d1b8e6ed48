package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

const liveToken = "eyJhbGciOiJSUzI1NiJ9.LIVE-TOKEN-good-for-24h.signature"

// fixedSource hands out one token, counting fetches.
type fixedSource struct{ n atomic.Int32 }

func (s *fixedSource) Token() (*oauth2.Token, error) {
	s.n.Add(1)
	return &oauth2.Token{AccessToken: liveToken, TokenType: "Bearer"}, nil
}

// A server that echoes the bearer token it was sent must not get the live
// token into the error, its body or message, the retry log, or any fmt verb.
func TestTokenEchoIsRedacted(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		echo := r.Header.Get("authorizationToken")
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable) // retried: the info-level retry line logs the error
		} else {
			w.WriteHeader(http.StatusBadRequest)
		}
		fmt.Fprintf(w, `{"message":"bad token %s","detail":"you sent authorizationToken: %s"}`, echo, echo)
	}))
	defer srv.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api := API{Name: "test", BaseURL: srv.URL, Auth: &TokenAuth{Header: "authorizationToken", Source: &fixedSource{}}}
	c, err := New(api, Apply(WithRetry(fastRetry), WithLogger(logger)))
	require.NoError(t, err)
	_, err = c.Get(context.Background(), "tasks/1", nil, nil)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, int32(2), calls.Load())
	require.Contains(t, logs.String(), "eotask: retrying")
	for what, s := range map[string]string{
		"error": err.Error(), "body": string(ae.Body), "message": ae.Message, "logs": logs.String(),
		"verbs": fmt.Sprintf("%v %+v %#v %s", err, err, ae, ae),
	} {
		assert.NotContains(t, s, "LIVE-TOKEN", what)
	}
	assert.Contains(t, ae.Message, "[REDACTED]")
}

// A body cut at the error cap must not keep the start of a secret that
// straddles the cut, nor one that the body itself ends in.
func TestRedactBeforeCut(t *testing.T) {
	c := newTestClient(t, "https://api.example.com")
	for name, body := range map[string]string{
		"straddles the cap": strings.Repeat("x", tasking.APIErrorBodyCap-12) + testKey + strings.Repeat("y", 100),
		"ends mid-secret":   strings.Repeat("x", 100) + testKey[:14],
		"escaped":           strings.Repeat("x", tasking.APIErrorBodyCap-5) + "%2F" + testKey,
	} {
		got := string(c.redactBody([]byte(body)))
		assert.LessOrEqual(t, len(got), tasking.APIErrorBodyCap, name)
		for k := minEdgePrefix; k <= len(testKey); k++ {
			assert.NotContains(t, got, testKey[:k], "%s: %d-byte prefix of the key left", name, k)
		}
	}
	// What is not a secret is kept as it was.
	assert.Equal(t, "plain body", string(c.redactBody([]byte("plain body"))))
	assert.Equal(t, "ends sk", string(c.redactBody([]byte("ends sk"))), "a prefix shorter than minEdgePrefix stays")
}

// stalled answers nothing until the client gives up, counting requests.
func stalled(t *testing.T, sendHeaders bool) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.Copy(io.Discard, r.Body) // so that the server notices the client leaving
		if sendHeaders {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusOK)
			fmt.Fprint(w, `{"id":`)
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestDefaultTimeouts(t *testing.T) {
	c := newTestClient(t, "https://api.example.com")
	assert.Equal(t, DefaultHeaderTimeout, c.headerTimeout)
	assert.Equal(t, DefaultAttemptTimeout, c.attemptTimeout)
	off := newTestClient(t, "https://api.example.com", WithTimeout(0), WithHeaderTimeout(-1))
	assert.Zero(t, off.headerTimeout)
	assert.Zero(t, off.attemptTimeout)
}

// With context.Background(), a server that never sends headers ends the call:
// a GET is retried within the policy, a create is sent once.
func TestStalledServerWithoutDeadline(t *testing.T) {
	srv, n := stalled(t, false)
	c := newTestClient(t, srv.URL, WithHeaderTimeout(100*time.Millisecond), WithRetry(tasking.RetryPolicy{
		MaxAttempts: 3, InitialInterval: time.Millisecond}))
	_, err := c.Get(context.Background(), "orders/1/", nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, context.Canceled)
	var te *tasking.TimeoutError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, tasking.LimitResponseHeader, te.Limit)
	assert.Contains(t, err.Error(), "no response headers within 100ms")
	assert.Contains(t, err.Error(), "WithHeaderTimeout")
	assert.Equal(t, int32(3), n.Load(), "a GET is retried")

	n.Store(0)
	_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "orders/", Body: map[string]int{"a": 1}, Create: true}, nil)
	require.ErrorAs(t, err, &te)
	assert.Equal(t, int32(1), n.Load(), "a create that may have reached the server is never sent again")
}

// The per-attempt limit covers the body too, and applies only when the
// caller's context has no deadline.
func TestAttemptTimeout(t *testing.T) {
	srv, n := stalled(t, true)
	c := newTestClient(t, srv.URL, WithTimeout(150*time.Millisecond), WithRetry(tasking.NoRetry()))
	start := time.Now()
	var out map[string]any
	_, err := c.Get(context.Background(), "orders/1/", nil, &out)
	var te *tasking.TimeoutError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, tasking.LimitAttempt, te.Limit)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "WithTimeout")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, int32(1), n.Load())

	// The caller's own deadline replaces the per-attempt limit.
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = c.Get(ctx, "orders/1/", nil, &out)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, errors.As(err, &te), "the caller's deadline fired, not the client's limit: %v", err)
	assert.GreaterOrEqual(t, time.Since(start), 350*time.Millisecond)
}

// A Retry-After longer than the policy allows ends the call with an error
// matching ErrRateLimited, also on a 503 (where it matches ErrServer too).
func TestLongRetryAfterIsRateLimited(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", "600")
			w.WriteHeader(status)
		}))
		c := newTestClient(t, srv.URL)
		_, err := c.Get(context.Background(), "x", nil, nil)
		srv.Close()
		assert.ErrorIs(t, err, tasking.ErrRateLimited, "%d", status)
		var ae *tasking.APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, 10*time.Minute, ae.RetryAfter)
		assert.Equal(t, int32(1), n.Load())
		assert.Contains(t, err.Error(), "asks to wait 10m0s")
		if status == http.StatusServiceUnavailable {
			assert.ErrorIs(t, err, tasking.ErrServer)
		}
	}
}

// An API that follows no redirect sends nothing to the target and says where
// it was sent, once.
func TestNoRedirects(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		var asked atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			asked.Add(1)
			http.Redirect(w, r, other.URL+"/secret-path?sig=abc", code)
		}))
		api := testAPI(srv.URL)
		api.NoRedirects = true
		c, err := New(api, Apply(WithRetry(fastRetry)))
		require.NoError(t, err)
		_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "token", Body: map[string]string{"client_secret": testKey}}, nil)
		srv.Close()
		var re *RedirectError
		require.ErrorAs(t, err, &re, "%d", code)
		assert.Equal(t, code, re.Status)
		assert.Equal(t, strings.TrimPrefix(other.URL, "http://"), re.Host)
		assert.Contains(t, err.Error(), re.Host)
		assert.NotContains(t, err.Error(), testKey)
		assert.NotContains(t, err.Error(), "secret-path", "only the host is named")
		assert.Equal(t, int32(1), asked.Load(), "a refused redirect is not retried")
	}
	assert.Zero(t, elsewhere.Load())
}

// Poll delays are one setting of every client; a negative delay is "not set".
func TestPollDelays(t *testing.T) {
	c := newTestClient(t, "https://api.example.com", WithPollDelays(time.Millisecond, 10*time.Millisecond))
	lo, hi := c.PollDelays()
	assert.Equal(t, time.Millisecond, lo)
	assert.Equal(t, 10*time.Millisecond, hi)
	lo, hi = newTestClient(t, "https://api.example.com", WithPollDelays(-1, -1)).PollDelays()
	assert.Zero(t, lo)
	assert.Zero(t, hi)
}
