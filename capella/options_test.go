package capella

import (
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
)

// TestOptionIsCapellasOwnType documents that Option is a function of this
// package's unexported options: another provider's option (a function of its
// own options type) cannot be passed to New.
func TestOptionIsCapellasOwnType(t *testing.T) {
	var _ func(*options) = (func(*options))(WithBaseURL("http://127.0.0.1"))
	o := apply([]Option{WithBaseURL("http://127.0.0.1:1"), nil, WithAccount("org", "user"),
		WithTimeout(0), WithHeaderTimeout(time.Second), WithPollDelays(time.Millisecond, 2*time.Millisecond)})
	if o.BaseURL != "http://127.0.0.1:1" || o.account == nil || o.account.OrgID != "org" ||
		o.AttemptTimeout != -1 || o.HeaderTimeout != time.Second || o.PollMin != time.Millisecond ||
		o.PollMax != 2*time.Millisecond {
		t.Fatalf("options not applied: %+v", o)
	}
}

func TestPollDelays(t *testing.T) {
	c, err := New("key")
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi := c.PollDelays(); lo != 0 || hi != 0 {
		t.Fatalf("PollDelays() = %v, %v without the option", lo, hi)
	}
	if lo, hi := c.Provider(ProviderDefaults{}).PollDelays(); lo != 0 || hi != 0 {
		t.Fatalf("Adapter.PollDelays() = %v, %v without the option", lo, hi)
	}
	c, err = New("key", WithPollDelays(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var a tasking.PollHinter = c.Provider(ProviderDefaults{})
	if lo, hi := a.PollDelays(); lo != time.Millisecond || hi != 5*time.Millisecond {
		t.Fatalf("Adapter.PollDelays() = %v, %v", lo, hi)
	}
	w := c.waitOptions(&tasking.WaitOptions{MinDelay: time.Second})
	if w.MinDelay != time.Second || w.MaxDelay != 5*time.Millisecond {
		t.Fatalf("waitOptions kept %v, filled %v", w.MinDelay, w.MaxDelay)
	}
}
