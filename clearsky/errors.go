package clearsky

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/eotask/eotask/tasking"
)

// ClearSKY error codes, sent in the envelope's Error.Code (mostly with HTTP
// 400). A *tasking.APIError carries them as decimal text in Code; read them
// with [ErrorCode]. Each one matches (errors.Is) the tasking sentinel it
// stands for, whatever the HTTP status: 992, 993, 1004 and 1005
// tasking.ErrInvalidRequest; 994 and 1006 tasking.ErrForbidden; 1002
// tasking.ErrNotFound; 1003 tasking.ErrRateLimited. Any other code matches
// the sentinel of the HTTP status. The documented list may be longer than
// this one.
const (
	// CodeMalformedRequest: the body or parameters are malformed; Data holds
	// per-field messages. Fix the request; do not retry.
	CodeMalformedRequest = 992
	// CodeInvalidRequest: the body or parameters are invalid. Fix the
	// request; do not retry.
	CodeInvalidRequest = 993
	// CodeInsufficientProcessingUnits: not enough processing units
	// ("download credits").
	CodeInsufficientProcessingUnits = 994
	// CodeNoImagery: no imagery for this area and time.
	CodeNoImagery = 1002
	// CodeTooManyConcurrentRequests: the key's MaxConcurrentConnections is
	// reached. The server did not act on the request; retry after a backoff.
	CodeTooManyConcurrentRequests = 1003
	// CodeMaxAreaExceeded: the area is larger than MaxCompositeAreaKm2.
	CodeMaxAreaExceeded = 1004
	// CodeMaxBandsExceeded: more bands than MaxTotalBands.
	CodeMaxBandsExceeded = 1005
	// CodeNotCovered: the area and date are not covered by any order.
	CodeNotCovered = 1006
)

// codeKinds maps each documented error code to the tasking sentinel it
// stands for, whatever the HTTP status it comes with (400, or 200 with
// Succeeded:false). decodeAPIError sets it as APIError.Kind; a code not
// listed here leaves Kind nil, so the HTTP status decides.
var codeKinds = map[int]error{
	CodeMalformedRequest:            tasking.ErrInvalidRequest, // malformed body or parameters; Data holds per-field messages
	CodeInvalidRequest:              tasking.ErrInvalidRequest, // invalid body or parameters
	CodeInsufficientProcessingUnits: tasking.ErrForbidden,      // not enough processing units ("download credits") on the account
	CodeNoImagery:                   tasking.ErrNotFound,       // no imagery for this area and time
	CodeTooManyConcurrentRequests:   tasking.ErrRateLimited,    // MaxConcurrentConnections reached; also Throttled, so retried
	CodeMaxAreaExceeded:             tasking.ErrInvalidRequest, // area over MaxCompositeAreaKm2: split the AOI
	CodeMaxBandsExceeded:            tasking.ErrInvalidRequest, // more bands than MaxTotalBands: ask for fewer
	CodeNotCovered:                  tasking.ErrForbidden,      // area and date not covered by any of the account's orders
}

// ErrorCode returns the ClearSKY error code of err (a *tasking.APIError
// anywhere in its chain), and false when err carries none.
func ErrorCode(err error) (int, bool) {
	var ae *tasking.APIError
	if !errors.As(err, &ae) || ae.Code == "" {
		return 0, false
	}
	n, convErr := strconv.Atoi(ae.Code)
	return n, convErr == nil
}

// IsThrottled reports whether err is ClearSKY's "maximum concurrent requests
// reached" refusal (error code 1003), which the client retries like a 429.
func IsThrottled(err error) bool {
	code, ok := ErrorCode(err)
	return ok && code == CodeTooManyConcurrentRequests
}

// Retryable reports whether the same request may succeed later unchanged: a
// 429, a 5xx or error code 1003. 400 (other codes), 401 and 403 are not.
func Retryable(err error) bool {
	var ae *tasking.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.StatusCode == http.StatusTooManyRequests || ae.StatusCode >= 500 || IsThrottled(err)
}

// FieldErrors returns the per-field messages of a validation failure: the
// envelope's Data map ({"Wkt": ["…"]}) or an ASP.NET ProblemDetails body's
// errors member. It returns nil when err holds none (or when the body was cut
// at tasking.APIErrorBodyCap before them).
func FieldErrors(err error) map[string][]string {
	var ae *tasking.APIError
	if !errors.As(err, &ae) {
		return nil
	}
	var body struct {
		Succeeded *bool           `json:"Succeeded"`
		Data      json.RawMessage `json:"Data"`
		Errors    json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(ae.Body, &body) != nil {
		return nil
	}
	if body.Succeeded != nil {
		return fieldMap(body.Data)
	}
	return fieldMap(body.Errors)
}

// fieldMap reads {field: [msg…]} or {field: msg}; anything else gives nil.
func fieldMap(raw json.RawMessage) map[string][]string {
	var m map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
		return nil
	}
	out := make(map[string][]string, len(m))
	for k, v := range m {
		var list []string
		var one string
		switch {
		case json.Unmarshal(v, &list) == nil:
			if len(list) > 0 {
				out[k] = list
			}
		case json.Unmarshal(v, &one) == nil:
			if one != "" {
				out[k] = []string{one}
			}
		default:
			return nil // not a field-error map
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// formatFields writes "Field: msg msg; Other: msg" in sorted field order.
func formatFields(m map[string][]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+strings.Join(m[k], " "))
	}
	return strings.Join(parts, "; ")
}

func joinMessage(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ": " + b
}

// lenientInt reads a JSON number or a string holding one; anything else is 0.
func lenientInt(raw json.RawMessage) int {
	if len(raw) == 0 {
		return 0
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if i, err := strconv.Atoi(n.String()); err == nil {
			return i
		}
		if f, err := n.Float64(); err == nil {
			return int(f)
		}
		return 0
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		i, _ := strconv.Atoi(strings.TrimSpace(s))
		return i
	}
	return 0
}
