package clearsky

import (
	"errors"
	"net/http"

	"github.com/eotask/eotask/tasking"
)

// Test-only access to unexported helpers, for the external tests.
var (
	ErrorCode   = errorCode
	IsThrottled = isThrottled
	FieldErrors = fieldErrors
)

// Retryable reports whether the same request may succeed later unchanged: a
// 429, a 5xx or error code 1003. 400 (other codes), 401 and 403 are not.
func Retryable(err error) bool {
	var ae *tasking.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.StatusCode == http.StatusTooManyRequests || ae.StatusCode >= 500 || isThrottled(err)
}

// OrderPayload is the wire body an OrderRequest becomes, for tests that look
// at it.
type OrderPayload = orderPayload

// Payload returns r's wire body, validated, as Create and Estimate build it.
func (r *OrderRequest) Payload() (*OrderPayload, error) { return r.payload() }
