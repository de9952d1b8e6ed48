package satellogic

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
)

// refDecodeTask is the reference for Task.UnmarshalJSON: the plain
// encoding/json decoding it replaced, with the times read through a string
// and the target through geo.ParseGeoJSON. The fast paths must give exactly
// its results and its errors.
func refDecodeTask(b []byte) (Task, error) {
	type plain Task
	var w struct {
		*plain
		Target      json.RawMessage `json:"target"`
		Start       refTime         `json:"start"`
		End         refTime         `json:"end"`
		CreatedTime refTime         `json:"created_time"`
	}
	var p plain
	w.plain = &p
	if err := json.Unmarshal(b, &w); err != nil {
		return Task{}, err
	}
	if raw := bytes.TrimSpace(w.Target); len(raw) > 0 && string(raw) != "null" {
		if g, err := geo.ParseGeoJSON(raw); err == nil {
			p.Target = g
		}
	}
	p.Start, p.End, p.CreatedTime = time.Time(w.Start), time.Time(w.End), time.Time(w.CreatedTime)
	p.Raw = append(json.RawMessage(nil), b...)
	return Task(p), nil
}

type refTime time.Time

func (t *refTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*t = refTime{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("time: %w", err)
	}
	v, err := parseTime(s)
	if err != nil {
		return err
	}
	*t = refTime(v)
	return nil
}

// checkTaskDecoding compares Task decoding with the reference, called directly
// and through json.Unmarshal, and the geometry fast path with geo.
func checkTaskDecoding(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := refDecodeTask(data)
	var got Task
	gotErr := got.UnmarshalJSON(data)
	compareTask(t, "UnmarshalJSON", data, want, wantErr, got, gotErr)

	var wantJ, gotJ Task
	wantErrJ := json.Unmarshal(data, (*refTask)(&wantJ))
	gotErrJ := json.Unmarshal(data, &gotJ)
	compareTask(t, "json.Unmarshal", data, wantJ, wantErrJ, gotJ, gotErrJ)

	if g, ok := fastGeometry(data); ok {
		ref, err := geo.ParseGeoJSON(data)
		if err != nil || !reflect.DeepEqual(g, ref) {
			t.Fatalf("fastGeometry(%q) = %#v, geo.ParseGeoJSON gives %#v, %v", data, g, ref, err)
		}
	}
	var fast Task
	if fast.decodeFast(data) {
		var slow Task
		if err := slow.decodeJSON(data); err != nil || !reflect.DeepEqual(fast, slow) {
			t.Fatalf("decodeFast(%q) = %+v, decodeJSON gives %+v, %v", data, fast, slow, err)
		}
	}
}

// refTask decodes with refDecodeTask through json.Unmarshal.
type refTask Task

func (r *refTask) UnmarshalJSON(b []byte) error {
	v, err := refDecodeTask(b)
	if err != nil {
		return err
	}
	*r = refTask(v)
	return nil
}

func compareTask(t *testing.T, how string, data []byte, want Task, wantErr error, got Task, gotErr error) {
	t.Helper()
	if (wantErr == nil) != (gotErr == nil) || wantErr != nil && errText(wantErr) != errText(gotErr) {
		t.Fatalf("%s(%q): error %v, want %v", how, data, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s(%q):\n got %+v\nwant %+v", how, data, got, want)
	}
}

// errText is err's message, without the Go type of an *json.UnmarshalTypeError
// (the wire struct, which differs between the implementations).
func errText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("cannot unmarshal %s at %d in %s.%s", te.Value, te.Offset, te.Struct, te.Field)
	}
	return err.Error()
}

