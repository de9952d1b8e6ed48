package transport

import (
	"bytes"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// FuzzDecodeErrorBody feeds arbitrary bodies to the lenient error decoder:
// it must never panic, and what it reads must fit in an error message.
func FuzzDecodeErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"detail":"x"}`, `{"detail":[{"loc":["a",1],"msg":"m"}]}`, `{"error":{"code":"C","message":"m","detail":[{"path":"p"}]}}`,
		`{"error":"s"}`, `{"Succeeded":false,"Error":{"Message":"m","Code":992},"Data":{"A":["b"]}}`,
		`{"title":"t","errors":{"F":["r"]}}`, `{"field":["a","b"],"non_field_errors":["c"]}`, `<html>`, ``, `null`,
		`{"code":12.5}`, `{"error":null,"message":null}`, `[1,2]`, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := &tasking.APIError{StatusCode: 400, Body: body}
		DecodeErrorBody(e)
		_ = e.Error()
	})
}

// FuzzParseRetryAfter checks that any header value gives a delay between 0
// and one day.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"1", "120", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999", "", "1.5"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d := ParseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("negative delay %v for %q", d, v)
		}
		if d > 24*time.Hour && len(v) < 20 && v[0] >= '0' && v[0] <= '9' {
			t.Fatalf("delay-seconds %q gave %v, more than the one-day cap", v, d)
		}
	})
}

// fuzzPage has what provider answers hold: strings, numbers, pointers,
// times, geometries, nested items.
type fuzzPage struct {
	Next    *string `json:"next"`
	Count   int     `json:"count"`
	Results []struct {
		ID       string       `json:"id"`
		Status   string       `json:"status"`
		Geometry orb.Geometry `json:"geometry"`
		Start    time.Time    `json:"start_time"`
		Cloud    *float64     `json:"cloud"`
		Tags     []string     `json:"tags"`
	} `json:"results"`
}

// FuzzDecodeAnswer feeds arbitrary answers through the streamed decoder every
// 2xx answer takes: it must never panic, and what fails is an error.
func FuzzDecodeAnswer(f *testing.F) {
	for _, s := range []string{
		`{"next":null,"count":1,"results":[{"id":"a","status":"x","geometry":{"type":"Point","coordinates":[1,2]},` +
			`"start_time":"2026-01-01T00:00:00Z","cloud":0.5,"tags":["t"]}]}`,
		`{"results":[{"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"}}]}`,
		`{"results":[{"start_time":"2026-01-01"},{"start_time":null},{"start_time":""}]}`,
		`{"results":[{"geometry":{"type":"Feature","geometry":null}}]}`, `{"count":"7"}`, ``, `  `, `null`, `[`,
		`{"results":[{"id":1}]}`, "{\"id\":\"\xff\"}", `{"a":1}{"b":2}`,
	} {
		f.Add([]byte(s))
	}
	c, err := New(API{Name: "fuzz", BaseURL: "https://api.example.com"}, Apply())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var p fuzzPage
		_, _ = c.decodeStream(&cappedReader{r: bytes.NewReader(body), limit: 1 << 20}, -1, &p)
		_, _ = c.decodeStream(&cappedReader{r: bytes.NewReader(body), limit: 1 << 20}, int64(len(body)), &p)
	})
}
