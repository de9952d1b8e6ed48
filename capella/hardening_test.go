package capella_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression tests for issue #11: ids that escape their collection, empty
// answers read as successes, and paging data that sends an iteration round
// in circles.

// badIDs are ids no call may put into a path.
var badIDs = []string{"", ".", "..", "a\nb", "\x7f", "\xff"}

// drain ranges over seq and returns its first error.
func drain[T any](seq func(func(T, error) bool)) error {
	var first error
	seq(func(_ T, err error) bool {
		first = err
		return err == nil
	})
	return first
}

func TestIDsNeverEscapeTheirCollection(t *testing.T) {
	c, mt := mock(t)
	a := c.Provider(capella.ProviderDefaults{})
	w := &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: time.Millisecond}
	calls := map[string]func(ctx context.Context, id string) error{
		"Tasks.Get": func(ctx context.Context, id string) error { _, err := c.Tasks.Get(ctx, id); return err },
		"Tasks.Update": func(ctx context.Context, id string) error {
			_, err := c.Tasks.Update(ctx, id, &capella.TaskUpdateRequest{Name: capella.String("n")})
			return err
		},
		"Tasks.SetStatus": func(ctx context.Context, id string) error {
			_, err := c.Tasks.SetStatus(ctx, id, capella.ChangeApproved)
			return err
		},
		"Tasks.Cancel":  func(ctx context.Context, id string) error { _, err := c.Tasks.Cancel(ctx, id); return err },
		"Tasks.Approve": func(ctx context.Context, id string) error { _, err := c.Tasks.Approve(ctx, id); return err },
		"Tasks.Reject":  func(ctx context.Context, id string) error { _, err := c.Tasks.Reject(ctx, id); return err },
		"Tasks.Retask":  func(ctx context.Context, id string) error { _, err := c.Tasks.Retask(ctx, id, nil); return err },
		"Tasks.Collects": func(ctx context.Context, id string) error {
			_, err := c.Tasks.Collects(ctx, id, nil)
			return err
		},
		"Tasks.Wait": func(ctx context.Context, id string) error { _, err := c.Tasks.Wait(ctx, id, w); return err },
		"Tasks.ListByCustomer": func(ctx context.Context, id string) error {
			_, err := c.Tasks.ListByCustomer(ctx, id, nil)
			return err
		},
		"RepeatRequests.Get": func(ctx context.Context, id string) error { _, err := c.RepeatRequests.Get(ctx, id); return err },
		"RepeatRequests.Update": func(ctx context.Context, id string) error {
			_, err := c.RepeatRequests.Update(ctx, id, &capella.RepeatUpdateRequest{Name: capella.String("n")})
			return err
		},
		"RepeatRequests.SetStatus": func(ctx context.Context, id string) error {
			_, err := c.RepeatRequests.SetStatus(ctx, id, capella.RepeatChangeSubmitted)
			return err
		},
		"RepeatRequests.Approve": func(ctx context.Context, id string) error { _, err := c.RepeatRequests.Approve(ctx, id); return err },
		"RepeatRequests.Cancel":  func(ctx context.Context, id string) error { _, err := c.RepeatRequests.Cancel(ctx, id); return err },
		"RepeatRequests.Tasks":   func(ctx context.Context, id string) error { _, err := c.RepeatRequests.Tasks(ctx, id); return err },
		"RepeatRequests.Retask": func(ctx context.Context, id string) error {
			_, err := c.RepeatRequests.Retask(ctx, id, nil)
			return err
		},
		"RepeatRequests.Wait": func(ctx context.Context, id string) error { _, err := c.RepeatRequests.Wait(ctx, id, w); return err },
		"Collects.Get":        func(ctx context.Context, id string) error { _, err := c.Collects.Get(ctx, id); return err },
		"Collects.Status":     func(ctx context.Context, id string) error { _, err := c.Collects.Status(ctx, id); return err },
		"Collects.List":       func(ctx context.Context, id string) error { _, err := c.Collects.List(ctx, id, nil); return err },
		"Collects.All":        func(ctx context.Context, id string) error { return drain(c.Collects.All(ctx, id, nil)) },
		"Collects.Wait":       func(ctx context.Context, id string) error { _, err := c.Collects.Wait(ctx, id, w); return err },
		"Collects.Task":       func(ctx context.Context, id string) error { _, err := c.Collects.Task(ctx, id); return err },
		"Collects.Retask":     func(ctx context.Context, id string) error { _, err := c.Collects.Retask(ctx, id, nil); return err },
		"AccessRequests.Get":  func(ctx context.Context, id string) error { _, err := c.AccessRequests.Get(ctx, id); return err },
		"AccessRequests.Accesses": func(ctx context.Context, id string) error {
			_, err := c.AccessRequests.Accesses(ctx, id)
			return err
		},
		"AccessRequests.Wait": func(ctx context.Context, id string) error { _, err := c.AccessRequests.Wait(ctx, id, w); return err },
		"Orders.Get":          func(ctx context.Context, id string) error { _, err := c.Orders.Get(ctx, id); return err },
		"Orders.Wait":         func(ctx context.Context, id string) error { _, err := c.Orders.Wait(ctx, id, w); return err },
		"Orders.Download":     func(ctx context.Context, id string) error { _, err := c.Orders.Download(ctx, id); return err },
		"Adapter.Task":        func(ctx context.Context, id string) error { _, err := a.Task(ctx, id); return err },
		"Adapter.Cancel":      func(ctx context.Context, id string) error { return a.Cancel(ctx, id) },
	}
	for name, call := range calls {
		for _, id := range badIDs {
			t.Run(fmt.Sprintf("%s/%q", name, id), func(t *testing.T) {
				mt.ZeroCallCounters()
				err := call(ctx(t), id)
				var ve *tasking.ValidationError
				require.ErrorAs(t, err, &ve, "%s(%q)", name, id)
				assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
				assert.NotEmpty(t, ve.Field)
				assert.Zero(t, mt.GetTotalCallCount(), "%s(%q) sent nothing", name, id)
			})
		}
	}
}

