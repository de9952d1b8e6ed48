package clearsky

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The decoders read the usual forms in one pass and leave the rest to
// encoding/json. These tests hold them to the plain encoding/json decoders
// they replace (ref…, kept here as they were): same values, same errors.

// refFailed is the Succeeded:false check as it was: a second decoding.
func refFailed(body []byte) bool {
	if !bytes.Contains(body, []byte("false")) {
		return false
	}
	var env struct {
		Succeeded *bool `json:"Succeeded"`
	}
	if json.Unmarshal(body, &env) != nil {
		return false
	}
	return env.Succeeded != nil && !*env.Succeeded
}

// refOrder decodes an order as Order.UnmarshalJSON did.
func refOrder(b []byte) (*Order, error) {
	o := &Order{}
	// Order's own fields, with the old decoders of its members shadowing
	// the current ones.
	r := struct {
		*orderAlias
		Tiles         []refTileRef `json:"Tiles"`
		MiniTiles     []refTileRef `json:"MiniTiles"`
		ReferenceDate refDate      `json:"ReferenceDate"`
		From          refDate      `json:"From"`
		To            *refDate     `json:"To"`
		CreatedDate   refFlexTime  `json:"CreatedDate"`
	}{orderAlias: (*orderAlias)(o)}
	if err := json.Unmarshal(b, &r); err != nil {
		return o, err
	}
	o.Tiles, o.MiniTiles = refTiles(r.Tiles), refTiles(r.MiniTiles)
	o.ReferenceDate, o.From = Date(r.ReferenceDate), Date(r.From)
	if r.To != nil {
		d := Date(*r.To)
		o.To = &d
	}
	o.CreatedDate = time.Time(r.CreatedDate)
	if o.WKT != "" {
		if g, err := geo.ParseWKT(o.WKT); err == nil {
			o.Geometry = g
		}
	}
	o.Raw = append(json.RawMessage(nil), b...)
	return o, nil
}

func refTiles(rs []refTileRef) []TileRef {
	if rs == nil {
		return nil
	}
	out := make([]TileRef, len(rs))
	for i, r := range rs {
		out[i] = TileRef(r)
	}
	return out
}

type refTileRef TileRef

