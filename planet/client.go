package planet

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// Name is the provider's short name: tasking.Task.Provider, Adapter.Name and
// tasking.APIError.Provider for everything this package returns.
const Name = "planet"

// DefaultBaseURL is the Tasking API v2 base. Every path the client sends is
// resolved beneath it and ends with a slash.
const DefaultBaseURL = "https://api.planet.com/tasking/v2/"

// MaxPayloadBytes is the largest request body Planet accepts (1 MB); larger
// orders and bulk requests are refused before they are sent.
const MaxPayloadBytes = 1 << 20

// Client is a Planet Tasking API v2 client. It is safe for concurrent use.
// Each field is one area of the API, named as Planet names it.
type Client struct {
	// Orders creates, lists, edits, cancels, prices and follows tasking orders.
	Orders *OrdersService
	// Captures lists the imaging attempts made for orders and their reviews.
	Captures *CapturesService
	// ImagingWindows searches the imaging windows Assured orders book.
	ImagingWindows *ImagingWindowsService
	// Bulk creates up to 1,000 orders in one request and follows them.
	Bulk *BulkService
	// OrderHistory lists the status events of orders and captures.
	OrderHistory *OrderHistoryService
	// Pricing previews what an order would cost before it is placed.
	Pricing *PricingService
	// Assets reads, activates and downloads the Data API assets (files)
	// holding a capture's imagery.
	Assets *AssetsService
	// DeliveryTasks lists Automated Delivery tasks, one per order.
	DeliveryTasks *DeliveryTasksService
	// Deliveries lists the Automated Deliveries of captures.
	Deliveries *DeliveriesService

	t *transport.Client
}

// New returns a client that authenticates with apiKey. It fails at once for
// an empty key or a bad base URL (see WithBaseURL).
func New(apiKey string, opts ...Option) (*Client, error) {
	apiKey, err := transport.CheckAPIKey(Name, apiKey)
	if err != nil {
		return nil, err
	}
	o := transport.ApplyTo(options{}, opts)
	auth := transport.HeaderAuth{Name: "Authorization", Value: "api-key " + apiKey, Secret: apiKey}
	if o.basicAuth {
		auth.Encoded = base64.StdEncoding.EncodeToString([]byte(apiKey + ":"))
		auth.Value = "Basic " + auth.Encoded
	}
	t, err := transport.New(transport.API{
		Name:         Name,
		BaseURL:      DefaultBaseURL,
		Auth:         auth,
		DecodeError:  decodeError,
		Unmarshalers: unmarshalers,
	}, o.Settings)
	if err != nil {
		return nil, err
	}
	c := &Client{t: t}
	c.Orders = &OrdersService{c: c}
	c.Captures = &CapturesService{c: c}
	c.ImagingWindows = &ImagingWindowsService{c: c}
	c.Bulk = &BulkService{c: c}
	c.OrderHistory = &OrderHistoryService{c: c}
	c.Pricing = &PricingService{c: c}
	c.Assets = &AssetsService{c: c}
	c.DeliveryTasks = &DeliveryTasksService{c: c}
	c.Deliveries = &DeliveriesService{c: c}
	return c, nil
}

// BaseURL returns a copy of the base URL the client sends to.
func (c *Client) BaseURL() *url.URL { return c.t.BaseURL() }

// PollDelays returns the polling delays set with WithPollDelays (zero when
// not set). Every service's Wait uses them where its WaitOptions leave
// MinDelay or MaxDelay zero.
func (c *Client) PollDelays() (min, max time.Duration) { return c.t.PollDelays() }

// waitOptions fills a zero MinDelay or MaxDelay of opts with the client's
// poll delays.
func (c *Client) waitOptions(opts *tasking.WaitOptions) *tasking.WaitOptions {
	return opts.WithPollDelays(c.PollDelays())
}

// String describes the client without its API key.
func (c *Client) String() string { return "planet.Client{" + c.t.BaseURL().Redacted() + "}" }

// GoString describes the client without its API key, for %#v.
func (c *Client) GoString() string {
	return "&planet.Client{BaseURL: " + fmt.Sprintf("%q", c.BaseURL().String()) + "}"
}

// itemPath returns collection + escaped id + "/" (+ rest). It refuses, with
// the *tasking.ValidationError of tasking.CheckID naming field, an id that
// is empty, "." or "..", or holds control characters or invalid UTF-8:
// escaping cannot keep "." and ".." from addressing the collection itself.
func itemPath(field, collection, id string, rest ...string) (string, error) {
	if err := tasking.CheckID(field, id); err != nil {
		return "", err
	}
	p := collection + url.PathEscape(id) + "/"
	for _, r := range rest {
		p += r
	}
	return p, nil
}

// itemURL is itemPath as an absolute URL beneath the base URL.
func (c *Client) itemURL(field, collection, id string) (string, error) {
	p, err := itemPath(field, collection, id)
	if err != nil {
		return "", err
	}
	return c.t.BaseURL().String() + p, nil
}

// get is transport.One for a GET of path: the call of every method that
// reads one resource.
func get[T any](ctx context.Context, c *Client, path, what string, has func(*T) bool) (*T, error) {
	return transport.One(ctx, c.t, &transport.Request{Method: http.MethodGet, Path: path}, what, has)
}
