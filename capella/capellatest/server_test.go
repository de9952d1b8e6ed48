package capellatest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func newTask(srv *capellatest.Server, pre bool) *capella.TaskCreateRequest {
	open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	return &capella.TaskCreateRequest{Geometry: orb.Point{2.35, 48.85}, Name: "paris", WindowOpen: open,
		WindowClose: open.Add(8 * 24 * time.Hour), CollectionType: capella.CollectionSpotlight, PreApproval: pre}
}

// call sends a raw request and returns the status, headers and body.
func call(t *testing.T, srv *capellatest.Server, method, path, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "ApiKey "+srv.APIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestEveryOutcomeFollowsTheLifecycle(t *testing.T) {
	want := map[capellatest.Outcome]capella.RequestStatus{
		capellatest.OutcomeCompleted: capella.RequestCompleted, capellatest.OutcomeConflictWarning: capella.RequestCompleted,
		capellatest.OutcomeConflictRejected: capella.RequestRejected, capellatest.OutcomeAnomalyRetry: capella.RequestCompleted,
		capellatest.OutcomeAnomalyFailed: capella.RequestFailed, capellatest.OutcomeExpired: capella.RequestExpired,
		capellatest.OutcomeError: capella.RequestError,
	}
	require.Len(t, want, len(capellatest.Outcomes()))
	for _, outcome := range capellatest.Outcomes() {
		for _, pre := range []bool{false, true} {
			srv := capellatest.NewServer(capellatest.WithStepsPerPoll(0))
			c := srv.Client()
			srv.SetNextOutcome(outcome)
			task, err := c.Tasks.Create(ctx(t), newTask(srv, pre))
			require.NoError(t, err)
			for i := 0; i < 20; i++ {
				st, err := srv.Step(task.GetID())
				require.NoError(t, err)
				if st == string(capella.RequestReview) {
					_, err = c.Tasks.Approve(ctx(t), task.GetID())
					require.NoError(t, err)
				}
				if capella.RequestLifecycle.Terminal(capella.RequestStatus(st)) {
					break
				}
			}
			got, err := c.Tasks.Get(ctx(t), task.GetID())
			require.NoError(t, err)
			assert.Equal(t, want[outcome], got.GetStatus(), "%s (pre-approved %v)", outcome, pre)
			ord := got.Properties.StatusHistory.Ordered()
			for i := 1; i < len(ord); i++ {
				assert.True(t, capella.RequestLifecycle.Allows(ord[i-1].Code, ord[i].Code), "%s: %s → %s", outcome, ord[i-1].Code, ord[i].Code)
				assert.True(t, ord[i].Time.After(ord[i-1].Time), "status times increase")
			}
			// Collect histories follow the collect lifecycle too.
			cols, err := c.Collects.List(ctx(t), task.GetID(), &capella.CollectListOptions{All: true})
			require.NoError(t, err)
			for _, col := range cols {
				h := col.StatusHistory
				for i := len(h) - 1; i > 0; i-- {
					assert.True(t, capella.CollectLifecycle.Allows(h[i].Code, h[i-1].Code), "%s: collect %s → %s", outcome, h[i].Code, h[i-1].Code)
				}
			}
			srv.Close()
		}
	}
}

func TestAdvanceAndStep(t *testing.T) {
	srv := capellatest.NewServer(capellatest.WithStepsPerPoll(0))
	defer srv.Close()
	c := srv.Client()
	a, err := c.Tasks.Create(ctx(t), newTask(srv, true))
	require.NoError(t, err)
	b, err := c.Tasks.Create(ctx(t), newTask(srv, false))
	require.NoError(t, err)
	got, err := c.Tasks.Get(ctx(t), a.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestReceived, got.GetStatus(), "no polling progress with 0 steps")
	srv.Advance()
	assert.Equal(t, string(capella.RequestSubmitted), srv.Status(a.GetID()))
	assert.Equal(t, string(capella.RequestReview), srv.Status(b.GetID()))
	srv.Advance()
	assert.Equal(t, string(capella.RequestReview), srv.Status(b.GetID()), "review waits on the customer")
	_, err = srv.Step("nope")
	require.Error(t, err)
	assert.Empty(t, srv.Status("nope"))
	_, ok := srv.CollectTime(b.GetID())
	assert.False(t, ok, "no collection is planned before the request is active")

	// Two steps per poll.
	srv2 := capellatest.NewServer(capellatest.WithStepsPerPoll(2))
	defer srv2.Close()
	c2 := srv2.Client()
	x, err := c2.Tasks.Create(ctx(t), newTask(srv2, true))
	require.NoError(t, err)
	got, err = c2.Tasks.Get(ctx(t), x.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestActive, got.GetStatus())
}

func TestFailNextAndRequestLog(t *testing.T) {
	srv := capellatest.NewServer()
	defer srv.Close()
	srv.FailNext(1, http.StatusServiceUnavailable, 1500*time.Millisecond)
	srv.FailNext(1, http.StatusTooManyRequests, 1500*time.Millisecond) // faults queue
	for _, want := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		status, h, body := call(t, srv, "GET", "/user?x=1", "")
		assert.Equal(t, want, status)
		assert.Equal(t, "2", h.Get("Retry-After"), "rounded up to seconds")
		assert.JSONEq(t, `{"message":"`+http.StatusText(want)+`"}`, body)
	}
	status, _, body := call(t, srv, "GET", "/user?x=1", "")
	assert.Equal(t, http.StatusOK, status)
	var u map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &u))
	assert.Equal(t, srv.UserID, u["id"])
	assert.Equal(t, srv.OrgID, u["organizationId"])

	call(t, srv, "POST", "/task", `{"bad":true}`)
	log := srv.Requests()
	require.Len(t, log, 4)
	assert.Equal(t, "GET", log[0].Method)
	assert.Equal(t, "/user", log[0].Path)
	assert.Equal(t, "1", log[0].Query.Get("x"))
	assert.Equal(t, "[REDACTED]", log[0].Header.Get("Authorization"))
	assert.Equal(t, `{"bad":true}`, string(log[3].Body))
	assert.Equal(t, []int{503, 429, 200}, []int{log[0].Status, log[1].Status, log[2].Status}, "each answer's status")
	assert.GreaterOrEqual(t, log[3].Status, 400)
	srv.ResetRequests()
	assert.Empty(t, srv.Requests())
}

