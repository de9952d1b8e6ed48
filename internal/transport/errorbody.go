package transport

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// DecodeErrorBody fills e.Code and e.Message from e.Body, reading the error
// shapes the four providers are known or suspected to send, leniently:
//
//	{"message": "…"} / {"Message": "…"}                 API gateways
//	{"detail": "…"}                                       Django REST Framework
//	{"detail": [{"loc": […], "msg": "…"}]}                FastAPI validation
//	{"error": "…"} / {"error": {"code", "message"}}       Capella
//	{"title", "errors": {field: […]}}                     ASP.NET ProblemDetails
//	{"field": ["…"], "non_field_errors": ["…"]}           DRF field errors
//
// A body that is not JSON gives its first line of text as the message.
func DecodeErrorBody(e *tasking.APIError) {
	body := bytes.TrimSpace(e.Body)
	if len(body) == 0 {
		return
	}
	var m map[string]jsontext.Value
	if err := json.Unmarshal(body, &m, LenientJSON()); err != nil {
		if body[0] != '{' && body[0] != '[' && utf8.Valid(body) {
			line, _, _ := strings.Cut(string(body), "\n")
			if len(line) > 200 {
				line = line[:200]
			}
			e.Message = strings.TrimSpace(line)
		}
		return
	}
	if code := firstString(m, "code", "Code", "error_code", "errorCode"); code != "" {
		e.Code = code
	}
	if raw, ok := pick(m, "error", "Error"); ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			e.Message = s
			return
		}
		var inner map[string]jsontext.Value
		if json.Unmarshal(raw, &inner) == nil {
			if code := firstString(inner, "code", "Code"); code != "" {
				e.Code = code
			}
			e.Message = firstString(inner, "message", "Message", "detail")
			if d := detailText(inner); d != "" {
				e.Message = joinMsg(e.Message, d)
			}
			if e.Message != "" {
				return
			}
		}
	}
	if msg := firstString(m, "message", "Message", "error_message", "title", "Title"); msg != "" {
		e.Message = msg
	}
	if d := detailText(m); d != "" {
		e.Message = joinMsg(e.Message, d)
	}
	if raw, ok := m["errors"]; ok {
		e.Message = joinMsg(e.Message, fieldMessages(raw))
	}
	if e.Message == "" {
		// DRF field errors: every key maps to a list of messages.
		e.Message = fieldMessages(body)
	}
}

func pick(m map[string]jsontext.Value, keys ...string) (jsontext.Value, bool) {
	for _, k := range keys {
		if v, ok := m[k]; ok && string(v) != "null" {
			return v, true
		}
	}
	return nil, false
}

// firstString returns the first key whose value is a string or a number.
func firstString(m map[string]jsontext.Value, keys ...string) string {
	for _, k := range keys {
		raw, ok := m[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
		if raw.Kind() == '0' {
			return string(raw)
		}
	}
	return ""
}

// detailText reads "detail" as a string or a list of {loc, msg} / {path, message}.
func detailText(m map[string]jsontext.Value) string {
	raw, ok := m["detail"]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var items []map[string]any
	if json.Unmarshal(raw, &items) != nil {
		return ""
	}
	var parts []string
	for _, it := range items {
		msg, _ := it["msg"].(string)
		if msg == "" {
			msg, _ = it["message"].(string)
		}
		where := ""
		switch loc := it["loc"].(type) {
		case []any:
			var segs []string
			for _, l := range loc {
				segs = append(segs, fmt.Sprint(l))
			}
			where = strings.Join(segs, ".")
		}
		if p, ok := it["path"].(string); ok && where == "" {
			where = p
		}
		if where != "" {
			msg = where + ": " + msg
		}
		if msg != "" {
			parts = append(parts, msg)
		}
	}
	return strings.Join(parts, "; ")
}

// fieldMessages reads {field: [msg…]} or {field: msg} into "field: msg; …",
// fields in sorted order.
func fieldMessages(raw jsontext.Value) string {
	var fields map[string]jsontext.Value
	if json.Unmarshal(raw, &fields) != nil {
		return ""
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		var list []string
		var one string
		switch {
		case json.Unmarshal(fields[k], &list) == nil && len(list) > 0:
			one = strings.Join(list, " ")
		case json.Unmarshal(fields[k], &one) == nil:
		default:
			continue
		}
		if one == "" {
			continue
		}
		if k == "non_field_errors" || k == "" {
			parts = append(parts, one)
		} else {
			parts = append(parts, k+": "+one)
		}
	}
	return strings.Join(parts, "; ")
}

func joinMsg(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	return a + ": " + b
}
