package planet

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// checkFastOrder decodes b with UnmarshalJSON and with the generic path alone
// and fails unless both give the same order and the same error. It reports
// whether the shortcut decoded b.
func checkFastOrder(t *testing.T, b []byte) bool {
	t.Helper()
	var fast, generic Order
	errFast := fast.UnmarshalJSON(b)
	errGeneric := generic.decodeGeneric(bytes.TrimSpace(b))
	if (errFast == nil) != (errGeneric == nil) || errFast != nil && errFast.Error() != errGeneric.Error() {
		t.Fatalf("%s:\nUnmarshalJSON: %v\ngeneric:       %v", b, errFast, errGeneric)
	}
	if !reflect.DeepEqual(fast, generic) {
		t.Fatalf("%s:\nUnmarshalJSON: %#v\ngeneric:       %#v", b, fast, generic)
	}
	var o Order
	return decodeOrderFast(&o, bytes.TrimSpace(b))
}

// fullOrder returns an order with every field set to a value that is not
// zero.
func fullOrder() *Order {
	f, n, yes := 12.5, 7, true
	loc := time.FixedZone("", 2*3600)
	tm := func(d int) time.Time { return time.Date(2025, 6, d, 10, 11, 12, 500_000_000, loc) }
	return &Order{
		ID: "id", Name: "näme \"quoted\" \u2028", Status: "ON_ICE",
		Geometry: orb.Polygon{{{1, 2}, {3, 4}, {5, 2}, {1, 2}}}, OriginalGeometry: orb.Point{1.5, -2.5},
		FulfilledGeometry: orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {{{5, 5}, {6, 5}, {6, 6}, {5, 5}}, {}}},
		StartTime:         tm(1), EndTime: tm(2), CreatedTime: tm(3), UpdatedTime: tm(4).UTC(),
		PLNumber: "PL-1", Product: "Assured Tasking", SchedulingType: SchedulingType("MONITORING"),
		OrderType: "VIDEO", ImagingWindow: "w", RRule: "FREQ=DAILY;COUNT=3",
		SatElevationAngleMin: &f, SatElevationAngleMax: &f, SatelliteTypes: []SatelliteType{"SKYSAT", "X"},
		CloudThreshold: &f, ExclusivityDays: &n, NStereoPOV: &n, EarlyStart: &yes,
		RequestedItemIDs: []string{"a", ""}, Delivery: json.RawMessage(`{"destination":{"ref":"x"},"path_prefix":"p"}`),
		CaptureCount: 1, CaptureStatusQueuedCount: 2, CaptureStatusProcessingCount: 3, CaptureStatusPublishedCount: 4,
		CaptureStatusFailedCount: 5, CaptureAssessmentSuccessCount: 6, CaptureAssessmentInvalidCount: -7,
		FulfilledTime: tm(5), LastAcquiredTime: tm(6), NextPlannedAcquisitionTime: tm(7),
		RequestedSqkm: &f, FulfilledSqkm: &f, EstimatedQuotaCost: &f, UsedQuota: &f,
		CreatedBy: "someone", IsCancellable: &yes, CancellableUntil: tm(8),
	}
}

// TestFastOrderReadsEveryField checks that the shortcut reads every member of
// Order: a member it missed would send every order to the generic path.
func TestFastOrderReadsEveryField(t *testing.T) {
	o := fullOrder()
	v := reflect.ValueOf(o).Elem()
	for i := 0; i < v.NumField(); i++ {
		if name := v.Type().Field(i).Name; name != "Raw" && v.Field(i).IsZero() {
			t.Fatalf("fullOrder leaves %s zero", name)
		}
	}
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if !checkFastOrder(t, b) {
		t.Fatalf("the shortcut did not read %s", b)
	}
	var back Order
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	back.Raw = nil
	if !reflect.DeepEqual(*o, back) {
		t.Fatalf("round trip:\n%#v\n%#v", *o, back)
	}
}

