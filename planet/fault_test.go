package planet_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// patient retries quickly but honours a Retry-After of a second.
var patient = planet.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond,
	MaxInterval: 1500 * time.Millisecond, Jitter: -1})

func TestFault429RetryAfterThenSuccess(t *testing.T) {
	srv, _ := newSim(t)
	c := srv.Client(patient)
	srv.FailNext(1, http.StatusTooManyRequests, time.Second)
	srv.FailNext(2, http.StatusTooManyRequests, 0)
	start := time.Now()
	o, err := c.Orders.Create(ctx, simOrder("throttled"))
	require.NoError(t, err, "a 429 means the create was not acted on: it is retried")
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond, "Retry-After was honoured")
	assert.Equal(t, 1, srv.OrderCount())
	assert.Len(t, srv.Requests(), 4)
	got, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err)
	assert.Equal(t, o.ID, got.ID)
}

func TestFault429LongerThanPolicy(t *testing.T) {
	srv, c := newSim(t) // the simulator's client waits at most 20 ms
	srv.FailNext(1, http.StatusTooManyRequests, 90*time.Second)
	_, err := c.Orders.List(ctx, nil)
	require.ErrorIs(t, err, tasking.ErrRateLimited)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 90*time.Second, apiErr.RetryAfter)
	assert.Contains(t, apiErr.Message, "throttled")
	assert.Len(t, srv.Requests(), 1, "it does not sleep for minutes")
}

func TestFault5xxStormOnGet(t *testing.T) {
	srv, c := newSim(t)
	o, err := c.Orders.Create(ctx, simOrder("storm"))
	require.NoError(t, err)
	srv.ResetRequests()
	srv.FailNext(3, http.StatusServiceUnavailable, 0)
	got, err := c.Orders.Get(ctx, o.ID)
	require.NoError(t, err, "reads are retried through a short storm")
	assert.Equal(t, o.ID, got.ID)
	assert.Len(t, srv.Requests(), 4)

	srv.ResetRequests()
	srv.FailNext(10, http.StatusBadGateway, 0)
	_, err = c.Orders.Get(ctx, o.ID)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Len(t, srv.Requests(), 4, "at most MaxAttempts")
}

func TestFault5xxOnCreateIsNotRetried(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		srv, c := newSim(t)
		srv.FailNext(1, status, 0)
		_, err := c.Orders.Create(ctx, simOrder("once"))
		require.ErrorIs(t, err, tasking.ErrServer, "status %d", status)
		assert.Len(t, srv.Requests(), 1, "status %d: a create is sent once", status)
		assert.Zero(t, srv.OrderCount())
	}
}

// proxyTo returns a server in front of srv whose answers to requests
// matching pick are replaced by status, after srv has acted on them.
func proxyTo(t *testing.T, srv *planettest.Server, pick func(*http.Request) bool, status int) *httptest.Server {
	t.Helper()
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: u.Scheme, Host: u.Host})
	rp.ModifyResponse = func(resp *http.Response) error {
		if pick(resp.Request) {
			resp.StatusCode = status
			resp.Status = http.StatusText(status)
			resp.Body = http.NoBody
			resp.ContentLength = 0
			resp.Header.Del("Content-Length")
		}
		return nil
	}
	front := httptest.NewServer(rp)
	t.Cleanup(front.Close)
	return front
}

func TestFaultCreateAnsweredBadGatewayAfterCommit(t *testing.T) {
	// The order is created, then a gateway loses the answer: the client must
	// not send it again, and the simulator must hold exactly one order.
	srv, _ := newSim(t)
	front := proxyTo(t, srv, func(r *http.Request) bool { return r.Method == http.MethodPost }, http.StatusBadGateway)
	c := srv.Client(planet.WithBaseURL(front.URL + planettest.BasePath))
	_, err := c.Orders.Create(ctx, simOrder("committed"))
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Equal(t, 1, srv.OrderCount(), "exactly one order, never a second")
	posts := 0
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost {
			posts++
		}
	}
	assert.Equal(t, 1, posts)

	// Reads through the same gateway recover by retrying.
	list, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, list.Results, 1)
}

