package providertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
)

// runEstimateAndBook checks an Estimator: the estimate is the provider's,
// its opportunities are well formed and earliest first, and, when one of
// them is a bookable pass, Submit books it, while another provider's,
// an expired or an unbookable opportunity is refused before anything is
// sent.
func runEstimateAndBook(t *testing.T, c context.Context, cfg Config) {
	p := cfg.Provider
	req := cfg.Request()
	e, err := p.(tasking.Estimator).Estimate(c, req)
	if err != nil {
		t.Fatalf("Estimate: %v", err)
	}
	if e == nil {
		t.Fatal("Estimate returned nil with no error")
	}
	if e.Provider != p.Name() {
		t.Errorf("Estimate.Provider = %q, want %q", e.Provider, p.Name())
	}
	var pass *tasking.Opportunity
	for i, o := range e.Opportunities {
		switch {
		case o == nil:
			t.Fatalf("Opportunities[%d] is nil", i)
		case o.Provider != p.Name():
			t.Errorf("Opportunities[%d].Provider = %q, want %q", i, o.Provider, p.Name())
		case o.Kind != tasking.OpportunityPass && o.Kind != tasking.OpportunityProductionDate:
			t.Errorf("Opportunities[%d].Kind = %q, want a known kind", i, o.Kind)
		case o.End.Before(o.Start):
			t.Errorf("Opportunities[%d] ends before it starts: %v to %v", i, o.Start, o.End)
		case o.Raw == nil:
			t.Errorf("Opportunities[%d] has no Raw provider value", i)
		}
		if i > 0 && o.Start.Before(e.Opportunities[i-1].Start) {
			t.Errorf("Opportunities are not earliest first: [%d] %v before [%d] %v", i, o.Start, i-1, e.Opportunities[i-1].Start)
		}
		if pass == nil && o.Bookable(time.Now()) {
			pass = o
		}
	}
	if len(e.Opportunities) > 0 && !e.Earliest.Equal(e.Opportunities[0].Start) {
		t.Errorf("Earliest = %v, want the first opportunity's start %v", e.Earliest, e.Opportunities[0].Start)
	}

	other := tasking.Opportunity{Provider: p.Name() + "-other", ID: "x", Kind: tasking.OpportunityPass,
		Window: tasking.Window{Start: req.Start, End: req.End}, Raw: "x"}
	r := cfg.Request()
	r.Opportunity = &other
	var ve *tasking.ValidationError
	if _, err := p.Submit(c, r); !errors.As(err, &ve) || ve.Field != "Opportunity" {
		t.Errorf("Submit with another provider's opportunity = %v, want a *tasking.ValidationError on Opportunity", err)
	}
	if pass == nil {
		if len(e.Opportunities) > 0 {
			r.Opportunity = e.Opportunities[0]
			if _, err := p.Submit(c, r); !errors.Is(err, tasking.ErrUnsupported) && !errors.Is(err, tasking.ErrOpportunityExpired) {
				t.Errorf("Submit with an opportunity that cannot be booked = %v, want ErrUnsupported or ErrOpportunityExpired", err)
			}
		}
		return
	}
	expired := *pass
	expired.ExpiresAt = time.Now().Add(-time.Minute)
	r.Opportunity = &expired
	if _, err := p.Submit(c, r); !errors.Is(err, tasking.ErrOpportunityExpired) {
		t.Errorf("Submit with an expired opportunity = %v, want tasking.ErrOpportunityExpired", err)
	}

	r = cfg.Request()
	r.Opportunity = pass
	task, err := p.Submit(c, r)
	if err != nil {
		t.Fatalf("Submit booking %s opportunity %q (%v to %v): %v", p.Name(), pass.ID, pass.Start, pass.End, err)
	}
	checkTask(t, cfg, task, r)
	if task.Start.After(pass.Start) || task.End.Before(pass.End) {
		t.Errorf("booked task's window %v to %v does not hold the opportunity %v to %v", task.Start, task.End, pass.Start, pass.End)
	}
}