// TestFastOrderMatchesGeneric checks the shortcut against the generic path on
// the fixtures and on input it must leave to the generic path.
func TestFastOrderMatchesGeneric(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fast := checkFastOrder(t, b)
		if strings.HasPrefix(filepath.Base(name), "order_") && !strings.Contains(name, "lenient") &&
			bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) && bytes.Contains(b, []byte(`"geometry"`)) && !fast {
			t.Errorf("%s: the shortcut did not read it", name)
		}
	}
	for _, tc := range []struct {
		in   string
		fast bool
	}{
		{`{}`, true},
		{" \n{ } \t", true},
		{`{"id":"x","unknown":{"a":[1,2,{"b":null}],"c":true},"more":[],"n":-1.5e3}`, true},
		{`{"id":"a","id":"b","name":"n","name":null}`, true},
		{`{"sat_elevation_angle_min":1,"sat_elevation_angle_min":null,"exclusivity_days":3,"early_start":false}`, true},
		{`{"capture_count":-0,"used_quota":-0.0,"requested_sqkm":1E+2}`, true},
		{`{"satellite_types":[],"requested_item_ids":null}`, true},
		{`{"satellite_types":["SKYSAT",null]}`, true},
		{`{"delivery":null}`, true},
		{`{"delivery":{"a":"b"},"delivery":null}`, true},
		{`{"delivery":"x"}`, true},
		{`{"status":"RECEIVED"}`, true},
		{`{"status":"NEW_ONE","status":null}`, true},
		{`{"name":"\u00e9t\u00e9 \"x\"\n"}`, true},
		{"{\"name\":\"bad \xff utf8\"}", true},
		{`{"start_time":"2025-06-02T00:00:00+02:00","end_time":null}`, true},
		{`{"start_time":"2025-06-02T00:00:00.123456789Z"}`, true},
		{`{"geometry":null}`, true},
		{`{"geometry":{"type":"Point","coordinates":[1,2]},"geometry":null}`, true},
		{`{"geometry":{"coordinates":[1,2,3],"type":"Point","bbox":[0,0,1,1]}}`, true},
		{`{"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}`, true},
		{`{"geometry":{"type":"MultiPoint","coordinates":[]}}`, true},
		{`{"geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[]]}}`, true},
		{`{"geometry":{"type":"Polygon","coordinates":[]}}`, true},
		{`{"geometry":{"type":"Polygon","coordinates":[[]]}}`, true},
		{`{"geometry":{"type":"MultiPolygon","coordinates":[[[[1,2],[3,4],[5,6],[1,2]]],[]]}}`, true},
		{`{"geometry":{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}}`, true},
		{`{"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]}}`, true},
		{`{"geometry":{"type":"Point","coordinates":[1,2],"Type":"Polygon"}}`, false},
		{`{"geometry":{"type":"Point","coordinates":[1,2],"geometries":[]}}`, true},
		{`{"geometry":{"TYPE":"Point","coordinates":[1,2]}}`, true},
		{`{"geometry":{"type":"Point","coordinates":[1,null]}}`, true},
		{`{"geometry":{"type":"Point","coordinates":[1]}}`, false},
		{`{"geometry":{"type":"Point","coordinates":[1,2],"geometries":5}}`, false},
		{`{"geometry":{"type":"Point","coordinates":[1,2],"type":"Point"}}`, true},
		{`{"geometry":{"type":"Point","coordinates":[1,1e400]}}`, false},
		{`{"geometry":{"type":"Blob","coordinates":[1,2]}}`, false},
		{`{"geometry":{"type":"Polygon"}}`, false},
		{`{"geometry":5}`, false},
		{`{"geometry":"x"}`, false},
		{`{"ID":"x"}`, false},
		{`{"Name":"x","iD":"y"}`, false},
		{`{"\u0069d":"x"}`, false},
		{`{"na\u212ae":"x"}`, false},
		{"{\"i\u212a\":1}", false},
		{`{"id":5}`, false},
		{`{"capture_count":1.5}`, false},
		{`{"capture_count":1e2}`, false},
		{`{"capture_count":"1"}`, false},
		{`{"capture_count":99999999999999999999}`, false},
		{`{"exclusivity_days":"thirty"}`, false},
		{`{"is_cancellable":"yes"}`, false},
		{`{"satellite_types":"SKYSAT"}`, false},
		{`{"satellite_types":[1]}`, false},
		{`{"start_time":"2025-06-02"}`, false},
		{`{"start_time":"not a time"}`, false},
		{`{"start_time":3}`, false},
		{`{"sat_elevation_angle_min":1e400}`, false},
		{`{"id":"x",}`, false},
		{`{"id":"x"} x`, false},
		{`{"id":"x"`, false},
		{`{"id" "x"}`, false},
		{`{"id":"x\q"}`, false},
		{`{"id":"x\u12"}`, false},
		{"{\"id\":\"a\tb\"}", false},
		{`{"unknown":[1,]}`, false},
		{`{"unknown":tru}`, false},
		{`{"unknown":01}`, false},
		{`{"unknown":-}`, false},
		{`{"unknown":1.}`, false},
		{`{"unknown":1e}`, false},
		{`{"unknown":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, false},
		{`[1]`, false},
		{`null`, false},
		{``, false},
	} {
		if fast := checkFastOrder(t, []byte(tc.in)); fast != tc.fast {
			t.Errorf("%s: shortcut %v, want %v", tc.in, fast, tc.fast)
		}
	}
}

// FuzzFastOrder checks the shortcut against the generic path:
//
//	go test ./planet -run '^$' -fuzz FuzzFastOrder -fuzztime 30s
func FuzzFastOrder(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	if b, err := json.Marshal(fullOrder()); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[]]},"delivery":{"a":[1,{"b":"c"}]}}`))
	f.Add([]byte(`{"geometry":{"coordinates":[[[1,2],[3,4]]],"type":"Polygon"},"Status":"x","status":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkFastOrder(t, b)
	})
}
