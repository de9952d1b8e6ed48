package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fault is what the proxy does to one request.
type fault int

const (
	pass         fault = iota // forward to the simulator
	tooMany                   // 429 without forwarding
	unavailable               // 503 without forwarding
	actThenBad                // forward (the simulator acts), then answer 502
	actThenReset              // forward, then cut the connection half-way through the body
	actThenTrunc              // forward, then send half the body as if it were all of it
	hang                      // never answer
	redirectLoop              // 302 to the same URL, forever
	redirectAway              // 307 to another host
	cycle                     // forward, then make the listing's paging lead back to a page already read
)

// proxy sits between a client and a simulator and applies rule to each
// request. Everything it forwards reaches the simulator unchanged.
type proxy struct {
	t      *testing.T
	target string // the simulator's root URL
	evil   *httptest.Server
	srv    *httptest.Server

	mu   sync.Mutex
	rule func(r *http.Request) fault
	// leaked holds the credential headers the other host received.
	leaked http.Header
	hits   atomic.Int32  // requests the other host received
	seen   atomic.Int32  // requests the proxy received
	done   chan struct{} // closed at cleanup: releases hung handlers
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{t: t, target: target, rule: func(*http.Request) fault { return pass }}
	p.evil = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.leaked = r.Header.Clone()
		p.mu.Unlock()
		p.hits.Add(1)
		http.NotFound(w, r)
	}))
	p.done = make(chan struct{})
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(func() { close(p.done); p.srv.Close(); p.evil.Close() })
	return p
}

// set installs a rule.
func (p *proxy) set(rule func(r *http.Request) fault) {
	p.mu.Lock()
	p.rule = rule
	p.mu.Unlock()
}

// first installs a rule applying f to the first n requests matching method
// ("" for any), passing everything else, and returns how many it applied.
func (p *proxy) first(n int, method string, f fault) *atomic.Int32 {
	var seen, applied atomic.Int32
	p.set(func(r *http.Request) fault {
		if method != "" && r.Method != method {
			return pass
		}
		if int(seen.Add(1)) <= n {
			applied.Add(1)
			return f
		}
		return pass
	})
	return &applied
}

func (p *proxy) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	rule := p.rule
	p.mu.Unlock()
	p.seen.Add(1)
	switch f := rule(r); f {
	case tooMany:
		w.WriteHeader(http.StatusTooManyRequests)
	case unavailable:
		w.WriteHeader(http.StatusServiceUnavailable)
	case hang:
		// Read the body so that the server notices the client hanging up
		// (it does not while a request body is unread).
		io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-p.done:
		}
	case redirectLoop:
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
	case redirectAway:
		http.Redirect(w, r, p.evil.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	default:
		status, header, body := p.forward(r)
		switch f {
		case actThenBad:
			w.WriteHeader(http.StatusBadGateway)
		case actThenReset:
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.WriteHeader(status)
			w.Write(body[:len(body)/2])
			if hj, ok := w.(http.Hijacker); ok {
				conn, _, _ := hj.Hijack()
				conn.Close()
			}
		case cycle:
			body = cyclePaging(r, body)
			w.Header().Set("Content-Type", header.Get("Content-Type"))
			w.WriteHeader(status)
			w.Write(body)
		case actThenTrunc:
			half := body[:len(body)/2]
			w.Header().Set("Content-Type", header.Get("Content-Type"))
			w.Header().Set("Content-Length", strconv.Itoa(len(half)))
			w.WriteHeader(status)
			w.Write(half)
		default:
			for k, vs := range header {
				w.Header()[k] = vs
			}
			w.WriteHeader(status)
			w.Write(body)
		}
	}
}

func (p *proxy) forward(r *http.Request) (int, http.Header, []byte) {
	body, _ := io.ReadAll(r.Body)
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.target+r.URL.RequestURI(), bytes.NewReader(body))
	require.NoError(p.t, err)
	req.Header = r.Header.Clone()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return http.StatusBadGateway, http.Header{}, nil
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	resp.Header.Del("Content-Length")
	return resp.StatusCode, resp.Header, out
}