var taskDecodingSeeds = []string{
	`{}`, `[]`, `null`, ` {"task_id": 1} `, `{"task_id": 1}x`, `{"task_id": 1,}`, `{,}`, `{"task_id" 1}`,
	`{"task_id": 1.0}`, `{"task_id": 1e2}`, `{"task_id": -0}`, `{"task_id": "x"}`, `{"task_id": 99999999999999999999}`,
	`{"task_id": null, "task_name": null, "max_captures": null, "target": null, "start": null}`,
	`{"Task_ID": 7}`, `{"TASK_NAME": "x"}`, `{"task\u005fid": 7}`, `{"ſtatus": "x"}`, `{"task_id": 1, "task_id": 2}`,
	`{"max_captures": 3, "max_captures": null}`, `{"max_captures": 2.5}`, `{"priority": true}`,
	`{"task_name": "caf\u00e9 \"x\""}`, `{"task_name": "café"}`, "{\"task_name\": \"bad \xff utf8\"}",
	"{\"task_name\": \"tab\there\"}", `{"task_name": 5}`, `{"status": "brand_new"}`, `{"status": ["x"]}`,
	`{"start": "2025-06-12T00:00:00"}`, `{"start": "2025-06-12 00:00:00"}`, `{"start": "2025-06-12"}`,
	`{"start": "2025-07-01T03:00:00+03:00"}`, `{"start": " 2025-07-01T00:00:00Z "}`, `{"start": ""}`,
	`{"start": "2025-07-01T00:00:00\u005a"}`, `{"start": "2025-13-45T99:99:99"}`, `{"start": 5}`,
	`{"start": "2025-07-01T24:00:00Z"}`, `{"created_time": "2025-06-20T13:02:11.482913Z"}`,
	`{"start": "2025-07-01T00:00:00.5+14:00"}`, `{"start": "2025-07-01T00:00:00-00:00"}`,
	`{"target": {"type": "Point", "coordinates": [1, 2]}}`,
	`{"target": {"coordinates": [1, 2, 3, 4], "type": "Point"}}`,
	`{"target": {"type": "Point", "coordinates": [1]}}`, `{"target": {"type": "Point", "coordinates": []}}`,
	`{"target": {"type": "Point", "coordinates": [1, null]}}`, `{"target": {"type": "Point", "coordinates": [1e400, 2]}}`,
	`{"target": {"type": "Point", "coordinates": [[1, 2]]}}`, `{"target": {"type": "Point"}}`,
	`{"target": {"type": "Point", "coordinates": [1, 2], "bbox": [1, 2, 1, 2]}}`,
	`{"target": {"Type": "Point", "coordinates": [1, 2]}}`, `{"target": {"type": "Point", "type": "Point", "coordinates": [1, 2]}}`,
	`{"target": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.2], [0.3, 0.2], [0.2, 0.3], [0.2, 0.2]]]}}`,
	`{"target": {"type": "Polygon", "coordinates": []}}`, `{"target": {"type": "Polygon", "coordinates": [[]]}}`,
	`{"target": {"type": "Polygon", "coordinates": [[[0, 0]], []]}}`, `{"target": {"type": "Polygon", "coordinates": [[0, 0]]}}`,
	`{"target": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}`, `{"target": {"type": "Sphere"}}`,
	`{"target": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}}`,
	`{"target": "POINT(1 2)"}`, `{"target": [1, 2]}`, `{"target": {"type": "Point", "coordinates": [01, 2]}}`,
	`{"target": {"type": "Point", "coordinates": [1, 2}}`, `{"target": {"type": "Point", "coordinates": [-, 2]}}`,
	`{"unknown": {"a": [1, "x\"y\\u00e9", true, false, null, -1.5e-3, {}]}, "task_id": 3}`,
	`{"unknown": "\x01"}`, `{"unknown": "\uZZZZ"}`, `{"unknown": [1,]}`, `{"unknown": tru}`, `{"unknown": 01}`,
	`{"unknown": ` + deep(70) + `}`, `{"unknown": ` + deep(10001) + `}`,
}

func deep(n int) string {
	return string(bytes.Repeat([]byte{'['}, n)) + string(bytes.Repeat([]byte{']'}, n))
}

func TestTaskDecodingMatchesReference(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkTaskDecoding(t, b)
		var m struct{ Results []json.RawMessage }
		if json.Unmarshal(b, &m) == nil {
			for _, r := range m.Results {
				checkTaskDecoding(t, r)
			}
		}
	}
	for _, s := range taskDecodingSeeds {
		checkTaskDecoding(t, []byte(s))
	}
}

func TestTaskFastPathsTakeTheAPIShapes(t *testing.T) {
	for _, name := range []string{"task_poi.json", "task_aoi.json", "task_canceled.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		var task Task
		if !task.decodeFast(bytes.TrimSpace(b)) {
			t.Errorf("%s does not take the fast path", name)
		}
		if task.Target == nil {
			t.Errorf("%s: no target", name)
		}
	}
	g, ok := fastGeometry([]byte(`{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.2], [0.3, 0.2], [0.2, 0.3], [0.2, 0.2]]]}`))
	if !ok || len(g.(orb.Polygon)) != 2 || len(g.(orb.Polygon)[1]) != 4 {
		t.Fatalf("polygon with a hole: %v, %v", g, ok)
	}
}

// TestTaskFieldsCoverTheStruct keeps decodeFast's member list in step with
// Task: a field added to Task must be added there too.
func TestTaskFieldsCoverTheStruct(t *testing.T) {
	want := map[string]bool{"target": true}
	typ := reflect.TypeFor[Task]()
	for i := 0; i < typ.NumField(); i++ {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			want[name] = true
		}
	}
	got := map[string]bool{}
	for i, name := range taskFields {
		got[name] = true
		if taskField([]byte(name)) != i {
			t.Errorf("taskField(%q) = %d, want %d", name, taskField([]byte(name)), i)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("taskFields = %v, Task decodes %v", got, want)
	}
}

// FuzzTaskDecoding checks that Task decoding (its one-pass fast path and the
// encoding/json path it falls back to) gives exactly what the plain
// encoding/json decoding gives, errors included.
func FuzzTaskDecoding(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range taskDecodingSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTaskDecoding(t, data)
	})
}
