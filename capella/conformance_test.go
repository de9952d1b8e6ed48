package capella_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enumLists maps every enum location of Capella's documents to this
// package's exported list of values for it. A location the walk finds that
// no entry matches, or a value missing from the list, fails the test.
var enumLists = []struct {
	where  *regexp.Regexp
	values func() []string
}{
	{regexp.MustCompile(`^tasking:/components/schemas/RequestStatusCode$`), strs(capella.RequestStatusValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/CollectStatusCode$`), strs(capella.CollectStatusValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/ProcessingStatus$`), strs(capella.ProcessingStatusValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/AccessibilityStatus$`), strs(capella.AccessibilityStatusValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/(CAPICollectionTier|CollectionTier)$`), strs(capella.CollectionTierValues)},
	{regexp.MustCompile(`^tasking:/paths/.*(/task/\{taskingRequestId\}|/collects/\{collectId\})/retask/.*/collectionTier$`), strs(capella.CollectionTierValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/(CAPIRepeatCollectionTier|RepeatCollectionTier)$`), strs(capella.RepeatTierValues)},
	{regexp.MustCompile(`^tasking:/paths/.*/repeat-requests/\{repeatrequestId\}/retask/.*/collectionTier$`), strs(capella.RepeatTierValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/ArchiveHoldback$`), strs(capella.ArchiveHoldbackValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/LookDirection$`), strs(capella.LookDirectionValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/AscDsc$`), strs(capella.OrbitDirectionValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/OrbitalPlane$`), func() []string {
		var out []string
		for _, p := range capella.OrbitalPlaneValues() {
			out = append(out, fmt.Sprint(int(p)))
		}
		return out
	}},
	{regexp.MustCompile(`^tasking:/components/schemas/RadarPolarization$`), strs(capella.PolarizationValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/Squint$`), strs(capella.SquintValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/CAPICollectMode$`), strs(capella.CollectModeValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/LocalTimeOption$`), strs(capella.LocalTimeOptionValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/ProcessingConfigProductTypes$`), strs(capella.ProductTypeValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/GeoJSONGeometryType$`), strs(capella.GeometryTypeValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/RadarParamsMethod$`), strs(capella.RadarMethodValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/CollectTXRX$`), strs(capella.RadarModeValues)},
	{regexp.MustCompile(`^tasking:.*/status/patch/requestBody/.*/properties/status$`), strs(capella.TaskStatusChangeValues)},
	{regexp.MustCompile(`^tasking:/components/schemas/RepeatRequestStatusUpdate/properties/code$`), strs(capella.RepeatStatusChangeValues)},
	{regexp.MustCompile(`^tasking:(/paths/.*/parameters/\d+/schema|/components/schemas/PaginationAndSortOperators/properties/order)$`), strs(capella.SortOrderValues)},
	{regexp.MustCompile(`^access:/components/schemas/UserAccessRole$`), strs(capella.UserRoleValues)},
	{regexp.MustCompile(`^access:/components/schemas/TransactionStatus$`), strs(capella.TransactionStatusValues)},
}

// enumsOutOfScope are the enums of operations this package does not cover,
// with the reason.
var enumsOutOfScope = map[string]string{
	"tasking:/components/schemas/Generation":          "spacecraft generations: /ma/spacecraft is not wrapped (not tasking)",
	"access:/components/schemas/USGLicenseOption":     "licences: contracts and organizations of the access service are not wrapped",
	"access:/components/schemas/CanadaLicenseOption":  "licences: contracts and organizations of the access service are not wrapped",
	"access:/components/schemas/CapellaLicenseOption": "licences: contracts and organizations of the access service are not wrapped",
	"access:/components/schemas/ContractType":         "contracts of the access service are not wrapped",
}

func strs[S ~string | ~int](f func() []S) func() []string {
	return func() []string {
		var out []string
		for _, v := range f() {
			out = append(out, fmt.Sprint(v))
		}
		return out
	}
}