// cyclePaging rewrites a listing's paging so that it leads back to a page
// already read, in each provider's own terms: a "next" link (Planet,
// Satellogic) alternates between the page asked for and a twin of it marked
// cyc=1; numbered pages (Capella) always say they are page 1 of 3. Other
// bodies pass unchanged.
func cyclePaging(r *http.Request, body []byte) []byte {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	_, hasNext := m["next"]
	_, numbered := m["currentPage"]
	switch {
	case hasNext:
		u := *r.URL
		q := u.Query()
		if q.Has("cyc") {
			q.Del("cyc")
		} else {
			q.Set("cyc", "1")
		}
		u.RawQuery = q.Encode()
		m["next"] = "http://" + r.Host + u.RequestURI()
	case numbered:
		m["currentPage"], m["totalPages"] = 1, 3
	default:
		return body
	}
	out, _ := json.Marshal(m)
	return out
}

// subject is one provider under the campaign: a client through the proxy,
// and one straight to the simulator for checking its state.
type subject struct {
	name   string
	proxy  *proxy
	via    tasking.Provider // through the proxy
	direct tasking.Provider // straight to the simulator
	// stalled goes through the proxy with a short response-header limit and
	// no deadline of the caller's.
	stalled tasking.Provider
	// token goes through the proxy for its token requests too (Satellogic;
	// nil for providers whose credential is a fixed header).
	token     tasking.Provider
	tokenPath string
	// paged says whether the provider's listing has pages (ClearSKY's has
	// none: one request answers it).
	paged   bool
	request func() *tasking.Request
	// read is the method of the request behind Provider.Task: GET, except
	// ClearSKY's order details, a POST.
	read string
}

// rebase replaces the scheme and host of a simulator URL with the proxy's.
func rebase(simURL, root, proxyRoot string) string {
	return proxyRoot + strings.TrimPrefix(simURL, root)
}

// stallLimit is the response-header limit of the subjects' stalled clients.
const stallLimit = 150 * time.Millisecond

func subjects(t *testing.T) []*subject {
	var out []*subject
	fast := tasking.RetryPolicy{MaxAttempts: 4, InitialInterval: time.Millisecond, MaxInterval: 20 * time.Millisecond}
	aoi, err := geo.Footprint(orb.Point{10.13, 55.62}, 4, 4)
	require.NoError(t, err)

	{
		srv := planettest.NewServer()
		t.Cleanup(srv.Close)
		root := srv.URL[:strings.Index(srv.URL, planettest.BasePath)]
		p := newProxy(t, root)
		out = append(out, &subject{name: planet.Name, proxy: p, read: http.MethodGet, paged: true,
			via: srv.Client(planet.WithBaseURL(rebase(srv.URL, root, p.srv.URL)), planet.WithRetry(fast)).Provider(planet.ProviderDefaults{}),
			stalled: srv.Client(planet.WithBaseURL(rebase(srv.URL, root, p.srv.URL)), planet.WithRetry(fast),
				planet.WithHeaderTimeout(stallLimit)).Provider(planet.ProviderDefaults{}),
			direct: srv.Client().Provider(planet.ProviderDefaults{}),
			request: func() *tasking.Request {
				s := srv.Now().Truncate(time.Second)
				return &tasking.Request{Name: "faults", Geometry: orb.Point{31.2, 30.0}, Start: s, End: s.Add(720 * time.Hour)}
			}})
	}
	{
		srv := satellogictest.NewServer()
		t.Cleanup(srv.Close)
		p := newProxy(t, srv.URL)
		out = append(out, &subject{name: satellogic.Name, proxy: p, read: http.MethodGet, paged: true,
			via: srv.Client(satellogic.WithBaseURL(p.srv.URL), satellogic.WithRetry(fast)).Provider(satellogic.ProviderDefaults{}),
			stalled: srv.Client(satellogic.WithBaseURL(p.srv.URL), satellogic.WithRetry(fast),
				satellogic.WithHeaderTimeout(stallLimit)).Provider(satellogic.ProviderDefaults{}),
			token: srv.Client(satellogic.WithBaseURL(p.srv.URL), satellogic.WithTokenURL(p.srv.URL+"/oauth/token"),
				satellogic.WithRetry(fast), satellogic.WithHeaderTimeout(stallLimit)).Provider(satellogic.ProviderDefaults{}),
			tokenPath: "/oauth/token",
			direct:    srv.Client().Provider(satellogic.ProviderDefaults{}),
			request: func() *tasking.Request {
				s := srv.Now().Add(time.Hour).Truncate(time.Second)
				return &tasking.Request{Name: "faults", Geometry: orb.Point{-60.6, -32.9}, Start: s, End: s.Add(168 * time.Hour)}
			}})
	}
	{
		srv := clearskytest.NewServer()
		t.Cleanup(srv.Close)
		p := newProxy(t, srv.URL)
		out = append(out, &subject{name: clearsky.Name, proxy: p, read: http.MethodPost,
			via: srv.Client(clearsky.WithBaseURL(p.srv.URL+"/"), clearsky.WithRetry(fast)).Provider(clearsky.ProviderDefaults{}),
			stalled: srv.Client(clearsky.WithBaseURL(p.srv.URL+"/"), clearsky.WithRetry(fast),
				clearsky.WithHeaderTimeout(stallLimit)).Provider(clearsky.ProviderDefaults{}),
			direct: srv.Client().Provider(clearsky.ProviderDefaults{}),
			request: func() *tasking.Request {
				n := srv.Now().UTC()
				m := time.Date(n.Year(), n.Month()-1, 1, 0, 0, 0, 0, time.UTC)
				return &tasking.Request{Name: "faults", Geometry: aoi, Start: m, End: m.AddDate(0, 1, 0).Add(-time.Second)}
			}})
	}
	{
		srv := capellatest.NewServer()
		t.Cleanup(srv.Close)
		p := newProxy(t, srv.URL)
		out = append(out, &subject{name: capella.Name, proxy: p, read: http.MethodGet, paged: true,
			via: srv.Client(capella.WithBaseURL(p.srv.URL), capella.WithRetry(fast),
				capella.WithAccount(srv.OrgID, srv.UserID)).Provider(capella.ProviderDefaults{}),
			stalled: srv.Client(capella.WithBaseURL(p.srv.URL), capella.WithRetry(fast), capella.WithHeaderTimeout(stallLimit),
				capella.WithAccount(srv.OrgID, srv.UserID)).Provider(capella.ProviderDefaults{}),
			direct: srv.Client().Provider(capella.ProviderDefaults{}),
			request: func() *tasking.Request {
				s := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
				return &tasking.Request{Name: "faults", Geometry: orb.Point{-122.4, 37.8}, Start: s, End: s.Add(192 * time.Hour)}
			}})
	}
	return out
}

