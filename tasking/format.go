package tasking

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// String writes the price as "1234.50 EUR" or "12.5 quota units", or the
// provider's own text when it has neither currency nor unit.
func (p *Price) String() string {
	switch {
	case p == nil:
		return "no price"
	case p.Currency == "" && p.Unit == "" && p.Text != "":
		return p.Text
	case p.Currency != "":
		return strconv.FormatFloat(p.Amount, 'f', 2, 64) + " " + p.Currency
	case p.Unit != "":
		return strconv.FormatFloat(p.Amount, 'f', -1, 64) + " " + p.Unit
	}
	return strconv.FormatFloat(p.Amount, 'f', -1, 64)
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
