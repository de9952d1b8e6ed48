package satellogic_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkAPIHeaders asserts the auth, contract and JSON headers of an API call.
func checkAPIHeaders(t *testing.T, s seen, withContract bool) {
	t.Helper()
	assert.Equal(t, "Bearer "+testToken, s.Header.Get("authorizationToken"))
	assert.Empty(t, s.Header.Get("Authorization"), "the standard Authorization header is not the API's")
	if withContract {
		assert.Equal(t, testCont, s.Header.Get("X-Satellogic-Contract-Id"))
	} else {
		assert.Empty(t, s.Header.Values("X-Satellogic-Contract-Id"))
	}
	assert.Equal(t, "application/json", s.Header.Get("Accept"))
	assert.Contains(t, s.Header.Get("User-Agent"), "eotask/")
}

func TestTasksCreateSendsTheDocumentedBody(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/tasks/", 201, fixture(t, "task_poi.json"))
	start := time.Date(2025, 7, 1, 3, 0, 0, 0, time.FixedZone("+03", 3*3600))
	task, err := env.c.Tasks.Create(context.Background(), &satellogic.TaskCreateRequest{
		TaskName: "Port of Santos - weekly", ProjectName: "Ports", Product: satellogic.ProductPOI,
		Target: orb.Point{-46.3047, -23.9608}, Start: start, End: mustTime("2025-07-31T00:00:00Z"),
		MaxCaptures: 4, ExpectedAge: 7 * 24 * time.Hour,
	})
	require.NoError(t, err)

	s := env.api.last()
	assert.Equal(t, http.MethodPost, s.Method)
	assert.Equal(t, apiBase+"tasking/tasks/", s.URL)
	checkAPIHeaders(t, s, true)
	assert.Equal(t, "application/json", s.Header.Get("Content-Type"))
	assert.JSONEq(t, `{
		"task_name": "Port of Santos - weekly", "project_name": "Ports", "product": 169,
		"target": {"type": "Point", "coordinates": [-46.3047, -23.9608]},
		"start": "2025-07-01T00:00:00Z", "end": "2025-07-31T00:00:00Z",
		"max_captures": 4, "expected_age": "7 days, 00:00:00"}`, string(s.Body))

	assert.EqualValues(t, 301877, task.TaskID)
	assert.Equal(t, "Port of Santos - weekly", task.TaskName)
	assert.Equal(t, "Ports", task.ProjectName)
	assert.Equal(t, satellogic.ProductPOI, task.Product)
	assert.Equal(t, orb.Point{-46.3047, -23.9608}, task.Target, "the altitude coordinate is dropped")
	assert.Equal(t, mustTime("2025-06-20T13:02:11.482913Z"), task.CreatedTime)
	assert.Equal(t, mustTime("2025-07-01T00:00:00Z"), task.Start)
	assert.Equal(t, 14, task.Priority)
	assert.Equal(t, "Example Corp", task.ClientName)
	assert.Equal(t, satellogic.TaskReceived, task.Status)
	require.NotNil(t, task.MaxCaptures)
	assert.Equal(t, 4, *task.MaxCaptures)
	age, err := satellogic.ParseExpectedAge(task.ExpectedAge)
	require.NoError(t, err)
	assert.Equal(t, 7*24*time.Hour, age)
	assert.JSONEq(t, `{"some_future_field": {"a": 1}}`, string(task.Unknown), "members Task does not know are kept")
	assert.Same(t, task, task.Neutral().Raw, "the neutral Raw is the task itself")
	assert.Equal(t, 1, env.tokens.count())
}

func (r *recorder) count() int { return len(r.all()) }

func TestTasksCreateAOIAndExtraFields(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/tasks/", 201, fixture(t, "task_aoi.json"))
	poly := orb.Polygon{{{-68.85, -32.95}, {-68.80, -32.95}, {-68.80, -32.90}, {-68.85, -32.90}, {-68.85, -32.95}}}
	task, err := env.c.Tasks.Create(context.Background(), &satellogic.TaskCreateRequest{
		TaskName: "Vineyard block A", ProjectName: "Agri", Product: satellogic.ProductAOI, Target: poly,
		Start: mustTime("2025-08-01T00:00:00Z"), End: mustTime("2025-09-15T00:00:00Z"),
		Extra: map[string]any{"note": "strips"},
	})
	require.NoError(t, err)
	body := jsonBody(t, env.api.last().Body)
	assert.Equal(t, "strips", body["note"])
	assert.NotContains(t, body, "max_captures", "zero MaxCaptures is left out")
	assert.NotContains(t, body, "expected_age")
	assert.NotContains(t, body, "product_id", "the wire name is product")
	assert.Equal(t, map[string]any{"type": "Polygon", "coordinates": []any{[]any{
		[]any{-68.85, -32.95}, []any{-68.8, -32.95}, []any{-68.8, -32.9}, []any{-68.85, -32.9}, []any{-68.85, -32.95}}}},
		body["target"])
	assert.Equal(t, poly, task.Target)
	assert.Nil(t, task.MaxCaptures)
}

