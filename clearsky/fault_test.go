package clearsky_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFault429BurstWithRetryAfterThenSuccess(t *testing.T) {
	s := clearskytest.NewServer(clearskytest.WithNow(simNow))
	defer s.Close()
	c := s.Client(clearsky.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 2 * time.Second}))
	s.FailNext(2, http.StatusTooManyRequests, time.Second)
	start := time.Now()
	o, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err, "a 429 did not act on the create: it is retried")
	assert.GreaterOrEqual(t, time.Since(start), 2*time.Second-50*time.Millisecond, "Retry-After is honoured")
	assert.Len(t, s.Requests(), 3)
	assert.Equal(t, 1, s.OrderCount())
	assert.NotEmpty(t, o.TaskOrderGUID)

	// A Retry-After longer than the policy allows ends the call at once.
	s.FailNext(1, http.StatusTooManyRequests, time.Minute)
	_, err = c.Models.List(ctx)
	require.ErrorIs(t, err, tasking.ErrRateLimited)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, time.Minute, ae.RetryAfter)
	assert.Len(t, s.Requests(), 4)
}

func TestFault5xxStormOnReadsIsRetried(t *testing.T) {
	s := clearskytest.NewServer(clearskytest.WithNow(simNow))
	defer s.Close()
	c := s.Client()
	s.FailNext(3, http.StatusServiceUnavailable, 0)
	_, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, s.Requests(), 4)

	// Estimates, searches and details change nothing: retried like reads.
	s.FailNext(2, http.StatusBadGateway, 0)
	_, err = c.Orders.Estimate(ctx, historical(), nil)
	require.NoError(t, err)
	assert.Len(t, s.Requests(), 7)

	// A storm longer than the policy ends with the server error.
	s.FailNext(10, http.StatusInternalServerError, 0)
	_, err = c.Models.List(ctx)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.True(t, clearsky.Retryable(err))
	assert.Len(t, s.Requests(), 11)
}

func TestFault5xxOnCreateIsSentOnce(t *testing.T) {
	s := clearskytest.NewServer(clearskytest.WithNow(simNow))
	defer s.Close()
	c := s.Client()
	s.FailNext(1, http.StatusInternalServerError, 0)
	_, err := c.Orders.Create(ctx, historical(), nil)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Len(t, s.Requests(), 1, "a create is never sent twice after a 5xx")
	assert.Zero(t, s.OrderCount(), "the failed attempt ordered nothing, and nothing was re-sent")

	// The server made the order but the answer was lost in a gateway: still
	// one request, exactly one order.
	s2 := clearskytest.NewServer(clearskytest.WithNow(simNow))
	defer s2.Close()
	target, _ := url.Parse(s2.URL)
	var hits atomic.Int32
	gateway := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		r2 := r.Clone(r.Context())
		r2.URL.Scheme, r2.URL.Host, r2.RequestURI = target.Scheme, target.Host, ""
		resp, err := http.DefaultTransport.RoundTrip(r2)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer gateway.Close()
	c2, err := clearsky.New(s2.APIKey, clearsky.WithBaseURL(gateway.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = c2.Orders.Create(ctx, historical(), nil)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.EqualValues(t, 1, hits.Load())
	assert.Equal(t, 1, s2.OrderCount(), "exactly one order, never a second")

	// Code 1003 says the server refused for load: the create is retried and
	// exactly one order results.
	s.FailNextCode(2, http.StatusBadRequest, clearsky.CodeTooManyConcurrentRequests)
	o, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, s.OrderCount())
	assert.Equal(t, []string{o.TaskOrderGUID}, s.OrderIDs())
	assert.Len(t, s.Requests(), 4)
}

// resetServer answers with a Content-Length it does not honour, then drops
// the connection; after failFor requests it answers body properly.
func resetServer(t *testing.T, failFor int32, body string) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > failFor {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, body)
			return
		}
		hj, ok := w.(http.Hijacker)
		require.True(t, ok)
		conn, buf, err := hj.Hijack()
		require.NoError(t, err)
		defer conn.Close()
		writeHalf(buf, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func writeHalf(buf *bufio.ReadWriter, body string) {
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:len(body)/2])
	_ = buf.Flush()
}

func TestFaultConnectionResetMidBody(t *testing.T) {
	body := string(fixture(t, "list.json"))
	srv, n := resetServer(t, 1, body)
	c, err := clearsky.New(testKey, clearsky.WithBaseURL(srv.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	l, err := c.Orders.List(ctx, nil)
	require.NoError(t, err, "a read cut short is retried")
	assert.Len(t, l.TaskOrders, 2)
	assert.EqualValues(t, 2, n.Load())

	// Always cut: a typed error after the policy's attempts.
	srv2, n2 := resetServer(t, 100, body)
	c2, err := clearsky.New(testKey, clearsky.WithBaseURL(srv2.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = c2.Orders.List(ctx, nil)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.EqualValues(t, fastRetry.MaxAttempts, n2.Load())

	// A create cut short is not sent again.
	srv3, n3 := resetServer(t, 100, string(fixture(t, "create.json")))
	c3, err := clearsky.New(testKey, clearsky.WithBaseURL(srv3.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = c3.Orders.Create(ctx, historical(), nil)
	require.ErrorAs(t, err, &de)
	assert.EqualValues(t, 1, n3.Load())
}

func TestFaultTruncatedJSON(t *testing.T) {
	var n atomic.Int32
	full := string(fixture(t, "details.json"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, full[:len(full)-40])
	}))
	defer srv.Close()
	c, err := clearsky.New(testKey, clearsky.WithBaseURL(srv.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = c.Orders.Get(ctx, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70")
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "clearsky", de.Provider)
	assert.Equal(t, 200, de.StatusCode)
	assert.NotEmpty(t, de.Body)
	assert.EqualValues(t, 1, n.Load(), "a malformed answer is not retried")

	// Malformed JSON on an error status still gives an APIError.
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"Succeeded":false,"Error":{"Mess`)
	}))
	defer srv2.Close()
	c2, err := clearsky.New(testKey, clearsky.WithBaseURL(srv2.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = c2.Models.List(ctx)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
}

func TestFaultServerThatNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c, err := clearsky.New(testKey, clearsky.WithBaseURL(srv.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Orders.Create(short, historical(), nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second, "returns by the context deadline")

	short2, cancel2 := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel2()
	_, err = c.Orders.Wait(short2, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", fastWait())
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestFaultRedirectToAnotherHostDropsTheKey(t *testing.T) {
	var leaked atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("x-api-key"))
		fmt.Fprint(w, string(fixture(t, "models.json")))
	}))
	defer other.Close()
	// 127.0.0.1 and localhost are different hosts to the client.
	otherURL, _ := url.Parse(other.URL)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost:"+otherURL.Port()+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	c, err := clearsky.New(testKey, clearsky.WithBaseURL(redirect.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = c.Models.List(ctx)
	require.NoError(t, err)
	assert.Equal(t, "", leaked.Load(), "x-api-key does not follow a redirect to another host")
}
