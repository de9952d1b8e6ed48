package satellogic_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// hostileServer answers every API call with the body set last, and the token
// endpoint with a valid token.
type hostileServer struct {
	*httptest.Server
	mu   sync.Mutex
	body []byte
}

func newHostileServer(tb testing.TB) *hostileServer {
	h := &hostileServer{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/oauth/token" {
			_, _ = w.Write([]byte(`{"access_token": "fuzz", "expires_in": 86400, "token_type": "Bearer"}`))
			return
		}
		h.mu.Lock()
		body := h.body
		h.mu.Unlock()
		_, _ = w.Write(body)
	}))
	tb.Cleanup(h.Close)
	return h
}

func (h *hostileServer) answer(b []byte) {
	h.mu.Lock()
	h.body = b
	h.mu.Unlock()
}

// FuzzDecode answers every call of the client with arbitrary bytes: the
// public decoding path (the transport streaming the answer into this
// package's types) must never panic, and every failure to read an answer is
// a *tasking.DecodeError.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `[]`, `null`, `{"task_id": 1, "target": {"type": "Point", "coordinates": []}}`,
		`{"task_id": 1, "target": {"type": "GeometryCollection", "geometries": [null]}}`, `{"result": [null, 1, "x"]}`,
		`{"task_id": 1, "start": "2025-13-45T99:99:99"}`, `{"results": [null]}`, `[null, {}]`, `{"id": 1e400}`,
		`{"task_id": 1, "target": {"type": "Sphere", "coordinates": [[[[` + strings.Repeat("[", 100) + `]]]]}}`,
		`{"task_id": 1, "target": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}, "x": "\ud800"}`,
		`{"result": {"windows": [{"begin": "2025-05-22T05:00:00", "ona": "x"}, "2025-05-22"], "can_add": null}}`,
		`{"task_id": 1, "target": {"type": "Point", "coordinates": [1, 2]`} {
		f.Add([]byte(s))
	}
	srv := newHostileServer(f)
	c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(srv.URL), satellogic.WithTokenURL(srv.URL+"/oauth/token"),
		satellogic.WithRetry(tasking.NoRetry()))
	if err != nil {
		f.Fatal(err)
	}
	calls := map[string]func(ctx context.Context) error{
		"Tasks.Get":      func(ctx context.Context) error { t, err := c.Tasks.Get(ctx, 1); use(t); return err },
		"Tasks.Create":   func(ctx context.Context) error { t, err := c.Tasks.Create(ctx, validRequest()); use(t); return err },
		"Tasks.Cancel":   func(ctx context.Context) error { t, err := c.Tasks.Cancel(ctx, 1); use(t); return err },
		"Tasks.List":     func(ctx context.Context) error { p, err := c.Tasks.List(ctx, nil); usePage(p); return err },
		"Tasks.Captures": func(ctx context.Context) error { _, err := c.Tasks.Captures(ctx, 1, nil); return err },
		"Contracts.List": func(ctx context.Context) error { _, err := c.Contracts.List(ctx); return err },
		"Products.List":  func(ctx context.Context) error { _, err := c.Products.List(ctx, nil); return err },
		"Analysis.Get": func(ctx context.Context) error {
			a, err := c.Analysis.Get(ctx, satellogic.AnalysisCanAdd, "1")
			if err == nil {
				_, _ = a.Earliest()
				_ = a.Status.Neutral()
				for _, o := range a.Opportunities {
					_, _ = o.TaskRequest(nil, 0)
				}
			}
			return err
		},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		srv.answer(data)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for name, call := range calls {
			err := call(ctx)
			var de *tasking.DecodeError
			if err != nil && !errors.As(err, &de) && !errors.Is(err, tasking.ErrPageCycle) {
				t.Fatalf("%s: %v is not a *tasking.DecodeError", name, err)
			}
		}
		_, _ = satellogic.ParseExpectedAge(string(data))
	})
}

func use(t *satellogic.Task) {
	if t != nil {
		_ = t.Neutral()
	}
}

func usePage(p *satellogic.Page[*satellogic.Task]) {
	if p != nil {
		for _, t := range p.Results {
			use(t)
		}
		_, _, _ = p.NextOffset()
	}
}

// FuzzValidate builds task requests from arbitrary values: validation and
// encoding must never panic, and a request that passes must encode.
func FuzzValidate(f *testing.F) {
	f.Add("t", "p", 169, 1.0, 2.0, 3.0, 4.0, int64(0), int64(3600), 1, int64(0), "")
	f.Add("t", "p", 178, 0.0, 0.0, 1.0, 1.0, int64(0), int64(86400), 0, int64(7*86400), "satellite")
	f.Add("", "", 186, math.NaN(), math.Inf(1), -200.0, 95.0, int64(-1), int64(-1), -5, int64(-1), "product")
	f.Add("t", "p", 90, 1.0, 1.0, 1.0, 1.0, int64(math.MaxInt64/2), int64(math.MinInt64/2), 1, int64(1), "x")
	f.Fuzz(func(t *testing.T, name, project string, product int, x1, y1, x2, y2 float64, start, end int64,
		maxCaptures int, ageSeconds int64, extraKey string) {
		var target orb.Geometry
		switch product % 4 {
		case 0:
			target = orb.Point{x1, y1}
		case 1:
			target = orb.Polygon{{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}, {x1, y1}}}
		case 2:
			target = orb.LineString{{x1, y1}, {x2, y2}}
		}
		req := &satellogic.TaskCreateRequest{
			TaskName: name, ProjectName: project, Product: satellogic.ProductID(product), Target: target,
			Start: time.Unix(start%(1<<40), 0), End: time.Unix(end%(1<<40), 0), MaxCaptures: maxCaptures,
			ExpectedAge: time.Duration(ageSeconds%(1<<30)) * time.Second,
		}
		if extraKey != "" {
			req.Extra = map[string]any{extraKey: x1}
		}
		err := req.Validate()
		b, merr := json.Marshal(req) // encoding/json v1 calls TaskCreateRequest.MarshalJSON
		if err == nil && merr != nil && !math.IsNaN(x1) && !math.IsInf(x1, 0) {
			t.Fatalf("a valid request does not encode: %v", merr)
		}
		if err == nil && merr == nil && !json.Valid(b) {
			t.Fatalf("invalid JSON: %s", b)
		}
		_ = satellogic.FormatExpectedAge(req.ExpectedAge)
		if o := (satellogic.Opportunity{Start: req.Start, End: req.End}); !o.Start.IsZero() {
			_, _ = o.TaskRequest(req, time.Duration(ageSeconds))
		}
	})
}