// resetServer cuts the connection in the middle of the body for the first
// cut requests, then proxies to next.
func resetServer(t *testing.T, cut int, next http.Handler) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if int(n.Add(1)) <= cut {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\": \"abc\", \"status\": \"PEN")
			_ = buf.Flush()
			if tc, ok := conn.(interface{ SetLinger(int) error }); ok {
				_ = tc.SetLinger(0) // RST rather than FIN
			}
			_ = conn.Close()
			return
		}
		next.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func TestFaultConnectionResetMidBody(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(fixture(t, "order_flexible.json"))
	})
	// A read: retried past the resets.
	s, n := resetServer(t, 2, ok)
	c, err := planet.New(testKey, planet.WithBaseURL(s.URL), planet.WithRetry(tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond}))
	require.NoError(t, err)
	o, err := c.Orders.Get(ctx, "abc")
	require.NoError(t, err)
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", o.ID)
	assert.Equal(t, int32(3), n.Load())

	// Every attempt cut: a typed error, not a hang.
	s, n = resetServer(t, 100, ok)
	c, err = planet.New(testKey, planet.WithBaseURL(s.URL), planet.WithRetry(tasking.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond}))
	require.NoError(t, err)
	_, err = c.Orders.Get(ctx, "abc")
	require.Error(t, err)
	var de *tasking.DecodeError
	assert.True(t, errors.As(err, &de), "%T %v", err, err)
	assert.Equal(t, int32(3), n.Load())

	// A create cut mid-answer: sent once; the simulator behind holds one order.
	srv, _ := newSim(t)
	u, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: u.Scheme, Host: u.Host})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		proxy.ServeHTTP(rec, r) // the order is created
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 201 Created\r\nContent-Length: 900\r\n\r\n" + rec.Body.String()[:20])
		_ = buf.Flush()
		_ = conn.Close()
	}))
	t.Cleanup(front.Close)
	c = srv.Client(planet.WithBaseURL(front.URL + planettest.BasePath))
	_, err = c.Orders.Create(ctx, simOrder("cut"))
	require.Error(t, err)
	assert.Equal(t, 1, srv.OrderCount())
}

func TestFaultTruncatedAndMalformedJSON(t *testing.T) {
	for name, body := range map[string]string{
		"truncated": `{"id": "abc", "name": "x", "status": "PEN`,
		"html":      `<html><body>Bad gateway</body></html>`,
		"number":    `42`,
	} {
		t.Run(name, func(t *testing.T) {
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(body))
			}))
			defer s.Close()
			c, err := planet.New(testKey, planet.WithBaseURL(s.URL))
			require.NoError(t, err)
			_, err = c.Orders.Get(ctx, "abc")
			var de *tasking.DecodeError
			require.True(t, errors.As(err, &de), "%T %v", err, err)
			assert.Equal(t, planet.Name, de.Provider)
			assert.Equal(t, 200, de.StatusCode)
			_, err = tasking.Collect(c.Orders.All(ctx, nil))
			require.True(t, errors.As(err, &de), "%T %v", err, err)
			_, err = c.ImagingWindows.Get(ctx, "s")
			require.True(t, errors.As(err, &de), "%T %v", err, err)
		})
	}
	// A 502 page in HTML is an APIError with its first line as the message.
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("upstream connect error\nmore"))
	}))
	defer s.Close()
	c, err := planet.New(testKey, planet.WithBaseURL(s.URL), planet.WithRetry(tasking.NoRetry()))
	require.NoError(t, err)
	_, err = c.Orders.Get(ctx, "abc")
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "upstream connect error", apiErr.Message)
}

func TestFaultServerNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer s.Close()
	defer close(release)
	c, err := planet.New(testKey, planet.WithBaseURL(s.URL))
	require.NoError(t, err)
	for name, call := range map[string]func(context.Context) error{
		"get":    func(ctx context.Context) error { _, err := c.Orders.Get(ctx, "abc"); return err },
		"create": func(ctx context.Context) error { _, err := c.Orders.Create(ctx, simOrder("slow")); return err },
		"wait":   func(ctx context.Context) error { _, err := c.Orders.Wait(ctx, "abc", fast); return err },
		"search": func(ctx context.Context) error {
			_, err := c.ImagingWindows.Search(ctx, searchRequest(t), fast)
			return err
		},
	} {
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		start := time.Now()
		err := call(short)
		cancel()
		require.Error(t, err, name)
		assert.ErrorIs(t, err, context.DeadlineExceeded, name)
		assert.Less(t, time.Since(start), 5*time.Second, "%s returns by the deadline", name)
	}
}

func TestFaultRedirectToAnotherHostDropsKey(t *testing.T) {
	var gotAuth atomic.Value
	gotAuth.Store("unset")
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth.Store(r.Header.Get("Authorization"))
		_, _ = w.Write(fixture(t, "order_flexible.json"))
	}))
	defer other.Close()
	// "localhost" and "127.0.0.1" are different hosts to net/http.
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, otherURL+r.URL.Path, http.StatusFound)
	}))
	defer s.Close()
	c, err := planet.New(testKey, planet.WithBaseURL(s.URL))
	require.NoError(t, err)
	_, err = c.Orders.Get(ctx, "abc")
	require.NoError(t, err)
	assert.Empty(t, gotAuth.Load(), "the API key does not follow a redirect to another host")
}

func TestFaultSimulatorRecovers(t *testing.T) {
	// After any fault the same client goes on working against the same state.
	srv, c := newSim(t)
	srv.FailNext(1, http.StatusInternalServerError, 0)
	_, err := c.Orders.Create(ctx, simOrder("a"))
	require.Error(t, err)
	o, err := c.Orders.Create(ctx, simOrder("a"))
	require.NoError(t, err)
	srv.FailNext(2, http.StatusServiceUnavailable, 0)
	final, err := c.Orders.Wait(ctx, o.ID, fast)
	require.NoError(t, err)
	assert.Equal(t, planet.OrderFulfilled, final.Status)
	assert.Equal(t, 1, srv.OrderCount())
}
