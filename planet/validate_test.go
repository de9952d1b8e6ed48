package planet_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func validOrder() *planet.OrderCreateRequest {
	start := time.Date(2030, 6, 2, 0, 0, 0, 0, time.UTC)
	return &planet.OrderCreateRequest{Name: "ok", Geometry: orb.Point{13.35, 52.51}, StartTime: start, EndTime: start.AddDate(0, 0, 7)}
}

func TestOrderValidationRules(t *testing.T) {
	bowtie := orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}
	for _, tc := range []struct {
		name   string
		change func(r *planet.OrderCreateRequest)
		field  string
		reason string
		geoErr geo.Rule
	}{
		{"no name", func(r *planet.OrderCreateRequest) { r.Name = "" }, "name", "is required", ""},
		{"blank name", func(r *planet.OrderCreateRequest) { r.Name = "  " }, "name", "is required", ""},
		{"no geometry", func(r *planet.OrderCreateRequest) { r.Geometry = nil }, "geometry", "is required", geo.RuleEmpty},
		{"multipoint", func(r *planet.OrderCreateRequest) { r.Geometry = orb.MultiPoint{{1, 2}} }, "geometry", "MultiPoint is not accepted", geo.RuleUnsupported},
		{"multipolygon", func(r *planet.OrderCreateRequest) {
			r.Geometry = orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}
		}, "geometry", "MultiPolygon is not accepted", geo.RuleUnsupported},
		{"latitude", func(r *planet.OrderCreateRequest) { r.Geometry = orb.Point{10, 95} }, "geometry.coordinates", "latitude 95", geo.RuleLatitudeRange},
		{"self-intersecting", func(r *planet.OrderCreateRequest) { r.Geometry = bowtie }, "geometry.coordinates[0]", "intersects itself", geo.RuleSelfIntersection},
		{"open ring", func(r *planet.OrderCreateRequest) {
			r.Geometry = orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}
		}, "geometry.coordinates[0]", "not closed", geo.RuleRingNotClosed},
		{"one-point line", func(r *planet.OrderCreateRequest) { r.Geometry = orb.LineString{{0, 0}} }, "geometry.coordinates", "at least 2", geo.RuleTooFewPositions},
		{"end before start", func(r *planet.OrderCreateRequest) { r.EndTime = r.StartTime.Add(-time.Hour) }, "end_time", "must be after start_time", ""},
		{"end equals start", func(r *planet.OrderCreateRequest) { r.EndTime = r.StartTime }, "end_time", "must be after start_time", ""},
		{"over a year", func(r *planet.OrderCreateRequest) { r.EndTime = r.StartTime.AddDate(1, 0, 1) }, "end_time", "at most one year", ""},
		{"elevation range", func(r *planet.OrderCreateRequest) { r.SatElevationAngleMin = ptr(-1.0) }, "sat_elevation_angle_min", "between 0 and 90", ""},
		{"elevation order", func(r *planet.OrderCreateRequest) {
			r.SatElevationAngleMin, r.SatElevationAngleMax = ptr(80.0), ptr(60.0)
		}, "sat_elevation_angle_min", "must not exceed", ""},
		{"monitoring without rrule", func(r *planet.OrderCreateRequest) { r.SchedulingType = planet.SchedulingMonitoring }, "rrule", "is required", ""},
		{"rrule without count", func(r *planet.OrderCreateRequest) {
			r.SchedulingType, r.RRule = planet.SchedulingMonitoring, "FREQ=WEEKLY;INTERVAL=1"
		}, "rrule", "COUNT", ""},
		{"rrule with prefix", func(r *planet.OrderCreateRequest) {
			r.SchedulingType, r.RRule = planet.SchedulingMonitoring, "RRULE:FREQ=WEEKLY;COUNT=4"
		}, "rrule", "prefix", ""},
		{"rrule without monitoring", func(r *planet.OrderCreateRequest) { r.RRule = "FREQ=WEEKLY;COUNT=4" }, "scheduling_type", "MONITORING", ""},
		{"monitoring with window", func(r *planet.OrderCreateRequest) {
			r.SchedulingType, r.RRule, r.ImagingWindow = planet.SchedulingMonitoring, "FREQ=DAILY;COUNT=2", "w"
		}, "imaging_window", "MONITORING", ""},
		{"exclusivity", func(r *planet.OrderCreateRequest) { r.ExclusivityDays = ptr(31) }, "exclusivity_days", "between 0 and 30", ""},
		{"cloud threshold", func(r *planet.OrderCreateRequest) { r.CloudThreshold = ptr(-0.1) }, "cloud_threshold", "negative", ""},
		{"stereo", func(r *planet.OrderCreateRequest) { r.NStereoPOV = ptr(0) }, "n_stereo_pov", "at least 1", ""},
		{"payload size", func(r *planet.OrderCreateRequest) { r.Name = strings.Repeat("x", planet.MaxPayloadBytes) }, "body", "less than 1 MB", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, m := newMock(t)
			r := validOrder()
			tc.change(r)
			check := func(err error) {
				t.Helper()
				var ve *tasking.ValidationError
				require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
				assert.Equal(t, tc.field, ve.Field)
				assert.Contains(t, ve.Reason, tc.reason)
				assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
				if tc.geoErr != "" {
					var ge *geo.Error
					require.True(t, errors.As(err, &ge))
					assert.Equal(t, tc.geoErr, ge.Rule)
				}
			}
			_, err := c.Orders.Create(ctx, r)
			check(err)
			_, err = c.Pricing.Preview(ctx, r)
			check(err)
			// Through the neutral API, the same rule names the field the
			// caller wrote.
			_, err = c.Provider(planet.ProviderDefaults{}).Estimate(ctx, &tasking.Request{Name: r.Name, Geometry: r.Geometry,
				Start: r.StartTime, End: r.EndTime})
			head, rest, _ := strings.Cut(tc.field, ".")
			if neutral, ok := map[string]string{"name": "Name", "geometry": "Geometry", "end_time": "End"}[head]; ok {
				if rest != "" {
					neutral += "." + rest
				}
				var ve *tasking.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, neutral, ve.Field)
			}
			assert.Zero(t, m.GetTotalCallCount(), "no request may be sent")
		})
	}
	// A year to the day is allowed; zero times are not checked.
	r := validOrder()
	r.EndTime = r.StartTime.AddDate(1, 0, 0)
	require.NoError(t, r.Validate())
	r.StartTime, r.EndTime = time.Time{}, time.Time{}
	require.NoError(t, r.Validate())
	require.Error(t, (*planet.OrderCreateRequest)(nil).Validate())
}