func TestAuthRoutesAndContentType(t *testing.T) {
	srv := capellatest.NewServer(capellatest.WithAPIKey("k-123"), capellatest.WithAccount("org-1", "user-1"))
	defer srv.Close()
	assert.Equal(t, "k-123", srv.APIKey)
	for _, auth := range []string{"", "ApiKey wrong", "Bearer k-123", "k-123"} {
		status, _, body := call(t, srv, "GET", "/user", "", "Authorization", auth)
		assert.Equal(t, http.StatusUnauthorized, status, auth)
		assert.JSONEq(t, `{"message":"Unauthorized"}`, body)
	}
	status, _, body := call(t, srv, "GET", "/user", "")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"org-1"`)
	status, _, _ = call(t, srv, "GET", "/nowhere", "")
	assert.Equal(t, http.StatusNotFound, status)
	status, _, _ = call(t, srv, "DELETE", "/task/x", "")
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	status, _, body = call(t, srv, "POST", "/task", "a=b", "Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
	assert.Contains(t, body, `"error"`)
	status, _, body = call(t, srv, "GET", "/task/unknown", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.JSONEq(t, `{"error":{"code":"NOT_FOUND","message":"tasking request unknown not found"}}`, body)
	status, _, body = call(t, srv, "GET", "/collects/unknown", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.JSONEq(t, `{"detail":"collect unknown not found"}`, body, "FastAPI-style operations answer FastAPI-style")
	status, h, _ := call(t, srv, "GET", "/collectiontypes/", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "application/json; charset=utf-8", h.Get("Content-Type"))
}

func TestSimulatorValidation(t *testing.T) {
	srv := capellatest.NewServer()
	defer srv.Close()
	ids := `"orgId":"o","userId":"u"`
	cases := []struct {
		name, method, path, body string
		status                   int
		contains                 string
	}{
		{"tier minimum window", "POST", "/task", `{"geometry":{"type":"Point","coordinates":[1,2]},"properties":{` + ids + `,
			"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-02T00:00:00Z","collectionType":"spotlight"}}`,
			422, `"path":"properties.windowClose"`},
		{"area with spotlight", "POST", "/task", `{"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{` + ids + `,
			"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-09T00:00:00Z","collectionType":"spotlight"}}`,
			422, "needs a Point target"},
		{"multipolygon", "POST", "/task", `{"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"properties":{` + ids + `,
			"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-09T00:00:00Z","collectionType":"stripmap_100"}}`,
			422, "multi-polygons"},
		{"not json", "POST", "/task", `{`, 422, "VALIDATION_ERROR"},
		{"repeat area", "POST", "/repeat-requests", `{"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},
			"properties":{` + ids + `,"collectionType":"spotlight","repetitionProperties":{"repeatStart":"2026-06-01T00:00:00Z","repetitionInterval":7}}}`,
			422, "Point"},
		{"repeat interval", "POST", "/repeat-requests", `{"geometry":{"type":"Point","coordinates":[1,2]},
			"properties":{` + ids + `,"collectionType":"spotlight","repetitionProperties":{"repeatStart":"2026-06-01T00:00:00Z","repetitionInterval":0}}}`,
			422, "repetitionInterval"},
		{"repeat end and count", "POST", "/repeat-requests", `{"geometry":{"type":"Point","coordinates":[1,2]},
			"properties":{` + ids + `,"collectionType":"spotlight","repetitionProperties":{"repeatStart":"2026-06-01T00:00:00Z",
			"repetitionInterval":7,"repetitionCount":2,"repeatEnd":"2026-07-01T00:00:00Z"}}}`, 422, "mutually exclusive"},
		{"repeat tier", "POST", "/repeat-requests", `{"geometry":{"type":"Point","coordinates":[1,2]},
			"properties":{` + ids + `,"collectionType":"spotlight","collectionTier":"urgent","repetitionProperties":{"repeatStart":"2026-06-01T00:00:00Z","repetitionInterval":7}}}`,
			422, "collectionTier"},
		{"access window", "POST", "/ma/accessrequests/", `{"geometry":{"type":"Point","coordinates":[1,2]},"properties":{` + ids + `,
			"windowOpen":"2026-06-02T00:00:00Z","windowClose":"2026-06-01T00:00:00Z"}}`, 422, `"loc":["body","properties","windowClose"]`},
		{"access local time string", "POST", "/ma/accessrequests/", `{"geometry":{"type":"Point","coordinates":[1,2]},"properties":{` + ids + `,
			"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-02T00:00:00Z","accessConstraints":{"localTime":"day"}}}`, 422, "localTime"},
		{"access missing user", "POST", "/ma/accessrequests/", `{"geometry":{"type":"Point","coordinates":[1,2]},"properties":{"orgId":"o",
			"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-02T00:00:00Z"}}`, 422, "userId"},
		{"search limit", "POST", "/tasks/search?limit=10", `{"query":{}}`, 400, "limit"},
		{"paged limit", "GET", "/tasks/paged?limit=1", ``, 400, "limit"},
		{"tasks without customer", "GET", "/tasks", ``, 400, "customerId"},
		{"collect list limit", "GET", "/collects/list/x?limit=5000", ``, 404, "not found"},
		{"collection types limit", "GET", "/collectiontypes/?limit=2", ``, 422, `"loc":["body","query","limit"]`},
		{"search operator", "POST", "/tasks/search", `{"query":{"windowDuration":{"between":"1"}}}`, 400, "operator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := call(t, srv, tc.method, tc.path, tc.body)
			assert.Equal(t, tc.status, status, body)
			assert.Contains(t, body, tc.contains)
		})
	}
	assert.Zero(t, srv.TaskCount())
}

func TestSearchAcceptsTheSDKForms(t *testing.T) {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ids := srv.Seed(3)
	rr, err := c.RepeatRequests.Create(ctx(t), &capella.RepeatCreateRequest{Geometry: orb.Point{1, 2}, Name: "Weekly mine",
		CollectionType: capella.CollectionSpotlight, PreApproval: true,
		Repetition: capella.RepetitionProperties{RepeatStart: srv.Now().Add(time.Hour), RepetitionInterval: 7, RepetitionCount: capella.Int(2)}})
	require.NoError(t, err)
	srv.Advance()
	srv.Advance() // active: two children spawned
	count := func(path, body string) int {
		status, _, out := call(t, srv, "POST", path, body)
		require.Equal(t, http.StatusOK, status, out)
		var page struct {
			Results []json.RawMessage `json:"results"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &page))
		return len(page.Results)
	}
	assert.Equal(t, 5, count("/tasks/search", `{}`))
	assert.Equal(t, 3, count("/tasks/search", `{"query":{"includeRepeatingTasks":{"eq":false}}}`), "the SDK's way to drop children")
	assert.Equal(t, 3, count("/tasks/search", `{"query":{"includeRepeatingTasks":false}}`), "Postman's")
	assert.Equal(t, 1, count("/tasks/search", `{"query":{"taskingrequestIds":"`+ids[0]+`"}}`))
	assert.Equal(t, 2, count("/tasks/search", `{"query":{"taskingrequestIds":["`+ids[0]+`","`+ids[2]+`"]}}`))
	assert.Equal(t, 3, count("/tasks/search", `{"query":{"lastStatusCode":{"eq":"completed"}}}`), "eq is the SDK's, not the spec's")
	assert.Equal(t, 2, count("/tasks/search", `{"query":{"repeatrequestId":"`+rr.GetID()+`"}}`))
	first := srv.Now().Add(-210 * time.Minute).Format(time.RFC3339) // between seeded 0 and seeded 1
	assert.Equal(t, 1, count("/tasks/search", `{"query":{"submissionTime":{"lte":"`+first+`"}}}`), "operator objects on date-times")
	assert.Equal(t, 1, count("/tasks/search", `{"query":{"submissionTime":"../`+first+`"}}`), "the spec's open interval")
	assert.Equal(t, 2, count("/tasks/search", `{"query":{"taskingrequestName":{"contains":"WEEKLY"}}}`), "text filters ignore case")
	assert.Equal(t, 1, count("/repeat-requests/search", `{"filter":{"repeatrequestName":{"startsWith":"weekly"}}}`),
		"the SDK's path without the slash and its filter key")
	assert.Equal(t, 0, count("/repeat-requests/search/", `{"query":{"lastStatusCode":"completed"}}`))
	// Sorting and paging.
	status, _, out := call(t, srv, "POST", "/tasks/search?page=1&limit=250", `{"sort":"taskingrequestName","order":"asc"}`)
	require.Equal(t, http.StatusOK, status)
	var page struct {
		Results []struct {
			Properties struct {
				Name string `json:"taskingrequestName"`
			} `json:"properties"`
		} `json:"results"`
		CurrentPage, TotalPages int
	}
	require.NoError(t, json.Unmarshal([]byte(out), &page))
	assert.Equal(t, "Weekly mine", page.Results[0].Properties.Name, "byte order: upper case first")
	assert.Equal(t, "seeded 0", page.Results[2].Properties.Name)
	assert.Equal(t, "seeded 2", page.Results[4].Properties.Name)
	assert.Equal(t, 1, page.TotalPages)

	// Repeat-request children come as tasks of the series.
	kids, err := c.RepeatRequests.Tasks(ctx(t), rr.GetID())
	require.NoError(t, err)
	assert.Len(t, kids, 2)
	for _, k := range kids {
		assert.Equal(t, tasking.StatusPlanning, k.GetStatus().Neutral())
	}
}

