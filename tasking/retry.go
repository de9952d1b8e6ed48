package tasking

import "time"

// RetryPolicy says how often and how patiently a client retries a request
// that failed in a way that may pass: a network error, 429, 500, 502, 503 or
// 504. It is applied by every provider client; set it with the package's
// WithRetry option.
//
// Which requests may be retried does not depend on the policy: reads, cancels
// and other idempotent calls retry on all of the above, while a create (a POST
// that makes an order or a task) is sent again only when the first attempt
// provably never reached the server (a dial error) or was answered 429,
// because ordering twice costs money.
//
// A zero field takes its default; the zero RetryPolicy is the default policy.
// All waiting is bounded by the caller's context.
type RetryPolicy struct {
	// MaxAttempts is the number of attempts, the first included. Default 4;
	// 1 turns retries off.
	MaxAttempts int
	// InitialInterval is the wait before the first retry. Default 500 ms.
	InitialInterval time.Duration
	// Multiplier grows the wait after each retry. Default 2.
	Multiplier float64
	// Jitter is the randomisation factor: each wait is drawn from
	// [w·(1−Jitter), w·(1+Jitter)]. Default 0.5; a negative value means none.
	Jitter float64
	// MaxInterval caps a single wait. It also caps how long a Retry-After the
	// client will honour: a longer one ends the call at once with an error
	// matching ErrRateLimited whose RetryAfter says how long to wait.
	// Default 30 s.
	MaxInterval time.Duration
}

// NoRetry returns a policy that sends every request once.
func NoRetry() RetryPolicy { return RetryPolicy{MaxAttempts: 1} }

// DefaultRetryPolicy returns the default policy: 4 attempts, 500 ms initial
// wait, ×2, 50 % jitter, 30 s cap.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, InitialInterval: 500 * time.Millisecond, Multiplier: 2,
		Jitter: 0.5, MaxInterval: 30 * time.Second}
}

// WithDefaults returns p with every zero field set to its default.
func (p RetryPolicy) WithDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.InitialInterval <= 0 {
		p.InitialInterval = d.InitialInterval
	}
	if p.Multiplier < 1 {
		p.Multiplier = d.Multiplier
	}
	switch {
	case p.Jitter == 0:
		p.Jitter = d.Jitter
	case p.Jitter < 0:
		p.Jitter = 0
	case p.Jitter > 1:
		p.Jitter = 1
	}
	if p.MaxInterval <= 0 {
		p.MaxInterval = d.MaxInterval
	}
	if p.MaxInterval < p.InitialInterval {
		p.MaxInterval = p.InitialInterval
	}
	return p
}
