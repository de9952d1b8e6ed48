package capella_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey  = "test-api-key-7f3a"
	testBase = "https://api.capellaspace.com"
	testOrg  = "5b8e2c0a-1f0e-4d5e-9c61-3a2b1c0d9e8f"
	testUser = "0f6c1a1e-2a33-4c7b-9a59-1b2f6e2b7d10"
	taskID   = "45b0e94b-6107-4671-ab13-d526e45d88c2"
	repeatID = "7d0c2f3e-9a51-4c4e-8b7e-2f6a4f1d9c11"
	collID   = "c0113c70-0000-4000-8000-000000000c01"
	accessID = "c1f9e2a4-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
)

var fastRetry = tasking.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Millisecond, MaxInterval: 5 * time.Millisecond}

// mock returns a client whose requests go to an httpmock transport through
// the validating transport.
func mock(t *testing.T, opts ...capella.Option) (*capella.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	vt := newValidatingTransport(t, mt)
	base := []capella.Option{capella.WithHTTPClient(&http.Client{Transport: vt}), capella.WithRetry(fastRetry),
		capella.WithAccount(testOrg, testUser)}
	c, err := capella.New(testKey, append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// expect is what a mocked operation checks in the request it receives.
type expect struct {
	method, path string
	query        url.Values // exact query, nil for none
	body         string     // JSON the body must equal, "" for none
	status       int
	fixture      string // testdata file answered, or literal JSON when it starts with { or [
	offSpec      bool
}

func (e expect) register(t *testing.T, mt *httpmock.MockTransport) {
	t.Helper()
	mt.RegisterResponder(e.method, testBase+e.path, func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "ApiKey "+testKey, r.Header.Get("Authorization"))
		assert.Equal(t, "application/json", r.Header.Get("Accept"))
		assert.Contains(t, r.Header.Get("User-Agent"), "eotask/")
		if e.query != nil {
			assert.Equal(t, e.query, r.URL.Query(), "query of %s %s", e.method, e.path)
		} else {
			assert.Empty(t, r.URL.RawQuery, "query of %s %s", e.method, e.path)
		}
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
		}
		if e.body != "" {
			assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			assert.JSONEq(t, e.body, string(body), "body of %s %s", e.method, e.path)
		} else {
			assert.Empty(t, body)
		}
		data := []byte(e.fixture)
		if !strings.HasPrefix(e.fixture, "{") && !strings.HasPrefix(e.fixture, "[") {
			data = readFixture(t, e.fixture)
		}
		resp := httpmock.NewBytesResponse(e.status, data)
		resp.Header.Set("Content-Type", "application/json; charset=utf-8")
		if e.offSpec {
			resp.Header.Set(offSpecHeader, "1")
		}
		return resp, nil
	})
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestNewAndSecrets(t *testing.T) {
	_, err := capella.New("")
	require.Error(t, err)
	_, err = capella.New("   ")
	require.Error(t, err)
	_, err = capella.New("ApiKey ")
	require.Error(t, err, "a bare prefix is no key")
	_, err = capella.New("k\nInjected: x")
	require.Error(t, err)
	_, err = capella.New("apikey two words")
	require.Error(t, err)
	_, err = capella.New(testKey, capella.WithBaseURL("http://api.example.com"))
	require.Error(t, err, "plain http off loopback")
	_, err = capella.New(testKey, capella.WithBaseURL("::not a url"))
	require.Error(t, err)

	c, err := capella.New(testKey)
	require.NoError(t, err)
	assert.Equal(t, testBase+"/", c.BaseURL().String())
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(f, c)
		assert.NotContains(t, out, testKey, f)
		assert.Contains(t, out, "capella", f)
	}
	acct := capella.Account{OrgID: testOrg, UserID: testUser}
	assert.NotContains(t, fmt.Sprintf("%#v", acct), testKey)

	// A key given with its prefix is sent once, and never appears in errors.
	mc, mt := mock(t)
	mt.RegisterResponder("GET", testBase+"/task/x", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "ApiKey "+testKey, r.Header.Get("Authorization"))
		resp := httpmock.NewStringResponse(400, `{"error":{"code":"NOT_AUTHORIZED","message":"bad key `+testKey+`"}}`)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	_, err = mc.Tasks.Get(ctx(t), "x")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testKey)
	prefixed, err := capella.New("ApiKey "+testKey, capella.WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	_, _ = prefixed.Tasks.Get(ctx(t), "x")
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

func TestTasksCreate(t *testing.T) {
	c, mt := mock(t)
	expect{method: "POST", path: "/task", status: 201, fixture: "task_created_polygon.json", body: `{
		"type": "Feature",
		"geometry": {"type": "Polygon", "coordinates": [[[179.1,66.42],[179.5,66.42],[179.5,66.58],[179.1,66.58],[179.1,66.42]]]},
		"contractId": "c0ffee00-0000-4000-8000-000000000001",
		"properties": {
			"taskingrequestName": "area", "taskingrequestDescription": "coast",
			"orgId": "` + testOrg + `", "userId": "` + testUser + `",
			"windowOpen": "2026-06-01T00:00:00.000Z", "windowClose": "2026-07-01T00:00:00.500Z",
			"collectionTier": "flexible", "collectionType": "stripmap_100", "archiveHoldback": "30_day",
			"preApproval": true, "customAttribute1": "My New Project", "customAttribute2": "XYZ123",
			"processingConfig": {"productTypes": ["SLC", "GEO"]},
			"collectConstraints": {"lookDirection": "right", "ascDsc": "descending", "orbitalPlanes": [45, 97],
				"localTime": [[21600, 64800]], "offNadirMin": 15, "offNadirMax": 45, "imageWidth": 20000,
				"imageLength": 10000, "polarization": "VV", "squint": "disabled", "azimuthAngleMin": 10,
				"azimuthAngleMax": 350, "grazingAngleMin": 20, "grazingAngleMax": 70, "maxSquintAngle": 5,
				"numLooks": 9, "prescribedCollectMidtime": "2026-06-10T12:00:00.000Z", "neszMax": -15}
		}}`}.register(t, mt)
	open := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	task, err := c.Tasks.Create(ctx(t), &capella.TaskCreateRequest{
		Geometry: orb.Polygon{{{179.1, 66.42}, {179.5, 66.42}, {179.5, 66.58}, {179.1, 66.58}, {179.1, 66.42}}},
		Name:     "area", Description: "coast", WindowOpen: open, WindowClose: open.AddDate(0, 0, 30).Add(500 * time.Millisecond),
		CollectionTier: capella.TierFlexible, CollectionType: capella.CollectionStripmap100, ArchiveHoldback: capella.HoldbackThirtyDay,
		PreApproval: true, CustomAttribute1: "My New Project", CustomAttribute2: "XYZ123",
		ProductTypes: []capella.ProductType{capella.ProductSLC, capella.ProductGEO}, ContractID: "c0ffee00-0000-4000-8000-000000000001",
		Constraints: &capella.CollectConstraints{LookDirection: capella.LookRight, AscDsc: capella.OrbitDescending,
			OrbitalPlanes: []capella.OrbitalPlane{capella.OrbitalPlane45, capella.OrbitalPlane97},
			LocalTime:     &capella.LocalTime{Ranges: [][2]float64{{21600, 64800}}}, OffNadirMin: capella.Float(15),
			OffNadirMax: capella.Float(45), ImageWidth: capella.Float(20000), ImageLength: capella.Float(10000),
			Polarization: capella.PolarizationVV, Squint: capella.SquintDisabled, AzimuthMin: capella.Float(10),
			AzimuthMax: capella.Float(350), GrazingMin: capella.Float(20), GrazingMax: capella.Float(70),
			MaxSquintAngle: capella.Float(5), NumLooks: capella.Int(9),
			PrescribedCollectMidtime: time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC),
			Unknown:                  jsontext.Value(`{"neszMax":-15}`)},
	})
	require.NoError(t, err)
	assert.Equal(t, "b1e7c0de-0000-4000-8000-0000000000a1", task.GetID())
	assert.Equal(t, capella.RequestReceived, task.GetStatus())
	assert.IsType(t, orb.Polygon{}, task.Geometry)
	assert.Equal(t, capella.CollectionStripmap100, task.Properties.CollectionType)
	assert.Equal(t, capella.ModeStripmap, task.Properties.ImagingMode)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "one POST, no GET /user: WithAccount gave the ids")
}

