package planet

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// MaxBulkPayloads is the most orders one bulk request may carry.
const MaxBulkPayloads = 1000

// MaxExclusivityDays is the longest archive withhold Planet sells.
const MaxExclusivityDays = 30

// orderKinds are the geometries an order takes: a Point (point order), a
// LineString (strip) or a Polygon (area).
var orderKinds = []string{"Point", "LineString", "Polygon"}

// validateGeometry checks g with geo.Validate and reports the first problem
// as a ValidationError on field (extended with the coordinate path).
func validateGeometry(field string, g orb.Geometry, kinds ...string) error {
	if g == nil {
		return &tasking.ValidationError{Field: field, Reason: "is required",
			Err: &geo.Error{Rule: geo.RuleEmpty, Detail: "no geometry"}}
	}
	var opts []geo.Option
	if len(kinds) > 0 {
		opts = append(opts, geo.Kinds(kinds...))
	}
	if err := geo.Validate(g, opts...); err != nil {
		return tasking.InvalidGeometry(field, err)
	}
	return nil
}

// validateWindow checks that end follows start and that the order lasts at
// most one year. Either may be zero (not sent).
func validateWindow(start, end time.Time) error {
	if start.IsZero() || end.IsZero() {
		return nil
	}
	if !end.After(start) {
		return tasking.Invalid("end_time", "must be after start_time (%s is not after %s)",
			end.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339))
	}
	if end.After(start.AddDate(1, 0, 0)) {
		return tasking.Invalid("end_time", "the order would last %s; Planet allows at most one year (or the contract's term)",
			end.Sub(start).Round(time.Hour))
	}
	return nil
}

// validateAngle checks a min/max pair of angles in [0, lim].
func validateAngle(name string, lo, hi *float64, lim float64) error {
	for _, a := range []struct {
		field string
		v     *float64
	}{{name + "_min", lo}, {name + "_max", hi}} {
		if a.v != nil && (*a.v < 0 || *a.v > lim || *a.v != *a.v) {
			return tasking.Invalid(a.field, "must be between 0 and %v degrees, got %v", lim, *a.v)
		}
	}
	if lo != nil && hi != nil && *lo > *hi {
		return tasking.Invalid(name+"_min", "must not exceed %s_max (%v > %v)", name, *lo, *hi)
	}
	return nil
}

var rruleCount = regexp.MustCompile(`(^|;)COUNT=[1-9][0-9]*(;|$)`)

// validateRRule checks a monitoring recurrence: an RFC 5545 RRULE value
// without the "RRULE:" prefix, with a COUNT (the one part Planet requires).
func validateRRule(r string) error {
	if r == "" {
		return tasking.Invalid("rrule", "is required for a MONITORING order (for example FREQ=WEEKLY;COUNT=4)")
	}
	if strings.HasPrefix(strings.ToUpper(r), "RRULE:") {
		return tasking.Invalid("rrule", "must be the rule without the \"RRULE:\" prefix")
	}
	if !rruleCount.MatchString(strings.ToUpper(r)) {
		return tasking.Invalid("rrule", "must give COUNT=<n> (how many captures), got %q", r)
	}
	return nil
}

// Validate checks the request as Planet would, before anything is sent: a
// name; a valid Point, LineString or Polygon; end_time after start_time and
// at most one year later; elevation angles within 0–90°; an rrule with COUNT
// exactly when scheduling_type is MONITORING; no imaging_window on a
// MONITORING order; exclusivity_days within 0–30. The size limit is checked
// when the request is encoded.
func (r *OrderCreateRequest) Validate() error {
	if r == nil {
		return tasking.Invalid("", "no order request")
	}
	if strings.TrimSpace(r.Name) == "" {
		return tasking.Invalid("name", "is required")
	}
	if err := validateGeometry("geometry", r.Geometry, orderKinds...); err != nil {
		return err
	}
	if err := validateWindow(r.StartTime, r.EndTime); err != nil {
		return err
	}
	if err := validateAngle("sat_elevation_angle", r.SatElevationAngleMin, r.SatElevationAngleMax, 90); err != nil {
		return err
	}
	switch {
	case r.SchedulingType == SchedulingMonitoring:
		if err := validateRRule(r.RRule); err != nil {
			return err
		}
		if r.ImagingWindow != "" {
			return tasking.Invalid("imaging_window", "cannot be booked by a MONITORING order")
		}
	case r.RRule != "":
		return tasking.Invalid("scheduling_type", "must be %s when rrule is set, got %q", SchedulingMonitoring, r.SchedulingType)
	}
	if d := r.ExclusivityDays; d != nil && (*d < 0 || *d > MaxExclusivityDays) {
		return tasking.Invalid("exclusivity_days", "must be between 0 and %d, got %d", MaxExclusivityDays, *d)
	}
	if c := r.CloudThreshold; c != nil && (*c < 0 || *c != *c) {
		return tasking.Invalid("cloud_threshold", "must not be negative, got %v", *c)
	}
	if n := r.NStereoPOV; n != nil && *n < 1 {
		return tasking.Invalid("n_stereo_pov", "must be at least 1, got %d", *n)
	}
	return nil
}

