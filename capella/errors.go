package capella

import (
	"errors"
	"fmt"
	"strings"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Error codes Capella is known to send in error bodies. The OpenAPI document
// lists none; these come from Capella's SDK and its recorded answers.
const (
	CodeValidationError                    = "VALIDATION_ERROR"
	CodeContractNotFound                   = "CONTRACT_NOT_FOUND"
	CodeNotAuthorized                      = "NOT_AUTHORIZED"
	CodeCollectionAccessDenied             = "COLLECTION_ACCESS_DENIED"
	CodeOrderExpired                       = "ORDER_EXPIRED"
	CodeOrderValidationError               = "ORDER_VALIDATION_ERROR"
	CodeUnableToUpdateFinalizedTransaction = "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
	CodeUnableToUpdateTaskingRequest       = "UNABLE_TO_UPDATE_TASKING_REQUEST"
	CodeUnableToUpdateRepeatRequest        = "UNABLE_TO_UPDATE_REPEAT_REQUEST"
	CodeAuthorizationInsufficientFunds     = "AUTHORIZATION_INSUFFICIENT_FUNDS"
)

// errorDetail is one problem in a validation error body. Capella sends these
// in two shapes, both read by details; decodeError folds them into
// tasking.APIError.Message ("path: message; …"):
//
//	{"error": {"code", "message", "detail": {message, code, path} or [...]}}   tasking service
//	{"detail": [{"loc": [...], "msg", "type"}]}                                  Mission Awareness, collects
type errorDetail struct {
	Path    string // "body.contractId", or the FastAPI loc joined with dots
	Code    string // "invalid_string", or the FastAPI type
	Message string
}

// details returns the per-field problems of a Capella error: the detail of a
// 422 (or a 400 VALIDATION_ERROR) body, whichever shape it comes in. It
// returns nil when err is not a *tasking.APIError or lists no detail.
func details(err error) []errorDetail {
	var ae *tasking.APIError
	if !errors.As(err, &ae) {
		return nil
	}
	return parseDetails(ae.Body)
}

type wireDetail struct {
	Message string `json:"message"`
	Code    string `json:"code"`
	Path    string `json:"path"`
	Msg     string `json:"msg"`
	Type    string `json:"type"`
	Loc     []any  `json:"loc"`
}

func (d wireDetail) detail() errorDetail {
	out := errorDetail{Path: d.Path, Code: d.Code, Message: d.Message}
	if out.Message == "" {
		out.Message = d.Msg
	}
	if out.Code == "" {
		out.Code = d.Type
	}
	if out.Path == "" && len(d.Loc) > 0 {
		parts := make([]string, len(d.Loc))
		for i, l := range d.Loc {
			parts[i] = fmt.Sprint(l)
		}
		out.Path = strings.Join(parts, ".")
	}
	return out
}

// detailList is a detail value: an object or an array of objects (capella.md
// 9: both shapes are sent); anything else holds no detail.
type detailList []wireDetail

// UnmarshalJSONFrom reads the detail in one pass.
func (l *detailList) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case '[':
		return json.UnmarshalDecode(dec, (*[]wireDetail)(l))
	case '{':
		var one wireDetail
		if err := json.UnmarshalDecode(dec, &one); err != nil {
			return err
		}
		*l = detailList{one}
		return nil
	}
	return dec.SkipValue()
}

// errorMember is the "error" member: an object with a detail, or a string
// (capella.md 9: Capella sends both), which holds no detail.
type errorMember struct {
	Detail detailList `json:"detail"`
}

// UnmarshalJSONFrom reads an object, and skips anything else.
func (e *errorMember) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '{' {
		return dec.SkipValue()
	}
	type plain errorMember
	return json.UnmarshalDecode(dec, (*plain)(e))
}

// parseDetails reads the details of an error body in one pass, whichever
// shape it comes in; nil when it lists none or is not JSON.
func parseDetails(body []byte) []errorDetail {
	var env struct {
		Error  errorMember `json:"error"`
		Detail detailList  `json:"detail"`
	}
	if json.Unmarshal(body, &env, transport.LenientJSON()) != nil {
		return nil
	}
	list := env.Error.Detail
	if len(list) == 0 {
		list = env.Detail
	}
	var out []errorDetail
	for _, d := range list {
		if e := d.detail(); e != (errorDetail{}) {
			out = append(out, e)
		}
	}
	return out
}

// decodeError fills Code and Message of an APIError from the bodies Capella
// sends: {"error": "<text>"}, {"error": {"code", "message", "detail"}} with a
// detail object or array, FastAPI's {"detail": [...]}, the gateway's
// {"message": "..."}, or plain text.
func decodeError(e *tasking.APIError) {
	transport.DecodeErrorBody(e)
	ds := parseDetails(e.Body)
	if len(ds) == 0 {
		return
	}
	var parts []string
	for _, d := range ds {
		p := d.Message
		if d.Path != "" {
			p = d.Path + ": " + p
		}
		parts = append(parts, p)
	}
	detail := strings.Join(parts, "; ")
	if !strings.Contains(e.Message, detail) {
		if e.Message == "" {
			e.Message = detail
		} else {
			e.Message += ": " + detail
		}
	}
}