func TestTasksCreateNEIWithoutTarget(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/tasks/", 201, []byte(`{"task_id": 5, "product": 186, "status": "received", "target": null}`))
	fpt := mustTime("2025-09-01T10:00:03Z")
	task, err := env.c.Tasks.Create(context.Background(), &satellogic.TaskCreateRequest{
		TaskName: "ISS pass", ProjectName: "SDA", Product: satellogic.ProductNEI,
		Start: fpt.Add(-time.Hour), End: fpt.Add(time.Hour),
		Extra: map[string]any{"satellite": "newsat40", "first_point_time": fpt.Format(time.RFC3339),
			"first_point": []float64{-58.4, -34.6, 420000}, "mode": satellogic.NEIEvoStripe},
	})
	require.NoError(t, err)
	body := jsonBody(t, env.api.last().Body)
	assert.NotContains(t, body, "target")
	assert.Equal(t, "newsat40", body["satellite"])
	assert.Equal(t, "evo_stripe", body["mode"])
	assert.Nil(t, task.Target)
}

func TestTasksGet(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/301878/", 200, fixture(t, "task_aoi.json"))
	task, err := env.c.Tasks.Get(context.Background(), 301878)
	require.NoError(t, err)
	s := env.api.last()
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, apiBase+"tasking/tasks/301878/", s.URL, "always with the trailing slash")
	checkAPIHeaders(t, s, true)
	assert.Empty(t, s.Body)
	assert.Equal(t, satellogic.TaskPlanning, task.Status)
	assert.Equal(t, satellogic.ProductAOI, task.Product)
	assert.IsType(t, orb.Polygon{}, task.Target)
}

func TestTasksGetNotFound(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/1/", 404, fixture(t, "error_detail.json"))
	_, err := env.c.Tasks.Get(context.Background(), 1)
	require.ErrorIs(t, err, tasking.ErrNotFound)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Not found.", ae.Message)
	assert.Equal(t, satellogic.Name, ae.Provider)
}

func TestTasksListFiltersAndPage(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/", 200, fixture(t, "tasks_page1.json"))
	page, err := env.c.Tasks.List(context.Background(), &satellogic.TaskListOptions{
		ListOptions: satellogic.ListOptions{Limit: 2}, Status: satellogic.TaskCompleted,
		TaskName: "Glacier front", ProjectName: "Ice"})
	require.NoError(t, err)
	s := env.api.last()
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, apiBase+"tasking/tasks/?limit=2&project_name=Ice&status=completed&task_name=Glacier+front", s.URL)
	checkAPIHeaders(t, s, true)
	assert.Equal(t, 5, page.Count)
	require.Len(t, page.Results, 2)
	assert.EqualValues(t, 298001, page.Results[0].TaskID)
	assert.Empty(t, page.Previous)
	off, lim, ok := page.NextOffset()
	assert.True(t, ok)
	assert.Equal(t, 2, off)
	assert.Equal(t, 2, lim)

	_, err = env.c.Tasks.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, apiBase+"tasking/tasks/", env.api.last().URL, "nil options send no query")
}

func TestTasksAllFollowsNextAcrossThreePages(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/?limit=2&status=completed", 200, fixture(t, "tasks_page1.json"))
	env.on(http.MethodGet, apiBase+"tasking/tasks/?limit=2&offset=2&status=completed", 200, fixture(t, "tasks_page2.json"))
	env.on(http.MethodGet, apiBase+"tasking/tasks/?limit=2&offset=4&status=completed", 200, fixture(t, "tasks_page3.json"))
	var ids []int64
	for task, err := range env.c.Tasks.All(context.Background(), &satellogic.TaskListOptions{
		ListOptions: satellogic.ListOptions{Limit: 2}, Status: satellogic.TaskCompleted}) {
		require.NoError(t, err)
		ids = append(ids, task.TaskID)
	}
	assert.Equal(t, []int64{298001, 298000, 297999, 297998, 297997}, ids)
	reqs := env.api.all()
	require.Len(t, reqs, 3)
	for _, r := range reqs {
		checkAPIHeaders(t, r, true)
	}
	last := env.api.last()
	assert.Equal(t, apiBase+"tasking/tasks/?limit=2&offset=4&status=completed", last.URL)
}

