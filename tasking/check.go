package tasking

import (
	"errors"
	"time"
	"unicode/utf8"

	"github.com/eotask/eotask/geo"
)

// CheckRequest is what every adapter's Request (and so Submit) and Estimate
// call first: the rules all providers share, so that a bad request fails
// the same way everywhere, names the neutral field (Name, Geometry, End)
// and sends nothing. Request then calls CheckBooking.
//
//   - the request is not nil, and Name, when set, is valid UTF-8;
//   - Geometry is set (its shape is the provider's to check);
//   - End, when set, is after Start.
//
// A window in the past is the provider's to judge: ClearSKY makes images of
// past dates, a satellite cannot. A failure is a *ValidationError.
func CheckRequest(req *Request) error {
	switch {
	case req == nil:
		return Invalid("", "no request")
	case !utf8.ValidString(req.Name):
		return Invalid("Name", "is not valid UTF-8")
	case req.Geometry == nil:
		return Invalid("Geometry", "is required")
	case !req.End.IsZero() && !req.Start.IsZero() && !req.End.After(req.Start):
		return Invalid("End", "must be after Start (%s is not after %s)", stamp(req.End), stamp(req.Start))
	}
	return nil
}

// stamp formats t as RFC 3339 in UTC, for messages.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// InvalidGeometry is the *ValidationError for a geometry on field that
// geo.Validate refused: the field extended with the coordinate path of the
// *geo.Error ("geometry.coordinates[0][3]"), the rule's detail as the
// reason, and err kept as the cause (errors.As finds the *geo.Error).
func InvalidGeometry(field string, err error) *ValidationError {
	var ge *geo.Error
	if !errors.As(err, &ge) {
		return &ValidationError{Field: field, Reason: err.Error(), Err: err}
	}
	if ge.Path != "" {
		field += "." + ge.Path
	}
	return &ValidationError{Field: field, Reason: ge.Detail, Err: err}
}