// mentions reports whether a request names id in its path or its body (the
// body is put back for the proxy to forward).
func mentions(r *http.Request, id string) bool {
	if strings.Contains(r.URL.Path, id) {
		return true
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	return bytes.Contains(body, []byte(id))
}

// count returns how many tasks the simulator holds.
func count(t *testing.T, p tasking.Provider) int {
	n := 0
	for _, err := range p.Tasks(context.Background(), nil) {
		require.NoError(t, err)
		n++
	}
	return n
}

func ctxFor(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// TestFaultCampaign runs every fault against every provider. Each case ends
// in success or a typed error, within its context, with no second order.
func TestFaultCampaign(t *testing.T) {
	for _, s := range subjects(t) {
		t.Run(s.name, func(t *testing.T) {
			// A task to read, placed cleanly.
			s.proxy.set(func(*http.Request) fault { return pass })
			task, err := s.via.Submit(ctxFor(t, 10*time.Second), s.request())
			require.NoError(t, err)

			t.Run("429 burst on create, then success, one order", func(t *testing.T) {
				before := count(t, s.direct)
				applied := s.proxy.first(3, http.MethodPost, tooMany)
				_, err := s.via.Submit(ctxFor(t, 10*time.Second), s.request())
				require.NoError(t, err)
				assert.EqualValues(t, 3, applied.Load())
				assert.Equal(t, before+1, count(t, s.direct))
			})
			t.Run("5xx storm on reads is retried", func(t *testing.T) {
				applied := s.proxy.first(3, s.read, unavailable)
				got, err := s.via.Task(ctxFor(t, 10*time.Second), task.ID)
				require.NoError(t, err)
				assert.Equal(t, task.ID, got.ID)
				assert.EqualValues(t, 3, applied.Load())
			})
			t.Run("create acted on but answered 502 is not sent again", func(t *testing.T) {
				before := count(t, s.direct)
				applied := s.proxy.first(1, http.MethodPost, actThenBad)
				_, err := s.via.Submit(ctxFor(t, 10*time.Second), s.request())
				require.ErrorIs(t, err, tasking.ErrServer)
				assert.EqualValues(t, 1, applied.Load())
				assert.Equal(t, before+1, count(t, s.direct), "exactly one order: the one the server made")
			})
			t.Run("create cut mid-body is not sent again", func(t *testing.T) {
				before := count(t, s.direct)
				applied := s.proxy.first(1, http.MethodPost, actThenReset)
				_, err := s.via.Submit(ctxFor(t, 10*time.Second), s.request())
				require.Error(t, err)
				assert.EqualValues(t, 1, applied.Load())
				assert.Equal(t, before+1, count(t, s.direct))
			})
			t.Run("read cut mid-body is retried", func(t *testing.T) {
				applied := s.proxy.first(1, s.read, actThenReset)
				_, err := s.via.Task(ctxFor(t, 10*time.Second), task.ID)
				require.NoError(t, err)
				assert.EqualValues(t, 1, applied.Load())
			})
			t.Run("truncated JSON is a DecodeError", func(t *testing.T) {
				s.proxy.set(func(r *http.Request) fault { return actThenTrunc })
				_, err := s.via.Task(ctxFor(t, 10*time.Second), task.ID)
				var de *tasking.DecodeError
				require.ErrorAs(t, err, &de, "got %v", err)
			})
			t.Run("a server that never answers ends with the context", func(t *testing.T) {
				s.proxy.set(func(*http.Request) fault { return hang })
				start := time.Now()
				_, err := s.via.Task(ctxFor(t, 200*time.Millisecond), task.ID)
				require.ErrorIs(t, err, context.DeadlineExceeded)
				assert.Less(t, time.Since(start), 3*time.Second)
			})
			t.Run("a redirect loop is an error, not a hang", func(t *testing.T) {
				s.proxy.set(func(*http.Request) fault { return redirectLoop })
				_, err := s.via.Task(ctxFor(t, 10*time.Second), task.ID)
				require.Error(t, err)
				assert.Contains(t, err.Error(), "redirects")
			})
			t.Run("a redirect to another host carries no credentials", func(t *testing.T) {
				s.proxy.set(func(*http.Request) fault { return redirectAway })
				_, err := s.via.Task(ctxFor(t, 10*time.Second), task.ID)
				require.Error(t, err)
				require.Positive(t, s.proxy.hits.Load(), "the redirect was followed")
				s.proxy.mu.Lock()
				leaked := s.proxy.leaked
				s.proxy.mu.Unlock()
				for _, h := range []string{"Authorization", "X-Api-Key", "authorizationToken", "X-Satellogic-Contract-Id", "Cookie"} {
					assert.Empty(t, leaked.Get(h), "header %s reached the other host", h)
				}
			})
			t.Run("a stalled server without a deadline ends the call", func(t *testing.T) {
				reads := s.proxy.first(1000, "", hang)
				_, err := s.stalled.Task(context.Background(), task.ID)
				require.ErrorIs(t, err, context.DeadlineExceeded)
				var te *tasking.TimeoutError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tasking.LimitResponseHeader, te.Limit)
				assert.EqualValues(t, 4, reads.Load(), "a read is retried within the policy")

				creates := s.proxy.first(1000, http.MethodPost, hang)
				_, err = s.stalled.Submit(context.Background(), s.request())
				require.ErrorAs(t, err, &te)
				assert.EqualValues(t, 1, creates.Load(), "a create that may have reached the server is not sent again")
			})
			if s.token != nil {
				t.Run("a stalled token host ends the call", func(t *testing.T) {
					s.proxy.set(func(r *http.Request) fault {
						if r.URL.Path == s.tokenPath {
							return hang
						}
						return pass
					})
					_, err := s.token.Task(context.Background(), task.ID)
					require.ErrorIs(t, err, context.DeadlineExceeded)
				})
				t.Run("the token request follows no redirect", func(t *testing.T) {
					s.proxy.set(func(r *http.Request) fault {
						if r.URL.Path == s.tokenPath {
							return redirectAway
						}
						return pass
					})
					before := s.proxy.hits.Load()
					_, err := s.token.Task(ctxFor(t, 10*time.Second), task.ID)
					require.Error(t, err)
					assert.Contains(t, err.Error(), "redirect")
					assert.Equal(t, before, s.proxy.hits.Load(), "nothing, and so no client secret, reached the other host")
				})
			} else {
				t.Run("a create redirected to another host carries no credentials", func(t *testing.T) {
					s.proxy.set(func(r *http.Request) fault {
						if r.Method == http.MethodPost && r.URL.Path != "" && !strings.Contains(r.URL.Path, "details") {
							return redirectAway
						}
						return pass
					})
					_, err := s.via.Submit(ctxFor(t, 10*time.Second), s.request())
					require.Error(t, err)
					s.proxy.mu.Lock()
					leaked := s.proxy.leaked
					s.proxy.mu.Unlock()
					for _, h := range []string{"Authorization", "X-Api-Key", "Cookie"} {
						assert.Empty(t, leaked.Get(h), "header %s reached the other host", h)
					}
				})
			}
			t.Run("stalled polls do not starve the Watcher", func(t *testing.T) {
				var stalled, healthy []tasking.TaskRef
				for i := range 4 {
					s.proxy.set(func(*http.Request) fault { return pass })
					tk, err := s.via.Submit(ctxFor(t, 10*time.Second), s.request())
					require.NoError(t, err)
					ref := tasking.TaskRef{Provider: s.name, ID: tk.ID}
					if i < 2 {
						stalled = append(stalled, ref)
					} else {
						healthy = append(healthy, ref)
					}
				}
				var mu sync.Mutex
				polls := map[string]int{}
				s.proxy.set(func(r *http.Request) fault {
					for _, ref := range stalled {
						if mentions(r, ref.ID) {
							return hang
						}
					}
					for _, ref := range healthy {
						if mentions(r, ref.ID) {
							mu.Lock()
							polls[ref.ID]++
							mu.Unlock()
						}
					}
					return pass
				})
				w := &tasking.Watcher{Providers: []tasking.Provider{s.stalled}, Interval: 5 * time.Millisecond,
					Workers: 2, PollTimeout: 200 * time.Millisecond, Budgets: map[string]tasking.Budget{s.name: {Limit: 1000, Burst: 10}}}
				ctx := ctxFor(t, 1500*time.Millisecond)
				done := map[string]bool{}
				for ch, err := range w.Watch(ctx, append(append([]tasking.TaskRef{}, stalled...), healthy...)) {
					if err == nil && ch.Done {
						done[ch.ID] = true
					}
				}
				mu.Lock()
				defer mu.Unlock()
				for _, ref := range healthy {
					// Reaching the end of its lifecycle, or polled at a steady
					// cadence; starved, it would be polled once or not at all.
					assert.True(t, done[ref.ID] || polls[ref.ID] >= 10, "healthy task %s: %d polls, done %v", ref.ID, polls[ref.ID], done[ref.ID])
				}
			})
			t.Run("paging that leads back to a page already read ends", func(t *testing.T) {
				s.proxy.set(func(*http.Request) fault { return cycle })
				before := s.proxy.seen.Load()
				var err error
				n := 0
				for _, e := range s.via.Tasks(ctxFor(t, 10*time.Second), nil) {
					if e != nil {
						err = e
					}
					n++
				}
				requests := s.proxy.seen.Load() - before
				if !s.paged {
					require.NoError(t, err, "a listing without pages cannot cycle")
					assert.EqualValues(t, 1, requests)
					return
				}
				require.ErrorIs(t, err, tasking.ErrPageCycle)
				assert.LessOrEqual(t, requests, int32(4), "it ends at the first page seen twice")
			})
			t.Run("ids that would leave their collection are refused before sending", func(t *testing.T) {
				s.proxy.set(func(*http.Request) fault { return pass })
				before := s.proxy.seen.Load()
				for _, id := range []string{"", ".", "..", "a\nb", "x\x7f", "a/../.."} {
					_, err := s.via.Task(ctxFor(t, 10*time.Second), id)
					var ve *tasking.ValidationError
					if id == "a/../.." {
						// One path segment, escaped, so it cannot leave the
						// collection: refused where ids have a fixed form,
						// otherwise unknown to the server.
						require.True(t, errors.As(err, &ve) || errors.Is(err, tasking.ErrNotFound), "%q: %v", id, err)
						continue
					}
					require.ErrorAs(t, err, &ve, "Task(%q)", id)
					require.ErrorAs(t, s.via.Cancel(ctxFor(t, 10*time.Second), id), &ve, "Cancel(%q)", id)
				}
				assert.LessOrEqual(t, s.proxy.seen.Load()-before, int32(4), "nothing sent but for the one escaped id")
			})
			s.proxy.set(func(*http.Request) fault { return pass })
			_, err = s.via.Task(ctxFor(t, 10*time.Second), task.ID)
			assert.NoError(t, err, "the client is healthy after the campaign")
			var ae *tasking.APIError
			assert.False(t, errors.As(err, &ae))
		})
	}
}
