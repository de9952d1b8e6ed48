package capella

import (
	"fmt"
	"math"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// MaxPolygonVertices is the most vertices an area target may have: Capella
// accepts polygons with fewer than 250.
const MaxPolygonVertices = 249

// checkGeometry validates a target: kinds allowed, valid coordinates, and for
// polygons a single ring of fewer than 250 vertices.
func checkGeometry(g orb.Geometry, kinds ...string) error {
	if g == nil {
		return tasking.Invalid("geometry", "a %s target is required", joinOr(kinds))
	}
	if err := geo.Validate(g, geo.Kinds(kinds...), geo.MaxVertices(MaxPolygonVertices+1)); err != nil {
		return tasking.InvalidGeometry("geometry", err)
	}
	if p, ok := g.(orb.Polygon); ok {
		if len(p) > 1 {
			return tasking.Invalid("geometry.coordinates", "an area target is one ring without holes (got %d rings)", len(p))
		}
		if n := len(p[0]); n > MaxPolygonVertices+1 { // the closing position repeats the first
			return tasking.Invalid("geometry.coordinates[0]", "an area target has fewer than 250 vertices (got %d)", n-1)
		}
	}
	return nil
}

func joinOr(kinds []string) string {
	switch len(kinds) {
	case 0:
		return ""
	case 1:
		return kinds[0]
	}
	out := kinds[0]
	for _, k := range kinds[1 : len(kinds)-1] {
		out += ", " + k
	}
	return out + " or " + kinds[len(kinds)-1]
}

// checkWindow checks that both ends are set and close comes after open.
func checkWindow(openField, closeField string, open, close time.Time) error {
	switch {
	case open.IsZero():
		return tasking.Invalid(openField, "a window open time is required")
	case close.IsZero():
		return tasking.Invalid(closeField, "a window close time is required")
	case !close.After(open):
		return tasking.Invalid(closeField, "must be after %s (%s)", openField, open.UTC().Format(time.RFC3339))
	}
	return nil
}

// checkTierWindow applies the documented minimum window of a tier.
func checkTierWindow(field string, tier CollectionTier, open, close time.Time) error {
	if min := tier.MinWindow(); min > 0 && close.Sub(open) < min {
		name := tier
		if name == "" {
			name = TierStandard
		}
		return tasking.Invalid(field, "the %s tier needs a window of at least %s (got %s)",
			name, fmtDuration(min), fmtDuration(close.Sub(open)))
	}
	return nil
}

func fmtDuration(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return d.String()
}

type rangeCheck struct {
	field    string
	v        *float64
	min, max float64
}

func checkRanges(prefix string, checks []rangeCheck) error {
	for _, c := range checks {
		if c.v == nil {
			continue
		}
		if math.IsNaN(*c.v) || *c.v < c.min || *c.v > c.max {
			return tasking.Invalid(prefix+c.field, "must be within %v..%v (got %v)", c.min, c.max, *c.v)
		}
	}
	return nil
}

func checkMinMax(prefix, minField, maxField string, lo, hi *float64) error {
	if lo != nil && hi != nil && *lo > *hi {
		return tasking.Invalid(prefix+maxField, "must not be below %s (%v > %v)", minField, *lo, *hi)
	}
	return nil
}

func checkLocalTime(field string, ranges [][2]float64) error {
	for i, r := range ranges {
		if r[0] < 0 || r[1] > 86400 || r[0] > r[1] || math.IsNaN(r[0]) || math.IsNaN(r[1]) {
			return tasking.Invalid(fmt.Sprintf("%s[%d]", field, i), "a range is [start, end] seconds within 0..86400, start first (got %v)", r)
		}
	}
	return nil
}

// Validate checks the constraints against the ranges of Capella's schemas;
// prefix is the field path they sit under.
func (c *CollectConstraints) validate(prefix string) error {
	if c == nil {
		return nil
	}
	if err := checkRanges(prefix, []rangeCheck{
		{"offNadirMin", c.OffNadirMin, 0, 60}, {"offNadirMax", c.OffNadirMax, 0, 90},
		{"imageWidth", c.ImageWidth, 5000, 25000}, {"imageLength", c.ImageLength, 1000, 210000},
		{"azimuthAngleMin", c.AzimuthMin, 0, 360}, {"azimuthAngleMax", c.AzimuthMax, 0, 360},
		{"grazingAngleMin", c.GrazingMin, 0, 90}, {"grazingAngleMax", c.GrazingMax, 0, 90},
		{"maxSquintAngle", c.MaxSquintAngle, 0, 60},
		{"srrMin", c.SRRMin, 0.1, 100}, {"srrMax", c.SRRMax, 0.01, 100},
		{"azrMin", c.AZRMin, 0.01, 11.5}, {"azrMax", c.AZRMax, 0.01, 11.5},
		{"grrMin", c.GRRMin, 0.1, 100}, {"grrMax", c.GRRMax, 0.1, 100},
	}); err != nil {
		return err
	}
	for _, mm := range [][4]any{
		{"offNadirMin", "offNadirMax", c.OffNadirMin, c.OffNadirMax},
		{"grazingAngleMin", "grazingAngleMax", c.GrazingMin, c.GrazingMax},
		{"srrMin", "srrMax", c.SRRMin, c.SRRMax},
		{"azrMin", "azrMax", c.AZRMin, c.AZRMax},
		{"grrMin", "grrMax", c.GRRMin, c.GRRMax},
	} {
		if err := checkMinMax(prefix, mm[0].(string), mm[1].(string), mm[2].(*float64), mm[3].(*float64)); err != nil {
			return err
		}
	}
	if c.NumLooks != nil && *c.NumLooks <= 0 {
		return tasking.Invalid(prefix+"numLooks", "must be positive (got %d)", *c.NumLooks)
	}
	if c.LocalTime != nil {
		if c.LocalTime.Option != "" && len(c.LocalTime.Ranges) > 0 {
			return tasking.Invalid(prefix+"localTime", "set either ranges or a named option, not both")
		}
		if err := checkLocalTime(prefix+"localTime", c.LocalTime.Ranges); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks the request before it is sent: a Point or Polygon target as
// the collection type needs (spotlight types image a point only; an area is
// one ring of fewer than 250 vertices), a collection type, a window whose
// close comes after its open and that lasts at least the tier's documented
// minimum, and constraints within Capella's ranges. It returns a
// *tasking.ValidationError naming the wire field.
func (r *TaskCreateRequest) Validate() error {
	if r == nil {
		return tasking.Invalid("", "no request")
	}
	if err := checkGeometry(r.Geometry, string(GeometryPoint), string(GeometryPolygon)); err != nil {
		return err
	}
	if r.CollectionType == "" {
		return tasking.Invalid("properties.collectionType", "a collection type is required (for example %s)", CollectionSpotlight)
	}
	if _, area := r.Geometry.(orb.Polygon); area && r.CollectionType.PointOnly() {
		return tasking.Invalid("geometry", "collection type %s images a Point target; an area (Polygon) needs a stripmap type such as %s",
			r.CollectionType, CollectionStripmap100)
	}
	if err := checkWindow("properties.windowOpen", "properties.windowClose", r.WindowOpen, r.WindowClose); err != nil {
		return err
	}
	if err := checkTierWindow("properties.windowClose", r.CollectionTier, r.WindowOpen, r.WindowClose); err != nil {
		return err
	}
	return r.Constraints.validate("properties.collectConstraints.")
}

// Validate checks the request before it is sent: a Point target, a
// collection type, and consistent repetition fields (a start, an interval of
// at least one day, a count of at least one, an end after the start, and not
// both an end and a count), plus the constraint ranges.
func (r *RepeatCreateRequest) Validate() error {
	if r == nil {
		return tasking.Invalid("", "no request")
	}
	if err := checkGeometry(r.Geometry, string(GeometryPoint)); err != nil {
		return err
	}
	if r.CollectionType == "" {
		return tasking.Invalid("properties.collectionType", "a collection type is required (for example %s)", CollectionSpotlight)
	}
	if r.WindowDuration < 0 {
		return tasking.Invalid("properties.windowDuration", "must not be negative")
	}
	rp := r.Repetition
	const f = "properties.repetitionProperties."
	if rp.RepeatStart.IsZero() {
		return tasking.Invalid(f+"repeatStart", "a series start is required")
	}
	if err := checkRepetition(f, rp.RepeatStart, rp.RepeatEnd, rp.RepetitionInterval, rp.RepetitionCount, true); err != nil {
		return err
	}
	if d := r.WindowDuration; d > 0 && rp.RepetitionInterval > 0 && d > time.Duration(rp.RepetitionInterval)*24*time.Hour {
		return tasking.Invalid("properties.windowDuration", "each task's window (%s) must not be longer than the repetition interval (%d days)",
			fmtDuration(d), rp.RepetitionInterval)
	}
	for _, c := range []struct {
		field string
		v     *float64
	}{{"lookAngleTolerance", rp.LookAngleTolerance}, {"azimuthAngleTolerance", rp.AzimuthAngleTolerance}} {
		if c.v != nil && (*c.v < 0 || math.IsNaN(*c.v)) {
			return tasking.Invalid(f+c.field, "must not be negative")
		}
	}
	return r.Constraints.validate("properties.collectConstraints.")
}

func checkRepetition(prefix string, start, end time.Time, interval int, count *int, required bool) error {
	if required && interval < 1 {
		return tasking.Invalid(prefix+"repetitionInterval", "at least 1 day is required (got %d)", interval)
	}
	if interval < 0 {
		return tasking.Invalid(prefix+"repetitionInterval", "must be at least 1 day (got %d)", interval)
	}
	if count != nil && *count < 1 {
		return tasking.Invalid(prefix+"repetitionCount", "must be at least 1 (got %d)", *count)
	}
	if count != nil && !end.IsZero() {
		return tasking.Invalid(prefix+"repeatEnd", "repeatEnd and repetitionCount are mutually exclusive")
	}
	if !end.IsZero() && !start.IsZero() && !end.After(start) {
		return tasking.Invalid(prefix+"repeatEnd", "must be after repeatStart (%s)", start.UTC().Format(time.RFC3339))
	}
	return nil
}

// validate checks a retask body; offNadir says whether the off-nadir fields
// are allowed (collect retask only).
func (r *RetaskRequest) validate(offNadir bool) error {
	if r == nil {
		return nil
	}
	if !offNadir && (r.OffNadirMin != nil || r.OffNadirMax != nil) {
		return tasking.Invalid("offNadirMin", "only a collect retask takes off-nadir angles")
	}
	if err := checkRanges("", []rangeCheck{{"offNadirMin", r.OffNadirMin, 0, 60}, {"offNadirMax", r.OffNadirMax, 0, 90}}); err != nil {
		return err
	}
	if err := checkMinMax("", "offNadirMin", "offNadirMax", r.OffNadirMin, r.OffNadirMax); err != nil {
		return err
	}
	if !r.WindowOpen.IsZero() && !r.WindowClose.IsZero() {
		if !r.WindowClose.After(r.WindowOpen) {
			return tasking.Invalid("windowClose", "must be after windowOpen (%s)", r.WindowOpen.UTC().Format(time.RFC3339))
		}
		if r.CollectionTier != "" {
			return checkTierWindow("windowClose", r.CollectionTier, r.WindowOpen, r.WindowClose)
		}
	}
	return nil
}

func (r *RepeatRetaskRequest) validate() error {
	if r == nil {
		return nil
	}
	var count *int
	if r.RepetitionCount != 0 {
		count = &r.RepetitionCount
	}
	return checkRepetition("", r.RepeatStart, r.RepeatEnd, r.RepetitionInterval, count, false)
}

// Validate checks an access request before it is sent: a Point or Polygon
// target, a window whose close comes after its open, and constraints within
// Capella's ranges.
func (r *AccessRequestCreateRequest) Validate() error {
	if r == nil {
		return tasking.Invalid("", "no request")
	}
	if err := checkGeometry(r.Geometry, string(GeometryPoint), string(GeometryPolygon)); err != nil {
		return err
	}
	if err := checkWindow("properties.windowOpen", "properties.windowClose", r.WindowOpen, r.WindowClose); err != nil {
		return err
	}
	c := r.Constraints
	if c == nil {
		return nil
	}
	const p = "properties.accessConstraints."
	if err := checkRanges(p, []rangeCheck{
		{"offNadirMin", c.OffNadirMin, 0, 60}, {"offNadirMax", c.OffNadirMax, 0, 90},
		{"grazingAngleMin", c.GrazingMin, 0, 90}, {"grazingAngleMax", c.GrazingMax, 0, 90},
		{"azimuthAngleMin", c.AzimuthMin, 0, 360}, {"azimuthAngleMax", c.AzimuthMax, 0, 360},
		{"imageLength", c.ImageLength, 1000, 210000}, {"imageWidth", c.ImageWidth, 5000, 25000},
	}); err != nil {
		return err
	}
	if err := checkMinMax(p, "offNadirMin", "offNadirMax", c.OffNadirMin, c.OffNadirMax); err != nil {
		return err
	}
	return checkLocalTime(p+"localTime", c.LocalTime)
}