func TestOtherValidationRules(t *testing.T) {
	c, m := newMock(t)
	var ve *tasking.ValidationError
	field := func(err error) string {
		t.Helper()
		require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
		return ve.Field
	}

	// Edits.
	_, err := c.Orders.Update(ctx, "x", &planet.OrderUpdateRequest{})
	assert.Equal(t, "", field(err))
	_, err = c.Orders.Update(ctx, "x", nil)
	assert.Equal(t, "", field(err))
	_, err = c.Orders.Update(ctx, "x", &planet.OrderUpdateRequest{Name: " "})
	assert.Equal(t, "name", field(err))
	start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err = c.Orders.Update(ctx, "x", &planet.OrderUpdateRequest{StartTime: start, EndTime: start.Add(-time.Second)})
	assert.Equal(t, "end_time", field(err))
	_, err = c.Orders.Update(ctx, "x", &planet.OrderUpdateRequest{StartTime: start, EndTime: start.AddDate(2, 0, 0)})
	assert.Equal(t, "end_time", field(err))
	_, err = c.Orders.Update(ctx, "", &planet.OrderUpdateRequest{Name: "a"})
	assert.Equal(t, "order_id", field(err))
	_, err = c.Orders.Cancel(ctx, "")
	assert.Equal(t, "order_id", field(err))
	_, err = c.Orders.Pricing(ctx, "")
	assert.Equal(t, "order_id", field(err))

	// Searches.
	q := searchRequest(t)
	q.Geometry = orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	_, err = c.ImagingWindows.Search(ctx, q, fast)
	assert.Equal(t, "geometry", field(err))
	q = searchRequest(t)
	q.Geometry = orb.LineString{{0, 0}, {1, 1}, {2, 2}}
	_, err = c.ImagingWindows.Start(ctx, q)
	assert.Equal(t, "geometry", field(err))
	assert.Contains(t, ve.Reason, "two-point")
	q = searchRequest(t)
	q.PLNumber = ""
	_, err = c.ImagingWindows.Start(ctx, q)
	assert.Equal(t, "pl_number", field(err))
	q = searchRequest(t)
	q.Product = ""
	_, err = c.ImagingWindows.Start(ctx, q)
	assert.Equal(t, "product", field(err))
	q = searchRequest(t)
	q.End = q.Start
	_, err = c.ImagingWindows.Start(ctx, q)
	assert.Equal(t, "datetime", field(err))
	q = searchRequest(t)
	q.OffNadirAngleMin = ptr(95.0)
	_, err = c.ImagingWindows.Start(ctx, q)
	assert.Equal(t, "off_nadir_angle_min", field(err))
	q = searchRequest(t)
	q.Geometry = orb.LineString{{0, 0}, {1, 1}}
	require.NoError(t, q.Validate())
	_, err = c.ImagingWindows.Start(ctx, nil)
	assert.Equal(t, "", field(err))

	// Bulk.
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{})
	assert.Equal(t, "order_payloads", field(err))
	many := make([]*planet.OrderCreateRequest, planet.MaxBulkPayloads+1)
	for i := range many {
		many[i] = validOrder()
	}
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: many})
	assert.Equal(t, "order_payloads", field(err))
	assert.Contains(t, ve.Reason, "at most 1000")
	bad := validOrder()
	bad.Geometry = orb.Point{200, 0}
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: []*planet.OrderCreateRequest{validOrder(), bad}})
	assert.Equal(t, "order_payloads[1].geometry.coordinates", field(err))
	var ge *geo.Error
	assert.True(t, errors.As(err, &ge))
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: []*planet.OrderCreateRequest{nil}})
	assert.Equal(t, "order_payloads[0]", field(err))
	// 1,000 orders of long names pass the count but not the size limit.
	big := make([]*planet.OrderCreateRequest, planet.MaxBulkPayloads)
	for i := range big {
		big[i] = validOrder()
		big[i].Name = strings.Repeat("n", 1100)
	}
	_, err = c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: big})
	assert.Equal(t, "order_payloads", field(err))
	assert.Contains(t, ve.Reason, "1 MB")

	// Reviews.
	_, err = c.Captures.CreateReview(ctx, "x", &planet.ReviewCreateRequest{Description: "d"})
	assert.Equal(t, "category", field(err))
	_, err = c.Captures.CreateReview(ctx, "x", &planet.ReviewCreateRequest{Category: planet.ReviewHaze})
	assert.Equal(t, "description", field(err))
	_, err = c.Captures.CreateReview(ctx, "", &planet.ReviewCreateRequest{Category: planet.ReviewHaze, Description: "d"})
	assert.Equal(t, "capture_id", field(err))
	_, err = c.Captures.Get(ctx, "")
	assert.Equal(t, "capture_id", field(err))
	_, err = c.Bulk.Get(ctx, "")
	assert.Equal(t, "bulk_id", field(err))
	_, err = c.Bulk.Payloads(ctx, "", nil)
	assert.Equal(t, "bulk_id", field(err))
	_, err = c.OrderHistory.Get(ctx, "")
	assert.Equal(t, "id", field(err))

	// The adapter.
	p := c.Provider(planet.ProviderDefaults{})
	_, err = p.Submit(ctx, nil)
	assert.Error(t, err)
	_, err = p.Estimate(ctx, nil)
	assert.Error(t, err)

	assert.Zero(t, m.GetTotalCallCount(), "no request may be sent")
}
