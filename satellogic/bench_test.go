package satellogic_test

// Benchmarks of issue #12: every call through the SDK ("sdk") and the same
// call written by hand with net/http and encoding/json v1 into equivalent
// typed structs ("nethttp"), against the same local server and bodies.
//
//	go test ./satellogic -run '^$' -bench 'Benchmark(Get|List|Create)$' -benchmem -count 6

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eotask/eotask/internal/benchkit"
	"github.com/eotask/eotask/satellogic"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// benchPageSize is the largest page size Satellogic documents: its
// pagination example pages with limit=100 (specs/satellogic.md, 3.1; the
// maximum itself is not published).
const benchPageSize = 100

const benchToken = "bench-token"

// handTask is a task as a careful hand-written client would decode it.
type handTask struct {
	TaskID      int64             `json:"task_id"`
	TaskName    string            `json:"task_name"`
	ProjectName string            `json:"project_name"`
	Product     int               `json:"product"`
	Start       time.Time         `json:"start"`
	End         time.Time         `json:"end"`
	Priority    int               `json:"priority"`
	Client      string            `json:"client"`
	Target      *geojson.Geometry `json:"target"`
	CreatedTime time.Time         `json:"created_time"`
	Status      string            `json:"status"`
	MaxCaptures *int              `json:"max_captures"`
	ExpectedAge string            `json:"expected_age"`
}

type handPage struct {
	Count    int         `json:"count"`
	Next     *string     `json:"next"`
	Previous *string     `json:"previous"`
	Results  []*handTask `json:"results"`
}

type handCreate struct {
	TaskName    string            `json:"task_name"`
	ProjectName string            `json:"project_name"`
	Product     int               `json:"product"`
	Target      *geojson.Geometry `json:"target"`
	Start       time.Time         `json:"start"`
	End         time.Time         `json:"end"`
	MaxCaptures int               `json:"max_captures,omitempty"`
}

// benchServer answers the token endpoint with a token and every other
// request with status and body, as benchkit.Server does.
func benchServer(b *testing.B, status int, body []byte) *httptest.Server {
	token := []byte(`{"access_token": "` + benchToken + `", "expires_in": 86400, "token_type": "Bearer"}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/oauth/token" {
			_, _ = w.Write(token)
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchClients(b *testing.B, srv *httptest.Server) (*satellogic.Client, *benchkit.Hand) {
	c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(srv.URL), satellogic.WithTokenURL(srv.URL+"/oauth/token"))
	if err != nil {
		b.Fatal(err)
	}
	return c, benchkit.NewHand(http.Header{
		"User-Agent":               {"eotask/0.1.0"},
		"Authorizationtoken":       {"Bearer " + benchToken},
		"X-Satellogic-Contract-Id": {testCont},
	})
}

// realTask is a task fixture as the API documents it (specs/satellogic.md,
// 10.4): without the member the fixtures add to test forward compatibility.
func realTask(b *testing.B, name string) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(fixture(b, name), &m); err != nil {
		b.Fatal(err)
	}
	delete(m, "some_future_field")
	return m
}

func BenchmarkGet(b *testing.B) {
	body, err := json.MarshalIndent(realTask(b, "task_poi.json"), "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	srv := benchServer(b, http.StatusOK, body)
	c, hand := benchClients(b, srv)
	url := srv.URL + "/tasking/tasks/301877/"
	benchkit.Pair(b, func(ctx context.Context) error {
		t, err := c.Tasks.Get(ctx, 301877)
		if err == nil && (t.TaskID != 301877 || t.Target == nil) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	}, func(ctx context.Context) error {
		var t handTask
		err := hand.Do(ctx, http.MethodGet, url, nil, &t)
		if err == nil && (t.TaskID != 301877 || t.Target == nil) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	})
}

// listPage is a page of benchPageSize tasks built from the fixtures: points
// and polygons in turn, with distinct ids and names.
func listPage(b *testing.B) []byte {
	var kinds []map[string]any
	for _, name := range []string{"task_poi.json", "task_aoi.json", "task_canceled.json"} {
		kinds = append(kinds, realTask(b, name))
	}
	items := make([]map[string]any, benchPageSize)
	for i := range items {
		m := map[string]any{}
		for k, v := range kinds[i%len(kinds)] {
			m[k] = v
		}
		m["task_id"] = 300000 + i
		m["task_name"] = fmt.Sprintf("%s #%d", m["task_name"], i)
		items[i] = m
	}
	body, err := json.MarshalIndent(map[string]any{
		"count":    1234,
		"next":     "https://api.satellogic.com/tasking/tasks/?limit=100&offset=100",
		"previous": nil,
		"results":  items,
	}, "", " ")
	if err != nil {
		b.Fatal(err)
	}
	return body
}

func BenchmarkList(b *testing.B) {
	srv := benchServer(b, http.StatusOK, listPage(b))
	c, hand := benchClients(b, srv)
	opts := &satellogic.TaskListOptions{ListOptions: satellogic.ListOptions{Limit: benchPageSize}}
	url := srv.URL + "/tasking/tasks/?limit=100"
	benchkit.Pair(b, func(ctx context.Context) error {
		p, err := c.Tasks.List(ctx, opts)
		if err == nil && (len(p.Results) != benchPageSize || p.Results[1].Target == nil) {
			err = fmt.Errorf("got %d tasks", len(p.Results))
		}
		return err
	}, func(ctx context.Context) error {
		var p handPage
		err := hand.Do(ctx, http.MethodGet, url, nil, &p)
		if err == nil && (len(p.Results) != benchPageSize || p.Results[1].Target == nil) {
			err = fmt.Errorf("got %d tasks", len(p.Results))
		}
		return err
	})
}

func BenchmarkCreate(b *testing.B) {
	poly := benchkit.Polygon24(orb.Point{-68.825, -32.925}, 0.04, 0.04)
	start, end := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC)
	// The answer: the AOI fixture echoing the request's polygon.
	answer := realTask(b, "task_aoi.json")
	answer["target"] = geojson.NewGeometry(poly)
	answer["status"] = "received"
	body, err := json.MarshalIndent(answer, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	srv := benchServer(b, http.StatusCreated, body)
	c, hand := benchClients(b, srv)
	url := srv.URL + "/tasking/tasks/"
	benchkit.Pair(b, func(ctx context.Context) error {
		t, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{TaskName: "Vineyard block A", ProjectName: "Agri",
			Product: satellogic.ProductAOI, Target: poly, Start: start, End: end, MaxCaptures: 3})
		if err == nil && (t.TaskID != 301878 || t.Target == nil) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	}, func(ctx context.Context) error {
		var t handTask
		err := hand.Do(ctx, http.MethodPost, url, &handCreate{TaskName: "Vineyard block A", ProjectName: "Agri",
			Product: 178, Target: geojson.NewGeometry(poly), Start: start, End: end, MaxCaptures: 3}, &t)
		if err == nil && (t.TaskID != 301878 || t.Target == nil) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	})
}