func (t *refTileRef) UnmarshalJSON(b []byte) error {
	*t = refTileRef{}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.GUID)
	}
	var w struct {
		GUID     string `json:"Guid"`
		TileGUID string `json:"TileGuid"`
		WKT      string `json:"Wkt"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	t.GUID, t.WKT = w.GUID, w.WKT
	if t.GUID == "" {
		t.GUID = w.TileGUID
	}
	if t.WKT != "" {
		if g, err := geo.ParseWKT(t.WKT); err == nil {
			t.Geometry = g
		}
	}
	return nil
}

type refDate Date

func (d *refDate) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*d = refDate{}
		return nil
	}
	var s string
	if n := len(b); n >= 2 && b[0] == '"' && b[n-1] == '"' && bytes.IndexByte(b[1:n-1], '\\') < 0 && bytes.IndexByte(b[1:n-1], '"') < 0 {
		s = string(b[1 : n-1])
	} else if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("clearsky: date must be a string: %w", err)
	}
	if s == "" {
		*d = refDate{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = refDate(v)
	return nil
}

type refFlexTime time.Time

func (t *refFlexTime) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) != nil || s == "" {
		*t = refFlexTime{}
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", DateLayout} {
		if v, err := time.Parse(layout, s); err == nil {
			*t = refFlexTime(v.UTC())
			return nil
		}
	}
	*t = refFlexTime{}
	return nil
}

// checkOrder decodes b as an order both ways and compares.
func checkOrder(t *testing.T, b []byte) {
	t.Helper()
	var got Order
	err := got.UnmarshalJSON(b)
	want, werr := refOrder(b)
	if (err == nil) != (werr == nil) {
		t.Fatalf("%q: error %v, want %v", b, err, werr)
	}
	if err != nil {
		return // the fallback is the reference decoding: its error is the same
	}
	if !reflect.DeepEqual(&got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, got, *want)
	}
	if string(bytes.TrimSpace(b)) == "null" {
		return // a list holds a nil order for null
	}
	// And through encoding/json, as an element of the list.
	var l1 OrderList
	e1 := json.Unmarshal(append(append([]byte(`{"TaskOrders":[`), b...), ']', '}'), &l1)
	if e1 != nil || len(l1.TaskOrders) != 1 || !bytes.Equal(l1.TaskOrders[0].Raw, bytes.Trim(b, " \t\r\n")) {
		t.Fatalf("%q in a list: %v %#v", b, e1, l1.TaskOrders)
	}
	l1.TaskOrders[0].Raw = want.Raw // the list hands over the order without surrounding space
	if !reflect.DeepEqual(l1.TaskOrders[0], want) {
		t.Fatalf("%q in a list:\n got %#v\nwant %#v", b, l1.TaskOrders[0], want)
	}
}

// checkEnvelope decodes b as an order list answer both ways and compares.
func checkEnvelope(t *testing.T, b []byte) bool {
	t.Helper()
	var fast envelope[OrderList]
	ok := decodeOrderListEnvelope(b, &fast)
	var want envelope[OrderList]
	werr := json.Unmarshal(b, &want)
	if ok && werr != nil {
		t.Fatalf("%q: decoded, but encoding/json says %v", b, werr)
	}
	if ok && !reflect.DeepEqual(fast, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, fast, want)
	}
	return ok
}

// refEstimate decodes an estimate as OrderEstimate.UnmarshalJSON did: a
// second decoding into a map for Extra.
func refEstimate(b []byte) (*OrderEstimate, error) {
	e := &OrderEstimate{}
	if err := json.Unmarshal(b, (*estimateAlias)(e)); err != nil {
		return e, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err == nil {
		for k, v := range all {
			if strings.EqualFold(k, "CurrentMonthCost") {
				e.hasCurrentMonthCost = true
			}
			if !estimateKnown[strings.ToLower(k)] {
				if e.Extra == nil {
					e.Extra = map[string]json.RawMessage{}
				}
				e.Extra[k] = v
			}
		}
	}
	if e.AreasOfInterestWKT != "" {
		if g, err := geo.ParseWKT(e.AreasOfInterestWKT); err == nil {
			e.AreasOfInterest = g
		}
	}
	e.Raw = append(json.RawMessage(nil), b...)
	return e, nil
}

// checkEstimate decodes b as an estimate both ways and compares.
func checkEstimate(t *testing.T, b []byte) {
	t.Helper()
	var got OrderEstimate
	err := got.UnmarshalJSON(b)
	want, werr := refEstimate(b)
	if fmt.Sprint(err) != fmt.Sprint(werr) {
		t.Fatalf("%q: error %v, want %v", b, err, werr)
	}
	if err == nil && !reflect.DeepEqual(&got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, got, *want)
	}
}

func TestEstimateDecodingMatchesEncodingJSON(t *testing.T) {
	for _, name := range []string{"estimate.json", "estimate_newer.json"} {
		var env struct{ Data json.RawMessage }
		require.NoError(t, json.Unmarshal(readTestdata(t, name), &env))
		checkEstimate(t, env.Data)
	}
	for _, c := range []string{
		`null`, `{}`, `[]`, `{"x":1,"x":2,"X":[3],"Model":"M","currentmonthcost":0}`,
		`{"\u0078":null,"Curr\u0065ntMonthCost":1,"AreaKm2":2,"Are\u0061Km2":3,"\u00e9":{}}`,
		"{\"\xff\":1}", "{\"Area\u212am2\":1,\"\u017fTORAGEMONTHS\":2}", `{"AreaKm2":"x"}`, `{"Extra":{"a":[1,2,{"b":null}]}, "Tiles":[]}`,
		`{"` + strings.Repeat("A", 60) + `":1}`, `{"Costs":{"CurrencyCode":"SEK"},"PricingTier":{"Name":"x"}}`,
	} {
		checkEstimate(t, []byte(c))
	}
}

// checkTileRef decodes b as a tile reference both ways and compares.
func checkTileRef(t *testing.T, b []byte) {
	t.Helper()
	var got TileRef
	err := got.UnmarshalJSON(b)
	var want refTileRef
	werr := want.UnmarshalJSON(b)
	if fmt.Sprint(err) != fmt.Sprint(werr) {
		t.Fatalf("%q: error %v, want %v", b, err, werr)
	}
	if err == nil && !reflect.DeepEqual(got, TileRef(want)) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
	}
}

// checkDate decodes b as a Date and a flexTime both ways and compares.
func checkDate(t *testing.T, b []byte) {
	t.Helper()
	var got Date
	err := got.UnmarshalJSON(b)
	var want refDate
	werr := want.UnmarshalJSON(b)
	if fmt.Sprint(err) != fmt.Sprint(werr) || err == nil && got != Date(want) {
		t.Fatalf("%q: %v %v, want %v %v", b, got, err, want, werr)
	}
	var ft flexTime
	var wt refFlexTime
	_, _ = ft.UnmarshalJSON(b), wt.UnmarshalJSON(b)
	if time.Time(ft) != time.Time(wt) {
		t.Fatalf("%q: flexTime %v, want %v", b, time.Time(ft), time.Time(wt))
	}
}

// checkScan holds the scanner to encoding/json's idea of valid JSON and the
// Succeeded check to the reference.
func checkScan(t *testing.T, b []byte) {
	t.Helper()
	i := skipSpace(b, 0)
	end := skipValue(b, i, 0)
	valid := end >= 0 && skipSpace(b, end) == len(b)
	if valid != json.Valid(b) {
		t.Fatalf("%q: valid %v, encoding/json says %v", b, valid, json.Valid(b))
	}
	if got, want := failed(200, b), refFailed(b); got != want {
		t.Fatalf("%q: failed %v, want %v", b, got, want)
	}
}

var orderCases = []string{
	`{}`,
	`null`,
	`{"TaskOrderGuid":"0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70","BillingCycle":"Monthly","OrderingProcessStatus":"NewStatus","StorageMonths":1,"ApiRequests":-2,"ImageFrequency":7,"TaskOrderAreaKm2":2631.68e0,"Model":"Stratus9","ReferenceDate":"2025-01-01","From":"2025-03-01T00:00:00Z","To":null,"SatelliteConstellations":["Sentinel1",null,"X\u00e9"],"Tiles":["5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13",null,{"tileGuid":"a","wkt":"POLYGON((0 0,1 0,1 1,0 0))"}],"MiniTiles":[],"Wkt":"POLYGON((10 55, 10.1 55, 10.1 55.1, 10 55))","CreatedDate":"2025-02-27T09:15:00.1234567","Extra":{"a":[1,{"b":false}]}}`,
	`{"taskorderguid":"x","MODEL":"Stratus2","wkt":"garbage","createddate":"2025-02-27","to":"2025-05-31","tiles":null}`,
	`  {"TaskOrderGuid" : "a" , "To" : "2025-05-31" }  `,
	`{"TaskOrderGuid":"a","TaskOrderGuid":"b"}`,
	`{"To":"2025-05-31","To":null}`,
	`{"Tiles":[{"Guid":"a"}],"tiles":[{"Guid":"b"}]}`,
	`{"Task\u004frderGuid":"a"}`,
	`{"TaskOrderGuid":"a\"b\\c\u00e9\ud83d\ude00"}`,
	"{\"TaskOrderGuid\":\"a\xffb\"}",
	`{"StorageMonths":1.5}`,
	`{"StorageMonths":"1"}`,
	`{"StorageMonths":1e2}`,
	`{"StorageMonths":99999999999999999999}`,
	`{"StorageMonths":-0,"ApiRequests":123456789012345678}`,
	`{"TaskOrderAreaKm2":1e400}`,
	`{"TaskOrderAreaKm2":"1"}`,
	`{"TaskOrderAreaKm2":-0.0}`,
	`{"ReferenceDate":"2025-02-30"}`,
	`{"ReferenceDate":"2024-02-29","From":"0000-02-29","To":"9999-12-31"}`,
	`{"ReferenceDate":""}`,
	`{"ReferenceDate":5}`,
	`{"ReferenceDate":"+025-01-01"}`,
	`{"To":"2025-13-01"}`,
	`{"To":{}}`,
	`{"SatelliteConstellations":"Sentinel1"}`,
	`{"SatelliteConstellations":[1]}`,
	`{"SatelliteConstellations":[]}`,
	`{"SatelliteConstellations":["a","b","c","d","e","f","g","h","i","j"]}`,
	`{"Tiles":[{"Guid":1}]}`,
	`{"Tiles":[{"Guid":"a","Guid":"b"}]}`,
	`{"Tiles":[{"G\u0075id":"a"}]}`,
	`{"Tiles":[{"Guid":"a","Wkt":null,"Other":[{}]}, "b", "c", "d", "e", "f"]}`,
	`{"Tiles":[[]]}`,
	`{"Tiles":{}}`,
	`{"CreatedDate":{"x":1}}`,
	`{"CreatedDate":"2025-02-27T09:15:00+02:00"}`,
	`{"CreatedDate":"\u0032025-02-27T09:15:00Z"}`,
	`{"CreatedDate":"yesterday"}`,
	`{"Wkt":null,"Wkt":"x"}`,
	`{"Geometry":"x","Raw":1}`,
	`{"TaskOrderGuid":"a",}`,
	`{"TaskOrderGuid":"a"} x`,
	`{"TaskOrderGuid":"a"`,
	`[]`,
	`"x"`,
	`{"a":01}`,
	`{"a":tru}`,
	"{\"a\":\"\x01\"}",
	`{"a":"\x"}`,
	`{"a":"\u12"}`,
}

func TestOrderDecodingMatchesEncodingJSON(t *testing.T) {
	for _, c := range orderCases {
		checkOrder(t, []byte(c))
		checkScan(t, []byte(c))
		checkEnvelope(t, []byte(`{"Succeeded":true,"Error":null,"Data":{"TaskOrders":[`+c+`]}}`))
		checkEnvelope(t, []byte(`{"Data":{"TaskOrders":[`+c+`,`+c+`, null]},"Succeeded":false}`))
	}
	for _, c := range []string{
		`{"Succeeded":true,"Error":null,"Data":{"TaskOrders":[]}}`,
		`{"Succeeded":true,"Data":{"TaskOrders":null,"Other":1}}`,
		`{"succeeded":null,"error":{"Message":"m","Code":"12"},"data":{"taskorders":[{}]}}`,
		`{"Succeeded":"yes","Data":{"TaskOrders":[]}}`,
		`{"Succeeded":true,"Error":"x","Data":{"TaskOrders":[]}}`,
		`{"Succeeded":true,"Error":{"Code":[1]},"Data":{"TaskOrders":[]}}`,
		`{"Succeeded":true,"Data":[]}`,
		`{"Succeeded":true,"Data":{"TaskOrders":{}}}`,
		`{"Succeeded":true,"Data":{"TaskOrders":["x"]}}`,
		`{"Succeeded":true,"Data":{"TaskOrders":[],"TaskOrders":[{}]}}`,
		`{"Succeeded":true,"Data":null,"Data":{"TaskOrders":[]}}`,
		`{"D\u0061ta":{"TaskOrders":[]}}`,
		`{"Data":{"TaskOrders":[1]}} x`,
		`null`, `[]`, ``, ` `,
	} {
		checkEnvelope(t, []byte(c))
	}
	assert.True(t, checkEnvelope(t, readTestdata(t, "details.json")), "the usual answer takes the fast path")
	assert.True(t, checkEnvelope(t, readTestdata(t, "list.json")), "the usual answer takes the fast path")
	for _, name := range []string{"details.json", "list.json", "create.json"} {
		var env struct{ Data json.RawMessage }
		require.NoError(t, json.Unmarshal(readTestdata(t, name), &env))
		var l struct {
			TaskOrders []json.RawMessage
		}
		if json.Unmarshal(env.Data, &l) == nil && l.TaskOrders != nil {
			for _, o := range l.TaskOrders {
				checkOrder(t, o)
			}
		} else {
			checkOrder(t, env.Data)
		}
	}
}

func TestTileRefDecodingMatchesEncodingJSON(t *testing.T) {
	for _, c := range []string{
		`"a"`, ` "a" `, `null`, `{}`, `{"Guid":"a","Wkt":"POLYGON((0 0,1 0,1 1,0 0))"}`, `{"TileGuid":"b"}`,
		`{"guid":"","tileguid":"b"}`, `{"Guid":1}`, `[]`, `1`, `"a`, `{"Guid":"a"} x`, `"\u0061"`,
		`{"Guid":"a","Guid":"b"}`, `{"Gu\u0069d":"a"}`, "\u00a0\"a\"", `{"Wkt":"POINT(1 2)","x":[[[]]]}`,
	} {
		checkTileRef(t, []byte(c))
	}
}

func TestDateDecodingMatchesEncodingJSON(t *testing.T) {
	for _, c := range []string{
		`"2025-01-01"`, `"2024-02-29"`, `"2025-02-29"`, `"2100-02-29"`, `"2000-02-29"`, `"0000-01-01"`,
		`"2025-00-01"`, `"2025-01-00"`, `"2025-01-32"`, `"2025-04-31"`, `"2025-1-01"`, `"+025-01-01"`,
		`"-025-01-01"`, `"2025-01-01T10:00:00Z"`, `"2025-01-01 10:00"`, `" 2025-01-01 "`, `""`, `null`,
		` null `, `1`, `"2025\u002d01-01"`, `"2025-01-01T09:15:00.1234567"`, `"2025-01-01T09:15:00+14:00"`,
		`"2025-01-01T09:15:00,5Z"`, `"2025-01-01T9:15:00Z"`, `{}`, `"abcdefghij"`,
	} {
		checkDate(t, []byte(c))
	}
}

func TestFailedMatchesADecoding(t *testing.T) {
	deep := strings.Repeat("[", maxNestingDepth-1) + strings.Repeat("]", maxNestingDepth-1)
	tooDeep := strings.Repeat("[", maxNestingDepth) + strings.Repeat("]", maxNestingDepth)
	for _, c := range []struct {
		body string
		want bool
	}{
		{`{"Succeeded":false}`, true},
		{` {"Succeeded" : false , "Error":{"Message":"x","Code":"993"},"Data":null} `, true},
		{`{"succeeded":false}`, true},
		{`{"SUCCEEDED":false}`, true},
		{`{"Succ\u0065eded":false}`, true},
		{`{"ſucceeded":false}`, true},
		{`{"Succeeded":true,"Data":{"Succeeded":false}}`, false},
		{`{"Succeeded":false,"Succeeded":true}`, false},
		{`{"Succeeded":true,"succeeded":false}`, true},
		{`{"Succeeded":false,"Succeeded":null}`, false},
		{`{"Succeeded":false,"Succeeded":"x"}`, false},
		{`{"Succeeded":"false"}`, false},
		{`{"Succeeded":0,"x":false}`, false},
		{`{"Succeeded":false} x`, false},
		{`{"Succeeded":false`, false},
		{`{"Succeeded":false,}`, false},
		{`[{"Succeeded":false}]`, false},
		{`false`, false},
		{`{"Succeeded":false,"x":` + deep + `}`, true},
		{`{"Succeeded":false,"x":` + tooDeep + `}`, false},
		{"{\"Succeeded\":false,\"x\":\"\x00\"}", false},
		{`{"Data":{"TileDeduplication":false},"Succeeded":true}`, false},
	} {
		assert.Equal(t, c.want, failed(200, []byte(c.body)), c.body)
		checkScan(t, []byte(c.body))
	}
}

// TestFastPathsDoNotAllocate pins the point of the fast paths.
func TestFastPathsDoNotAllocate(t *testing.T) {
	body := readTestdata(t, "details.json")
	falseBody := bytes.Replace(body, []byte(`"Succeeded": true`), []byte(`"Succeeded": false`), 1)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = failed(200, falseBody) }))
	date, ts := []byte(`"2025-03-01"`), []byte(`"2025-02-27T09:15:00Z"`)
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		var d Date
		_ = d.UnmarshalJSON(date)
		var ft flexTime
		_ = ft.UnmarshalJSON(ts)
	}))
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		_ = checkGUIDs("Guids", []string{"0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", "0F6D2B7A-91C4-4E3B-A8D5-6C2E9F1B3A71"})
	}))
}

