package tasking

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// String writes the price as "1234.50 EUR", or the provider's own text when
// the amount could not be read from it.
func (p *Price) String() string {
	if p == nil {
		return "no price"
	}
	if p.Amount == 0 && p.Text != "" {
		return p.Text
	}
	s := strconv.FormatFloat(p.Amount, 'f', 2, 64)
	if p.Currency != "" {
		s += " " + p.Currency
	}
	return s
}

// String summarises the estimate on one line: provider, feasibility, price,
// earliest opportunity and what the provider needs from the customer. The
// provider's own answer (Raw) is left out.
func (e *Estimate) String() string {
	if e == nil {
		return "no estimate"
	}
	var b strings.Builder
	b.WriteString(e.Provider)
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Feasibility == FeasibilityUnknown {
		b.WriteString("feasibility unknown")
	} else {
		b.WriteString(string(e.Feasibility))
	}
	if e.Price != nil {
		b.WriteString(", ")
		b.WriteString(e.Price.String())
	}
	if !e.Earliest.IsZero() {
		b.WriteString(", earliest ")
		b.WriteString(e.Earliest.UTC().Format(time.RFC3339))
	}
	if n := len(e.Opportunities); n > 0 {
		fmt.Fprintf(&b, ", %d opportunities", n)
	}
	if len(e.Needs) > 0 {
		b.WriteString(", needs: ")
		b.WriteString(strings.Join(e.Needs, "; "))
	}
	return b.String()
}

// String summarises the quote: the estimate, or the provider's error, and
// how long the provider took.
func (q Quote) String() string {
	took := q.Took.Round(time.Millisecond)
	if q.Err != nil {
		return fmt.Sprintf("%s: error: %v (%s)", q.Provider, q.Err, took)
	}
	return fmt.Sprintf("%s (%s)", q.Estimate, took)
}
