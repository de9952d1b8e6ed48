package clearsky

import (
	"testing"
	"time"

	"github.com/eotask/eotask/internal/transport"
)

// Option is this package's own type over its own options struct, so another
// provider's options cannot be passed to New.
var _ func(*options) = (func(*options))(WithBaseURL("x"))

func TestOptionsGather(t *testing.T) {
	o := transport.ApplyTo(options{}, []Option{WithBaseURL("http://127.0.0.1:1"), nil, WithPollDelays(time.Millisecond, time.Second)})
	if o.BaseURL != "http://127.0.0.1:1" || o.PollMin != time.Millisecond || o.PollMax != time.Second {
		t.Fatalf("options = %+v", o)
	}
}