func TestCheckGUIDs(t *testing.T) {
	a, b := "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a71"
	assert.NoError(t, checkGUIDs("Guids", []string{a, b}))
	assert.ErrorContains(t, checkGUIDs("Guids", []string{a, b, strings.ToUpper(a)}), "Guids[2]")
	assert.ErrorContains(t, checkGUIDs("Guids", []string{a, "x"}), "Guids[1]")
	long := make([]string, 20)
	for i := range long {
		long[i] = fmt.Sprintf("0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a%02d", i)
	}
	assert.NoError(t, checkGUIDs("Guids", long))
	long[19] = strings.ToUpper(long[3])
	assert.ErrorContains(t, checkGUIDs("Guids", long), "Guids[19]")
}

var wktCases = []string{
	"POLYGON((9.98 55.80, 10.80 55.80, 10.80 55.33, 9.98 55.33, 9.98 55.80))",
	"POLYGON ((1 2,3 4))", "POLYGON((1 2))", "POLYGON((-0 -1.5, 0.0 00))", "POLYGON((1 2, 3 4),(5 6, 7 8))",
	"POLYGON((1  2))", "POLYGON((1 2 3))", "POLYGON((1 2,))", "POLYGON((1 2 ,3 4))", "POLYGON((1e5 2))",
	"POLYGON((1. 2))", "POLYGON((.5 2))", "POLYGON((1 2)) ", " POLYGON((1 2))", "polygon((1 2))", "POLYGON(( 1 2))",
	"POLYGON((1 2)))", "POLYGON(((1 2))", "POLYGON(())", "POLYGON(( ))", "POLYGON((1 2,  3 4))", "POLYGON EMPTY",
	"POLYGON((" + strings.Repeat("9", 400) + " 1))", "POINT(1 2)", "MULTIPOLYGON(((1 2)))", "",
}