// emptyAnswers are 2xx bodies that hold no resource.
var emptyAnswers = map[string]string{
	"empty":      "",
	"whitespace": " \r\n\t ",
	"null":       "null",
	"{}":         "{}",
	"all null": `{"type": null, "geometry": null, "properties": null, "id": null, "collectId": null,
		"taskingrequestId": null, "organizationId": null}`,
}

func TestEmptyAnswerIsNotASuccess(t *testing.T) {
	c, mt := mock(t)
	a := c.Provider(capella.ProviderDefaults{PreApproval: true})
	open := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	calls := map[string]func(ctx context.Context) (any, error){
		"Tasks.Create": func(ctx context.Context) (any, error) { return c.Tasks.Create(ctx, validTask()) },
		"Tasks.Get":    func(ctx context.Context) (any, error) { return c.Tasks.Get(ctx, taskID) },
		"Tasks.Update": func(ctx context.Context) (any, error) {
			return c.Tasks.Update(ctx, taskID, &capella.TaskUpdateRequest{Name: capella.String("n")})
		},
		"Tasks.Approve": func(ctx context.Context) (any, error) { return c.Tasks.Approve(ctx, taskID) },
		"Tasks.Cancel":  func(ctx context.Context) (any, error) { return c.Tasks.Cancel(ctx, taskID) },
		"Tasks.Retask":  func(ctx context.Context) (any, error) { return c.Tasks.Retask(ctx, taskID, nil) },
		"RepeatRequests.Create": func(ctx context.Context) (any, error) {
			return c.RepeatRequests.Create(ctx, validRepeat())
		},
		"RepeatRequests.Get": func(ctx context.Context) (any, error) { return c.RepeatRequests.Get(ctx, repeatID) },
		"RepeatRequests.Update": func(ctx context.Context) (any, error) {
			return c.RepeatRequests.Update(ctx, repeatID, &capella.RepeatUpdateRequest{Name: capella.String("n")})
		},
		"RepeatRequests.Retask": func(ctx context.Context) (any, error) { return c.RepeatRequests.Retask(ctx, repeatID, nil) },
		"Collects.Get":          func(ctx context.Context) (any, error) { return c.Collects.Get(ctx, collID) },
		"Collects.Task":         func(ctx context.Context) (any, error) { return c.Collects.Task(ctx, collID) },
		"Collects.Retask":       func(ctx context.Context) (any, error) { return c.Collects.Retask(ctx, collID, nil) },
		"AccessRequests.Create": func(ctx context.Context) (any, error) {
			return c.AccessRequests.Create(ctx, &capella.AccessRequestCreateRequest{Geometry: orb.Point{10, 20},
				WindowOpen: open, WindowClose: open.AddDate(0, 0, 7)})
		},
		"AccessRequests.Get": func(ctx context.Context) (any, error) { return c.AccessRequests.Get(ctx, accessID) },
		"Users.Me":           func(ctx context.Context) (any, error) { return c.Users.Me(ctx) },
		"Adapter.Task":       func(ctx context.Context) (any, error) { return a.Task(ctx, taskID) },
		"Adapter.Submit": func(ctx context.Context) (any, error) {
			return a.Submit(ctx, &tasking.Request{Geometry: orb.Point{10, 20}, Start: open, End: open.AddDate(0, 0, 8)})
		},
	}
	for name, call := range calls {
		for bodyName, body := range emptyAnswers {
			t.Run(name+"/"+bodyName, func(t *testing.T) {
				mt.Reset()
				mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
					resp := httpmock.NewStringResponse(http.StatusOK, body)
					resp.Header.Set("Content-Type", "application/json")
					resp.Header.Set(offSpecHeader, "1")
					return resp, nil
				})
				got, err := call(ctx(t))
				var de *tasking.DecodeError
				require.ErrorAs(t, err, &de, "%s answered %q", name, body)
				assert.Equal(t, capella.Name, de.Provider)
				assert.Equal(t, http.StatusOK, de.StatusCode)
				assert.NotEmpty(t, de.Method)
				assert.Contains(t, err.Error(), "holds no")
				assert.Nil(t, got)
				assert.Equal(t, 1, mt.GetTotalCallCount(), "one request, not retried")
			})
		}
	}
	// An answer to a status change that is not a request (Capella's SDK has
	// seen {"status":"canceled"}) is followed by a read: never a nil task
	// with a nil error.
	mt.Reset()
	expect{method: "PATCH", path: "/task/" + taskID + "/status", status: 200, fixture: `{"status": "canceled"}`,
		body: `{"status": "canceled"}`, offSpec: true}.register(t, mt)
	expect{method: "GET", path: "/task/" + taskID, status: 200, fixture: "task_completed.json"}.register(t, mt)
	got, err := c.Tasks.Cancel(ctx(t), taskID)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, taskID, got.GetID())
}

