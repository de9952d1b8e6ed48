package tasking

import (
	"errors"
	"fmt"
	"time"
)

// ErrOpportunityExpired is returned by Submit, before anything is sent, for
// a Request whose Opportunity has passed its ExpiresAt.
var ErrOpportunityExpired = errors.New("opportunity expired")

// OpportunityKind says what an Opportunity stands for.
type OpportunityKind string

// Opportunity kinds.
const (
	// OpportunityPass is one satellite pass over the request: a window a
	// task can be booked into (Planet's imaging windows, Satellogic's
	// opportunities, Capella's accesses).
	OpportunityPass OpportunityKind = "pass"
	// OpportunityProductionDate is a date on which the provider can produce
	// imagery of the area from what its constellations collect (ClearSky's
	// image dates). It is not a pass and cannot be booked.
	OpportunityProductionDate OpportunityKind = "production-date"
)

// Opportunity is a provider's offer to image a request: one pass (or one
// production date), as an Estimator returns it. Set it as
// Request.Opportunity to book exactly that pass with Provider.Submit, on the
// provider that offered it.
type Opportunity struct {
	Provider string          // the provider that offered it, as Provider.Name returns it
	ID       string          // the provider's id for it, opaque; may be empty for passes the provider names by window
	Kind     OpportunityKind // a pass, or a production date that cannot be booked
	Window                   // when the imaging can happen
	// Satellite names the satellite, or the constellation when the provider
	// does not say which satellite ("SkySat", "capella-9").
	Satellite string
	// OffNadir is the off-nadir angle in degrees (optical), Incidence the
	// incidence angle in degrees (SAR); nil when the provider does not say.
	OffNadir  *float64
	Incidence *float64
	// LookDirection is "left" or "right" for SAR passes, empty otherwise.
	LookDirection string
	// CloudCover is the forecast cloud cover in percent (0–100), nil when
	// none is given.
	CloudCover *float64
	// Price is what booking it would cost, nil when not known.
	Price *Price
	// ExpiresAt is when the offer lapses and can no longer be booked (zero:
	// the provider gives no expiry; the window's start still bounds it).
	ExpiresAt time.Time
	// Raw is the provider's own value this was made from (see Task.Raw).
	Raw any
}

// Bookable reports whether o can be booked at now: a pass that has neither
// expired nor started.
func (o *Opportunity) Bookable(now time.Time) bool { return o.check("", now) == nil }

// check is Bookable with the reason, for provider name (empty: any).
func (o *Opportunity) check(provider string, now time.Time) error {
	switch {
	case provider != "" && o.Provider != provider:
		return Invalid("Opportunity", "was offered by %q, not %q: book it on the provider that offered it",
			o.Provider, provider)
	case o.Kind != OpportunityPass:
		return fmt.Errorf("%w: a %s opportunity cannot be booked, only a %s",
			ErrUnsupported, o.kind(), OpportunityPass)
	case !o.ExpiresAt.IsZero() && !now.Before(o.ExpiresAt):
		return fmt.Errorf("%w: %s opportunity %s expired at %s", ErrOpportunityExpired, o.Provider, o.name(),
			stamp(o.ExpiresAt))
	case !o.Start.IsZero() && !now.Before(o.Start):
		return fmt.Errorf("%w: %s opportunity %s started at %s", ErrOpportunityExpired, o.Provider, o.name(),
			stamp(o.Start))
	}
	return nil
}

func (o *Opportunity) kind() string {
	if o.Kind == "" {
		return "unknown"
	}
	return string(o.Kind)
}

func (o *Opportunity) name() string {
	if o.ID != "" {
		return fmt.Sprintf("%q", o.ID)
	}
	return stamp(o.Start)
}

// CheckBooking is what an adapter's Request (and so Submit) calls after
// CheckRequest, for the Opportunity req may carry: it must be provider's
// own, a pass, and not yet expired or started at now. Nothing is sent when
// it fails. It returns nil when req names no opportunity.
func CheckBooking(req *Request, provider string, now time.Time) error {
	if req == nil || req.Opportunity == nil {
		return nil
	}
	return req.Opportunity.check(provider, now)
}
