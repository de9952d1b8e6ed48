package satellogic_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/paulmach/orb"
)

// FuzzDecode feeds arbitrary bytes to the JSON decoding of every resource and
// list: it must never panic, and whatever decodes must encode again.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{`{}`, `[]`, `null`, `{"target": {"type": "Point", "coordinates": []}}`,
		`{"target": {"type": "GeometryCollection", "geometries": [null]}}`, `{"result": [null, 1, "x"]}`,
		`{"start": "2025-13-45T99:99:99"}`, `{"results": [null]}`, `[null, {}]`, `{"id": 1e400}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var task satellogic.Task
		if json.Unmarshal(data, &task) == nil {
			_, _ = json.Marshal(task)
			_ = task.Neutral()
		}
		var tasks satellogic.Page[*satellogic.Task]
		if json.Unmarshal(data, &tasks) == nil {
			for _, t := range tasks.Results {
				_ = t.Neutral()
			}
			_, _, _ = tasks.NextOffset()
		}
		var caps satellogic.Page[*satellogic.Capture]
		if json.Unmarshal(data, &caps) == nil {
			for _, c := range caps.Results {
				_ = c.Status.Neutral()
			}
		}
		var contracts satellogic.Page[*satellogic.Contract]
		_ = json.Unmarshal(data, &contracts)
		var products satellogic.Page[*satellogic.Product]
		_ = json.Unmarshal(data, &products)
		var a satellogic.Analysis
		if json.Unmarshal(data, &a) == nil {
			_, _ = a.Earliest()
			_ = a.Status.Neutral()
			for _, o := range a.Opportunities {
				_, _ = o.TaskRequest(nil, 0)
			}
		}
		var o satellogic.Opportunity
		_ = json.Unmarshal(data, &o)
		_, _ = satellogic.ParseExpectedAge(string(data))
	})
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
		b, merr := json.Marshal(req)
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