func TestTasksCreateReadsAccountOnce(t *testing.T) {
	mt := httpmock.NewMockTransport()
	c, err := capella.New(testKey, capella.WithHTTPClient(&http.Client{Transport: newValidatingTransport(t, mt)}), capella.WithRetry(fastRetry))
	require.NoError(t, err)
	expect{method: "GET", path: "/user", status: 200, fixture: "user.json"}.register(t, mt)
	mt.RegisterResponder("POST", testBase+"/task", func(r *http.Request) (*http.Response, error) {
		var body struct {
			Properties struct{ OrgID, UserID string }
		}
		require.NoError(t, json.UnmarshalRead(r.Body, &body, json.MatchCaseInsensitiveNames(true)))
		assert.Equal(t, testOrg, body.Properties.OrgID)
		assert.Equal(t, "someone-else", body.Properties.UserID, "a request's own id wins")
		resp := httpmock.NewBytesResponse(201, readFixture(t, "task_created_polygon.json"))
		resp.Header.Set("Content-Type", "application/json; charset=utf-8")
		return resp, nil
	})
	open := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 2; i++ {
		_, err := c.Tasks.Create(ctx(t), &capella.TaskCreateRequest{Geometry: orb.Point{1, 2}, UserID: "someone-else",
			WindowOpen: open, WindowClose: open.AddDate(0, 0, 7), CollectionType: capella.CollectionSpotlight})
		require.NoError(t, err)
	}
	info := mt.GetCallCountInfo()
	assert.Equal(t, 1, info["GET "+testBase+"/user"], "GET /user is read once and cached")
	assert.Equal(t, 2, info["POST "+testBase+"/task"])
}