func TestAccessRequestsInTheSimulator(t *testing.T) {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	open := srv.Now().Add(time.Hour)
	ar, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{Geometry: orb.Polygon{{{1, 1}, {1.1, 1}, {1.1, 1.1}, {1, 1}}},
		WindowOpen: open, WindowClose: open.Add(48 * time.Hour)})
	require.NoError(t, err)
	acc, err := c.AccessRequests.Accesses(ctx(t), ar.GetID())
	require.NoError(t, err)
	assert.Empty(t, acc, "nothing before processing completes")
	done, err := c.AccessRequests.Wait(ctx(t), ar.GetID(), &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, capella.ProcessingCompleted, done.Properties.ProcessingStatus)
	acc, err = c.AccessRequests.Accesses(ctx(t), ar.GetID())
	require.NoError(t, err)
	assert.Len(t, acc, 5, "one access every 11 hours in 48 hours")
	for i, a := range acc {
		assert.Equal(t, capella.OrbitalPlaneValues()[i%3], a.OrbitalPlane)
		assert.True(t, a.WindowOpen.Before(a.WindowClose))
	}
}

// TestClientPollsFast runs a whole lifecycle (create, review, approve,
// completed) with nil WaitOptions: the simulator's client polls in
// milliseconds, so it ends well within a second.
func TestClientPollsFast(t *testing.T) {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	start := time.Now()
	task, err := c.Tasks.Create(ctx(t), newTask(srv, false))
	require.NoError(t, err)
	task, err = c.Tasks.Wait(ctx(t), task.GetID(), nil)
	require.ErrorIs(t, err, tasking.ErrActionRequired)
	_, err = c.Tasks.Approve(ctx(t), task.GetID())
	require.NoError(t, err)
	task, err = c.Tasks.Wait(ctx(t), task.GetID(), nil)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCompleted, task.GetStatus())
	assert.Less(t, time.Since(start), time.Second)
	lo, hi := c.Provider(capella.ProviderDefaults{}).PollDelays()
	assert.Equal(t, time.Millisecond, lo)
	assert.Equal(t, 10*time.Millisecond, hi)
}