// pagedServer is the endpoint of a listing paged by number; answer builds a
// page of one item that says it is page cur of total.
type pagedServer struct {
	method, path string
	answer       func(t *testing.T, cur, total int) any
}

func taskResults(t *testing.T) []json.RawMessage {
	return []json.RawMessage{readFixture(t, "task_completed.json")}
}

var pagedListings = map[string]struct {
	srv  pagedServer
	iter func(c *capella.Client, ctx context.Context) error
}{
	"Tasks.All": {pagedServer{"GET", "/tasks/paged", func(t *testing.T, cur, total int) any {
		return map[string]any{"results": taskResults(t), "currentPage": cur, "totalPages": total}
	}}, func(c *capella.Client, ctx context.Context) error { return drain(c.Tasks.All(ctx, nil)) }},
	"Tasks.SearchAll": {pagedServer{"POST", "/tasks/search", func(t *testing.T, cur, total int) any {
		return map[string]any{"results": taskResults(t), "currentPage": cur, "totalPages": total}
	}}, func(c *capella.Client, ctx context.Context) error { return drain(c.Tasks.SearchAll(ctx, nil)) }},
	"Adapter.Tasks": {pagedServer{"POST", "/tasks/search", func(t *testing.T, cur, total int) any {
		return map[string]any{"results": taskResults(t), "currentPage": cur, "totalPages": total}
	}}, func(c *capella.Client, ctx context.Context) error {
		return drain(c.Provider(capella.ProviderDefaults{}).Tasks(ctx, nil))
	}},
	"RepeatRequests.SearchAll": {pagedServer{"POST", "/repeat-requests/search/", func(t *testing.T, cur, total int) any {
		return map[string]any{"results": []json.RawMessage{readFixture(t, "repeat.json")}, "currentPage": cur, "totalPages": total}
	}}, func(c *capella.Client, ctx context.Context) error { return drain(c.RepeatRequests.SearchAll(ctx, nil)) }},
	"CollectionTypes.All": {pagedServer{"GET", "/collectiontypes/", func(t *testing.T, cur, total int) any {
		return map[string]any{"results": []string{"spotlight"}, "current_page": cur, "total_pages": total}
	}}, func(c *capella.Client, ctx context.Context) error { return drain(c.CollectionTypes.All(ctx, nil)) }},
}

// askedPage reads the page a listing request asks for (URL, else 1).
func askedPage(r *http.Request) int {
	if p, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil {
		return p
	}
	return 1
}

func TestPagingNeverRunsInCircles(t *testing.T) {
	// place says which page and how many pages the server reports when asked
	// for page n.
	scenarios := map[string]struct {
		place   func(n int) (cur, total int)
		wantErr bool
		maxHits int
	}{
		// Page 3 says it is page 1: following it would read 2, 3, 2, 3, …
		"points back": {func(n int) (int, int) {
			if n == 3 {
				return 1, 3
			}
			return n, 3
		}, true, 3},
		// Every page says it is page 1 of 3.
		"same page": {func(int) (int, int) { return 1, 3 }, true, 2},
		// Every page says there is one more: the first answer's count holds.
		"growing total": {func(n int) (int, int) { return n, n + 1 }, false, 2},
	}
	for listing, l := range pagedListings {
		for name, sc := range scenarios {
			t.Run(listing+"/"+name, func(t *testing.T) {
				c, mt := mock(t)
				mt.RegisterResponder(l.srv.method, testBase+l.srv.path, func(r *http.Request) (*http.Response, error) {
					if r.Body != nil {
						_, _ = io.Copy(io.Discard, r.Body)
					}
					cur, total := sc.place(askedPage(r))
					b, err := json.Marshal(l.srv.answer(t, cur, total))
					require.NoError(t, err)
					resp := httpmock.NewBytesResponse(http.StatusOK, b)
					resp.Header.Set("Content-Type", "application/json")
					resp.Header.Set(offSpecHeader, "1")
					return resp, nil
				})
				tctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				defer cancel()
				err := l.iter(c, tctx)
				assert.False(t, errors.Is(err, context.DeadlineExceeded), "the iteration ends by itself: %v", err)
				if sc.wantErr {
					require.Error(t, err)
					assert.Contains(t, err.Error(), "page")
				} else {
					require.NoError(t, err)
				}
				assert.LessOrEqual(t, mt.GetTotalCallCount(), sc.maxHits)
			})
		}
	}
}
