package clearsky

import (
	"context"
	"fmt"
	"net/http"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// ModelsService reads GET /api/tasking/models.
type ModelsService struct{ c *Client }

// List returns the models the account can order and the constellations each
// one requires or allows (GET /api/tasking/models). The vendor advises
// calling it once and caching the answer. See
// https://docs.clearsky.vision/api-reference/tasking-order-endpoints.
func (s *ModelsService) List(ctx context.Context) ([]TaskingModel, error) {
	d, err := call[struct {
		TaskingModels []TaskingModel `json:"TaskingModels"`
	}](ctx, s.c, &transport.Request{Method: http.MethodGet, Path: pathModels})
	if err != nil {
		return nil, err
	}
	return d.TaskingModels, nil
}

// TaskingModel is one entry of GET /api/tasking/models.
type TaskingModel struct {
	Model                            Model                    `json:"Model"`                            // the wire value
	SupportedSatelliteConstellations []SupportedConstellation `json:"SupportedSatelliteConstellations"` // what it uses
}

// SupportedConstellation says whether a model needs a constellation
// (Optional false) or may use it (Optional true).
type SupportedConstellation struct {
	SatelliteConstellation SatelliteConstellation `json:"SatelliteConstellation"` // the constellation
	Optional               bool                   `json:"Optional"`               // false: every order must list it
}

// Required returns the constellations an order with this model must list.
func (m *TaskingModel) Required() []SatelliteConstellation {
	var out []SatelliteConstellation
	for _, c := range m.SupportedSatelliteConstellations {
		if !c.Optional {
			out = append(out, c.SatelliteConstellation)
		}
	}
	return out
}

// Supports reports whether an order with this model may list c.
func (m *TaskingModel) Supports(c SatelliteConstellation) bool {
	for _, s := range m.SupportedSatelliteConstellations {
		if s.SatelliteConstellation == c {
			return true
		}
	}
	return false
}

// CheckConstellations checks an order's constellations against a model's
// entry from List: every required one present, none the model does not
// support. It returns a *tasking.ValidationError for SatelliteConstellations.
func (m *TaskingModel) CheckConstellations(cs []SatelliteConstellation) error {
	have := map[SatelliteConstellation]bool{}
	for i, c := range cs {
		if !m.Supports(c) {
			return tasking.Invalid(fmt.Sprintf("SatelliteConstellations[%d]", i), "%s is not supported by %s", c, m.Model)
		}
		have[c] = true
	}
	for _, r := range m.Required() {
		if !have[r] {
			return tasking.Invalid("SatelliteConstellations", "%s requires %s", m.Model, r)
		}
	}
	return nil
}