// checkWKT holds parseWKT to geo.ParseWKT.
func checkWKT(t *testing.T, s string) {
	t.Helper()
	got, err := parseWKT(s)
	want, werr := geo.ParseWKT(s)
	if fmt.Sprint(err) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: %#v %v, want %#v %v", s, got, err, want, werr)
	}
}

func TestParseWKTMatchesGeo(t *testing.T) {
	for _, s := range wktCases {
		checkWKT(t, s)
	}
	p, ok := parsePlainPolygon(wktCases[0])
	assert.True(t, ok, "the usual footprint takes the fast path")
	assert.Len(t, p, 1)
	assert.Len(t, p[0], 5)
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// FuzzFastDecoding holds the one-pass decoders to encoding/json on
// arbitrary input: the scanner's idea of valid JSON, the Succeeded check,
// orders, tile references and dates.
func FuzzFastDecoding(f *testing.F) {
	addFixtures(f)
	for _, c := range orderCases {
		f.Add([]byte(c))
	}
	for _, w := range wktCases {
		f.Add([]byte(w))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkEnvelope(t, b)
		checkEstimate(t, b)
		checkWKT(t, string(b))
		checkScan(t, b)
		checkOrder(t, b)
		checkTileRef(t, b)
		checkDate(t, b)
		var env struct {
			Data struct {
				TaskOrders []json.RawMessage
			}
		}
		if json.Unmarshal(b, &env) == nil {
			for _, o := range env.Data.TaskOrders {
				checkOrder(t, o)
			}
		}
	})
}

