package tasking

import (
	"context"
	"fmt"
	"time"
)

// Which of a client's own time limits ended an attempt.
const (
	// LimitResponseHeader is the wait for a response's status line and
	// headers, applied to every attempt (WithHeaderTimeout in each provider
	// package).
	LimitResponseHeader = "response-header"
	// LimitAttempt is the whole attempt, from sending to the last byte of
	// the body, applied when the caller's context has no deadline
	// (WithTimeout in each provider package).
	LimitAttempt = "per-attempt"
	// LimitStall is the longest wait for the next bytes of a download's
	// body, which may take longer than any attempt limit as a whole
	// (WithHeaderTimeout sets it too).
	LimitStall = "body-stall"
)

// TimeoutError is an attempt ended by one of the client's own time limits,
// not by the caller's context. It matches context.DeadlineExceeded, so
// callers who only ask "did this time out?" need nothing new, and errors.As
// tells which limit fired.
//
// An idempotent call that timed out is retried within the retry policy; a
// create is not sent again, since it may have reached the server: check
// whether the order exists before placing it once more.
type TimeoutError struct {
	Provider string
	Method   string
	URL      string        // credentials removed
	Limit    string        // LimitResponseHeader, LimitAttempt or LimitStall
	After    time.Duration // the limit's length
}

// Error names the limit that fired and the option that sets it.
func (e *TimeoutError) Error() string {
	what, option := "no response headers", "WithHeaderTimeout"
	switch e.Limit {
	case LimitAttempt:
		what, option = "the attempt did not finish", "WithTimeout"
	case LimitStall:
		what = "no bytes of the body arrived"
	}
	p := ""
	if e.Provider != "" {
		p = e.Provider + ": "
	}
	return fmt.Sprintf("%s%s %s: %s within %s (the client's %s limit, set with %s; a deadline on the context replaces the per-attempt limit): %v",
		p, e.Method, e.URL, what, e.After, e.Limit, option, context.DeadlineExceeded)
}

// Is matches context.DeadlineExceeded.
func (e *TimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout reports true, as net.Error does for its timeouts.
func (e *TimeoutError) Timeout() bool { return true }
