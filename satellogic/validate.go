package satellogic

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Validate checks r against Satellogic's documented rules before anything is
// sent, and returns a *tasking.ValidationError naming the wire field:
//
//   - task_name, project_name and product are required;
//   - a POI product (169) needs a Point target and an AOI product (178) a
//     Polygon; other products except NEI (186) need some target; any target
//     must be a valid geometry (finite, in range, closed rings, no
//     self-intersection; the geo.Error is in Err);
//   - start and end are required and end must be after start;
//   - max_captures, when set, must be positive, and so must expected_age;
//   - Extra may not repeat a typed field.
func (r *TaskCreateRequest) Validate() error {
	if r == nil {
		return tasking.Invalid("", "no request")
	}
	switch {
	case strings.TrimSpace(r.TaskName) == "":
		return tasking.Invalid("task_name", "is required")
	case !utf8.ValidString(r.TaskName):
		return tasking.Invalid("task_name", "is not valid UTF-8")
	case strings.TrimSpace(r.ProjectName) == "":
		return tasking.Invalid("project_name", "is required")
	case !utf8.ValidString(r.ProjectName):
		return tasking.Invalid("project_name", "is not valid UTF-8")
	case r.Product <= 0:
		return tasking.Invalid("product", "is required (a product id such as 169 for POI or 178 for AOI)")
	}
	if err := validateTarget(r.Product, r.Target); err != nil {
		return err
	}
	switch {
	case r.Start.IsZero():
		return tasking.Invalid("start", "is required")
	case r.End.IsZero():
		return tasking.Invalid("end", "is required")
	case !r.End.After(r.Start):
		return tasking.Invalid("end", "must be after start (start %s, end %s)", formatTime(r.Start), formatTime(r.End))
	case r.MaxCaptures < 0:
		return tasking.Invalid("max_captures", "must be positive, got %d", r.MaxCaptures)
	case r.ExpectedAge < 0:
		return tasking.Invalid("expected_age", "must be positive, got %s", r.ExpectedAge)
	case r.ExpectedAge != 0 && r.ExpectedAge < time.Second:
		return tasking.Invalid("expected_age", "must be at least one second, got %s", r.ExpectedAge)
	}
	keys := make([]string, 0, len(r.Extra))
	for k := range r.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !utf8.ValidString(k) {
			return tasking.Invalid("Extra", "key %q is not valid UTF-8", k)
		}
		if slices.Contains(typedFields, k) {
			return tasking.Invalid(k, "is set in Extra; use the TaskCreateRequest field instead")
		}
	}
	return nil
}

func validateTarget(p ProductID, g orb.Geometry) error {
	want := p.TargetType()
	if g == nil {
		if want == "" && p == ProductNEI {
			return nil
		}
		if want == "" {
			want = "GeoJSON"
		}
		return &tasking.ValidationError{Field: "target", Reason: "is required: product " + p.String() + " needs a " + want + " target",
			Err: &geo.Error{Rule: geo.RuleEmpty, Detail: "no geometry"}}
	}
	var opts []geo.Option
	if want != "" {
		opts = append(opts, geo.Kinds(want))
	}
	err := geo.Validate(g, opts...)
	var ge *geo.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ge) && ge.Rule == geo.RuleUnsupported && want != "":
		return &tasking.ValidationError{Field: "target",
			Reason: "product " + p.String() + " needs a " + want + " target, got " + g.GeoJSONType(), Err: ge}
	}
	return tasking.InvalidGeometry("target", err)
}
