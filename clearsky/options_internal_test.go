package clearsky

import (
	"testing"
	"time"
)

// Option is this package's own type over its own options struct, so another
// provider's options cannot be passed to New.
var _ func(*options) = (func(*options))(WithBaseURL("x"))

func TestOptionsGather(t *testing.T) {
	var o options
	for _, opt := range []Option{WithBaseURL("http://127.0.0.1:1"), WithPollDelays(time.Millisecond, time.Second), nil} {
		if opt != nil {
			opt(&o)
		}
	}
	if o.BaseURL != "http://127.0.0.1:1" || o.PollMin != time.Millisecond || o.PollMax != time.Second {
		t.Fatalf("options = %+v", o)
	}
}
