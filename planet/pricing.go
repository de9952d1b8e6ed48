package planet

import (
	"context"
	"net/http"

	"github.com/eotask/eotask/internal/transport"
	"github.com/go-json-experiment/json/jsontext"
)

// Pricing is what an order costs, or would cost, in the contract's units.
// Its fields are UNCONFIRMED (third-party code); Unknown keeps the members
// not listed.
type Pricing struct {
	OrderID            string          `json:"order_id"`               // the tasking order
	Units              string          `json:"units"`                  // the quota unit, for example "sqkm"
	EstimatedQuotaCost *float64        `json:"estimated_quota_cost"`   // in Units
	DeterminedBy       string          `json:"determined_by"`          // what the cost was worked out from
	PricingModel       jsontext.Value  `json:"pricing_model,omitzero"` // the pricing model, as sent; nil when null
	ReplacedOrders     []ReplacedOrder `json:"replaced_orders"`        // orders whose cost this one replaces
	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// ReplacedOrder is an order whose cost the priced order would replace.
type ReplacedOrder struct {
	OrderID string   `json:"order_id"` // the tasking order
	Name    string   `json:"name"`     // name given by the customer
	Cost    *float64 `json:"cost"`     // cost in the pricing units
}

// held reports whether p holds something read from the answer. A pricing
// has no id of its own (a preview names no order), so every member counts.
func (p *Pricing) held() bool {
	return p.OrderID != "" || p.Units != "" || p.EstimatedQuotaCost != nil || p.DeterminedBy != "" ||
		len(p.PricingModel) != 0 || len(p.ReplacedOrders) != 0
}

// PricingService is the pricing area of the API: /pricing/.
type PricingService struct{ c *Client }

// Preview prices an order that has not been placed: the body is the one
// Orders.Create would send (validated the same way). It creates nothing, so
// it is retried like a read. Path UNCONFIRMED: POST /pricing/.
//
// Endpoint: POST /tasking/v2/pricing/; see https://docs.planet.com/develop/apis/tasking/reference/.
func (s *PricingService) Preview(ctx context.Context, r *OrderCreateRequest) (*Pricing, error) {
	body, err := s.c.encodeOrder(r)
	if err != nil {
		return nil, err
	}
	return transport.One(ctx, s.c.t, &transport.Request{Method: http.MethodPost, Path: "pricing/", Body: body}, "pricing", (*Pricing).held)
}
