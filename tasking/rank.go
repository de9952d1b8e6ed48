package tasking

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Ranking orders two opportunities: negative when a is better than b,
// positive when b is, zero when the ranking cannot tell them apart. Rank
// breaks its ties.
type Ranking func(a, b *Opportunity) int

// Rank returns every opportunity of the quotes that answered (production
// dates too: check Kind or Bookable before booking) (quotes with Err set and infeasible estimates are left out; their
// errors stay on the quotes), best first by r. Ties, and opportunities the
// ranking cannot place (no price, no angle …, which go last), are ordered by
// start time, then provider name, then id, so the order is the same on every
// run.
func Rank(quotes []Quote, r Ranking) []*Opportunity {
	var out []*Opportunity
	for _, q := range quotes {
		if q.Err != nil || q.Estimate == nil || q.Estimate.Feasibility == Infeasible {
			continue
		}
		for _, o := range q.Estimate.Opportunities {
			if o != nil {
				out = append(out, o)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *Opportunity) int {
		if r != nil {
			if c := r(a, b); c != 0 {
				return c
			}
		}
		return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.Provider, b.Provider), strings.Compare(a.ID, b.ID))
	})
	return out
}

// Best is the first opportunity of Rank(quotes, r) that can be booked now
// (a pass, not expired, not started), or nil when there is none.
func Best(quotes []Quote, r Ranking) *Opportunity {
	now := time.Now()
	for _, o := range Rank(quotes, r) {
		if o.Bookable(now) {
			return o
		}
	}
	return nil
}

// known orders present values before missing ones, then by less.
func known[T cmp.Ordered](a, b *T) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

// Earliest ranks passes by start time: the soonest first.
func Earliest(a, b *Opportunity) int { return a.Start.Compare(b.Start) }

// LeastCloud ranks by forecast cloud cover, lowest first; opportunities
// without a forecast go last.
func LeastCloud(a, b *Opportunity) int { return known(a.CloudCover, b.CloudCover) }

// BestViewing ranks by how close to vertical the sensor looks: the
// off-nadir angle where given, else the incidence angle, smallest first;
// opportunities with neither go last.
func BestViewing(a, b *Opportunity) int { return known(viewAngle(a), viewAngle(b)) }

func viewAngle(o *Opportunity) *float64 {
	if o.OffNadir != nil {
		return o.OffNadir
	}
	return o.Incidence
}

// Cheapest ranks by price in the given currency or unit (an ISO 4217 code
// such as "USD", or a provider unit such as "quota units"), cheapest first.
// Prices in anything else are never converted: those opportunities, and
// those with no price, go last.
func Cheapest(currencyOrUnit string) Ranking {
	in := func(o *Opportunity) *float64 {
		p := o.Price
		if p == nil || !(strings.EqualFold(p.Currency, currencyOrUnit) || strings.EqualFold(p.Unit, currencyOrUnit)) {
			return nil
		}
		return &p.Amount
	}
	return func(a, b *Opportunity) int { return known(in(a), in(b)) }
}
