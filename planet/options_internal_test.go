package planet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Option is this package's own type: a func(*options) over the unexported
// options, so another provider's options do not compile here.
var _ func(*options) = (func(*options))(WithBaseURL("x"))

func TestOptionsGather(t *testing.T) {
	var o options
	for _, opt := range []Option{WithBaseURL("http://127.0.0.1/"), WithUserAgent("ua"), WithTimeout(0),
		WithPollDelays(time.Millisecond, 10*time.Millisecond), WithBasicAuth(), nil} {
		if opt != nil {
			opt(&o)
		}
	}
	assert.Equal(t, "http://127.0.0.1/", o.BaseURL)
	assert.Equal(t, "ua", o.UserAgent)
	assert.Negative(t, o.AttemptTimeout, "d <= 0 turns the limit off")
	assert.Equal(t, time.Millisecond, o.PollMin)
	assert.Equal(t, 10*time.Millisecond, o.PollMax)
	assert.True(t, o.basicAuth)

	c, err := New("key", WithBaseURL("http://127.0.0.1/"))
	assert.NoError(t, err)
	lo, hi := c.PollDelays()
	assert.Zero(t, lo)
	assert.Zero(t, hi)
	lo, hi = c.Provider(ProviderDefaults{}).PollDelays()
	assert.Zero(t, lo)
	assert.Zero(t, hi)
}
