package tasking

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinel errors for errors.Is. An [*APIError] matches the one its HTTP status
// code stands for; a [*ValidationError] matches ErrInvalidRequest.
var (
	ErrInvalidRequest = errors.New("invalid request")                // 400, 422, client-side validation
	ErrUnauthorized   = errors.New("unauthorized")                   // 401
	ErrForbidden      = errors.New("forbidden")                      // 403
	ErrNotFound       = errors.New("not found")                      // 404
	ErrConflict       = errors.New("conflict")                       // 409
	ErrRateLimited    = errors.New("rate limited")                   // 429
	ErrServer         = errors.New("server error")                   // 5xx
	ErrActionRequired = errors.New("provider waits on the customer") // e.g. a cost review to approve
	// ErrResponseTooLarge is wrapped by a DecodeError when a response body
	// exceeds the client's size cap.
	ErrResponseTooLarge = errors.New("response body exceeds the size cap")
)

// APIErrorBodyCap is how much of a response body an APIError keeps.
const APIErrorBodyCap = 4 << 10

// APIError is any non-success answer from a provider: an HTTP status of 400 or
// more, or a success status whose body says the call failed (ClearSky's
// Succeeded:false).
//
// Use errors.Is with the sentinels (ErrNotFound, ErrRateLimited, …) to branch on
// the kind, and errors.As to read the details.
type APIError struct {
	Provider   string        // "planet", "satellogic", "clearsky", "capella"
	StatusCode int           // HTTP status code
	Code       string        // the provider's own error code, when it sends one
	Message    string        // the provider's message, or the HTTP status text
	RequestID  string        // the provider's request id header, when present
	RetryAfter time.Duration // from Retry-After, when present
	Method     string        // request method
	URL        string        // request URL with credentials removed
	Body       []byte        // response body, at most APIErrorBodyCap bytes
	// Throttled is set when the provider refused the request for load
	// without acting on it, whatever the status code (ClearSky's code 1003
	// comes with 400). A throttled error matches ErrRateLimited, not the
	// sentinel of its status code.
	Throttled bool
	// Kind is the sentinel the provider's own error Code stands for, when the
	// provider documents its codes (ClearSky's 992 is a malformed request
	// whatever the HTTP status). When set, e matches Kind instead of the
	// sentinel of its status code. Nil: the status code decides.
	Kind error
}

// Error describes the failure without any credential.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Provider != "" {
		b.WriteString(e.Provider)
		b.WriteString(": ")
	}
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, e.URL)
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != "" {
		fmt.Fprintf(&b, " [%s]", e.Code)
	}
	if e.Message != "" && e.Message != http.StatusText(e.StatusCode) {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// Is matches the sentinel for e's status code, or Kind when the provider's
// code names one (ErrRateLimited when Throttled).
func (e *APIError) Is(target error) bool {
	switch {
	case target == nil:
		return false
	case e.Throttled:
		return target == ErrRateLimited
	case e.Kind != nil:
		return target == e.Kind
	}
	return target == sentinelFor(e.StatusCode)
}

// Temporary reports whether the same request may succeed later unchanged:
// 429, 5xx and throttled answers.
func (e *APIError) Temporary() bool {
	return e.Throttled || e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

func sentinelFor(code int) error {
	switch {
	case code == http.StatusBadRequest, code == http.StatusUnprocessableEntity:
		return ErrInvalidRequest
	case code == http.StatusUnauthorized:
		return ErrUnauthorized
	case code == http.StatusForbidden:
		return ErrForbidden
	case code == http.StatusNotFound:
		return ErrNotFound
	case code == http.StatusConflict:
		return ErrConflict
	case code == http.StatusTooManyRequests:
		return ErrRateLimited
	case code >= 500 && code <= 599:
		return ErrServer
	}
	return nil
}

// ValidationError is a client-side check that failed before any request was
// sent. Field names the offending field as the provider's wire format spells
// it (with a path for nested fields, such as "geometry.coordinates[0][3]");
// Reason says which rule it breaks. It matches ErrInvalidRequest.
type ValidationError struct {
	Field  string
	Reason string
	Err    error // the underlying cause, if any (for example a *geo.Error)
}

// Error returns "invalid <Field>: <Reason>".
func (e *ValidationError) Error() string {
	if e.Field == "" {
		return "invalid request: " + e.Reason
	}
	return "invalid " + e.Field + ": " + e.Reason
}

// Is matches ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// Unwrap returns the underlying cause.
func (e *ValidationError) Unwrap() error { return e.Err }

// Invalid returns a *ValidationError for field with a formatted reason.
func Invalid(field, format string, args ...any) *ValidationError {
	return &ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// DecodeError is a response that could not be read: malformed or truncated
// JSON, an unexpected shape, or a body over the size cap.
type DecodeError struct {
	Provider   string
	Method     string
	URL        string // credentials removed
	StatusCode int
	Body       []byte // at most APIErrorBodyCap bytes of what was received
	Err        error
}

// Error describes what could not be decoded.
func (e *DecodeError) Error() string {
	p := ""
	if e.Provider != "" {
		p = e.Provider + ": "
	}
	return fmt.Sprintf("%s%s %s: cannot decode %d response: %v", p, e.Method, e.URL, e.StatusCode, e.Err)
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }
