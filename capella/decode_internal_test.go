package capella

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
)

// The decoding fast paths (quickTime, quickPairs, quickPoint,
// quickConstraints, extraMembers, the one-pass taskWire) must read exactly what the plain encoding/json decoding they
// replace reads. These tests and FuzzFastPaths compare them with it.

// refTime is wireTime's reading without the fast path.
func refTime(b []byte) time.Time {
	var s string
	if json.Unmarshal(b, &s) != nil {
		return time.Time{}
	}
	return parseTime(s)
}

// refPairs is LocalTime's reading of pairs without the fast path.
func refPairs(b []byte) ([][2]float64, error) {
	var pairs [][]float64
	if err := json.Unmarshal(b, &pairs); err != nil {
		return nil, err
	}
	var out [][2]float64
	for _, p := range pairs {
		switch len(p) {
		case 0:
		case 1:
			out = append(out, [2]float64{p[0], p[0]})
		default:
			out = append(out, [2]float64{p[0], p[1]})
		}
	}
	return out, nil
}

// refExtra is the map-based reading of undeclared keys.
func refExtra(b []byte, known map[string]bool) (map[string]json.RawMessage, bool) {
	var all map[string]json.RawMessage
	if json.Unmarshal(b, &all) != nil {
		return nil, false
	}
	var extra map[string]json.RawMessage
	for k, v := range all {
		if !known[k] {
			if extra == nil {
				extra = map[string]json.RawMessage{}
			}
			extra[k] = v
		}
	}
	return extra, true
}

// refGeometry is decodeGeometry without the fast path.
func refGeometry(b []byte) orb.Geometry {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil
	}
	g, err := geo.ParseGeoJSON(b)
	if err != nil {
		return nil
	}
	return g
}

func checkGeom(t *testing.T, b []byte) {
	t.Helper()
	if !json.Valid(b) {
		return // decodeGeometry only ever sees decoded JSON
	}
	if got, want := decodeGeometry(b), refGeometry(b); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v", b, got, want)
	}
}

func checkConstraints(t *testing.T, b []byte) {
	t.Helper()
	got, ok := quickConstraints(b)
	if !ok {
		return
	}
	var want CollectConstraints
	if err := want.unmarshalSlow(b); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %#v, want %#v (%v)", b, got, want, err)
	}
}

func checkTime(t *testing.T, b []byte) {
	t.Helper()
	var w wireTime
	_ = w.UnmarshalJSON(b)
	if got, want := time.Time(w), refTime(b); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %v, want %v", b, got, want)
	}
}

func checkPairs(t *testing.T, b []byte) {
	t.Helper()
	got, ok := quickPairs(b)
	if !ok {
		return
	}
	want, err := refPairs(b)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %v, want %v (%v)", b, got, want, err)
	}
}

func checkExtra(t *testing.T, b []byte) {
	t.Helper()
	want, ok := refExtra(b, constraintKeys)
	if !ok {
		return
	}
	if got := extraMembers(b, constraintKeys); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got %q, want %q", b, got, want)
	}
}

// checkTask compares the one-pass decoding of Get with Task.UnmarshalJSON.
func checkTask(t *testing.T, b []byte) {
	t.Helper()
	var t1 Task
	err1 := json.Unmarshal(b, &t1)
	var w taskWire
	err2 := json.Unmarshal(b, &w)
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("%s: errors differ: %v, %v", b, err1, err2)
	}
	if err1 == nil {
		if t2 := w.task(rawBody(b)); !reflect.DeepEqual(&t1, t2) {
			t.Fatalf("%s: got %#v, want %#v", b, t2, &t1)
		}
	}
}

var timeCases = []string{
	`"2026-05-31T18:02:11.120Z"`, `"2026-05-31T18:02:11Z"`, `"2026-05-31T18:02:11.123456789Z"`,
	`"2026-05-31T18:02:11.1234567891234Z"`, `"2026-05-31T18:02:11+02:00"`, `"2026-05-31T18:02:11.5-07:30"`,
	`"2026-05-31t18:02:11z"`, `"2024-02-26T08:00:04.053000"`, `"2024-02-26T08:00:04"`, `"2024-02-26T08:00:04."`,
	`"2024-02-26 08:00:04.053"`, `"2024-02-26 08:00:04Z"`, `"2024-02-26"`, `" 2024-02-26T08:00:04Z "`,
	`"2024-02-26T24:00:00Z"`, `"2024-02-26T08:00:04,5Z"`, `"2024-02-26T08:00:04,5"`, `"2024-02-30T08:00:04"`,
	`"\u0032024-02-26T08:00:04Z"`, `"2024-02-26T08:00:04+24:00"`, `"+2024-02-26T08:00:04Z"`, `null`, `5`, `""`,
	`"x"`, `{}`, `"2024-02-26T08:00:04.0530000000000000000000000000000000000000000000000000000000000001"`,
}

func TestQuickTimeMatchesParseTime(t *testing.T) {
	for _, c := range timeCases {
		checkTime(t, []byte(c))
	}
}

var pairCases = []string{
	`[[0,86400]]`, ` [ [ 0 , 86400 ] , [21600,64800] ] `, `[]`, `[[]]`, `[[1],[],[1,2,3]]`, `[[-0.5e3,2E+2]]`,
	`[[1e400,2]]`, `[[01,2]]`, `[[1.,2]]`, `[[.5,2]]`, `[[+1,2]]`, `[[1,2],]`, `[[1,2]`, `[[1,,2]]`, `[[1 2]]`,
	`[null]`, `[[null,1]]`, `[[1,2]] x`, `[["1",2]]`, `[[-,2]]`, `[[1e,2]]`, `[[-0,0.0e-0]]`, `5`, `null`,
}

func TestQuickPairsMatchesDecoder(t *testing.T) {
	for _, c := range pairCases {
		checkPairs(t, []byte(c))
		var l LocalTime
		err := l.UnmarshalJSON([]byte(c))
		want, werr := refPairs([]byte(c))
		if (err == nil) != (werr == nil) || (err == nil && !reflect.DeepEqual(l.Ranges, want)) {
			t.Errorf("%s: got %v (%v), want %v (%v)", c, l.Ranges, err, want, werr)
		}
	}
}

var extraCases = []string{
	`{"lookDirection":"either","neszMax":-15}`, `{}`, `null`, `{"a":{"b":[1,"}",{"c":"\""}]},"b" : [ ] ,"":1}`,
	`{"look\u0044irection":1,"LOOKDIRECTION":2,"\u00e9t\u00e9":3,"a\"b":4}`, `{"x":1,"x":2}`,
	"{\"\xff\":1}", `{"a":true,"b":false,"c":null,"d":-1.5e3}`,
}

func TestExtraMembersMatchesMap(t *testing.T) {
	for _, c := range extraCases {
		checkExtra(t, []byte(c))
	}
}

var geometryCases = []string{
	`{"type":"Point","coordinates":[-122.4163,37.7612]}`, ` { "coordinates" : [ 1 , 2 , 3 ] , "type" : "Point" } `,
	`{"type":"Point","coordinates":[1]}`, `{"type":"Point","coordinates":[]}`, `{"type":"Point","coordinates":null}`,
	`{"type":"Point","coordinates":[1e400,2]}`, `{"type":"Point","coordinates":[1,"2"]}`, `{"type":"Point","coordinates":[[1,2]]}`,
	`{"type":"Point","type":"Point","coordinates":[1,2]}`, `{"type":"Point","coordinates":[1,2],"bbox":[1,2,1,2]}`,
	`{"Type":"Point","coordinates":[1,2]}`, `{"type":"Po\u0069nt","coordinates":[1,2]}`, `{"type":"point","coordinates":[1,2]}`,
	`{"type":"Point","coordinates":[1,2],"features":5}`, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}`, `{}`, `null`, `"x"`, `{"type":"Point","coordinates":[-0,0.5e-3]}`,
}

func TestQuickPointMatchesParseGeoJSON(t *testing.T) {
	for _, c := range geometryCases {
		checkGeom(t, []byte(c))
	}
	if _, ok := quickPoint([]byte(geometryCases[0])); !ok {
		t.Error("the common Point form took the slow path")
	}
}

var constraintCases = []string{
	`{"lookDirection":"either","ascDsc":"either","orbitalPlanes":[],"localTime":[[0,86400]],"offNadirMin":25,
	  "offNadirMax":50,"collectMode":"spotlight","imageLength":5000,"imageWidth":5000,"grrMin":0.5,"grrMax":0.7,
	  "prfMin":5000,"radarParameters":{"bandwidth":500000000,"upchirp":true,"method":"onboard"},"neszMax":-15}`,
	`{"orbitalPlanes":[45, 53 ,97],"localTime":"day","numLooks":9,"elevationMin":10,"elevationMax":20,"grazingAngleMax":30}`,
	`{"prescribedCollectMidtime":"2026-06-01T12:00:00.000Z","squint":"enabled","polarization":"HH","duration":1.5}`,
	`{"radarParameters":{"centerFrequency":9650000000,"mode":"stripmap","upchirp":false}}`, `{}`, ` { } `,
	`{"numLooks":9.0}`, `{"numLooks":9e0}`, `{"prfMin":99999999999999999999}`, `{"orbitalPlanes":[45.5]}`,
	`{"orbitalPlanes":null}`, `{"localTime":null}`, `{"offNadirMin":null}`, `{"offNadirMin":"5"}`,
	`{"lookDirection":5}`, `{"lookDirection":"l\u0065ft"}`, `{"lookDirection":"é"}`, `{"LookDirection":"left"}`,
	`{"lookdirection":"left","lookDirection":"right"}`, `{"offNadirMin":1,"offNadirMin":2}`, `{"x":1,"x":[2]}`,
	`{"x":-15abc}`, `{"x":1,}`, `{"x":1}}`, `{"radarParameters":{"prf":[1]}}`, `{"radarParameters":{"Mode":"x"}}`,
	`{"radarParameters":null}`, `{"radarParameters":{}}`, `{"radarParameters":{"bandwidth":1,"bandwidth":2}}`,
	`{"prescribedCollectMidtime":"2026-06-01"}`, `{"prescribedCollectMidtime":null}`, `{"upchirp":true}`, `{"elevationMin":10,"elevationMax":20}`,
	`{"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz":1}`, "{\"a\tb\":1}", `null`, `[]`,
}

func TestQuickConstraintsMatchesDecoder(t *testing.T) {
	for _, c := range constraintCases {
		checkConstraints(t, []byte(c))
	}
	for _, c := range constraintCases[:4] {
		if _, ok := quickConstraints([]byte(c)); !ok {
			t.Errorf("%s took the slow path", c)
		}
	}
}

func TestGetPathMatchesUnmarshal(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkTask(t, b)
		checkTask(t, append(append([]byte(" \n"), b...), "\n\t "...))
	}
	for _, c := range []string{`null`, `5`, `"x"`, `{}`, `[]`, `{"geometry":"x","properties":null}`,
		`{"geometry":{"type":"Point","coordinates":[1,2]},"geometry":null}`,
		`{"properties":{"statusHistory":[{"time":"2024-02-26T08:00:04","code":"review"},null]}}`,
		`{"properties":{"collectConstraints":{"localTime":[[1],[]],"x":1},"conflictingTasks":[{"windowOpen":"2024-02-26T08:00:04.053","y":[]}]}}`} {
		checkTask(t, []byte(c))
	}
}

// FuzzFastPaths compares the fast decoding paths with the encoding/json
// readings they replace, on arbitrary input.
func FuzzFastPaths(f *testing.F) {
	for _, cases := range [][]string{timeCases, pairCases, extraCases, geometryCases, constraintCases} {
		for _, c := range cases {
			f.Add([]byte(c))
		}
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "task_review.json")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkTime(t, b)
		checkPairs(t, b)
		checkExtra(t, b)
		checkGeom(t, b)
		checkConstraints(t, b)
		checkTask(t, b)
	})
}