func TestTasksAllStopsEarlyAndReportsErrors(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/", 200, fixture(t, "tasks_page1.json"))
	env.on(http.MethodGet, apiBase+"tasking/tasks/?limit=2&offset=2&status=completed", 400, fixture(t, "error_fields.json"))
	n := 0
	for _, err := range env.c.Tasks.All(context.Background(), nil) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, env.api.count(), "breaking stops fetching")

	var got error
	for _, err := range env.c.Tasks.All(context.Background(), nil) {
		if err != nil {
			got = err
		}
	}
	require.ErrorIs(t, got, tasking.ErrInvalidRequest)
}

func TestTasksAllRewritesNextLinksOnAnotherHost(t *testing.T) {
	env := newMock(t)
	page1 := []byte(`{"count": 2, "next": "http://internal-gateway:8080/tasking/tasks/?limit=1&offset=1",
		"results": [{"task_id": 1, "status": "received"}]}`)
	env.on(http.MethodGet, apiBase+"tasking/tasks/?limit=1", 200, page1)
	env.on(http.MethodGet, apiBase+"tasking/tasks/?limit=1&offset=1", 200,
		[]byte(`{"count": 2, "next": null, "results": [{"task_id": 2, "status": "planning"}]}`))
	tasks, err := tasking.Collect(env.c.Tasks.All(context.Background(), &satellogic.TaskListOptions{ListOptions: satellogic.ListOptions{Limit: 1}}))
	require.NoError(t, err)
	require.Len(t, tasks, 2)
	assert.Equal(t, apiBase+"tasking/tasks/?limit=1&offset=1", env.api.last().URL, "credentials stay on the API host")
}

func TestTasksCancel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		body    []byte
		want    string // "task": the answer's task; "get": the task fetched after; "decode": a DecodeError
		answers int    // requests the API gets
	}{
		{"task answer", 200, fixture(t, "task_canceled.json"), "task", 1},
		{"empty answer", 204, nil, "get", 2},
		{"other object", 200, []byte(`{"status": "canceled"}`), "get", 2},
		{"non-JSON text", 200, []byte(`OK`), "get", 2},
		{"null", 200, []byte(`null`), "get", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newMock(t)
			env.on(http.MethodPatch, apiBase+"tasking/tasks/301877/cancel/", tc.status, tc.body)
			env.on(http.MethodGet, apiBase+"tasking/tasks/301877/", 200, fixture(t, "task_canceled.json"))
			task, err := env.c.Tasks.Cancel(context.Background(), 301877)
			require.Len(t, env.api.all(), tc.answers)
			s := env.api.all()[0]
			assert.Equal(t, http.MethodPatch, s.Method)
			assert.Equal(t, apiBase+"tasking/tasks/301877/cancel/", s.URL)
			checkAPIHeaders(t, s, true)
			assert.Equal(t, "{}", string(s.Body))
			assert.Equal(t, "application/json", s.Header.Get("Content-Type"))
			if tc.want == "decode" {
				var de *tasking.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Nil(t, task)
				return
			}
			require.NoError(t, err)
			require.NotNil(t, task, "a successful cancel returns the task")
			assert.Equal(t, satellogic.TaskCanceled, task.Status)
		})
	}
}

func TestTasksCancelRefused(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPatch, apiBase+"tasking/tasks/9/cancel/", 400, []byte(`{"detail": "Task 9 is completed and cannot be canceled."}`))
	_, err := env.c.Tasks.Cancel(context.Background(), 9)
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "cannot be canceled")
}

func TestTasksCapturesAndAll(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/301877/captures/", 200, fixture(t, "captures.json"))
	page, err := env.c.Tasks.Captures(context.Background(), 301877, &satellogic.ListOptions{Limit: 10, Offset: 0})
	require.NoError(t, err)
	s := env.api.last()
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, apiBase+"tasking/tasks/301877/captures/?limit=10", s.URL)
	checkAPIHeaders(t, s, true)
	require.Len(t, page.Results, 2)
	assert.Equal(t, "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe", page.Results[0].CaptureID)
	assert.Equal(t, satellogic.CapturePublished, page.Results[0].Status)
	assert.Equal(t, satellogic.CaptureQueued, page.Results[1].Status)
	assert.Nil(t, page.Results[1].Unknown, "no member the type does not know")

	caps, err := tasking.Collect(env.c.Tasks.AllCaptures(context.Background(), 301877, nil))
	require.NoError(t, err)
	assert.Len(t, caps, 2)
}