func TestTasksGetDecodesEverything(t *testing.T) {
	c, mt := mock(t)
	expect{method: "GET", path: "/task/" + taskID, status: 200, fixture: "task_review.json"}.register(t, mt)
	task, err := c.Tasks.Get(ctx(t), taskID)
	require.NoError(t, err)
	p := task.Properties
	assert.Equal(t, taskID, task.GetID())
	assert.Equal(t, orb.Point{-122.4163, 37.7612}, task.Geometry)
	assert.Equal(t, "SF harbour spotlight", p.Name)
	assert.Equal(t, "weekly check", p.Description)
	assert.Equal(t, time.Date(2026, 5, 31, 18, 2, 11, 120e6, time.UTC), p.SubmissionTime)
	assert.Equal(t, time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC), p.WindowClose)
	assert.Equal(t, 604800.0, *p.WindowDuration)
	assert.Equal(t, capella.TierStandard, p.CollectionTier)
	assert.Equal(t, capella.HoldbackNone, p.ArchiveHoldback)
	assert.Equal(t, capella.TransactionPendingCustomerApproval, p.TransactionStatus)
	assert.Equal(t, capella.RequestReview, task.GetStatus())
	assert.Equal(t, tasking.StatusActionRequired, task.GetStatus().Neutral())
	assert.Equal(t, "project-x", *p.CustomAttribute1)
	assert.Nil(t, p.CustomAttribute2)
	assert.False(t, *p.PreApproval)
	assert.Equal(t, []capella.ProductType{capella.ProductGEO, capella.ProductSLC}, p.ProcessingConfig.ProductTypes)
	assert.Equal(t, capella.RadarOnboard, p.Constraints.RadarParameters.Method)
	assert.JSONEq(t, `{"neszMax":-15}`, string(p.Constraints.Unknown), "undeclared constraint keys are kept")
	assert.Equal(t, 0.5, *p.Constraints.GRRMin)
	assert.Equal(t, [][2]float64{{0, 86400}}, p.Constraints.LocalTime.Ranges)
	assert.Empty(t, p.ConflictingTasks)
	assert.Equal(t, capella.ConflictNone, task.ConflictMeaning())
	cost := task.Cost()
	require.NotNil(t, cost)
	assert.Equal(t, 1000.0, cost.Amount)
	assert.Equal(t, "USD", cost.Currency)
	assert.Equal(t, "$1,000.00", cost.Text)
	assert.Equal(t, 25.0, p.Order.LineItems[0].AccountingSize.Value)
	assert.Nil(t, task.Unknown, "every member of the Feature is known")
	assert.Nil(t, p.Unknown, "every property of the fixture is known")
	assert.Same(t, task, task.Neutral().Raw, "the neutral view's Raw is the task itself")
	h := task.History()
	require.Len(t, h, 2)
	assert.Equal(t, "received", h[0].Raw)
	assert.Equal(t, tasking.StatusReceived, h[0].Status)
	assert.Equal(t, "Tasking request ready for review.", h[1].Message)

	_, err = c.Tasks.Get(ctx(t), " ")
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "taskingrequestId", ve.Field)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestTasksListAndAll(t *testing.T) {
	c, mt := mock(t)
	calls := 0
	mt.RegisterResponder("GET", testBase+"/tasks/paged", func(r *http.Request) (*http.Response, error) {
		calls++
		q := r.URL.Query()
		assert.Equal(t, testUser, q.Get("customerId"))
		assert.Equal(t, testOrg, q.Get("organizationId"))
		assert.Equal(t, "5", q.Get("limit"), "the limit is clamped to Capella's minimum 5")
		assert.Equal(t, "submissionTime", q.Get("sort"), "a sort key is always sent")
		assert.Equal(t, "desc", q.Get("order"))
		assert.Equal(t, fmt.Sprint(calls), q.Get("page"))
		var page map[string]any
		require.NoError(t, json.Unmarshal(readFixture(t, "tasks_paged.json"), &page))
		page["currentPage"] = calls
		b, _ := json.Marshal(page)
		resp := httpmock.NewBytesResponse(200, b)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	opts := &capella.TaskListOptions{CustomerID: testUser, OrganizationID: testOrg, Limit: 2}
	first, err := c.Tasks.List(ctx(t), &capella.TaskListOptions{CustomerID: testUser, OrganizationID: testOrg, Limit: 2, Page: 1})
	require.NoError(t, err)
	assert.Len(t, first.Tasks, 2)
	assert.Equal(t, 2, first.Next())
	calls = 0
	var ids []string
	for task, err := range c.Tasks.All(ctx(t), opts) {
		require.NoError(t, err)
		ids = append(ids, task.GetID())
	}
	assert.Len(t, ids, 6, "three pages of two")
	assert.Equal(t, 3, calls)
}

func TestTasksListByCustomer(t *testing.T) {
	c, mt := mock(t)
	expect{method: "GET", path: "/tasks", status: 200, fixture: "tasks_array.json",
		query: url.Values{"customerId": {testUser}, "organizationId": {testOrg}, "sort": {"windowOpen"}, "order": {"asc"}}}.register(t, mt)
	tasks, err := c.Tasks.ListByCustomer(ctx(t), testUser, &capella.TaskListByCustomerOptions{OrganizationID: testOrg, Sort: "windowOpen", Order: capella.SortAsc})
	require.NoError(t, err)
	assert.Len(t, tasks, 2)
	_, err = c.Tasks.ListByCustomer(ctx(t), "", nil)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestTasksSearch(t *testing.T) {
	c, mt := mock(t)
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)
	expect{method: "POST", path: "/tasks/search", status: 200, fixture: "tasks_search_mixed.json",
		query: url.Values{"page": {"2"}, "limit": {"500"}, "sort": {"windowOpen"}, "order": {"asc"}},
		body: `{"query": {
			"userId": "` + testUser + `",
			"lastStatusCode": ["accepted", "active", "completed"],
			"collectionTier": "urgent",
			"taskingrequestName": {"startsWith": "SF"},
			"submissionTime": "2026-01-01T00:00:00Z/..",
			"windowOpen": "2026-01-01T00:00:00Z/2026-12-31T23:59:59Z",
			"lastStatusTime": "../2026-12-31T23:59:59Z",
			"repeatrequestId": ["r1", "r2"],
			"type": "spotlight",
			"windowDuration": {"gte": "86400"},
			"analyticProducts": {"contains": ["VS"]},
			"collectConstraints.imageLength": {"gt": "5000"}
		}, "page": 2, "limit": 500, "sort": "windowOpen", "order": "asc"}`}.register(t, mt)
	page, err := c.Tasks.Search(ctx(t), &capella.TaskSearchRequest{
		Query: capella.TaskSearchQuery{
			CommonQuery: capella.CommonQuery{UserID: []string{testUser},
				LastStatusCode: []capella.RequestStatus{capella.RequestAccepted, capella.RequestActive, capella.RequestCompleted},
				SubmissionTime: capella.TimeRange{From: from}, LastStatusTime: capella.TimeRange{To: to},
				RepeatRequestID: []string{"r1", "r2"}, CollectMode: []capella.CollectMode{capella.ModeSpotlight},
				WindowDuration: &capella.Comparison{GTE: "86400"}, AnalyticProducts: []string{"VS"},
				Extra: map[string]any{"collectConstraints.imageLength": map[string]string{"gt": "5000"}}},
			CollectionTier: []capella.CollectionTier{capella.TierUrgent},
			Name:           &capella.TextFilter{StartsWith: "SF"},
			WindowOpen:     capella.TimeRange{From: from, To: to}},
		Paging:                capella.Paging{Page: 2, Limit: 900, Sort: "windowOpen", Order: capella.SortAsc},
		ExcludeRepeatChildren: true,
	})
	require.NoError(t, err)
	require.Len(t, page.Tasks, 1, "the repeat's child is dropped")
	assert.Empty(t, page.Tasks[0].Properties.RepeatRequestID)

	// Defaults: page 1, limit 250, submissionTime desc, an empty query.
	mt.Reset()
	expect{method: "POST", path: "/tasks/search", status: 200, fixture: "tasks_search_last.json",
		query: url.Values{"page": {"1"}, "limit": {"250"}, "sort": {"submissionTime"}, "order": {"desc"}},
		body:  `{"query": {}, "page": 1, "limit": 250, "sort": "submissionTime", "order": "desc"}`}.register(t, mt)
	page, err = c.Tasks.Search(ctx(t), nil)
	require.NoError(t, err)
	assert.Equal(t, 0, page.Next())

	// A text filter with two operators is refused before sending.
	_, err = c.Tasks.Search(ctx(t), &capella.TaskSearchRequest{Query: capella.TaskSearchQuery{Name: &capella.TextFilter{Eq: "a", Contains: "b"}}})
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "query.taskingrequestName", ve.Field)
	_, err = c.Tasks.Search(ctx(t), &capella.TaskSearchRequest{Query: capella.TaskSearchQuery{CommonQuery: capella.CommonQuery{WindowDuration: &capella.Comparison{}}}})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "query.windowDuration", ve.Field)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestTasksUpdateAndStatus(t *testing.T) {
	c, mt := mock(t)
	expect{method: "PATCH", path: "/task/" + taskID, status: 200, fixture: "task_completed.json",
		body: `{"properties": {"taskingrequestName": "renamed", "customAttribute2": "batch-7", "processingConfig": {"productTypes": ["GEO"]}}}`}.register(t, mt)
	task, err := c.Tasks.Update(ctx(t), taskID, &capella.TaskUpdateRequest{Name: capella.String("renamed"),
		CustomAttribute2: capella.String("batch-7"), ProductTypes: []capella.ProductType{capella.ProductGEO}})
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCompleted, task.GetStatus())
	_, err = c.Tasks.Update(ctx(t), taskID, &capella.TaskUpdateRequest{})
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	// A field set to "" is sent (it clears the attribute); nil ones are not.
	mt.Reset()
	expect{method: "PATCH", path: "/task/" + taskID, status: 200, fixture: "task_completed.json",
		body: `{"properties": {"customAttribute1": ""}}`}.register(t, mt)
	_, err = c.Tasks.Update(ctx(t), taskID, &capella.TaskUpdateRequest{CustomAttribute1: capella.String("")})
	require.NoError(t, err)

	for _, tc := range []struct {
		call func(context.Context, string) (*capella.Task, error)
		want string
	}{{c.Tasks.Approve, "approved"}, {c.Tasks.Reject, "rejected"}, {c.Tasks.Cancel, "canceled"}} {
		mt.Reset()
		expect{method: "PATCH", path: "/task/" + taskID + "/status", status: 200, fixture: "task_completed.json",
			body: `{"status": "` + tc.want + `"}`}.register(t, mt)
		got, err := tc.call(ctx(t), taskID)
		require.NoError(t, err, tc.want)
		require.NotNil(t, got)
		assert.Equal(t, taskID, got.GetID())
	}
	// Capella's SDK has seen {"status":"canceled"} as the answer: the change
	// was accepted, and the request is read so that the call returns it.
	mt.Reset()
	expect{method: "PATCH", path: "/task/" + taskID + "/status", status: 200, fixture: "task_cancel_sdk.offspec.json",
		body: `{"status": "canceled"}`, offSpec: true}.register(t, mt)
	expect{method: "GET", path: "/task/" + taskID, status: 200, fixture: "task_completed.json"}.register(t, mt)
	got, err := c.Tasks.Cancel(ctx(t), taskID)
	require.NoError(t, err)
	require.NotNil(t, got, "a nil error comes with the task")
	assert.Equal(t, taskID, got.GetID())
	_, err = c.Tasks.SetStatus(ctx(t), taskID, "")
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestTasksRetaskAndCollects(t *testing.T) {
	c, mt := mock(t)
	expect{method: "POST", path: "/task/" + taskID + "/retask", status: 201, fixture: "task_created_polygon.json",
		body: `{"retaskRequestName": "SF harbour spotlight (again)", "retaskRequestDescription": "d",
			"windowOpen": "2026-07-01T00:00:00.000Z", "windowClose": "2026-07-04T00:00:00.000Z",
			"collectionTier": "priority", "archiveHoldback": "none", "contractId": "k"}`}.register(t, mt)
	open := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	task, err := c.Tasks.Retask(ctx(t), taskID, &capella.RetaskRequest{Name: "SF harbour spotlight (again)", Description: "d",
		WindowOpen: open, WindowClose: open.Add(72 * time.Hour), CollectionTier: capella.TierPriority,
		ArchiveHoldback: capella.HoldbackNone, ContractID: "k"})
	require.NoError(t, err)
	assert.NotEmpty(t, task.GetID())
	mt.Reset()
	expect{method: "POST", path: "/task/" + taskID + "/retask", status: 201, fixture: "task_created_polygon.json", body: `{}`}.register(t, mt)
	_, err = c.Tasks.Retask(ctx(t), taskID, nil)
	require.NoError(t, err, "an empty retask copies everything")

	mt.Reset()
	expect{method: "GET", path: "/collects/list/" + taskID, status: 200, fixture: "collect_list.json",
		query: url.Values{"all": {"true"}, "skip": {"2"}, "limit": {"1000"}}}.register(t, mt)
	cols, err := c.Tasks.Collects(ctx(t), taskID, &capella.CollectListOptions{All: true, Skip: 2, Limit: 5000})
	require.NoError(t, err)
	require.Len(t, cols, 2)
	assert.Equal(t, capella.CollectDelivered, cols[0].GetStatus())
	assert.Equal(t, 40.0, *cols[1].AccessProperties.GrazingMin, "elevationMin fills the grazing angle")
	assert.Equal(t, capella.OrbitDescending, cols[1].AccessProperties.AscDsc)
}

func TestTasksWaitStopsAtReview(t *testing.T) {
	c, mt := mock(t)
	expect{method: "GET", path: "/task/" + taskID, status: 200, fixture: "task_review.json"}.register(t, mt)
	task, err := c.Tasks.Wait(ctx(t), taskID, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: time.Millisecond})
	require.ErrorIs(t, err, tasking.ErrActionRequired)
	require.NotNil(t, task)
	assert.Equal(t, capella.RequestReview, task.GetStatus())
	mt.Reset()
	expect{method: "GET", path: "/task/" + taskID, status: 200, fixture: "task_completed.json"}.register(t, mt)
	task, err = c.Tasks.Wait(ctx(t), taskID, nil)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCompleted, task.GetStatus())
}

