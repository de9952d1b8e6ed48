package simkit

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKit(t *testing.T) {
	var k Kit
	assert.WithinDuration(t, time.Now(), k.Now(), time.Second)
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.FixedZone("x", 3600))
	k.SetNow(at)
	assert.Equal(t, at.UTC(), k.Now())

	k.FailNext(2, Fault{Status: 503})
	k.FailNext(1, Fault{Status: 429, RetryAfter: 1500 * time.Millisecond})
	k.FailNext(0, Fault{Status: 500})
	var got []int
	for f, ok := k.NextFault(); ok; f, ok = k.NextFault() {
		got = append(got, f.Status)
	}
	assert.Equal(t, []int{503, 503, 429}, got, "faults queue, in order")

	r := httptest.NewRequest(http.MethodPost, "/orders/?a=1", nil)
	r.Header.Set("Authorization", "api-key secret")
	w := httptest.NewRecorder()
	rec := k.Log(w, r, []byte(`{}`), "Authorization")
	SetRetryAfter(rec, 1500*time.Millisecond)
	WriteJSON(rec, http.StatusCreated, map[string]any{"geometry": orb.Geometry(orb.Point{1, 2}), "tags": []string(nil)})
	log := k.Requests()
	require.Len(t, log, 1)
	assert.Equal(t, http.StatusCreated, log[0].Status)
	assert.Equal(t, "[REDACTED]", log[0].Header.Get("Authorization"))
	assert.Equal(t, "1", log[0].Query.Get("a"))
	assert.Equal(t, at.UTC(), log[0].Time)
	assert.Equal(t, "2", w.Header().Get("Retry-After"))
	assert.JSONEq(t, `{"geometry":{"type":"Point","coordinates":[1,2]},"tags":null}`, w.Body.String())

	rec2 := k.Log(httptest.NewRecorder(), r, nil)
	k.ResetRequests()
	rec2.WriteHeader(http.StatusNotFound) // answered after the reset: nothing to note
	assert.Empty(t, k.Requests())
	rec3 := k.Log(httptest.NewRecorder(), r, nil)
	rec3.Finish()
	assert.Equal(t, http.StatusOK, k.Requests()[0].Status)
}

// Answers may be written outside the simulator's own lock: the kit's lock
// keeps the log consistent (run with -race).
func TestKitConcurrent(t *testing.T) {
	var k Kit
	done := make(chan struct{})
	for i := 0; i < 8; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := 0; j < 100; j++ {
				r := httptest.NewRequest(http.MethodGet, "/x", nil)
				rec := k.Log(httptest.NewRecorder(), r, nil)
				k.FailNext(1, Fault{Status: 503})
				k.NextFault()
				rec.WriteHeader(http.StatusOK)
				_ = k.Requests()
				if j%10 == 0 {
					k.ResetRequests()
				}
			}
		}()
	}
	for i := 0; i < 8; i++ {
		<-done
	}
	for _, r := range k.Requests() {
		assert.Equal(t, http.StatusOK, r.Status)
	}
}

func TestKitRedactionAndCopies(t *testing.T) {
	var k Kit
	r := httptest.NewRequest(http.MethodGet, "/tasks/?x=1", nil)
	r.Header.Set("authorizationToken", "Bearer tok")
	r.Header.Set("Authorization", "onewordsecret")
	r.Header.Set("X-Api-Key", "key")
	k.LogRedacted(httptest.NewRecorder(), r, []byte("body"),
		Secret{Header: "authorizationToken", KeepScheme: true}, Secret{Header: "Authorization", KeepScheme: true},
		Secret{Header: "X-Api-Key"}).Finish()

	type request struct {
		Method   string
		Path     string
		RawQuery string
		Query    url.Values
		Header   http.Header
		Body     []byte
		Status   int
		Time     time.Time
	}
	log := RequestsAs[request](&k)
	require.Len(t, log, 1)
	assert.Equal(t, "Bearer [REDACTED]", log[0].Header.Get("authorizationToken"), "the scheme is kept")
	assert.Equal(t, Redacted, log[0].Header.Get("Authorization"), "a one-word value is blanked whole")
	assert.Equal(t, Redacted, log[0].Header.Get("X-Api-Key"))
	assert.Equal(t, http.StatusOK, log[0].Status)

	// The copy shares nothing with the log.
	log[0].Query.Set("x", "2")
	log[0].Header.Set("X-Api-Key", "changed")
	log[0].Body[0] = 'B'
	again := k.Requests()
	assert.Equal(t, "1", again[0].Query.Get("x"))
	assert.Equal(t, Redacted, again[0].Header.Get("X-Api-Key"))
	assert.Equal(t, "body", string(again[0].Body))
}

func TestKitStartAndMust(t *testing.T) {
	var k Kit
	u := k.Start(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	defer k.Close()
	resp, err := http.Get(u + "/")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusTeapot, resp.StatusCode)

	assert.Equal(t, 3, Must(3, nil))
	assert.Panics(t, func() { Must(0, errors.New("bad option")) })
	var idle Kit
	idle.Close() // nothing started: nothing to do
}
