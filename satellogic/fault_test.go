package satellogic_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func countPath(srv *satellogictest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func TestFault429BurstWithRetryAfterThenSuccess(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	srv.FailNext(1, http.StatusTooManyRequests, time.Second)
	srv.FailNext(2, http.StatusTooManyRequests, 0)
	start := time.Now()
	task, err := c.Tasks.Create(context.Background(), poi(srv, "after 429s", 3))
	require.NoError(t, err, "a 429 means the create was not acted on: it is retried")
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond, "Retry-After was honoured")
	assert.Equal(t, 4, countPath(srv, http.MethodPost, "/tasking/tasks/"))
	assert.Equal(t, 1, srv.TaskCount(), "exactly one task")
	assert.NotZero(t, task.TaskID)
}

func TestFault429LongerThanPolicyReturnsRateLimited(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client(satellogic.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 10 * time.Millisecond}))
	srv.FailNext(1, http.StatusTooManyRequests, 30*time.Second)
	start := time.Now()
	_, err := c.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrRateLimited)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 30*time.Second, ae.RetryAfter)
	assert.Less(t, time.Since(start), 5*time.Second, "no sleeping for minutes")
}

func TestFault5xxStormOnGetIsRetried(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	task := create(t, c, poi(srv, "storm", 3))
	srv.ResetRequests()
	srv.FailNext(3, http.StatusServiceUnavailable, 0)
	got, err := c.Tasks.Get(context.Background(), task.TaskID)
	require.NoError(t, err)
	assert.Equal(t, task.TaskID, got.TaskID)
	assert.Equal(t, 4, len(srv.Requests()))

	srv.FailNext(10, http.StatusBadGateway, 0)
	_, err = c.Tasks.Get(context.Background(), task.TaskID)
	require.ErrorIs(t, err, tasking.ErrServer, "gives up after the policy's attempts")
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Internal server error", ae.Message)
}

func TestFault5xxStormOnCreateSendsOnce(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	srv.FailNext(5, http.StatusInternalServerError, 0)
	_, err := c.Tasks.Create(context.Background(), poi(srv, "never twice", 3))
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Equal(t, 1, countPath(srv, http.MethodPost, "/tasking/tasks/"), "a create is never sent twice")
	assert.Equal(t, 0, srv.TaskCount())
}

// misbehaving starts a server with a working token endpoint and api for the
// rest.
func misbehaving(t *testing.T, api http.HandlerFunc) (*satellogic.Client, *httptest.Server) {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token": "t", "expires_in": 86400, "token_type": "Bearer"}`))
			return
		}
		api(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(ts.URL), satellogic.WithTokenURL(ts.URL+"/oauth/token"),
		satellogic.WithRetry(tasking.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond}))
	require.NoError(t, err)
	return c, ts
}

func TestFaultCreateAnsweredBadGatewayAfterTheServerActed(t *testing.T) {
	var posts atomic.Int32
	c, _ := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1) // the task is made, then the gateway times out
		}
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(`{"message": "Bad Gateway"}`))
	})
	_, err := c.Tasks.Create(context.Background(), validRequest())
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.EqualValues(t, 1, posts.Load())
}

// resetMidBody hijacks the connection, promises a long body, writes part of
// it and closes.
func resetMidBody(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("no hijacker")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"task_id\": 1, \"sta")
	_ = buf.Flush()
	_ = conn.Close()
}

func TestFaultConnectionResetMidBody(t *testing.T) {
	var gets, posts atomic.Int32
	c, _ := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
		} else {
			gets.Add(1)
		}
		resetMidBody(w)
	})
	_, err := c.Tasks.Get(context.Background(), 1)
	require.Error(t, err)
	var de *tasking.DecodeError
	assert.True(t, errors.As(err, &de), "a body cut short is a DecodeError: %v", err)
	assert.EqualValues(t, 3, gets.Load(), "a read is retried")

	_, err = c.Tasks.Create(context.Background(), validRequest())
	require.Error(t, err)
	assert.EqualValues(t, 1, posts.Load(), "a create whose answer broke off is not sent again")
}

func TestFaultTruncatedJSON(t *testing.T) {
	var calls atomic.Int32
	c, _ := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"count": 3, "next": null, "results": [{"task_id": 1, "status": "recei`))
	})
	_, err := c.Tasks.List(context.Background(), nil)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, satellogic.Name, de.Provider)
	assert.Equal(t, 200, de.StatusCode)
	assert.Contains(t, string(de.Body), "recei")
	assert.EqualValues(t, 1, calls.Load(), "a complete but malformed answer is not retried")

	_, err = c.Analysis.Get(context.Background(), satellogic.AnalysisCanAdd, "1")
	require.ErrorAs(t, err, &de)
	_, err = c.Contracts.List(context.Background())
	require.ErrorAs(t, err, &de)
}

func TestFaultServerThatNeverAnswers(t *testing.T) {
	c, _ := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Tasks.Get(ctx, 1)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second)

	ctx2, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	_, err = c.Tasks.Wait(ctx2, 1, fastWait)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestFaultTokenEndpointThatNeverAnswers(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // net/http notices a closed connection only once the body is read
		<-r.Context().Done()
	}))
	defer ts.Close()
	c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(ts.URL), satellogic.WithTokenURL(ts.URL+"/oauth/token"))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Tasks.List(ctx, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestFaultGarbageAnswers(t *testing.T) {
	for name, body := range map[string]string{
		"html":          "<html><body>502 Bad Gateway</body></html>",
		"array as task": `[1, 2, 3]`,
		"wrong types":   `{"task_id": "abc"}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(body))
			})
			_, err := c.Tasks.Get(context.Background(), 1)
			var de *tasking.DecodeError
			require.ErrorAs(t, err, &de)
		})
	}
}