func TestRepeatRequests(t *testing.T) {
	c, mt := mock(t)
	start := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	expect{method: "POST", path: "/repeat-requests", status: 201, fixture: "repeat.json", body: `{
		"type": "Feature", "geometry": {"type": "Point", "coordinates": [-110.3906, 35.1738]},
		"properties": {"repeatrequestName": "Mine site weekly", "orgId": "` + testOrg + `", "userId": "` + testUser + `",
			"windowDuration": 172800, "collectionTier": "routine", "collectionType": "spotlight", "archiveHoldback": "1_year",
			"preApproval": false, "collectConstraints": {"lookDirection": "either", "ascDsc": "either", "offNadirMin": 25, "offNadirMax": 50},
			"repetitionProperties": {"repeatStart": "2026-06-01T00:00:00.000Z", "repetitionInterval": 7, "repetitionCount": 8,
				"maintainSceneFraming": true, "lookAngleTolerance": 10}}}`}.register(t, mt)
	rr, err := c.RepeatRequests.Create(ctx(t), &capella.RepeatCreateRequest{Geometry: orb.Point{-110.3906, 35.1738},
		Name: "Mine site weekly", CollectionTier: capella.RepeatTierRoutine, CollectionType: capella.CollectionSpotlight,
		ArchiveHoldback: capella.HoldbackOneYear, WindowDuration: 48 * time.Hour,
		Constraints: &capella.CollectConstraints{LookDirection: capella.LookEither, AscDsc: capella.OrbitEither,
			OffNadirMin: capella.Float(25), OffNadirMax: capella.Float(50)},
		Repetition: capella.RepetitionProperties{RepeatStart: start, RepetitionInterval: 7, RepetitionCount: capella.Int(8),
			MaintainSceneFraming: true, LookAngleTolerance: capella.Float(10)}})
	require.NoError(t, err)
	assert.Equal(t, repeatID, rr.GetID())
	assert.Equal(t, capella.RequestReview, rr.GetStatus())
	assert.Equal(t, 3000.0, rr.CostPerImage().Amount)
	assert.Equal(t, 8, *rr.Properties.Repetition.RepetitionCount)
	assert.True(t, rr.Properties.Repetition.RepeatEnd.IsZero())
	assert.Equal(t, capella.RepeatTierRoutine, rr.Properties.CollectionTier)

	mt.Reset()
	expect{method: "GET", path: "/repeat-requests/" + repeatID, status: 200, fixture: "repeat.json"}.register(t, mt)
	expect{method: "GET", path: "/repeat-requests", status: 200, fixture: "repeat_list.json",
		query: url.Values{"organizationId": {testOrg}, "userId": {testUser}, "skip": {"4"}, "limit": {"1"}}}.register(t, mt)
	expect{method: "PATCH", path: "/repeat-requests/" + repeatID, status: 200, fixture: "repeat.json",
		body: `{"properties": {"repeatrequestName": "n", "repeatrequestDescription": "d", "customAttribute1": "a"}}`}.register(t, mt)
	expect{method: "GET", path: "/repeat-requests/" + repeatID + "/tasks", status: 200, fixture: "repeat_tasks.json"}.register(t, mt)
	_, err = c.RepeatRequests.Get(ctx(t), repeatID)
	require.NoError(t, err)
	page, err := c.RepeatRequests.List(ctx(t), &capella.RepeatListOptions{OrganizationID: testOrg, UserID: testUser, Skip: 4, Limit: 1})
	require.NoError(t, err)
	assert.Len(t, page.RepeatRequests, 1)
	assert.Equal(t, 5, page.NextSkip, "a full page: the next starts after it")
	_, err = c.RepeatRequests.Update(ctx(t), repeatID, &capella.RepeatUpdateRequest{Name: capella.String("n"),
		Description: capella.String("d"), CustomAttribute1: capella.String("a")})
	require.NoError(t, err)
	_, err = c.RepeatRequests.Update(ctx(t), repeatID, nil)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	kids, err := c.RepeatRequests.Tasks(ctx(t), repeatID)
	require.NoError(t, err)
	require.Len(t, kids, 1)
	assert.Equal(t, repeatID, kids[0].Properties.RepeatRequestID)

	for _, tc := range []struct {
		call func(context.Context, string) (*capella.RepeatRequest, error)
		code string
	}{{c.RepeatRequests.Approve, "submitted"}, {c.RepeatRequests.Cancel, "canceled"}} {
		mt.Reset()
		expect{method: "PATCH", path: "/repeat-requests/" + repeatID + "/status", status: 200, fixture: "repeat_status_canceled.json",
			body: `{"code": "` + tc.code + `"}`}.register(t, mt)
		expect{method: "GET", path: "/repeat-requests/" + repeatID, status: 200, fixture: "repeat.json"}.register(t, mt)
		r, err := tc.call(ctx(t), repeatID)
		require.NoError(t, err)
		assert.Equal(t, repeatID, r.GetID(), "the series as it stands, read back")
	}
	mt.Reset()
	expect{method: "PATCH", path: "/repeat-requests/" + repeatID + "/status", status: 200, fixture: "repeat_status_canceled.json",
		body: `{"code": "canceled"}`}.register(t, mt)
	h, err := c.RepeatRequests.SetStatus(ctx(t), repeatID, capella.RepeatChangeCanceled)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCanceled, h.Current())

	mt.Reset()
	expect{method: "POST", path: "/repeat-requests/search/", status: 200, fixture: "repeat_search.json",
		query: url.Values{"page": {"1"}, "limit": {"250"}, "sort": {"submissionTime"}, "order": {"desc"}},
		body: `{"query": {"repeatrequestName": {"contains": "mine"}, "repeatrequestDescription": {"eq": "x"},
			"repeatrequestId": "` + repeatID + `", "collectionTier": ["routine", "flexible"]},
			"page": 1, "limit": 250, "sort": "submissionTime", "order": "desc"}`}.register(t, mt)
	rs, err := c.RepeatRequests.Search(ctx(t), &capella.RepeatSearchRequest{Query: capella.RepeatSearchQuery{
		Name: &capella.TextFilter{Contains: "mine"}, Description: &capella.TextFilter{Eq: "x"},
		CollectionTier: []capella.RepeatTier{capella.RepeatTierRoutine, capella.RepeatTierFlexible},
		CommonQuery:    capella.CommonQuery{RepeatRequestID: []string{repeatID}}}})
	require.NoError(t, err)
	require.Len(t, rs.RepeatRequests, 1)
	assert.Equal(t, "Mine site weekly", rs.RepeatRequests[0].Properties.Name)

	mt.Reset()
	expect{method: "POST", path: "/repeat-requests/" + repeatID + "/retask", status: 201, fixture: "repeat.json",
		body: `{"retaskRequestName": "again", "repeatStart": "2026-06-01T00:00:00.000Z", "repetitionInterval": "14",
			"repetitionCount": "4", "collectionTier": "flexible", "archiveHoldback": "permanent", "contractId": "k"}`}.register(t, mt)
	_, err = c.RepeatRequests.Retask(ctx(t), repeatID, &capella.RepeatRetaskRequest{Name: "again", RepeatStart: start,
		RepetitionInterval: 14, RepetitionCount: 4, CollectionTier: capella.RepeatTierFlexible,
		ArchiveHoldback: capella.HoldbackPermanent, ContractID: "k"})
	require.NoError(t, err)

	mt.Reset()
	expect{method: "GET", path: "/repeat-requests/" + repeatID, status: 200, fixture: "repeat.json"}.register(t, mt)
	_, err = c.RepeatRequests.Wait(ctx(t), repeatID, &tasking.WaitOptions{MinDelay: time.Millisecond})
	require.ErrorIs(t, err, tasking.ErrActionRequired)
}