func TestTasksWaitFollowsToTerminal(t *testing.T) {
	env := newMock(t)
	i := 0
	seq := []string{"received", "planning", "pending", "in_progress", "planning", "pending", "in_progress", "completed"}
	env.mt.RegisterResponder(http.MethodGet, apiBase+"tasking/tasks/7/", func(req *http.Request) (*http.Response, error) {
		env.api.add(req)
		st := seq[min(i, len(seq)-1)]
		i++
		resp, _ := httpResponse(200, `{"task_id": 7, "status": "`+st+`"}`)
		return resp, nil
	})
	var changes []string
	var unexpected []string
	final, err := env.c.Tasks.Wait(context.Background(), 7, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond,
		OnChange:     func(_, next tasking.StatusEvent) { changes = append(changes, next.Raw+"="+string(next.Status)) },
		OnUnexpected: func(prev, next tasking.StatusEvent) { unexpected = append(unexpected, prev.Raw+">"+next.Raw) },
	})
	require.NoError(t, err)
	assert.Equal(t, satellogic.TaskCompleted, final.Status)
	assert.Equal(t, []string{"received=received", "planning=planning", "pending=scheduled", "in_progress=in_progress",
		"planning=planning", "pending=scheduled", "in_progress=in_progress", "completed=completed"}, changes)
	assert.Empty(t, unexpected, "in_progress -> planning is a documented move")
}

func TestTasksWaitReportsUndocumentedMoves(t *testing.T) {
	env := newMock(t)
	i := 0
	seq := []string{"received", "completed"}
	env.mt.RegisterResponder(http.MethodGet, apiBase+"tasking/tasks/8/", func(req *http.Request) (*http.Response, error) {
		st := seq[min(i, len(seq)-1)]
		i++
		return httpResponse(200, `{"task_id": 8, "status": "`+st+`"}`)
	})
	var unexpected []string
	_, err := env.c.Tasks.Wait(context.Background(), 8, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: time.Millisecond,
		OnUnexpected: func(prev, next tasking.StatusEvent) { unexpected = append(unexpected, prev.Raw+">"+next.Raw) }})
	require.NoError(t, err)
	assert.Equal(t, []string{"received>completed"}, unexpected)
}

func httpResponse(status int, body string) (*http.Response, error) {
	resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: http.NoBody}
	if body != "" {
		resp.Body = readCloser(body)
	}
	return resp, nil
}

func TestContractsListBothShapesWithoutContractHeader(t *testing.T) {
	for _, name := range []string{"contracts_array.json", "contracts_envelope.json"} {
		t.Run(name, func(t *testing.T) {
			env := newMock(t)
			env.on(http.MethodGet, apiBase+"contracts", 200, fixture(t, name))
			cs, err := env.c.Contracts.List(context.Background())
			require.NoError(t, err)
			require.NotEmpty(t, cs)
			assert.Equal(t, testCont, cs[0].ContractID)
			assert.Equal(t, "Coastal monitoring 2025", cs[0].Name)
			assert.Nil(t, cs[0].Unknown)
			if len(cs) > 1 {
				assert.JSONEq(t, `{"extra": {"ignored": true}}`, string(cs[1].Unknown), "unknown members are kept")
			}
			s := env.api.last()
			assert.Equal(t, http.MethodGet, s.Method)
			assert.Equal(t, apiBase+"contracts", s.URL)
			checkAPIHeaders(t, s, false)
		})
	}
}

func TestContractsListWorksWithoutAContract(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"contracts", 200, fixture(t, "contracts_array.json"))
	c, err := env.c.WithContract("")
	require.NoError(t, err)
	cs, err := c.Contracts.List(context.Background())
	require.NoError(t, err)
	assert.Len(t, cs, 2)

	_, err = c.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, satellogic.ErrNoContract)
	assert.Equal(t, 1, env.api.count(), "no request without a contract")
}

