package satellogic_test

// Regression tests for the hardening faults of issue #11.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingServer is an httptest server that counts the requests it gets and
// answers them with h (nil: 200 with no body).
func countingServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		if h != nil {
			h(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return ts, &n
}

func TestTokenRedirectToAnotherHostIsRefused(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			other, otherCalls := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"access_token": "stolen", "expires_in": 86400, "token_type": "Bearer"}`))
			})
			api, apiCalls := countingServer(t, nil)
			auth, authCalls := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, other.URL+"/oauth/token", status)
			})
			otherHost := mustHost(t, other.URL)

			c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(api.URL),
				satellogic.WithTokenURL(auth.URL+"/oauth/token"),
				satellogic.WithRetry(tasking.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond}))
			require.NoError(t, err)
			task, err := c.Tasks.Get(context.Background(), 1)
			require.Error(t, err)
			assert.Nil(t, task)

			assert.Zero(t, otherCalls.Load(), "nothing, least of all the client secret, reaches the redirect target")
			assert.Zero(t, apiCalls.Load(), "no API call without a token")
			assert.EqualValues(t, 1, authCalls.Load(), "a refused redirect is not retried")

			var re *transport.RedirectError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, status, re.Status)
			assert.Equal(t, otherHost, re.Host)
			assert.Contains(t, err.Error(), otherHost, "the error names the target host")
			assert.NotContains(t, err.Error(), testSecret)
		})
	}
}

func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u.Host
}

func TestIDsThatCannotNameAResourceSendNothing(t *testing.T) {
	env := newMock(t)
	ctx := context.Background()
	p := env.c.Provider(satellogic.ProviderDefaults{})
	type call func(ctx context.Context) error
	intCalls := map[string]func(id int64) call{
		"Tasks.Get": func(id int64) call {
			return func(ctx context.Context) error { _, err := env.c.Tasks.Get(ctx, id); return err }
		},
		"Tasks.Cancel": func(id int64) call {
			return func(ctx context.Context) error { _, err := env.c.Tasks.Cancel(ctx, id); return err }
		},
		"Tasks.Captures": func(id int64) call {
			return func(ctx context.Context) error { _, err := env.c.Tasks.Captures(ctx, id, nil); return err }
		},
		"Tasks.AllCaptures": func(id int64) call {
			return func(ctx context.Context) error {
				_, err := tasking.Collect(env.c.Tasks.AllCaptures(ctx, id, nil))
				return err
			}
		},
		"Tasks.Wait": func(id int64) call {
			return func(ctx context.Context) error { _, err := env.c.Tasks.Wait(ctx, id, fastWait); return err }
		},
	}
	stringCalls := map[string]func(id string) call{
		"Analysis.Get": func(id string) call {
			return func(ctx context.Context) error {
				_, err := env.c.Analysis.Get(ctx, satellogic.AnalysisCanAdd, id)
				return err
			}
		},
		"Analysis.Wait": func(id string) call {
			return func(ctx context.Context) error {
				_, err := env.c.Analysis.Wait(ctx, satellogic.AnalysisOpportunities, id, fastWait)
				return err
			}
		},
		"Adapter.Task": func(id string) call {
			return func(ctx context.Context) error { _, err := p.Task(ctx, id); return err }
		},
		"Adapter.Cancel": func(id string) call {
			return func(ctx context.Context) error { return p.Cancel(ctx, id) }
		},
	}
	check := func(t *testing.T, f call) {
		t.Helper()
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		err := f(ctx)
		var ve *tasking.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
		assert.NotEmpty(t, ve.Field)
		assert.Zero(t, env.mt.GetTotalCallCount(), "nothing is sent")
	}
	for name, mk := range intCalls {
		for _, id := range []int64{0, -1} {
			t.Run(fmt.Sprintf("%s/%d", name, id), func(t *testing.T) { check(t, mk(id)) })
		}
	}
	for name, mk := range stringCalls {
		for _, id := range []string{"", ".", "..", "a\nb", "\x7f", "\xff"} {
			t.Run(fmt.Sprintf("%s/%q", name, id), func(t *testing.T) { check(t, mk(id)) })
		}
	}
}

// emptyAnswers are 2xx bodies that hold no resource.
var emptyAnswers = map[string]string{
	"empty":      "",
	"whitespace": " \n\t ",
	"null":       "null",
	"{}":         "{}",
	"all null":   `{"task_id": null, "id": null, "status": null, "result": null, "target": null, "task_name": null}`,
}

func TestEmptyAnswerToASingleResourceCallIsADecodeError(t *testing.T) {
	type call func(ctx context.Context, c *satellogic.Client) (any, error)
	calls := map[string]call{
		"Tasks.Get": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Tasks.Get(ctx, 1)
		},
		"Tasks.Create": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Tasks.Create(ctx, validRequest())
		},
		"Tasks.Cancel": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Tasks.Cancel(ctx, 1)
		},
		"Analysis.Get": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Analysis.Get(ctx, satellogic.AnalysisCanAdd, "1")
		},
		"Analysis.Submit can-add": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Analysis.Submit(ctx, satellogic.AnalysisCanAdd, validRequest())
		},
		"Analysis.Submit opportunities": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Analysis.Submit(ctx, satellogic.AnalysisOpportunities, validRequest())
		},
		"Adapter.Task": func(ctx context.Context, c *satellogic.Client) (any, error) {
			return c.Provider(satellogic.ProviderDefaults{}).Task(ctx, "1")
		},
	}
	for name, f := range calls {
		for bname, body := range emptyAnswers {
			t.Run(name+"/"+bname, func(t *testing.T) {
				c, _ := misbehaving(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(body))
				})
				got, err := f(context.Background(), c)
				var de *tasking.DecodeError
				require.ErrorAs(t, err, &de, "got %#v", got)
				assert.Equal(t, satellogic.Name, de.Provider)
				assert.Equal(t, http.StatusOK, de.StatusCode)
				if bname != "null" { // Analysis.UnmarshalJSONFrom refuses a null itself
					assert.Contains(t, err.Error(), "holds no")
				}
				assert.Nil(t, got)
			})
		}
	}
}

// A cancel the server accepted without giving back the task reads the task:
// a nil error always comes with a usable task.
func TestCancelAnsweredWithoutTheTaskReadsIt(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{
		{http.StatusOK, ""}, {http.StatusAccepted, ""}, {http.StatusNoContent, ""},
		{http.StatusOK, `{"status": "canceled"}`}, {http.StatusOK, `OK`}, {http.StatusOK, `null`},
		{http.StatusOK, `[]`}, {http.StatusOK, `{}`},
	} {
		t.Run(strconv.Itoa(tc.status)+" "+tc.body, func(t *testing.T) {
			env := newMock(t)
			env.on(http.MethodPatch, apiBase+"tasking/tasks/301877/cancel/", tc.status, []byte(tc.body))
			env.on(http.MethodGet, apiBase+"tasking/tasks/301877/", 200, fixture(t, "task_canceled.json"))
			task, err := env.c.Tasks.Cancel(context.Background(), 301877)
			require.NoError(t, err)
			require.NotNil(t, task, "a successful cancel returns a usable task")
			assert.Equal(t, satellogic.TaskCanceled, task.Status)
			assert.EqualValues(t, 301877, task.TaskID)
			var calls []string
			for _, s := range env.api.all() {
				calls = append(calls, s.Method+" "+s.URL)
			}
			assert.Equal(t, []string{"PATCH " + apiBase + "tasking/tasks/301877/cancel/",
				"GET " + apiBase + "tasking/tasks/301877/"}, calls)
		})
	}
	t.Run("the read fails", func(t *testing.T) {
		env := newMock(t)
		env.on(http.MethodPatch, apiBase+"tasking/tasks/301877/cancel/", http.StatusNoContent, nil)
		env.on(http.MethodGet, apiBase+"tasking/tasks/301877/", 200, []byte(`{}`))
		task, err := env.c.Tasks.Cancel(context.Background(), 301877)
		assert.Nil(t, task)
		var de *tasking.DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "the cancellation was accepted")
	})
}

// A contract id that cannot travel in a header is refused when the client is
// made, not on every call after the retries.
func TestContractIDIsChecked(t *testing.T) {
	for _, id := range []string{".", "a\nb", "x\x00"} {
		_, err := satellogic.New(satellogic.Credentials{ClientID: "id", ClientSecret: "secret", ContractID: id})
		var ve *tasking.ValidationError
		require.ErrorAs(t, err, &ve, "%q", id)
		assert.Equal(t, "contract_id", ve.Field)
	}
	c, err := satellogic.New(satellogic.Credentials{ClientID: "id", ClientSecret: "secret", ContractID: "c-1"})
	require.NoError(t, err)
	_, err = c.WithContract("bad\r\nX-Evil: 1")
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}