func TestRepeatAllPagesByOffset(t *testing.T) {
	c, mt := mock(t)
	one := readFixture(t, "repeat.json")
	mt.RegisterResponder("GET", testBase+"/repeat-requests", func(r *http.Request) (*http.Response, error) {
		skip := r.URL.Query().Get("skip")
		assert.Equal(t, "2", r.URL.Query().Get("limit"))
		body := "[" + string(one) + "," + string(one) + "]"
		if skip == "4" {
			body = "[" + string(one) + "]"
		}
		resp := httpmock.NewStringResponse(200, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	n := 0
	for rr, err := range c.RepeatRequests.All(ctx(t), &capella.RepeatListOptions{Limit: 2}) {
		require.NoError(t, err)
		require.NotNil(t, rr)
		n++
	}
	assert.Equal(t, 5, n)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestCollectsAndTypesAndAccess(t *testing.T) {
	c, mt := mock(t)
	expect{method: "GET", path: "/collects/" + collID, status: 200, fixture: "collect.json"}.register(t, mt)
	expect{method: "GET", path: "/collects/status/" + collID, status: 200, fixture: "collect_status_all_codes.json"}.register(t, mt)
	expect{method: "GET", path: "/collects/" + collID + "/task", status: 200, fixture: "task_completed.json"}.register(t, mt)
	expect{method: "POST", path: "/collects/" + collID + "/retask", status: 201, fixture: "task_created_polygon.json",
		body: `{"offNadirMin": 20, "offNadirMax": 40, "collectionTier": "flexible"}`}.register(t, mt)
	col, err := c.Collects.Get(ctx(t), collID)
	require.NoError(t, err)
	assert.Equal(t, 7, col.SpacecraftID)
	assert.Equal(t, capella.CollectDelivered, col.GetStatus())
	assert.Equal(t, tasking.CapturePublished, col.GetStatus().Neutral())
	assert.Equal(t, capella.PolarizationHH, col.CollectProperties.Polarization)
	assert.Equal(t, -18.2, *col.CollectProperties.NESZ)
	assert.Equal(t, 81011.0, *col.AccessProperties.LocalTime)
	assert.Equal(t, time.Date(2026, 6, 2, 6, 10, 11, 0, time.UTC), col.WindowOpen)
	hist, err := c.Collects.Status(ctx(t), collID)
	require.NoError(t, err)
	assert.Len(t, hist, len(capella.CollectStatusValues()))
	assert.Equal(t, capella.CollectStagnant, hist.Current())
	owner, err := c.Collects.Task(ctx(t), collID)
	require.NoError(t, err)
	assert.Equal(t, taskID, owner.GetID())
	_, err = c.Collects.Retask(ctx(t), collID, &capella.RetaskRequest{OffNadirMin: capella.Float(20), OffNadirMax: capella.Float(40),
		CollectionTier: capella.TierFlexible})
	require.NoError(t, err)

	expect{method: "GET", path: "/collectiontypes/", status: 200, fixture: "collectiontypes.json",
		query: url.Values{"names_only": {"true"}, "active_only": {"false"}, "limit": {"5"}, "name": {"spotlight"}, "version": {"1"}}}.register(t, mt)
	types, err := c.CollectionTypes.List(ctx(t), &capella.CollectionTypeListOptions{Name: "spotlight", NamesOnly: true,
		IncludeInactive: true, Limit: 1, Version: 1})
	require.NoError(t, err)
	assert.Equal(t, []capella.CollectionType{capella.CollectionSpotlight, capella.CollectionStripmap100},
		[]capella.CollectionType{types.Results[0].Name, types.Results[1].Name})
	var raw map[string]any
	require.NoError(t, json.Unmarshal(types.Results[1].Unknown, &raw))
	assert.Equal(t, "stripmap", raw["collectMode"], "the entry's other fields stay in Unknown")
	assert.Equal(t, 2, types.Next())

	mt.Reset()
	mt.RegisterResponder("GET", testBase+"/collectiontypes/", func(r *http.Request) (*http.Response, error) {
		f := "collectiontypes.json"
		if r.URL.Query().Get("page") == "2" {
			f = "collectiontypes_names.json"
		}
		resp := httpmock.NewBytesResponse(200, readFixture(t, f))
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	var names []capella.CollectionType
	for ct, err := range c.CollectionTypes.All(ctx(t), nil) {
		require.NoError(t, err)
		names = append(names, ct.Name)
	}
	assert.Equal(t, []capella.CollectionType{"spotlight", "stripmap_100", "spotlight_ultra", "parallel_stripmap_50"}, names)

	mt.Reset()
	open := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	expect{method: "POST", path: "/ma/accessrequests/", status: 200, fixture: "access_request_queued.json", body: `{
		"type": "Feature", "geometry": {"type": "Point", "coordinates": [-122.4163, 37.7612]},
		"properties": {"accessrequestName": "SF harbour feasibility", "orgId": "` + testOrg + `", "userId": "` + testUser + `",
			"windowOpen": "2026-06-01T00:00:00.000Z", "windowClose": "2026-06-08T00:00:00.000Z",
			"accessConstraints": {"offNadirMin": 25, "offNadirMax": 50, "imageLength": 5000, "imageWidth": 5000, "localTime": [[0, 86400]]}}}`}.register(t, mt)
	expect{method: "GET", path: "/ma/accessrequests/" + accessID, status: 200, fixture: "access_request_completed.json"}.register(t, mt)
	expect{method: "GET", path: "/ma/accesses/" + accessID, status: 200, fixture: "accesses.json"}.register(t, mt)
	ar, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{Geometry: orb.Point{-122.4163, 37.7612},
		Name: "SF harbour feasibility", WindowOpen: open, WindowClose: open.AddDate(0, 0, 7),
		Constraints: &capella.AccessConstraints{OffNadirMin: capella.Float(25), OffNadirMax: capella.Float(50),
			ImageLength: capella.Float(5000), ImageWidth: capella.Float(5000), LocalTime: [][2]float64{{0, 86400}}}})
	require.NoError(t, err)
	assert.Equal(t, capella.ProcessingQueued, ar.Properties.ProcessingStatus)
	assert.Equal(t, capella.AccessibilityUnknown, ar.Properties.AccessibilityStatus)
	done, err := c.AccessRequests.Wait(ctx(t), ar.GetID(), nil)
	require.NoError(t, err)
	assert.Equal(t, tasking.Feasible, done.Properties.AccessibilityStatus.Feasibility())
	acc, err := c.AccessRequests.Accesses(ctx(t), ar.GetID())
	require.NoError(t, err)
	require.Len(t, acc, 2)
	assert.Equal(t, capella.OrbitalPlane97, acc[0].OrbitalPlane)
	assert.Equal(t, -7*3600, func() int { _, off := acc[0].WindowOpenLocal.Zone(); return off }())
	assert.True(t, acc[0].WindowOpen.Equal(acc[0].WindowOpenLocal))

	mt.Reset()
	expect{method: "GET", path: "/user", status: 200, fixture: "user.json"}.register(t, mt)
	me, err := c.Users.Me(ctx(t))
	require.NoError(t, err)
	assert.Equal(t, testUser, me.ID)
	assert.Equal(t, testOrg, *me.OrganizationID)
	assert.Len(t, me.Roles, len(capella.UserRoleValues()))
	assert.True(t, me.HasRole(capella.RoleTasker))
	assert.Equal(t, 2023, me.Created().Year())
	assert.Contains(t, string(me.Unknown), "apiEnvironmentRole", "undeclared fields stay reachable")
}

func TestErrorBodies(t *testing.T) {
	cases := []struct {
		fixture, method, path string
		status                int
		code, msg             string
		sentinel              error
		details               []capella.ErrorDetail
		offSpec               bool
	}{
		{"error_validation_422.json", "POST", "/task", 422, "VALIDATION_ERROR", "Validation Error: body.contractId: Invalid uuid",
			tasking.ErrInvalidRequest, []capella.ErrorDetail{{Path: "body.contractId", Code: "invalid_string", Message: "Invalid uuid"}}, false},
		{"error_validation_array.offspec.json", "POST", "/task", 400, "VALIDATION_ERROR", "Validation Error",
			tasking.ErrInvalidRequest, []capella.ErrorDetail{{Path: "taskingrequestIds", Code: "invalid_string", Message: "Invalid uuid"},
				{Path: "properties.windowOpen", Code: "invalid_type", Message: "Required"}}, true},
		{"error_string_4xx.json", "POST", "/task", 403, "", "order expired", tasking.ErrForbidden, nil, false},
		{"error_object_400.json", "GET", "/task/" + taskID, 400, "NOT_AUTHORIZED", "You are not authorized to view this tasking request.",
			tasking.ErrInvalidRequest, nil, false},
		{"error_finalized.offspec.json", "PATCH", "/task/" + taskID + "/status", 400, "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION",
			"finalized with a status of 'customer-cancelled'", tasking.ErrInvalidRequest, nil, true},
		{"error_fastapi_422.json", "GET", "/collects/list/" + taskID, 422, "", "query.limit: ensure this value is less than or equal to 1000",
			tasking.ErrInvalidRequest, []capella.ErrorDetail{{Path: "query.limit", Code: "value_error.number.not_le",
				Message: "ensure this value is less than or equal to 1000"}}, false},
		{"error_gateway_401.json", "GET", "/tasks", 401, "", "Unauthorized", tasking.ErrUnauthorized, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			c, mt := mock(t)
			mt.RegisterResponder(tc.method, testBase+tc.path, func(r *http.Request) (*http.Response, error) {
				resp := httpmock.NewBytesResponse(tc.status, readFixture(t, tc.fixture))
				resp.Header.Set("Content-Type", "application/json")
				resp.Header.Set("X-Request-Id", "req-42")
				if tc.offSpec {
					resp.Header.Set(offSpecHeader, "1")
				}
				return resp, nil
			})
			var err error
			switch {
			case tc.path == "/task":
				_, err = c.Tasks.Create(ctx(t), &capella.TaskCreateRequest{Geometry: orb.Point{1, 2}, CollectionType: "spotlight",
					WindowOpen: time.Now(), WindowClose: time.Now().AddDate(0, 0, 8)})
			case tc.path == "/tasks":
				_, err = c.Tasks.ListByCustomer(ctx(t), "x", nil)
			case strings.HasSuffix(tc.path, "/status"):
				_, err = c.Tasks.Cancel(ctx(t), taskID)
			case strings.HasPrefix(tc.path, "/collects/list/"):
				_, err = c.Collects.List(ctx(t), taskID, nil)
			default:
				_, err = c.Tasks.Get(ctx(t), taskID)
			}
			var ae *tasking.APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.Equal(t, tc.code, ae.Code)
			assert.Contains(t, ae.Message, tc.msg)
			assert.Equal(t, "req-42", ae.RequestID)
			assert.Equal(t, capella.Name, ae.Provider)
			assert.True(t, errors.Is(err, tc.sentinel), "%v is %v", err, tc.sentinel)
			assert.Equal(t, tc.details, capella.Details(err))
			assert.Equal(t, 1, mt.GetTotalCallCount(), "4xx answers are not retried")
		})
	}
	assert.Nil(t, capella.Details(errors.New("plain")))
}

func TestOptions(t *testing.T) {
	var logs strings.Builder
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := mock(t, capella.WithUserAgent("my-service/1.2"), capella.WithLogger(logger), capella.WithRateLimit(1000, 5))
	mt.RegisterResponder("GET", testBase+"/user", func(r *http.Request) (*http.Response, error) {
		assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "my-service/1.2 eotask/"), r.Header.Get("User-Agent"))
		resp := httpmock.NewBytesResponse(200, readFixture(t, "user.json"))
		resp.Header.Set("Content-Type", "application/json; charset=utf-8")
		return resp, nil
	})
	_, err := c.Users.Me(ctx(t))
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "path=/user")
	assert.NotContains(t, logs.String(), testKey, "the key is never logged")

	// Round trips of the resources' JSON.
	var rr capella.RepeatRequest
	require.NoError(t, capella.Unmarshal(readFixture(t, "repeat.json"), &rr))
	assert.Equal(t, []string{"received", "review"}, []string{rr.History()[0].Raw, rr.History()[1].Raw})
	b, err := json.Marshal(rr, geo.JSONOptions())
	require.NoError(t, err)
	var back capella.RepeatRequest
	require.NoError(t, capella.Unmarshal(b, &back))
	back.Properties.Constraints.OrbitalPlanes = []capella.OrbitalPlane{} // an empty list is left out
	assert.Equal(t, rr.Properties.CustomAttribute1, back.Properties.CustomAttribute1)
	assert.Equal(t, rr, back, "decode, encode, decode gives the same value")
	var page capella.CollectionTypePage
	require.NoError(t, capella.Unmarshal(readFixture(t, "collectiontypes_names.json"), &page))
	b, err = json.Marshal(page)
	require.NoError(t, err)
	assert.JSONEq(t, string(readFixture(t, "collectiontypes_names.json")), string(b))
	assert.Equal(t, `"spotlight"`, func() string { b, _ := json.Marshal(capella.CollectionTypeInfo{Name: "spotlight"}); return string(b) }())
}