func TestProductsListAndAll(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/products/", 200, fixture(t, "products.json"))
	page, err := env.c.Products.List(context.Background(), &satellogic.ListOptions{Limit: 50, Offset: 10})
	require.NoError(t, err)
	s := env.api.last()
	assert.Equal(t, http.MethodGet, s.Method)
	assert.Equal(t, apiBase+"tasking/products/?limit=50&offset=10", s.URL)
	checkAPIHeaders(t, s, true)
	require.Len(t, page.Results, 2)
	assert.Equal(t, satellogic.ProductPOI, page.Results[0].PK)
	assert.Equal(t, "Multispectral 70cm", page.Results[0].Name)
	assert.False(t, page.Results[0].IsArea)
	assert.True(t, page.Results[1].IsArea)
	assert.Equal(t, satellogic.ProductAOI.TargetType(), "Polygon")

	all, err := tasking.Collect(env.c.Products.All(context.Background(), nil))
	require.NoError(t, err)
	assert.Len(t, all, 2)
}

// TestTaskJSONRoundTrip writes a task back out with encoding/json/v2 and
// geo.JSONOptions, in the wire format, and reads it again.
func TestTaskJSONRoundTrip(t *testing.T) {
	var task satellogic.Task
	require.NoError(t, satellogic.Decode(fixture(t, "task_aoi.json"), &task))
	task.Unknown = jsontext.Value(`{"new_member":{"a":[1,2]}}`)
	out, err := json.Marshal(&task, geo.JSONOptions())
	require.NoError(t, err)
	assert.JSONEq(t, `{"task_id": 301878, "task_name": "Vineyard block A", "project_name": "Agri", "product": 178,
		"start": "2025-08-01T00:00:00Z", "end": "2025-09-15T00:00:00Z", "priority": 13, "client": "Example Corp",
		"target": {"type": "Polygon", "coordinates": [[[-68.85, -32.95], [-68.80, -32.95], [-68.80, -32.90], [-68.85, -32.90], [-68.85, -32.95]]]},
		"created_time": "2025-07-20T09:00:00.000001Z", "status": "planning", "new_member": {"a": [1, 2]}}`, string(out))
	var back satellogic.Task
	require.NoError(t, json.Unmarshal(out, &back, geo.JSONOptions()))
	assert.Equal(t, task, back)
}

func TestTaskDecodingIsLenientWhereDocumented(t *testing.T) {
	var task satellogic.Task
	require.NoError(t, satellogic.Decode([]byte(`{"task_id": 3, "start": "2025-06-12T00:00:00", "end": null,
		"target": {"type": "Sphere", "coordinates": [[1, 2]]}, "status": "brand_new", "unknown": [1, 2]}`), &task))
	assert.Equal(t, mustTime("2025-06-12T00:00:00Z"), task.Start, "a zoneless time is UTC")
	assert.True(t, task.End.IsZero())
	assert.Nil(t, task.Target, "a target that is not a GeoJSON geometry is left nil")
	assert.Equal(t, satellogic.TaskStatus("brand_new"), task.Status, "an unknown status is kept")
	assert.JSONEq(t, `{"unknown": [1, 2]}`, string(task.Unknown))

	for _, target := range []string{`"POINT(1 2)"`, `[1, 2]`, `{"type": "Point", "coordinates": []}`, `7`,
		`{"type": "Point", "coordinates": [1, 2], "crs": {"x": [[[]]]}}`, `{"type": "Polygon", "coordinates": [[[0, 0], "x"]]}`} {
		task = satellogic.Task{}
		require.NoError(t, satellogic.Decode([]byte(`{"task_id": 4, "target": `+target+`, "status": "received"}`), &task), target)
		assert.EqualValues(t, 4, task.TaskID, target)
		assert.Equal(t, satellogic.TaskReceived, task.Status, "the members after the target are read: %s", target)
	}
	require.Error(t, satellogic.Decode([]byte(`{"task_id": 4, "target": {"type": "Point", "coordinates": [1, }}`), &task),
		"malformed JSON in the target is an error")
}

// A member of the wrong type is a *tasking.DecodeError naming its JSON path.
func TestTaskWrongTypeIsADecodeErrorNamingThePath(t *testing.T) {
	for body, path := range map[string]string{
		`{"task_id": "x"}`:                               "/task_id",
		`{"task_id": 1, "priority": "high"}`:             "/priority",
		`{"task_id": 1, "start": 5}`:                     "/start",
		`{"task_id": 1, "max_captures": 2.5}`:            "/max_captures",
		`{"task_id": 1, "status": ["x"]}`:                "/status",
		`{"task_id": 1, "start": "2025-13-45T99:99:99"}`: "/start",
	} {
		env := newMock(t)
		env.on(http.MethodGet, apiBase+"tasking/tasks/1/", 200, []byte(body))
		_, err := env.c.Tasks.Get(context.Background(), 1)
		var de *tasking.DecodeError
		require.ErrorAs(t, err, &de, body)
		assert.Contains(t, err.Error(), path, body)
	}
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/", 200, []byte(`{"count": 2, "results": [{"task_id": 1}, {"task_id": "2"}]}`))
	_, err := env.c.Tasks.List(context.Background(), nil)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "/results/1/task_id")
}

