package satellogictest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

func call(t *testing.T, method, url string, header map[string]string, body string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

func tokenBody(s *Server) string {
	b, _ := json.Marshal(map[string]string{"client_id": s.ClientID, "client_secret": s.ClientSecret,
		"audience": satellogic.DefaultAudience, "grant_type": "client_credentials"})
	return string(b)
}

func token(t *testing.T, s *Server) string {
	t.Helper()
	a := call(t, http.MethodPost, s.TokenURL(), map[string]string{"Content-Type": "application/json"}, tokenBody(s))
	require.Equal(t, 200, a.status, string(a.raw))
	return a.body["access_token"].(string)
}

func authed(t *testing.T, s *Server) map[string]string {
	return map[string]string{"authorizationToken": "Bearer " + token(t, s), "X-Satellogic-Contract-Id": s.ContractID,
		"Content-Type": "application/json"}
}

func TestTokenEndpoint(t *testing.T) {
	s := NewServer()
	defer s.Close()
	ok := call(t, http.MethodPost, s.TokenURL(), map[string]string{"Content-Type": "application/json"}, tokenBody(s))
	require.Equal(t, 200, ok.status)
	assert.EqualValues(t, 86400, ok.body["expires_in"])
	assert.Equal(t, "Bearer", ok.body["token_type"])
	assert.Equal(t, "api:tasking api:delivery", ok.body["scope"])
	assert.NotEmpty(t, ok.body["access_token"])

	form := call(t, http.MethodPost, s.TokenURL(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
		"client_id="+s.ClientID+"&client_secret="+s.ClientSecret+"&grant_type=client_credentials")
	assert.Equal(t, 400, form.status, "the body must be JSON")
	assert.Equal(t, "invalid_request", form.body["error"])

	for _, tc := range []struct {
		field, value string
		status       int
		errCode      string
	}{
		{"grant_type", "password", 400, "unsupported_grant_type"},
		{"client_secret", "nope", 401, "access_denied"},
		{"client_id", "nope", 401, "access_denied"},
		{"audience", "api", 403, "access_denied"},
	} {
		var m map[string]string
		require.NoError(t, json.Unmarshal([]byte(tokenBody(s)), &m))
		m[tc.field] = tc.value
		b, _ := json.Marshal(m)
		a := call(t, http.MethodPost, s.TokenURL(), map[string]string{"Content-Type": "application/json"}, string(b))
		assert.Equal(t, tc.status, a.status, tc.field)
		assert.Equal(t, tc.errCode, a.body["error"], tc.field)
	}
	assert.Equal(t, 405, call(t, http.MethodGet, s.TokenURL(), nil, "").status)
	assert.Equal(t, 7, s.TokenRequests())

	s.FailNextToken(1, 503)
	assert.Equal(t, 503, call(t, http.MethodPost, s.TokenURL(), map[string]string{"Content-Type": "application/json"}, tokenBody(s)).status)
}

func TestAuthorization(t *testing.T) {
	s := NewServer()
	defer s.Close()
	tok := token(t, s)
	tasks := s.URL + "/tasking/tasks/"
	for name, h := range map[string]map[string]string{
		"no token":           {"X-Satellogic-Contract-Id": s.ContractID},
		"standard header":    {"Authorization": "Bearer " + tok, "X-Satellogic-Contract-Id": s.ContractID},
		"unknown token":      {"authorizationToken": "Bearer forged", "X-Satellogic-Contract-Id": s.ContractID},
		"no contract":        {"authorizationToken": "Bearer " + tok},
		"unknown contract":   {"authorizationToken": "Bearer " + tok, "X-Satellogic-Contract-Id": "cont.other"},
		"wrong legacy key":   {"authorizationToken": "Key,Secret " + s.LegacyKeyID + ",nope"},
		"token without type": {"authorizationToken": tok, "X-Satellogic-Contract-Id": s.ContractID},
	} {
		a := call(t, http.MethodGet, tasks, h, "")
		assert.Equal(t, 401, a.status, name)
		assert.Equal(t, "Unauthorized", a.body["message"], name)
	}
	a := call(t, http.MethodGet, tasks, map[string]string{"AuthorizationToken": "Bearer " + tok, "X-Satellogic-Contract-Id": s.ContractID}, "")
	assert.Equal(t, 200, a.status, "header names are case-insensitive")
	a = call(t, http.MethodGet, tasks, map[string]string{"authorizationToken": "Key,Secret " + s.LegacyKeyID + "," + s.LegacyKeySecret}, "")
	assert.Equal(t, 200, a.status, "the legacy key needs no contract")

	contracts := call(t, http.MethodGet, s.URL+"/contracts", map[string]string{"authorizationToken": "Bearer " + tok}, "")
	require.Equal(t, 200, contracts.status)
	var list []map[string]string
	require.NoError(t, json.Unmarshal(contracts.raw, &list), "a bare array: %s", contracts.raw)
	assert.Equal(t, []map[string]string{{"contract_id": s.ContractID, "name": "eotask simulator"}}, list)

	s.SetNow(s.Now().Add(24 * time.Hour))
	a = call(t, http.MethodGet, tasks, map[string]string{"authorizationToken": "Bearer " + tok, "X-Satellogic-Contract-Id": s.ContractID}, "")
	assert.Equal(t, 401, a.status, "the token expired on the simulator's clock")
}

func TestCreateValidation(t *testing.T) {
	s := NewServer()
	defer s.Close()
	h := authed(t, s)
	base := func() map[string]any {
		return map[string]any{"task_name": "t", "project_name": "p", "product": 169,
			"target": map[string]any{"type": "Point", "coordinates": []float64{1, 2}},
			"start":  "2025-07-01T00:00:00Z", "end": "2025-07-31T00:00:00+03:00"}
	}
	post := func(m map[string]any) answer {
		b, _ := json.Marshal(m)
		return call(t, http.MethodPost, s.URL+"/tasking/tasks/", h, string(b))
	}
	ok := post(base())
	require.Equal(t, 201, ok.status, string(ok.raw))
	assert.Equal(t, "2025-07-30T21:00:00Z", ok.body["end"], "answers are normalised to UTC")
	assert.Equal(t, []any{1.0, 2.0, 0.0}, ok.body["target"].(map[string]any)["coordinates"])
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`, ok.body["created_time"])
	assert.EqualValues(t, 1, ok.body["max_captures"])
	assert.Nil(t, ok.body["expected_age"])
	noZone := base()
	noZone["start"], noZone["end"] = "2025-06-12T00:00:00", "2025-06-13T00:00"
	assert.Equal(t, 201, post(noZone).status, "datetimes without a zone are accepted")

	for _, tc := range []struct {
		name   string
		change func(m map[string]any)
		field  string
		msg    string
	}{
		{"no task_name", func(m map[string]any) { delete(m, "task_name") }, "task_name", "This field is required."},
		{"blank project", func(m map[string]any) { m["project_name"] = " " }, "project_name", "This field may not be blank."},
		{"unknown product", func(m map[string]any) { m["product"] = 999 }, "product", `Invalid pk "999" - object does not exist.`},
		{"product_id instead of product", func(m map[string]any) { m["product_id"] = m["product"]; delete(m, "product") }, "product", "This field is required."},
		{"POI with a polygon", func(m map[string]any) {
			m["target"] = map[string]any{"type": "Polygon", "coordinates": [][][]float64{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}
		}, "target", "Product 169 requires a Point target."},
		{"AOI with a point", func(m map[string]any) { m["product"] = 178 }, "target", "Product 178 requires a Polygon target."},
		{"no target", func(m map[string]any) { delete(m, "target") }, "target", "This field is required."},
		{"a Feature", func(m map[string]any) { m["target"] = map[string]any{"type": "Feature", "geometry": nil} }, "target", "Unsupported geometry type Feature: use Point or Polygon."},
		{"short position", func(m map[string]any) { m["target"] = map[string]any{"type": "Point", "coordinates": []float64{1}} }, "target", "Invalid GeoJSON: a position has 2 or 3 numbers."},
		{"out of range", func(m map[string]any) { m["target"] = map[string]any{"type": "Point", "coordinates": []float64{1, 91}} }, "target", "Invalid GeoJSON: coordinates out of range."},
		{"open ring", func(m map[string]any) {
			m["product"] = 178
			m["target"] = map[string]any{"type": "Polygon", "coordinates": [][][]float64{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}
		}, "target", "Invalid GeoJSON: a linear ring must be closed."},
		{"bad datetime", func(m map[string]any) { m["start"] = "yesterday" }, "start", msgDatetime},
		{"end before start", func(m map[string]any) { m["end"] = "2025-06-01T00:00:00Z" }, "non_field_errors", "end must be after start."},
		{"max_captures zero", func(m map[string]any) { m["max_captures"] = 0 }, "max_captures", "Ensure this value is greater than or equal to 1."},
		{"max_captures text", func(m map[string]any) { m["max_captures"] = "two" }, "max_captures", "A valid integer is required."},
		{"bad expected_age", func(m map[string]any) { m["expected_age"] = "a week" }, "expected_age", msgDuration},
	} {
		m := base()
		tc.change(m)
		a := post(m)
		assert.Equal(t, 400, a.status, tc.name)
		assert.Equal(t, []any{tc.msg}, a.body[tc.field], "%s: %s", tc.name, a.raw)
	}
	assert.Equal(t, 400, call(t, http.MethodPost, s.URL+"/tasking/tasks/", h, `"text"`).status)
	assert.Equal(t, 2, s.TaskCount(), "refused tasks are not kept")

	age := base()
	age["max_captures"], age["expected_age"] = 4, "7 days, 00:00:00"
	a := post(age)
	require.Equal(t, 201, a.status)
	assert.Equal(t, "7 00:00:00", a.body["expected_age"], "echoed as Django writes durations")
}

func TestRoutingErrorsAndFaults(t *testing.T) {
	s := NewServer()
	defer s.Close()
	h := authed(t, s)
	a := call(t, http.MethodDelete, s.URL+"/tasking/tasks/", h, "")
	assert.Equal(t, 405, a.status)
	assert.Equal(t, `Method "DELETE" not allowed.`, a.body["detail"])
	assert.Equal(t, 404, call(t, http.MethodGet, s.URL+"/tasking/tasks", h, "").status, "the trailing slash matters")
	assert.Equal(t, 404, call(t, http.MethodGet, s.URL+"/tasking/tasks/abc/", h, "").status)
	assert.Equal(t, 404, call(t, http.MethodGet, s.URL+"/tasking/tasks/1/", h, "").status)
	assert.Equal(t, 404, call(t, http.MethodGet, s.URL+"/v2/orders/", h, "").status)
	assert.Equal(t, "Not found.", call(t, http.MethodGet, s.URL+"/tasking/analysis/nope/", h, "").body["detail"])

	s.FailNext(2, 429, 1500*time.Millisecond)
	a = call(t, http.MethodGet, s.URL+"/tasking/products/", h, "")
	assert.Equal(t, 429, a.status)
	assert.Equal(t, "2", a.header.Get("Retry-After"))
	assert.Equal(t, "Too Many Requests", a.body["message"])
	a = call(t, http.MethodGet, s.URL+"/tasking/products/", nil, "")
	assert.Equal(t, 429, a.status, "faults come before the auth check")
	s.FailNext(1, 503, 0)
	a = call(t, http.MethodGet, s.URL+"/tasking/products/", h, "")
	assert.Equal(t, 503, a.status)
	assert.Empty(t, a.header.Get("Retry-After"))
	assert.Equal(t, 200, call(t, http.MethodGet, s.URL+"/tasking/products/", h, "").status)
}

func TestPagesLinkAbsolutely(t *testing.T) {
	s := NewServer(WithDefaultLimit(2))
	defer s.Close()
	h := authed(t, s)
	a := call(t, http.MethodGet, s.URL+"/tasking/products/", h, "")
	require.Equal(t, 200, a.status)
	assert.EqualValues(t, 3, a.body["count"])
	assert.Len(t, a.body["results"], 2)
	assert.Equal(t, s.URL+"/tasking/products/?limit=2&offset=2", a.body["next"])
	assert.Nil(t, a.body["previous"])
	b := call(t, http.MethodGet, a.body["next"].(string), h, "")
	assert.Nil(t, b.body["next"])
	assert.Equal(t, s.URL+"/tasking/products/?limit=2", b.body["previous"])
	c := call(t, http.MethodGet, s.URL+"/tasking/products/?offset=10", h, "")
	assert.Empty(t, c.body["results"])
}

func TestRequestLogBlanksCredentials(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c := s.Client()
	_, err := c.Products.List(context.Background(), nil)
	require.NoError(t, err)
	reqs := s.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/oauth/token", reqs[0].Path)
	assert.Equal(t, 200, reqs[0].Status)
	assert.False(t, bytes.Contains(reqs[0].Body, []byte(s.ClientSecret)))
	assert.Contains(t, string(reqs[0].Body), `"client_secret":"[REDACTED]"`)
	assert.Equal(t, "Bearer [REDACTED]", reqs[1].Header.Get("authorizationToken"))
	assert.Equal(t, s.ContractID, reqs[1].Header.Get("X-Satellogic-Contract-Id"))
	reqs[1].Header.Set("x", "y")
	assert.Empty(t, s.Requests()[1].Header.Get("x"), "Requests returns copies")
	s.ResetRequests()
	assert.Empty(t, s.Requests())
}

func TestDeterministic(t *testing.T) {
	clock := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	run := func() []string {
		s := NewServer(WithNow(clock))
		defer s.Close()
		c := s.Client()
		ctx := context.Background()
		s.FailCaptures(1, FaultQC)
		task, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{TaskName: "d", ProjectName: "p",
			Product: satellogic.ProductPOI, Target: orb.Point{1, 2}, Start: clock, End: clock.Add(72 * time.Hour)})
		require.NoError(t, err)
		id := task.TaskID
		final, err := c.Tasks.Wait(ctx, id, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: time.Millisecond})
		require.NoError(t, err)
		wire := func(v any) string {
			b, err := json.Marshal(v, geo.JSONOptions())
			require.NoError(t, err)
			return string(b)
		}
		out := []string{wire(final)}
		caps, err := tasking.Collect(c.Tasks.AllCaptures(ctx, id, nil))
		require.NoError(t, err)
		for _, cp := range caps {
			out = append(out, wire(cp))
		}
		return out
	}
	assert.Equal(t, run(), run())
}

func TestClientAndOptions(t *testing.T) {
	s := NewServer(WithNow(time.Date(2030, 1, 1, 0, 0, 0, 0, time.FixedZone("x", 3600))))
	defer s.Close()
	assert.Equal(t, time.Date(2029, 12, 31, 23, 0, 0, 0, time.UTC), s.Now())
	assert.Equal(t, s.URL+"/oauth/token", s.TokenURL())
	assert.Len(t, s.Options(), 2)
	assert.Equal(t, s.ContractID, s.Credentials().ContractID)
	c := s.Client()
	assert.Equal(t, s.ContractID, c.ContractID())
	assert.Empty(t, s.Status("1"))
	assert.Empty(t, s.Status("not a number"))
	assert.Empty(t, s.Unexpected())
}
