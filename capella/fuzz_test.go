package capella_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
)

// FuzzDecode answers every call that reads a resource or a list with the
// fuzz input, through the public API and the transport's streamed decoding:
// nothing may panic, an answer that cannot be read is a *tasking.DecodeError,
// and what decodes can be used and written back out.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2]]]},"properties":{"statusHistory":[{"code":"x","time":5}]}}`,
		`{"properties":{"collectConstraints":{"localTime":[[1],[],[1,2,3]]},"conflictingTasks":[{"windowOpen":"2024-02-262T08:00:04.053000"}]}}`,
		`{"results":[null,{"geometry":{"type":"Point","coordinates":[1e400,2]}}],"currentPage":1,"totalPages":-1}`,
		`[{"collectStatusHistory":[{"time":"","code":7}],"accessProperties":{"elevationMin":"x"}}]`,
		`{"results":["spotlight",{"collectionType":"x","n":[{}]},5],"current_page":"1"}`,
		`{"properties":{"collectConstraints":{"localTime":"day","radarParameters":{"prf":[1,{}]}},"x":1},"bbox":[1]}`,
		`{"error":{"detail":[{"loc":["body",1],"msg":"m"}]},"detail":"x"}`, `{"status":"canceled"}`, `null`, ``, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		mt := httpmock.NewMockTransport()
		mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
			resp := httpmock.NewBytesResponse(http.StatusOK, data)
			resp.Header.Set("Content-Type", "application/json")
			return resp, nil
		})
		c, err := capella.New(testKey, capella.WithHTTPClient(&http.Client{Transport: mt}),
			capella.WithRetry(tasking.NoRetry()), capella.WithAccount(testOrg, testUser))
		if err != nil {
			t.Fatal(err)
		}
		cx := context.Background()
		check := func(call string, err error) {
			var de *tasking.DecodeError
			if err != nil && !errors.As(err, &de) {
				t.Fatalf("%s: %T is not a *tasking.DecodeError: %v", call, err, err)
			}
		}
		encode := func(v any) { _, _ = json.Marshal(v, geo.JSONOptions()) }
		useTask := func(task *capella.Task) {
			if task == nil {
				return
			}
			_ = task.GetStatus().Neutral()
			_ = task.History()
			_ = task.ConflictMeaning()
			_ = task.Cost()
			_ = task.Neutral()
			if cc := task.Properties.Constraints; cc != nil && cc.LocalTime != nil {
				_ = cc.LocalTime.Seconds()
			}
			encode(task)
		}

		task, err := c.Tasks.Get(cx, taskID)
		check("Tasks.Get", err)
		useTask(task)
		page, err := c.Tasks.List(cx, nil)
		check("Tasks.List", err)
		if page != nil {
			_ = page.Next()
			for _, task := range page.Tasks {
				useTask(task)
			}
		}
		tasks, err := c.Tasks.ListByCustomer(cx, testUser, nil)
		check("Tasks.ListByCustomer", err)
		for _, task := range tasks {
			useTask(task)
		}
		task, err = c.Tasks.Cancel(cx, taskID)
		check("Tasks.Cancel", err)
		useTask(task)
		rr, err := c.RepeatRequests.Get(cx, repeatID)
		check("RepeatRequests.Get", err)
		if rr != nil {
			_ = rr.GetStatus()
			_ = rr.CostPerImage()
			encode(rr)
		}
		rs, err := c.RepeatRequests.Search(cx, nil)
		check("RepeatRequests.Search", err)
		if rs != nil {
			encode(rs)
		}
		h, err := c.RepeatRequests.SetStatus(cx, repeatID, capella.RepeatChangeCanceled)
		check("RepeatRequests.SetStatus", err)
		_ = h.Current()
		_ = h.Events()
		if rr, err := c.RepeatRequests.Cancel(cx, repeatID); err == nil {
			_ = rr.GetStatus()
		}
		cols, err := c.Collects.List(cx, taskID, nil)
		check("Collects.List", err)
		for _, col := range cols {
			if col != nil {
				_ = col.GetStatus().Neutral()
				encode(col)
			}
		}
		col, err := c.Collects.Get(cx, collID)
		check("Collects.Get", err)
		if col != nil {
			encode(col)
		}
		hist, err := c.Collects.Status(cx, collID)
		check("Collects.Status", err)
		_ = hist.Current()
		ar, err := c.AccessRequests.Get(cx, accessID)
		check("AccessRequests.Get", err)
		if ar != nil {
			encode(ar)
		}
		acc, err := c.AccessRequests.Accesses(cx, accessID)
		check("AccessRequests.Accesses", err)
		encode(acc)
		ct, err := c.CollectionTypes.List(cx, nil)
		check("CollectionTypes.List", err)
		if ct != nil {
			encode(ct)
		}
		u, err := c.Users.Me(cx)
		check("Users.Me", err)
		if u != nil {
			_ = u.Created()
		}
		_ = capella.Details(&tasking.APIError{StatusCode: 422, Body: data})
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
			a := &capella.AccessRequestCreateRequest{Geometry: g, WindowOpen: open, WindowClose: closeAt,
				Constraints: &capella.AccessConstraints{OffNadirMin: &offMin, ImageWidth: &size, LocalTime: [][2]float64{{size, offMax}}}}
			_ = a.Validate()
		}
	})
}