// checkSize refuses a body of MaxPayloadBytes or more.
func checkSize(field string, body []byte) error {
	if len(body) >= MaxPayloadBytes {
		return tasking.Invalid(field, "the request body is %d bytes; Planet accepts less than 1 MB (%d bytes)",
			len(body), MaxPayloadBytes)
	}
	return nil
}

// Validate checks an edit: at least one field, and end_time after start_time
// and at most one year later when both are given.
func (r *OrderUpdateRequest) Validate() error {
	if r == nil || (r.Name == "" && r.StartTime.IsZero() && r.EndTime.IsZero()) {
		return tasking.Invalid("", "nothing to change: set name, start_time or end_time")
	}
	if r.Name != "" && strings.TrimSpace(r.Name) == "" {
		return tasking.Invalid("name", "must not be blank")
	}
	return validateWindow(r.StartTime, r.EndTime)
}

// Validate checks a search: a Point or two-point LineString, pl_number and
// product (both required by Planet), and a time of interest whose end follows
// its start.
func (r *ImagingWindowSearchRequest) Validate() error {
	if r == nil {
		return tasking.Invalid("", "no search request")
	}
	if err := validateGeometry("geometry", r.Geometry, "Point", "LineString"); err != nil {
		return err
	}
	if l, ok := r.Geometry.(orb.LineString); ok && len(l) != 2 {
		return tasking.Invalid("geometry", "an imaging-window search takes a Point or a two-point LineString, got %d points", len(l))
	}
	if strings.TrimSpace(r.PLNumber) == "" {
		return tasking.Invalid("pl_number", "is required (the contract number, PL-…)")
	}
	if strings.TrimSpace(r.Product) == "" {
		return tasking.Invalid("product", "is required (for example \"Assured Tasking\")")
	}
	if !r.Start.IsZero() && !r.End.IsZero() && !r.End.After(r.Start) {
		return tasking.Invalid("datetime", "the end %s is not after the start %s",
			r.End.UTC().Format(time.RFC3339), r.Start.UTC().Format(time.RFC3339))
	}
	if err := validateAngle("off_nadir_angle", r.OffNadirAngleMin, r.OffNadirAngleMax, 90); err != nil {
		return err
	}
	return validateAngle("sat_elevation_angle", r.SatElevationAngleMin, r.SatElevationAngleMax, 90)
}

// Validate checks a bulk request: an ID, when given, that tasking.CheckID
// accepts (it may name the process's path), and between 1 and
// MaxBulkPayloads payloads, each a valid order (errors name the payload, as
// order_payloads[3].geometry).
func (r *BulkCreateRequest) Validate() error {
	if r == nil || len(r.OrderPayloads) == 0 {
		return tasking.Invalid("order_payloads", "must hold at least one order")
	}
	if r.ID != "" {
		if err := tasking.CheckID("id", r.ID); err != nil {
			return err
		}
	}
	if n := len(r.OrderPayloads); n > MaxBulkPayloads {
		return tasking.Invalid("order_payloads", "holds %d orders; Planet accepts at most %d", n, MaxBulkPayloads)
	}
	for i, p := range r.OrderPayloads {
		if err := p.Validate(); err != nil {
			var ve *tasking.ValidationError
			if errors.As(err, &ve) {
				f := fmt.Sprintf("order_payloads[%d]", i)
				if ve.Field != "" {
					f += "." + ve.Field
				}
				return &tasking.ValidationError{Field: f, Reason: ve.Reason, Err: ve.Err}
			}
			return err
		}
	}
	return nil
}

// Validate checks a review: a category and a description.
func (r *ReviewCreateRequest) Validate() error {
	if r == nil || r.Category == "" {
		return tasking.Invalid("category", "is required (one of %v)", ReviewCategoryValues())
	}
	if strings.TrimSpace(r.Description) == "" {
		return tasking.Invalid("description", "is required")
	}
	return nil
}