func TestPageDecodesBareArraysAndDropsNulls(t *testing.T) {
	var p satellogic.Page[*satellogic.Capture]
	require.NoError(t, satellogic.Decode([]byte(`[{"capture_id": "a", "status": "queued"}, null]`), &p))
	assert.Equal(t, 1, p.Count)
	require.Len(t, p.Results, 1)
	assert.Equal(t, "a", p.Results[0].CaptureID)
	_, _, ok := p.NextOffset()
	assert.False(t, ok)

	p = satellogic.Page[*satellogic.Capture]{}
	require.NoError(t, satellogic.Decode([]byte(`{"results": [null, {"capture_id": "b"}], "next": null}`), &p))
	assert.Equal(t, 1, p.Count, "no count: the items' number")
	require.Len(t, p.Results, 1)
}

func TestExpectedAgeFormats(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		text string
	}{
		{7 * 24 * time.Hour, "7 days, 00:00:00"},
		{24*time.Hour + 2*time.Hour + 3*time.Minute + 4*time.Second, "1 days, 02:03:04"},
		{12 * time.Hour, "0 days, 12:00:00"},
		{90*time.Minute + 500*time.Millisecond, "0 days, 01:30:00.500000"},
	} {
		assert.Equal(t, tc.text, satellogic.FormatExpectedAge(tc.d))
		back, err := satellogic.ParseExpectedAge(tc.text)
		require.NoError(t, err, tc.text)
		assert.Equal(t, tc.d, back, tc.text)
	}
	for text, want := range map[string]time.Duration{
		"7 00:00:00":       7 * 24 * time.Hour,
		"1 day, 2:03:04.5": 26*time.Hour + 3*time.Minute + 4500*time.Millisecond,
		"12:00:00":         12 * time.Hour,
		"3600":             time.Hour,
		"P7D":              7 * 24 * time.Hour,
		"PT12H":            12 * time.Hour,
		"P1DT2H30M":        26*time.Hour + 30*time.Minute,
		"P1W":              7 * 24 * time.Hour,
		"-1 00:00:00":      -24 * time.Hour,
	} {
		got, err := satellogic.ParseExpectedAge(text)
		require.NoError(t, err, text)
		assert.Equal(t, want, got, text)
	}
	for _, bad := range []string{"", "seven days", "P", "PT", "P1H", "1:2:3:4", "NaN", "1 days, x", "P1DT"} {
		_, err := satellogic.ParseExpectedAge(bad)
		assert.Error(t, err, bad)
	}
}

func TestErrorsAreTyped(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodPost, apiBase+"tasking/tasks/", 400, fixture(t, "error_fields.json"))
	_, err := env.c.Tasks.Create(context.Background(), validRequest())
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	var ae *tasking.APIError
	require.True(t, errors.As(err, &ae))
	assert.Equal(t, 400, ae.StatusCode)
	assert.Contains(t, ae.Message, "target: Product 178 requires a Polygon target.")
	assert.Contains(t, ae.Message, "end must be after start.")
}

func validRequest() *satellogic.TaskCreateRequest {
	return &satellogic.TaskCreateRequest{
		TaskName: "t", ProjectName: "p", Product: satellogic.ProductPOI, Target: orb.Point{1, 2},
		Start: mustTime("2025-07-01T00:00:00Z"), End: mustTime("2025-07-02T00:00:00Z"),
	}
}

func TestErrorBodiesFromFixtures(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/", 401, fixture(t, "error_unauthorized.json"))
	_, err := env.c.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Unauthorized", ae.Message)
	assert.Equal(t, 2, env.api.count(), "one replay with a fresh token")
	assert.Equal(t, 2, env.tokens.count())

	env2 := newMock(t)
	env2.mt.RegisterResponder(http.MethodPost, tokenURL, env2.tokens.respond(401, fixture(t, "token_error.json")))
	_, err = env2.c.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "access_denied", ae.Message)
	assert.NotContains(t, err.Error(), testSecret)
	assert.NotContains(t, string(ae.Body), testSecret)
	assert.Zero(t, env2.api.count(), "no API call without a token")
}
