package clearsky

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// Name is the provider's short name, used on errors and neutral tasks.
const Name = "clearsky"

// DefaultBaseURL is the ClearSKY Vision API.
const DefaultBaseURL = "https://api.clearsky.vision"

// APIKeyHeader is the request header that carries the API key.
const APIKeyHeader = "x-api-key"

// Client talks to the ClearSKY Vision tasking API. It is safe for concurrent
// use.
type Client struct {
	// Orders creates, estimates, lists, follows and cancels tasking orders.
	Orders *OrdersService
	// Tiles searches the fixed tile and minitile grid.
	Tiles *TilesService
	// Models lists the models and the constellations each one uses.
	Models *ModelsService
	// Images lists the image dates orders produced, checks and estimates
	// composites, and downloads GeoTIFFs.
	Images *ImagesService

	tc       *transport.Client
	endField WindowEndField
}

// New returns a client authenticating with apiKey (sent in the x-api-key
// header). It fails at once for an empty key or a bad base URL.
func New(apiKey string, opts ...Option) (*Client, error) {
	apiKey, err := transport.CheckAPIKey(Name, apiKey)
	if err != nil {
		return nil, err
	}
	api := transport.API{
		Name:        Name,
		BaseURL:     DefaultBaseURL,
		Auth:        transport.HeaderAuth{Name: APIKeyHeader, Value: apiKey, Secret: apiKey},
		DecodeError: decodeAPIError,
		Failed:      failed,
		Throttled:   func(e *tasking.APIError) bool { return isThrottled(e) },
	}
	o := transport.ApplyTo(options{}, opts)
	tc, err := transport.New(api, o.Settings)
	if err != nil {
		return nil, err
	}
	switch o.endField {
	case "", EndUntil, EndTo:
	default:
		return nil, fmt.Errorf("clearsky: WithWindowEndField(%q): want %q or %q", o.endField, EndUntil, EndTo)
	}
	c := &Client{tc: tc, endField: o.endField}
	c.Orders = &OrdersService{c: c}
	c.Tiles = &TilesService{c: c}
	c.Models = &ModelsService{c: c}
	c.Images = &ImagesService{c: c}
	return c, nil
}

// BaseURL returns a copy of the base URL requests are sent to.
func (c *Client) BaseURL() *url.URL { return c.tc.BaseURL() }

// PollDelays returns the default poll delays set by WithPollDelays (zero
// when not set). It makes the client a tasking.PollHinter.
func (c *Client) PollDelays() (min, max time.Duration) { return c.tc.PollDelays() }

// String describes the client without its API key.
func (c *Client) String() string { return "clearsky.Client(" + c.tc.BaseURL().String() + ")" }

// GoString describes the client without its API key.
func (c *Client) GoString() string {
	return "&clearsky.Client{BaseURL: " + c.tc.BaseURL().String() + "}"
}

// envelope is ClearSKY's ServiceResult: {Succeeded, Error, Data}. Answers
// are decoded into an envelope of the type Data holds, in one pass.
type envelope[T any] struct {
	Succeeded *bool         `json:"Succeeded"`
	Error     *ServiceError `json:"Error"`
	Data      *T            `json:"Data"`
}

// call sends r and unwraps the envelope into a T. The transport reads the
// whole answer (capped) so that failed can look at it, then decodes it into
// an envelope[T] with the client's JSON options in one pass: Data goes
// straight into its typed structs. A 2xx answer without Data is a
// *tasking.DecodeError, since every caller needs what Data holds.
func call[T any](ctx context.Context, c *Client, r *transport.Request) (*T, error) {
	var env envelope[T]
	resp, err := c.tc.Do(ctx, r, &env)
	if err != nil {
		return nil, err
	}
	if env.Data == nil {
		return nil, resp.DecodeError(errors.New("the response envelope holds no Data"))
	}
	return env.Data, nil
}

// API paths.
const (
	pathOrders        = "api/tasking/orders"
	pathOrderDetails  = "api/tasking/orders/details"
	pathOrderEstimate = "api/tasking/orders/estimate"
	pathOrderCancel   = "api/tasking/orders/cancel"
	pathModels        = "api/tasking/models"
	pathTileSearch    = "api/tasking/search/tiles"
)