func TestCatalogOrdersAndStorage(t *testing.T) {
	srv := capellatest.NewServer()
	defer srv.Close()
	c := srv.Client()
	task, err := c.Tasks.Create(ctx(t), newTask(srv, true))
	require.NoError(t, err)
	_, err = c.Tasks.Wait(ctx(t), task.GetID(), nil)
	require.NoError(t, err)
	collects, err := c.Collects.List(ctx(t), task.GetID(), nil)
	require.NoError(t, err)
	require.Len(t, collects, 1)
	assert.Equal(t, capella.CollectDelivered, collects[0].GetStatus())

	// The catalog accepts the SDK's "in" form as well.
	status, _, body := call(t, srv, "POST", "/catalog/search",
		`{"query":{"capella:collect_id":{"in":["`+collects[0].CollectID+`"]}},"limit":1}`)
	require.Equal(t, http.StatusOK, status, body)
	var page struct {
		Features []map[string]any `json:"features"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &page))
	assert.Len(t, page.Features, 1, "limit")
	status, _, body = call(t, srv, "POST", "/catalog/search", `{"query":{"cloud_cover":{"lt":5}}}`)
	assert.Equal(t, http.StatusBadRequest, status, body)

	items, err := c.Collects.Products(ctx(t), collects[0].CollectID)
	require.NoError(t, err)
	req := &capella.OrderCreateRequest{}
	for _, it := range items {
		req.Items = append(req.Items, capella.ProductOrderItem{CollectionID: it.Collection, GranuleID: it.ID})
	}
	order, err := c.Orders.Create(ctx(t), req)
	require.NoError(t, err)
	assert.Equal(t, capella.OrderCompleted, order.OrderStatus)
	assert.False(t, *order.Items[0].PreviouslyOrdered)
	again, err := c.Orders.Create(ctx(t), req)
	require.NoError(t, err)
	assert.True(t, *again.Items[0].PreviouslyOrdered)
	got, err := c.Orders.Get(ctx(t), order.OrderID)
	require.NoError(t, err)
	assert.Equal(t, order.OrderID, got.OrderID)

	signed, err := c.Orders.Download(ctx(t), order.OrderID)
	require.NoError(t, err)
	href := signed[0].Assets["HH"].Href
	require.True(t, strings.HasPrefix(href, srv.StorageURL()+"/"))

	// The storage host refuses the API key and a tampered link.
	for _, tc := range []struct {
		href, auth string
		want       int
	}{
		{href, "", http.StatusOK},
		{href, "ApiKey " + srv.APIKey, http.StatusForbidden},
		{strings.Replace(href, "signature=", "signature=0", 1), "", http.StatusForbidden},
	} {
		r, err := http.NewRequest("GET", tc.href, nil)
		require.NoError(t, err)
		if tc.auth != "" {
			r.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(r)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		assert.Equal(t, tc.want, resp.StatusCode, "%s with %q", tc.href, tc.auth)
	}
	require.Eventually(t, func() bool { return len(srv.StorageRequests()) == 3 }, time.Second, time.Millisecond)
	assert.Equal(t, "[REDACTED]", srv.StorageRequests()[1].Header.Get("Authorization"), "the log keeps no key")

	// Unknown orders are 404 in Capella's object error body; expired ones
	// answer ORDER_EXPIRED.
	status, _, body = call(t, srv, "GET", "/orders/nope/download", "")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, `"code":"NOT_FOUND"`)
	srv.SetNow(srv.Now().Add(2 * time.Hour))
	status, _, body = call(t, srv, "GET", "/orders/"+order.OrderID+"/download", "")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `"code":"ORDER_EXPIRED"`)
	status, _, body = call(t, srv, "POST", "/orders", `{"items":[]}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, "ORDER_VALIDATION_ERROR")
}
