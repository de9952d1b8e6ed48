package satellogic

import (
	"context"
	"iter"

	"github.com/go-json-experiment/json/jsontext"
)

// ProductsService is the products listing.
type ProductsService struct{ c *Client }

// Product is a product the contract may task.
type Product struct {
	PK     ProductID `json:"pk"`      // the id sent as "product" in a task
	Name   string    `json:"name"`    // for example "Multispectral 70cm"
	IsArea bool      `json:"is_area"` // true: the product takes a Polygon target
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// List fetches one page of products: GET /tasking/products/
// (https://developers.satellogic.com/tasking-service/command_line_examples.html).
func (s *ProductsService) List(ctx context.Context, opts *ListOptions) (*Page[*Product], error) {
	return listPage[*Product](ctx, s.c, s.c.paths.Products, opts)
}

// All iterates over every product, fetching pages lazily:
// GET /tasking/products/, then each page's next link.
//
// See https://developers.satellogic.com/tasking-service/command_line_examples.html.
func (s *ProductsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[*Product, error] {
	return allPages[*Product](ctx, s.c, s.c.paths.Products, opts)
}
