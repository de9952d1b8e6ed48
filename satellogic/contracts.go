package satellogic

import (
	"context"

	"github.com/go-json-experiment/json/jsontext"
)

// Contract is one contract the credentials may work under. A contract decides
// which products may be tasked and defaults such as the POI footprint,
// cloud-cover threshold and prioritisation.
type Contract struct {
	// ContractID is opaque (for example "cont.<uuid>"); send it as
	// Credentials.ContractID or to Client.WithContract.
	ContractID string `json:"contract_id"`
	Name       string `json:"name"` // the contract's display name
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// ContractsService is the contracts listing.
type ContractsService struct{ c *Client }

// List returns every contract the credentials may use: GET /contracts
// (https://developers.satellogic.com/api-authentication/get_contract_id.html).
// It is the one call sent without X-Satellogic-Contract-Id, so it works on a
// client created without a contract. The answer is read as a bare array or as
// a "results" envelope (whose next links are followed).
func (s *ContractsService) List(ctx context.Context) ([]*Contract, error) {
	var out []*Contract
	for ct, err := range allPages[*Contract](ctx, s.c, s.c.paths.Contracts, nil, HeaderContract) {
		if err != nil {
			return out, err
		}
		out = append(out, ct)
	}
	return out, nil
}
