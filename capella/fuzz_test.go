package capella_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// FuzzDecode feeds arbitrary bytes to the decoding of every resource and
// list, and to the methods that read them: nothing may panic.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2]]]},"properties":{"statusHistory":[{"code":"x","time":5}]}}`))
	f.Add([]byte(`{"properties":{"collectConstraints":{"localTime":[[1],[],[1,2,3]]},"conflictingTasks":[{"windowOpen":"2024-02-262T08:00:04.053000"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var task capella.Task
		if json.Unmarshal(data, &task) == nil {
			_ = task.Status()
			_ = task.History()
			_ = task.ConflictMeaning()
			_ = task.Cost()
			_ = capella.NeutralTask(&task)
			if task.Properties.Constraints != nil && task.Properties.Constraints.LocalTime != nil {
				_ = task.Properties.Constraints.LocalTime.Seconds()
			}
			_, _ = json.Marshal(task)
		}
		var page capella.TaskPage
		if json.Unmarshal(data, &page) == nil {
			_ = page.Next()
		}
		var rr capella.RepeatRequest
		if json.Unmarshal(data, &rr) == nil {
			_ = rr.Status()
			_ = rr.CostPerImage()
			_, _ = json.Marshal(rr)
		}
		var rs capella.RepeatSearchPage
		_ = json.Unmarshal(data, &rs)
		var cols []*capella.Collect
		if json.Unmarshal(data, &cols) == nil {
			for _, c := range cols {
				if c != nil {
					_ = c.Status().Neutral()
					_, _ = json.Marshal(c)
				}
			}
		}
		var h capella.StatusHistory
		if json.Unmarshal(data, &h) == nil {
			_ = h.Current()
			_ = h.Events()
		}
		var ar capella.AccessRequest
		_ = json.Unmarshal(data, &ar)
		var acc []capella.Access
		_ = json.Unmarshal(data, &acc)
		var ct capella.CollectionTypePage
		_ = json.Unmarshal(data, &ct)
		var u capella.User
		if json.Unmarshal(data, &u) == nil {
			_ = u.Created()
		}
		_ = capella.Details(&tasking.APIError{StatusCode: 422, Body: data})
		_ = capella.ParseMoney(string(data))
	})
}

// FuzzValidate builds requests from arbitrary numbers and strings and
// validates them: nothing may panic, and a valid request always has a
// collection type and a window that closes after it opens.
func FuzzValidate(f *testing.F) {
	f.Add(10.0, 20.0, int64(0), int64(7*24*3600), "standard", "spotlight", 5.0, 40.0, 0.1, 7, 3)
	f.Add(200.0, -95.0, int64(-5), int64(0), "urgent", "", math.NaN(), math.Inf(1), -1.0, 0, -1)
	f.Add(179.9, 89.9, int64(1e9), int64(1), "routine", "stripmap_100", 60.0, 90.0, 0.0, 1, 1)
	f.Fuzz(func(t *testing.T, lon, lat float64, openSec, lenSec int64, tier, ctype string, offMin, offMax, size float64, interval, count int) {
		open := time.Unix(openSec%(1<<40), 0).UTC()
		closeAt := open.Add(time.Duration(lenSec%(1<<40)) * time.Second)
		geoms := []orb.Geometry{orb.Point{lon, lat}, nil,
			orb.Polygon{{{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}}},
			orb.Polygon{{{lon, lat}}}, orb.MultiPoint{{lon, lat}}}
		for _, g := range geoms {
			r := &capella.TaskCreateRequest{Geometry: g, WindowOpen: open, WindowClose: closeAt,
				CollectionTier: capella.CollectionTier(tier), CollectionType: capella.CollectionType(ctype),
				Constraints: &capella.CollectConstraints{OffNadirMin: &offMin, OffNadirMax: &offMax,
					LocalTime: &capella.LocalTime{Ranges: [][2]float64{{offMin, offMax}}}}}
			if r.Validate() == nil && (r.CollectionType == "" || !closeAt.After(open)) {
				t.Fatalf("accepted an invalid request: %+v", r)
			}
			c := interval
			rr := &capella.RepeatCreateRequest{Geometry: g, CollectionType: capella.CollectionType(ctype),
				WindowDuration: time.Duration(lenSec) * time.Millisecond,
				Repetition: capella.RepetitionProperties{RepeatStart: open, RepeatEnd: closeAt, RepetitionInterval: interval,
					RepetitionCount: &c, LookAngleTolerance: &size}}
			if rr.Validate() == nil {
				t.Fatalf("accepted a repeat with both an end and a count: %+v", rr)
			}
			rr.Repetition.RepetitionCount = nil
			_ = rr.Validate()
			a := &capella.AccessRequestCreate{Geometry: g, WindowOpen: open, WindowClose: closeAt,
				Constraints: &capella.AccessConstraints{OffNadirMin: &offMin, ImageWidth: &size, LocalTime: [][2]float64{{size, offMax}}}}
			_ = a.Validate()
		}
	})
}
