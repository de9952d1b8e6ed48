package planet

import (
	"strings"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
)

// decodeError reads Planet's error bodies: those transport.DecodeErrorBody
// knows ({"detail": …}, DRF field maps) and, failing those, the shape of
// Planet's other APIs, {"general": [{"message": …}], "field": {…}}.
func decodeError(e *tasking.APIError) {
	transport.DecodeErrorBody(e)
	if e.Message != "" {
		return
	}
	var body struct {
		General []struct {
			Message string `json:"message"`
		} `json:"general"`
		Field map[string][]struct {
			Message string `json:"message"`
		} `json:"field"`
	}
	if json.Unmarshal(e.Body, &body, transport.LenientJSON()) != nil {
		return
	}
	var parts []string
	for _, g := range body.General {
		if g.Message != "" {
			parts = append(parts, g.Message)
		}
	}
	for name, msgs := range body.Field {
		for _, m := range msgs {
			if m.Message != "" {
				parts = append(parts, name+": "+m.Message)
			}
		}
	}
	e.Message = strings.Join(parts, "; ")
}