// TestListDecodingMatchesTheTransport holds the order lists, which call
// decodes itself, to what the transport gives for every other answer: the
// same values through the fallback, the same *tasking.DecodeError (body
// capped and the key blanked out) when the body cannot be decoded.
func TestListDecodingMatchesTheTransport(t *testing.T) {
	const key = "csv_live_se+cret/key"
	var body atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body.Load().(string))
	}))
	defer srv.Close()
	c, err := New(key, WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx := context.Background()

	pad := strings.Repeat("x", 5<<10)
	for _, b := range []string{
		`{"Succeeded":true,"Data":{"TaskOrders":[{"TaskOrderGuid":"` + key + `","x":"` + url.QueryEscape(key) + `"}`,
		`{"Succeeded":true,"Data":{"TaskOrders":[{"TaskOrderGuid":"` + key + `","x":"` + pad + `"},` + key + `]}}`,
		`[` + key + `]`,
	} {
		body.Store(b)
		_, lerr := c.Orders.List(ctx, nil)
		_, merr := c.Models.List(ctx)
		var le, me *tasking.DecodeError
		require.ErrorAs(t, lerr, &le, b)
		require.ErrorAs(t, merr, &me, b)
		assert.Equal(t, string(me.Body), string(le.Body))
		assert.NotContains(t, string(le.Body), key)
		assert.Equal(t, me.Provider, le.Provider)
		assert.Equal(t, me.Method, le.Method)
		assert.Equal(t, me.StatusCode, le.StatusCode)
		assert.Equal(t, strings.Replace(me.URL, pathModels, pathOrders, 1)+"?getExpired=false&recurringOnly=false", le.URL)
		if _, syntax := me.Err.(*json.SyntaxError); syntax {
			assert.Equal(t, me.Err, le.Err)
		}
	}

	// A type error is encoding/json's.
	body.Store(`{"Succeeded":true,"Data":{"TaskOrders":[{"StorageMonths":"` + key + `"}]}}`)
	_, lerr := c.Orders.List(ctx, nil)
	var le *tasking.DecodeError
	require.ErrorAs(t, lerr, &le)
	assert.Equal(t, json.Unmarshal([]byte(body.Load().(string)), &envelope[OrderList]{}), le.Err)
	assert.NotContains(t, string(le.Body), key)

	// Unusual forms go through encoding/json.
	body.Store(`{"Succ\u0065eded":true,"D\u0061ta":{"TaskOrders":[{"TaskOrderGuid":"0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70","Tiles":[{"Guid":"a","Guid":"b"}]}]}}`)
	l, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, l.TaskOrders, 1)
	assert.Equal(t, "b", l.TaskOrders[0].Tiles[0].GUID)
	body.Store(`{"Succeeded":true,"Data":null}`)
	_, err = c.Orders.List(ctx, nil)
	var de *tasking.DecodeError
	assert.ErrorAs(t, err, &de)
}
