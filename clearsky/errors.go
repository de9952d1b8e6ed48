package clearsky

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// ClearSKY error codes, sent in the envelope's Error.Code (mostly with HTTP
// 400). A *tasking.APIError carries them as decimal text in Code
// (strconv.Itoa(CodeNoImagery) == apiErr.Code). Each one matches (errors.Is) the tasking sentinel it
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

// errorCode returns the ClearSKY error code of err (a *tasking.APIError
// anywhere in its chain), and false when err carries none.
func errorCode(err error) (int, bool) {
	var ae *tasking.APIError
	if !errors.As(err, &ae) || ae.Code == "" {
		return 0, false
	}
	n, convErr := strconv.Atoi(ae.Code)
	return n, convErr == nil
}

// isThrottled reports whether err is ClearSKY's "maximum concurrent requests
// reached" refusal (error code 1003), which the client retries like a 429.
func isThrottled(err error) bool {
	code, ok := errorCode(err)
	return ok && code == CodeTooManyConcurrentRequests
}

// fieldErrors returns the per-field messages of a validation failure: the
// envelope's Data map ({"Wkt": ["…"]}) or an ASP.NET ProblemDetails body's
// errors member. It returns nil when err holds none (or when the body was cut
// at tasking.APIErrorBodyCap before them).
func fieldErrors(err error) map[string][]string {
	var ae *tasking.APIError
	if !errors.As(err, &ae) {
		return nil
	}
	var body struct {
		Succeeded *bool          `json:"Succeeded"`
		Data      jsontext.Value `json:"Data"`
		Errors    jsontext.Value `json:"errors"`
	}
	if json.Unmarshal(ae.Body, &body, transport.LenientJSON()) != nil {
		return nil
	}
	if body.Succeeded != nil {
		return fieldMap(body.Data)
	}
	return fieldMap(body.Errors)
}

// fieldMap reads {field: [msg…]} or {field: msg}; anything else gives nil.
func fieldMap(raw jsontext.Value) map[string][]string {
	if len(raw) == 0 || raw.Kind() != '{' {
		return nil
	}
	var m map[string]messages
	if json.Unmarshal(raw, &m, transport.LenientJSON()) != nil {
		return nil // not a field-error map
	}
	out := make(map[string][]string, len(m))
	for k, v := range m {
		if len(v) > 0 {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// messages is one field's entry in a field-error map: a list of messages or
// a single one (empty ones dropped).
type messages []string

// UnmarshalJSONFrom reads an array of strings, a string or null.
func (m *messages) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case '[':
		var list []string
		if err := json.UnmarshalDecode(dec, &list); err != nil {
			return err
		}
		*m = list
		return nil
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if s := tok.String(); s != "" {
			*m = messages{s}
		}
		return nil
	case 'n':
		_, err := dec.ReadToken()
		return err
	}
	return errors.New("want a message or a list of messages")
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

// ServiceError is the Error member of ClearSKY's response envelope.
type ServiceError struct {
	Message string // what went wrong, in ClearSKY's words
	Code    int    // ClearSKY's error code (see CodeMalformedRequest and the others); 0 if none
}

// UnmarshalJSONFrom reads {Message, Code}. Code is read leniently: the API
// has been seen sending it as a string ("993") as well as a number, and an
// unreadable code is 0 (none), since an error report must not fail.
func (e *ServiceError) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	var w struct {
		Message string      `json:"Message"`
		Code    lenientCode `json:"Code"`
	}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	*e = ServiceError{Message: w.Message, Code: int(w.Code)}
	return nil
}

// failed reports whether a 2xx answer's envelope says Succeeded:false: the
// body decodes (encoding/json/v2, the client's rules for names) as an object
// whose Succeeded member is false. Anything else is left to the decoding of
// the answer, which reports what is wrong with it. A failure needs the
// literal false, which JSON cannot escape, so bodies without one are not
// decoded twice.
func failed(_ int, body []byte) bool {
	if !bytes.Contains(body, []byte("false")) {
		return false
	}
	var env struct {
		Succeeded *bool `json:"Succeeded"`
	}
	if json.Unmarshal(body, &env, transport.LenientJSON()) != nil {
		return false
	}
	return env.Succeeded != nil && !*env.Succeeded
}

// decodeAPIError fills Code, Kind (see codeKinds) and Message from
// ClearSKY's envelope, adding the per-field messages its Data holds, and
// falls back to the shared decoder for ASP.NET ProblemDetails and anything
// else.
func decodeAPIError(e *tasking.APIError) {
	var env envelope[jsontext.Value]
	if json.Unmarshal(e.Body, &env, transport.LenientJSON()) != nil || env.Succeeded == nil {
		transport.DecodeErrorBody(e)
		return
	}
	if env.Error != nil {
		if env.Error.Code != 0 {
			e.Code = fmt.Sprint(env.Error.Code)
			e.Kind = codeKinds[env.Error.Code]
		}
		e.Message = env.Error.Message
	}
	if env.Data == nil {
		return
	}
	if fields := fieldMap(*env.Data); len(fields) > 0 {
		e.Message = joinMessage(e.Message, formatFields(fields))
	}
}

// OrderNotFoundError says an order id is unknown to the account. It matches
// tasking.ErrNotFound.
type OrderNotFoundError struct {
	GUID string // the TaskOrderGuid asked for
}

// Error names the order.
func (e *OrderNotFoundError) Error() string { return "clearsky: order " + e.GUID + " not found" }

// Is matches tasking.ErrNotFound.
func (e *OrderNotFoundError) Is(target error) bool { return target == tasking.ErrNotFound }