// TestSpecEnumsHaveConstants walks every enum of Capella's documents and
// fails for a value that has no Go constant.
func TestSpecEnumsHaveConstants(t *testing.T) {
	s := requireSpecs(t)
	found := 0
	for file, raw := range s.raw {
		prefix := strings.TrimSuffix(strings.TrimPrefix(file, "openapi-"), ".json")
		var walk func(x any, path string)
		walk = func(x any, path string) {
			switch v := x.(type) {
			case map[string]any:
				if enum, ok := v["enum"].([]any); ok {
					found++
					loc := prefix + ":" + path
					if reason, skip := enumsOutOfScope[loc]; skip {
						t.Logf("enum %s left out: %s", loc, reason)
						break
					}
					idx := slices.IndexFunc(enumLists, func(e struct {
						where  *regexp.Regexp
						values func() []string
					}) bool {
						return e.where.MatchString(loc)
					})
					if idx < 0 {
						t.Errorf("spec enum at %s (%v) has no Go value list", loc, enum)
						break
					}
					have := enumLists[idx].values()
					for _, val := range enum {
						if !slices.Contains(have, fmt.Sprint(val)) {
							t.Errorf("spec enum value %v at %s has no Go constant", val, loc)
						}
					}
				}
				keys := make([]string, 0, len(v))
				for k := range v {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					walk(v[k], path+"/"+k)
				}
			case []any:
				for i, c := range v {
					walk(c, fmt.Sprintf("%s/%d", path, i))
				}
			}
		}
		walk(raw, "")
	}
	assert.GreaterOrEqual(t, found, 30, "the walk found the documents' enums")
}

