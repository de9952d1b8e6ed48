package capella_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func countCreates(srv *capellatest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && r.Path == "/task" {
			n++
		}
	}
	return n
}

func TestFault429ThenSuccess(t *testing.T) {
	srv, _ := simClient(t)
	c := srv.Client(capella.WithAccount(srv.OrgID, srv.UserID),
		capella.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 2 * time.Second}))
	srv.FailNext(2, http.StatusTooManyRequests, time.Second)
	start := time.Now()
	task, err := c.Tasks.Create(ctx(t), pointTask(srv, "after a burst"))
	require.NoError(t, err, "429 means the create was not acted on: it is retried")
	assert.NotEmpty(t, task.GetID())
	assert.GreaterOrEqual(t, time.Since(start), 1900*time.Millisecond, "Retry-After was honoured twice")
	assert.Equal(t, 3, countCreates(srv))
	assert.Equal(t, 1, srv.TaskCount(), "one order")

	// A Retry-After longer than the policy allows ends the call at once.
	srv.FailNext(1, http.StatusTooManyRequests, time.Hour)
	start = time.Now()
	_, err = c.Tasks.Get(ctx(t), task.GetID())
	require.ErrorIs(t, err, tasking.ErrRateLimited)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, time.Hour, ae.RetryAfter)
	assert.Less(t, time.Since(start), time.Second)
}

func TestFault5xxStorm(t *testing.T) {
	srv, c := simClient(t)
	task, err := c.Tasks.Create(ctx(t), pointTask(srv, "storm"))
	require.NoError(t, err)

	srv.ResetRequests()
	srv.FailNext(3, http.StatusServiceUnavailable, 0)
	got, err := c.Tasks.Get(ctx(t), task.GetID())
	require.NoError(t, err, "a GET is retried through the storm")
	assert.Equal(t, task.GetID(), got.GetID())
	assert.Len(t, srv.Requests(), 4)

	srv.ResetRequests()
	srv.FailNext(4, http.StatusBadGateway, 0) // faults queue: exactly the four attempts
	_, err = c.Tasks.Get(ctx(t), task.GetID())
	require.ErrorIs(t, err, tasking.ErrServer, "after the attempts run out")
	assert.Len(t, srv.Requests(), 4)

	// A create answered 5xx is never sent twice.
	srv.ResetRequests()
	srv.FailNext(1, http.StatusInternalServerError, 0) // a retry would succeed
	_, err = c.Tasks.Create(ctx(t), pointTask(srv, "not twice"))
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Equal(t, 1, countCreates(srv), "exactly one POST")
	assert.Equal(t, 1, srv.TaskCount(), "the failed create placed no order")

	// A server that acts and then fails (a gateway timeout after the order was
	// placed) still gets one POST: the client never orders twice.
	var posts atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := url.Parse(srv.URL)
		r2 := r.Clone(r.Context())
		r2.URL.Scheme, r2.URL.Host, r2.RequestURI = u.Scheme, u.Host, ""
		resp, err := http.DefaultTransport.RoundTrip(r2)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if r.Method == http.MethodPost {
			posts.Add(1)
			w.WriteHeader(http.StatusGatewayTimeout)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
	}))
	defer proxy.Close()
	pc, err := capella.New(srv.APIKey, capella.WithBaseURL(proxy.URL), capella.WithAccount(srv.OrgID, srv.UserID),
		capella.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = pc.Tasks.Create(ctx(t), pointTask(srv, "acted on"))
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.EqualValues(t, 1, posts.Load())
	assert.Equal(t, 2, srv.TaskCount(), "exactly one more order, never two")
}

// misbehaving answers every request with h.
func misbehaving(t *testing.T, h http.HandlerFunc) *capella.Client {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	c, err := capella.New(testKey, capella.WithBaseURL(s.URL), capella.WithRetry(fastRetry), capella.WithAccount(testOrg, testUser))
	require.NoError(t, err)
	return c
}

func reset(w http.ResponseWriter, partial string) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n" + partial)
	_ = buf.Flush()
	_ = conn.Close()
}

func TestFaultConnectionResetMidBody(t *testing.T) {
	var n atomic.Int32
	c := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		reset(w, `{"type":"Feature","properties":{"taskingrequestId":"`)
	})
	_, err := c.Tasks.Get(ctx(t), taskID)
	require.Error(t, err)
	var de *tasking.DecodeError
	assert.True(t, errors.As(err, &de), "a body cut short is a DecodeError: %v", err)
	assert.EqualValues(t, 3, n.Load(), "a read is retried")

	n.Store(0)
	_, err = c.Tasks.Create(ctx(t), validTask())
	require.Error(t, err)
	assert.EqualValues(t, 1, n.Load(), "a create whose answer broke off is not sent again")
}

func TestFaultTruncatedAndMalformedJSON(t *testing.T) {
	full := readFixture(t, "task_review.json")
	for name, body := range map[string][]byte{
		"truncated":   full[:len(full)/2],
		"not json":    []byte(`<html>502 Bad Gateway</html>`),
		"wrong shape": []byte(`["a list", "not a task"]`),
	} {
		t.Run(name, func(t *testing.T) {
			c := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(body)
			})
			_, err := c.Tasks.Get(ctx(t), taskID)
			var de *tasking.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, http.StatusOK, de.StatusCode)
			assert.NotEmpty(t, de.Body)
			assert.Equal(t, capella.Name, de.Provider)
		})
	}
	// A 5xx with an HTML body is an APIError carrying its first line.
	c := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html>upstream down</html>\nmore"))
	})
	_, err := c.Tasks.Get(ctx(t), taskID)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "<html>upstream down</html>", ae.Message)
}

func TestFaultServerNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	c := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	cctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Tasks.Get(cctx, taskID)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second, "returns by the deadline")
	_, err = c.Tasks.Wait(cctx, taskID, fastWait)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestFaultRedirectKeepsTheKeyHome(t *testing.T) {
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(readFixture(t, "task_review.json"))
	}))
	defer other.Close()
	// Same loopback IP, another port: another host for the redirect policy.
	c := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	_, err := c.Tasks.Get(ctx(t), taskID)
	require.NoError(t, err)
	assert.Equal(t, "", leaked.Load(), "the API key does not follow a redirect to another host")
}