// fixtureOps says which operation and status each fixture answers, so that
// it can be checked against the documents. Fixtures named *.offspec.json are
// what Capella's docs, SDK or support pages show but the spec does not allow:
// the test proves the spec rejects them (the client still decodes them).
var fixtureOps = map[string]struct {
	method, path string
	status       int
}{
	"task_review.json":                          {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_review_nullrepeat.offspec.json":       {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_completed.json":                       {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_history_unordered.json":               {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_conflict_active.json":                 {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_conflict_rejected.json":               {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_conflict_seed.offspec.json":           {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_rejected_null_conflicts.offspec.json": {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"task_created_polygon.json":                 {"POST", "/task", 201},
	"task_cancel_sdk.offspec.json":              {"PATCH", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2/status", 200},
	"tasks_paged.json":                          {"GET", "/tasks/paged", 200},
	"tasks_search_last.json":                    {"POST", "/tasks/search", 200},
	"tasks_search_mixed.json":                   {"POST", "/tasks/search", 200},
	"tasks_array.json":                          {"GET", "/tasks?customerId=0f6c1a1e-2a33-4c7b-9a59-1b2f6e2b7d10", 200},
	"repeat.json":                               {"GET", "/repeat-requests/7d0c2f3e-9a51-4c4e-8b7e-2f6a4f1d9c11", 200},
	"repeat_docs_example.offspec.json":          {"GET", "/repeat-requests/7d0c2f3e-9a51-4c4e-8b7e-2f6a4f1d9c11", 200},
	"repeat_list.json":                          {"GET", "/repeat-requests", 200},
	"repeat_search.json":                        {"POST", "/repeat-requests/search/", 200},
	"repeat_tasks.json":                         {"GET", "/repeat-requests/7d0c2f3e-9a51-4c4e-8b7e-2f6a4f1d9c11/tasks", 200},
	"repeat_status_all_codes.json":              {"PATCH", "/repeat-requests/7d0c2f3e-9a51-4c4e-8b7e-2f6a4f1d9c11/status", 200},
	"repeat_status_canceled.json":               {"PATCH", "/repeat-requests/7d0c2f3e-9a51-4c4e-8b7e-2f6a4f1d9c11/status", 200},
	"collect.json":                              {"GET", "/collects/c0113c70-0000-4000-8000-000000000c01", 200},
	"collect_list.json":                         {"GET", "/collects/list/45b0e94b-6107-4671-ab13-d526e45d88c2", 200},
	"collect_status_all_codes.json":             {"GET", "/collects/status/c0113c70-0000-4000-8000-000000000c01", 200},
	"collectiontypes.json":                      {"GET", "/collectiontypes/", 200},
	"collectiontypes_names.json":                {"GET", "/collectiontypes/", 200},
	"access_request_queued.json":                {"POST", "/ma/accessrequests/", 200},
	"access_request_completed.json":             {"GET", "/ma/accessrequests/c1f9e2a4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", 200},
	"accesses.json":                             {"GET", "/ma/accesses/c1f9e2a4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", 200},
	"user.json":                                 {"GET", "/user", 200},
	"error_validation_422.json":                 {"POST", "/task", 422},
	"error_validation_array.offspec.json":       {"POST", "/task", 422},
	"error_string_4xx.json":                     {"POST", "/task", 400},
	"error_object_400.json":                     {"GET", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2", 400},
	"error_finalized.offspec.json":              {"PATCH", "/task/45b0e94b-6107-4671-ab13-d526e45d88c2/status", 400},
	"error_fastapi_422.json":                    {"GET", "/collects/list/45b0e94b-6107-4671-ab13-d526e45d88c2", 422},
	"error_gateway_401.json":                    {"GET", "/tasks?customerId=x", 401},
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// TestFixturesConformToSpec checks every fixture against the response schema
// of its operation; off-spec fixtures must be rejected.
func TestFixturesConformToSpec(t *testing.T) {
	s := requireSpecs(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := filepath.Base(f)
		op, ok := fixtureOps[name]
		if !ok {
			t.Errorf("fixture %s is not mapped to an operation in fixtureOps", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(op.method, "http://localhost"+op.path, nil)
			require.NoError(t, err)
			route, params, err := s.findRoute(req)
			require.NoError(t, err, "the fixture's operation exists in the documents")
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route}
			h := http.Header{"Content-Type": {"application/json"}}
			verr := s.validateResponse(in, op.status, h, readFixture(t, name))
			if strings.HasSuffix(name, ".offspec.json") {
				assert.Error(t, verr, "an off-spec fixture must be rejected by the spec (if this passes, the spec changed: rename it)")
			} else {
				assert.NoError(t, verr)
			}
		})
	}
}

// TestHarnessRejectsViolations proves the validating transport notices a
// request or an answer outside the documents.
func TestHarnessRejectsViolations(t *testing.T) {
	s := requireSpecs(t)
	good := `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"orgId":"o","userId":"u",
		"windowOpen":"2026-06-01T00:00:00.000Z","windowClose":"2026-06-08T00:00:00.000Z","collectionType":"spotlight"}}`
	req := func(method, path, body, auth string) *http.Request {
		r, _ := http.NewRequest(method, "http://localhost"+path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		return r
	}
	_, err := s.validateRequest(req("POST", "/task", good, "ApiKey k"), []byte(good))
	require.NoError(t, err)
	_, err = s.validateRequest(req("POST", "/task", good, "Bearer t"), []byte(good))
	require.NoError(t, err, "either security scheme is enough")
	_, err = s.validateRequest(req("POST", "/task", good, ""), []byte(good))
	assert.Error(t, err, "no credential")
	bad := strings.Replace(good, `"collectionType":"spotlight"`, `"collectionTier":"routine"`, 1)
	_, err = s.validateRequest(req("POST", "/task", bad, "ApiKey k"), []byte(bad))
	assert.Error(t, err, "missing collectionType and a repeat-only tier")
	_, err = s.validateRequest(req("GET", "/nope", "", "ApiKey k"), nil)
	assert.Error(t, err, "unknown path")
	in, err := s.validateRequest(req("GET", "/task/x", "", "ApiKey k"), nil)
	require.NoError(t, err)
	h := http.Header{"Content-Type": {"application/json"}}
	assert.Error(t, s.validateResponse(in, 200, h, []byte(`{"type":"Feature","properties":{}}`)), "geometry and windows are required")
	assert.Error(t, s.validateResponse(in, 200, h, []byte(`{"type":"Feature","geometry":{"coordinates":[1,2]},
		"properties":{"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-08T00:00:00Z","collectionTier":"routine"}}`)),
		"routine is not a single-task tier")
	assert.NoError(t, s.validateResponse(in, 200, h, []byte(`{"type":"Feature","geometry":{"coordinates":[1,2]},
		"properties":{"windowOpen":"2026-06-01T00:00:00Z","windowClose":"2026-06-08T00:00:00Z","statusHistory":[{"code":"retrying"}]}}`)),
		"retrying (Capella's docs) is accepted by the patched document")
}

// TestSimulatorAgreesWithSpec sends bodies to the simulator that the
// documents accept or reject, and checks that the simulator, with its own
// rules, decides the same.
func TestSimulatorAgreesWithSpec(t *testing.T) {
	s := requireSpecs(t)
	srv := capellatest.NewServer()
	defer srv.Close()
	base := map[string]any{"type": "Feature", "geometry": map[string]any{"type": "Point", "coordinates": []any{-122.4, 37.7}},
		"properties": map[string]any{"orgId": srv.OrgID, "userId": srv.UserID, "windowOpen": "2026-06-01T00:00:00.000Z",
			"windowClose": "2026-06-09T00:00:00.000Z", "collectionType": "spotlight"}}
	mutate := func(f func(p, root map[string]any)) []byte {
		b, _ := json.Marshal(base)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		f(m["properties"].(map[string]any), m)
		out, _ := json.Marshal(m)
		return out
	}
	cases := []struct {
		name  string
		body  []byte
		valid bool
	}{
		{"minimal", mutate(func(p, r map[string]any) {}), true},
		{"all fields", mutate(func(p, r map[string]any) {
			p["collectionTier"], p["archiveHoldback"], p["preApproval"] = "priority", "30_day", true
			p["customAttribute1"], p["customAttribute2"] = "a", nil
			p["processingConfig"] = map[string]any{"productTypes": []any{"GEO", "SICD"}}
			p["collectConstraints"] = map[string]any{"lookDirection": "left", "ascDsc": "descending", "orbitalPlanes": []any{45, 97},
				"localTime": "night", "offNadirMin": 10, "offNadirMax": 45, "polarization": "VV", "squint": "forward"}
		}), true},
		{"missing orgId", mutate(func(p, r map[string]any) { delete(p, "orgId") }), false},
		{"missing userId", mutate(func(p, r map[string]any) { delete(p, "userId") }), false},
		{"missing windowOpen", mutate(func(p, r map[string]any) { delete(p, "windowOpen") }), false},
		{"missing collectionType", mutate(func(p, r map[string]any) { delete(p, "collectionType") }), false},
		{"missing properties", mutate(func(p, r map[string]any) { delete(r, "properties") }), false},
		{"missing geometry", mutate(func(p, r map[string]any) { delete(r, "geometry") }), false},
		{"geometry without coordinates", mutate(func(p, r map[string]any) { r["geometry"] = map[string]any{"type": "Point"} }), false},
		{"bad geometry type", mutate(func(p, r map[string]any) {
			r["geometry"] = map[string]any{"type": "LineString", "coordinates": []any{[]any{1, 2}, []any{3, 4}}}
		}), false},
		{"date without time", mutate(func(p, r map[string]any) { p["windowOpen"] = "2026-06-01" }), false},
		{"repeat tier on a task", mutate(func(p, r map[string]any) { p["collectionTier"] = "routine" }), false},
		{"holdback with a space", mutate(func(p, r map[string]any) { p["archiveHoldback"] = "1 year" }), false},
		{"product outside the enum", mutate(func(p, r map[string]any) {
			p["processingConfig"] = map[string]any{"productTypes": []any{"VS"}}
		}), false},
		{"look direction", mutate(func(p, r map[string]any) { p["collectConstraints"] = map[string]any{"lookDirection": "up"} }), false},
		{"orbital plane", mutate(func(p, r map[string]any) { p["collectConstraints"] = map[string]any{"orbitalPlanes": []any{44}} }), false},
		{"off-nadir range", mutate(func(p, r map[string]any) { p["collectConstraints"] = map[string]any{"offNadirMax": 95} }), false},
		{"image width range", mutate(func(p, r map[string]any) { p["collectConstraints"] = map[string]any{"imageWidth": 4000} }), false},
		{"preApproval type", mutate(func(p, r map[string]any) { p["preApproval"] = "yes" }), false},
		{"name type", mutate(func(p, r map[string]any) { p["taskingrequestName"] = 7 }), false},
	}
	hc := &http.Client{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", srv.URL+"/task", bytes.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "ApiKey "+srv.APIKey)
			_, specErr := s.validateRequest(req, tc.body)
			assert.Equal(t, tc.valid, specErr == nil, "the spec's verdict: %v", specErr)
			resp, err := hc.Do(req)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if tc.valid {
				assert.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
			} else {
				assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "%s", body)
			}
			in, err := s.validateRequest(req, tc.body)
			if in != nil {
				assert.NoError(t, s.validateResponse(in, resp.StatusCode, resp.Header, body), "the simulator's answer conforms")
			}
			_ = err
		})
	}
}

// TestConformanceFullSurface drives every method of the client against the
// simulator through the validating transport: every request the client sends
// and every answer the simulator gives must match Capella's documents.
func TestConformanceFullSurface(t *testing.T) {
	requireSpecs(t)
	srv := capellatest.NewServer()
	defer srv.Close()
	vt := newValidatingTransport(t, nil)
	c := srv.Client(capella.WithHTTPClient(&http.Client{Transport: vt}))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	w := &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}
	open := srv.Now().Add(48 * time.Hour).Truncate(time.Second)

	me, err := c.Users.Me(ctx)
	require.NoError(t, err)
	assert.Equal(t, srv.UserID, me.ID)

	point := &capella.TaskCreateRequest{Geometry: orb.Point{-122.4163, 37.7612}, Name: "SF harbour", Description: "weekly",
		WindowOpen: open, WindowClose: open.Add(8 * 24 * time.Hour), CollectionType: capella.CollectionSpotlight,
		CollectionTier: capella.TierStandard, ArchiveHoldback: capella.HoldbackThirtyDay, CustomAttribute1: "p",
		ProductTypes: []capella.ProductType{capella.ProductGEO, capella.ProductSLC}, ContractID: "c0ffee00-0000-4000-8000-000000000001",
		Constraints: &capella.CollectConstraints{LookDirection: capella.LookLeft, AscDsc: capella.OrbitAscending,
			OrbitalPlanes: []capella.OrbitalPlane{capella.OrbitalPlane53}, LocalTime: &capella.LocalTime{Option: capella.LocalTimeDay},
			OffNadirMin: capella.Float(10), OffNadirMax: capella.Float(45), Squint: capella.SquintEnabled,
			Polarization: capella.PolarizationVV, ImageWidth: capella.Float(5000), ImageLength: capella.Float(10000)}}
	task, err := c.Tasks.Create(ctx, point)
	require.NoError(t, err)
	_, err = c.Tasks.Wait(ctx, task.GetID(), w)
	require.ErrorIs(t, err, tasking.ErrActionRequired)
	task, err = c.Tasks.Approve(ctx, task.GetID())
	require.NoError(t, err)
	task, err = c.Tasks.Wait(ctx, task.GetID(), w)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCompleted, task.GetStatus())

	_, err = c.Tasks.Update(ctx, task.GetID(), &capella.TaskUpdateRequest{Name: capella.String("renamed"),
		CustomAttribute2: capella.String("b"), ProductTypes: []capella.ProductType{capella.ProductGEO}})
	require.Error(t, err, "a completed request cannot be updated")

	area, err := c.Tasks.Create(ctx, &capella.TaskCreateRequest{Geometry: orb.Polygon{{{179.1, 66.42}, {179.5, 66.42}, {179.5, 66.58}, {179.1, 66.58}, {179.1, 66.42}}},
		Name: "area", WindowOpen: open, WindowClose: open.Add(30 * 24 * time.Hour), CollectionType: capella.CollectionStripmap100,
		CollectionTier: capella.TierFlexible, PreApproval: true})
	require.NoError(t, err)
	area, err = c.Tasks.Update(ctx, area.GetID(), &capella.TaskUpdateRequest{Name: capella.String("area renamed"),
		Description: capella.String("d"), CustomAttribute1: capella.String("x"), ProductTypes: []capella.ProductType{"GEO"}})
	require.NoError(t, err)
	assert.Equal(t, "area renamed", area.Properties.Name)
	for i := 0; i < 3; i++ {
		_, err = c.Tasks.Get(ctx, area.GetID())
		require.NoError(t, err)
	}
	collects, err := c.Tasks.Collects(ctx, area.GetID(), &capella.CollectListOptions{All: true, Limit: 10})
	require.NoError(t, err)
	require.NotEmpty(t, collects)
	col, err := c.Collects.Get(ctx, collects[0].CollectID)
	require.NoError(t, err)
	_, err = c.Collects.Status(ctx, col.CollectID)
	require.NoError(t, err)
	owner, err := c.Collects.Task(ctx, col.CollectID)
	require.NoError(t, err)
	assert.Equal(t, area.GetID(), owner.GetID())
	for cl, err := range c.Collects.All(ctx, area.GetID(), &capella.CollectListOptions{All: true, Limit: 1}) {
		require.NoError(t, err)
		require.NotNil(t, cl)
	}
	fromCollect, err := c.Collects.Retask(ctx, col.CollectID, &capella.RetaskRequest{Name: "again", OffNadirMin: capella.Float(20),
		OffNadirMax: capella.Float(40), WindowOpen: open, WindowClose: open.Add(3 * 24 * time.Hour), CollectionTier: capella.TierPriority})
	require.NoError(t, err)
	_, err = c.Tasks.Reject(ctx, fromCollect.GetID())
	require.Error(t, err, "only a request in review can be rejected")
	_, err = c.Tasks.Get(ctx, fromCollect.GetID())
	require.NoError(t, err)
	rejected, err := c.Tasks.Reject(ctx, fromCollect.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestRejected, rejected.GetStatus())

	retask, err := c.Tasks.Retask(ctx, task.GetID(), &capella.RetaskRequest{Name: "retask", Description: "d", WindowOpen: open,
		WindowClose: open.Add(25 * time.Hour), CollectionTier: capella.TierUrgent, ArchiveHoldback: capella.HoldbackNone, ContractID: "c"})
	require.NoError(t, err)
	_, err = c.Tasks.Cancel(ctx, retask.GetID())
	require.NoError(t, err)
	_, err = c.Tasks.Cancel(ctx, retask.GetID())
	require.Error(t, err, "a cancelled request is final")

	page, err := c.Tasks.List(ctx, &capella.TaskListOptions{CustomerID: srv.UserID, Limit: 5, Sort: "windowOpen", Order: capella.SortAsc})
	require.NoError(t, err)
	assert.NotEmpty(t, page.Tasks)
	for _, err := range c.Tasks.All(ctx, &capella.TaskListOptions{Limit: 5}) {
		require.NoError(t, err)
	}
	byCustomer, err := c.Tasks.ListByCustomer(ctx, srv.UserID, &capella.TaskListByCustomerOptions{OrganizationID: srv.OrgID, Sort: "submissionTime", Order: capella.SortDesc})
	require.NoError(t, err)
	assert.NotEmpty(t, byCustomer)
	search := &capella.TaskSearchRequest{Query: capella.TaskSearchQuery{
		CommonQuery: capella.CommonQuery{LastStatusCode: []capella.RequestStatus{capella.RequestCompleted, capella.RequestCanceled},
			SubmissionTime: capella.TimeRange{From: open.Add(-30 * 24 * time.Hour)}, UserID: []string{srv.UserID},
			ArchiveHoldback: []capella.ArchiveHoldback{capella.HoldbackThirtyDay, capella.HoldbackNone}, CollectMode: []capella.CollectMode{capella.ModeSpotlight},
			WindowDuration: &capella.Comparison{GTE: "86400"}, Extra: map[string]any{"collectionType": "spotlight"}},
		CollectionTier: []capella.CollectionTier{capella.TierStandard, capella.TierUrgent},
		Name:           &capella.TextFilter{Contains: "sf"}, WindowOpen: capella.TimeRange{From: open.Add(-time.Hour), To: open.Add(time.Hour)}},
		Paging: capella.Paging{Sort: "windowOpen", Order: capella.SortAsc, Limit: 300}}
	found, err := c.Tasks.Search(ctx, search)
	require.NoError(t, err)
	require.Len(t, found.Tasks, 1)
	assert.Equal(t, task.GetID(), found.Tasks[0].GetID())
	for _, err := range c.Tasks.SearchAll(ctx, &capella.TaskSearchRequest{ExcludeRepeatChildren: true}) {
		require.NoError(t, err)
	}

	rr, err := c.RepeatRequests.Create(ctx, &capella.RepeatCreateRequest{Geometry: orb.Point{-110.39, 35.17}, Name: "mine",
		Description: "weekly", CollectionType: capella.CollectionSpotlight, CollectionTier: capella.RepeatTierFlexible,
		WindowDuration: 48 * time.Hour, ArchiveHoldback: capella.HoldbackOneYear, CustomAttribute1: "a",
		ProductTypes: []capella.ProductType{capella.ProductGEO},
		Repetition: capella.RepetitionProperties{RepeatStart: open, RepetitionInterval: 7, RepetitionCount: capella.Int(3),
			MaintainSceneFraming: true, LookAngleTolerance: capella.Float(10), AzimuthAngleTolerance: capella.Float(5)},
		Constraints: &capella.CollectConstraints{OffNadirMin: capella.Float(25), OffNadirMax: capella.Float(50)}})
	require.NoError(t, err)
	_, err = c.RepeatRequests.Wait(ctx, rr.GetID(), w)
	require.ErrorIs(t, err, tasking.ErrActionRequired)
	approved, err := c.RepeatRequests.Approve(ctx, rr.GetID())
	require.NoError(t, err)
	assert.Contains(t, []capella.RequestStatus{capella.RequestSubmitted, capella.RequestActive}, approved.GetStatus(),
		"out of review (reading it back is a poll, which moves the simulated series on)")
	rr, err = c.RepeatRequests.Update(ctx, rr.GetID(), &capella.RepeatUpdateRequest{Name: capella.String("mine 2"),
		Description: capella.String("x"), CustomAttribute2: capella.String("y"), ProductTypes: []capella.ProductType{"SLC"}})
	require.NoError(t, err)
	_, err = c.RepeatRequests.Get(ctx, rr.GetID())
	require.NoError(t, err)
	children, err := c.RepeatRequests.Tasks(ctx, rr.GetID())
	require.NoError(t, err)
	require.Len(t, children, 3)
	for _, ch := range children {
		_, err := c.Tasks.Wait(ctx, ch.GetID(), w)
		require.NoError(t, err)
	}
	done, err := c.RepeatRequests.Wait(ctx, rr.GetID(), w)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCompleted, done.GetStatus())
	again, err := c.RepeatRequests.Retask(ctx, rr.GetID(), &capella.RepeatRetaskRequest{Name: "again", Description: "d", RepeatStart: open,
		RepetitionInterval: 14, RepetitionCount: 2, CollectionTier: capella.RepeatTierRoutine, ArchiveHoldback: capella.HoldbackNone, ContractID: "c"})
	require.NoError(t, err)
	_, err = c.RepeatRequests.Cancel(ctx, again.GetID())
	require.NoError(t, err)
	rp, err := c.RepeatRequests.List(ctx, &capella.RepeatListOptions{UserID: srv.UserID, OrganizationID: srv.OrgID, Limit: 1})
	require.NoError(t, err)
	assert.Len(t, rp.RepeatRequests, 1)
	n := 0
	for _, err := range c.RepeatRequests.All(ctx, &capella.RepeatListOptions{Limit: 1}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)
	rs, err := c.RepeatRequests.Search(ctx, &capella.RepeatSearchRequest{Query: capella.RepeatSearchQuery{
		Name: &capella.TextFilter{StartsWith: "mine"}, CollectionTier: []capella.RepeatTier{capella.RepeatTierFlexible},
		CommonQuery: capella.CommonQuery{LastStatusCode: []capella.RequestStatus{capella.RequestCompleted}}}})
	require.NoError(t, err)
	require.Len(t, rs.RepeatRequests, 1)
	for _, err := range c.RepeatRequests.SearchAll(ctx, nil) {
		require.NoError(t, err)
	}

	types, err := c.CollectionTypes.List(ctx, &capella.CollectionTypeListOptions{Limit: 5})
	require.NoError(t, err)
	assert.Equal(t, capella.CollectionSpotlight, types.Results[0].Name)
	var names []capella.CollectionType
	for ct, err := range c.CollectionTypes.All(ctx, &capella.CollectionTypeListOptions{NamesOnly: true, Limit: 5, IncludeInactive: true}) {
		require.NoError(t, err)
		names = append(names, ct.Name)
	}
	assert.Len(t, names, 10)

	ar, err := c.AccessRequests.Create(ctx, &capella.AccessRequestCreateRequest{Geometry: orb.Point{-122.4163, 37.7612}, Name: "feasibility",
		WindowOpen: open, WindowClose: open.Add(7 * 24 * time.Hour), Constraints: &capella.AccessConstraints{
			OffNadirMin: capella.Float(25), OffNadirMax: capella.Float(50), LocalTime: [][2]float64{{0, 86400}},
			LookDirection: capella.LookEither, OrbitalPlanes: []capella.OrbitalPlane{45, 53, 97}}})
	require.NoError(t, err)
	ar, err = c.AccessRequests.Wait(ctx, ar.GetID(), w)
	require.NoError(t, err)
	assert.Equal(t, capella.AccessibilityAccessible, ar.Properties.AccessibilityStatus)
	acc, err := c.AccessRequests.Accesses(ctx, ar.GetID())
	require.NoError(t, err)
	assert.NotEmpty(t, acc)

	// Error answers conform too.
	_, err = c.Tasks.Get(ctx, "00000000-0000-4000-8000-000000000000")
	require.ErrorIs(t, err, tasking.ErrNotFound)
	_, err = c.Collects.Get(ctx, "nope")
	require.ErrorIs(t, err, tasking.ErrNotFound)
	_, err = c.RepeatRequests.Approve(ctx, again.GetID())
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)

	reqs, resps := vt.checked()
	assert.Equal(t, int64(len(srv.Requests())), reqs, "every request went through the validating transport")
	assert.Equal(t, reqs, resps, "every answer was validated")
	t.Logf("validated %d requests and %d answers against Capella's documents", reqs, resps)
}
