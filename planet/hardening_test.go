package planet_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badIDs are ids that must never reach a request path.
var badIDs = []string{"", ".", "..", "a\nb", "\x7f"}

// TestIDsAreCheckedBeforeSending calls every method that puts an id into a
// path with ids that would leave their resource (or are not ids at all), and
// expects a *tasking.ValidationError with nothing sent.
func TestIDsAreCheckedBeforeSending(t *testing.T) {
	review := &planet.ReviewCreateRequest{Category: planet.ReviewCloudCover, Description: "cloudy"}
	first := func(seq func(func(any, error) bool)) error {
		var err error
		seq(func(_ any, e error) bool { err = e; return false })
		return err
	}
	calls := map[string]func(ctx context.Context, c *planet.Client, id string) error{
		"Orders.Get": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Orders.Get(ctx, id)
			return err
		},
		"Orders.Update": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Orders.Update(ctx, id, &planet.OrderUpdateRequest{Name: "n"})
			return err
		},
		"Orders.Cancel": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Orders.Cancel(ctx, id)
			return err
		},
		"Orders.Pricing": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Orders.Pricing(ctx, id)
			return err
		},
		"Orders.Wait": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Orders.Wait(ctx, id, fast)
			return err
		},
		"Orders.Watch": func(ctx context.Context, c *planet.Client, id string) error {
			return first(func(y func(any, error) bool) {
				c.Orders.Watch(ctx, id, fast)(func(o *planet.Order, e error) bool { return y(o, e) })
			})
		},
		"Captures.Get": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Captures.Get(ctx, id)
			return err
		},
		"Captures.Wait": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Captures.Wait(ctx, id, fast)
			return err
		},
		"Captures.CreateReview": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Captures.CreateReview(ctx, id, review)
			return err
		},
		"Captures.Reviews": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Captures.Reviews(ctx, id, nil)
			return err
		},
		"Captures.AllReviews": func(ctx context.Context, c *planet.Client, id string) error {
			return first(func(y func(any, error) bool) {
				c.Captures.AllReviews(ctx, id, nil)(func(r *planet.Review, e error) bool { return y(r, e) })
			})
		},
		"Captures.ArchiveSchedule": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Captures.ArchiveSchedule(ctx, id)
			return err
		},
		"ImagingWindows.Get": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.ImagingWindows.Get(ctx, id)
			return err
		},
		"ImagingWindows.Wait": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.ImagingWindows.Wait(ctx, id, fast)
			return err
		},
		"Bulk.Get": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Bulk.Get(ctx, id)
			return err
		},
		"Bulk.Wait": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Bulk.Wait(ctx, id, fast)
			return err
		},
		"Bulk.Payloads": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Bulk.Payloads(ctx, id, nil)
			return err
		},
		"Bulk.AllPayloads": func(ctx context.Context, c *planet.Client, id string) error {
			return first(func(y func(any, error) bool) {
				c.Bulk.AllPayloads(ctx, id)(func(p *planet.BulkPayload, e error) bool { return y(p, e) })
			})
		},
		"Bulk.Create": func(ctx context.Context, c *planet.Client, id string) error {
			if id == "" {
				id = "." // the client id is optional: "" asks Planet to choose one
			}
			_, err := c.Bulk.Create(ctx, &planet.BulkCreateRequest{ID: id,
				OrderPayloads: []*planet.OrderCreateRequest{{Name: "a", Geometry: orb.Point{1, 1}}}})
			return err
		},
		"OrderHistory.Get": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.OrderHistory.Get(ctx, id)
			return err
		},
		"Adapter.Task": func(ctx context.Context, c *planet.Client, id string) error {
			_, err := c.Provider(planet.ProviderDefaults{}).Task(ctx, id)
			return err
		},
		"Adapter.Cancel": func(ctx context.Context, c *planet.Client, id string) error {
			return c.Provider(planet.ProviderDefaults{}).Cancel(ctx, id)
		},
	}
	for name, call := range calls {
		for _, id := range badIDs {
			t.Run(name+"/"+id, func(t *testing.T) {
				// A Wait that were sent would poll until the deadline.
				ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
				defer cancel()
				c, m := newMock(t)
				// Whatever is sent is answered, and counted.
				m.RegisterNoResponder(httpmock.NewStringResponder(200,
					`{"id": "x", "status": "FULFILLED", "payload_count": 1, "successful_payload_count": 1}`))
				err := call(ctx, c, id)
				var ve *tasking.ValidationError
				require.ErrorAs(t, err, &ve, "id %q", id)
				assert.Contains(t, ve.Field, "id", "the error names the id, not another field")
				assert.Zero(t, m.GetTotalCallCount(), "id %q: nothing is sent", id)
			})
		}
	}
}

// emptyAnswers are 2xx bodies that hold no resource.
var emptyAnswers = map[string]string{
	"empty":      "",
	"whitespace": " \n\t ",
	"null":       "null",
	"{}":         "{}",
	"all null":   `{"id": null, "name": null, "status": null}`,
}

// TestEmptyAnswerIsADecodeError answers every call that returns one resource
// with a 2xx answer holding none, and expects a *tasking.DecodeError and no
// resource rather than an empty resource and no error.
func TestEmptyAnswerIsADecodeError(t *testing.T) {
	start := mustTime(t, "2025-06-02T00:00:00Z")
	order := &planet.OrderCreateRequest{Name: "a", Geometry: orb.Point{1, 1}, StartTime: start, EndTime: start.AddDate(0, 0, 7)}
	neutral := &tasking.Request{Name: "a", Geometry: orb.Point{1, 1}, Start: start, End: start.AddDate(0, 0, 7)}
	review := &planet.ReviewCreateRequest{Category: planet.ReviewCloudCover, Description: "cloudy"}
	// Each call registers what it needs answered with body and returns what
	// it got.
	calls := map[string]func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error){
		"Orders.Create": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"orders/", 201, body)
			return c.Orders.Create(ctx, order)
		},
		"Orders.Get": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"orders/x/", 200, body)
			return c.Orders.Get(ctx, "x")
		},
		"Orders.Update": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			// An edit answered without the order reads it: the read's answer
			// holds none either.
			m.reply(http.MethodPut, base+"orders/x/", 200, body)
			m.reply(http.MethodGet, base+"orders/x/", 200, body)
			return c.Orders.Update(ctx, "x", &planet.OrderUpdateRequest{Name: "b"})
		},
		"Orders.Wait": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"orders/x/", 200, body)
			return c.Orders.Wait(ctx, "x", fast)
		},
		"Orders.Pricing": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"orders/x/pricing/", 200, body)
			return c.Orders.Pricing(ctx, "x")
		},
		"Captures.Get": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"captures/x/", 200, body)
			return c.Captures.Get(ctx, "x")
		},
		"Captures.Wait": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"captures/x/", 200, body)
			return c.Captures.Wait(ctx, "x", fast)
		},
		"Captures.CreateReview": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"captures/x/reviews/", 201, body)
			return c.Captures.CreateReview(ctx, "x", review)
		},
		"ImagingWindows.Start": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"imaging-windows/search/", 201, body)
			return c.ImagingWindows.Start(ctx, searchRequest(t))
		},
		"ImagingWindows.Search": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"imaging-windows/search/", 201, body)
			return c.ImagingWindows.Search(ctx, searchRequest(t), fast)
		},
		"ImagingWindows.Get": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"imaging-windows/search/x/", 200, body)
			return c.ImagingWindows.Get(ctx, "x")
		},
		"ImagingWindows.Wait": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"imaging-windows/search/x/", 200, body)
			return c.ImagingWindows.Wait(ctx, "x", fast)
		},
		"Bulk.Create": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"bulk/", 201, body)
			return c.Bulk.Create(ctx, &planet.BulkCreateRequest{OrderPayloads: []*planet.OrderCreateRequest{order}})
		},
		"Bulk.Get": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"bulk/x/", 200, body)
			return c.Bulk.Get(ctx, "x")
		},
		"Bulk.Wait": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"bulk/x/", 200, body)
			return c.Bulk.Wait(ctx, "x", fast)
		},
		"OrderHistory.Get": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"order-history/x/", 200, body)
			return c.OrderHistory.Get(ctx, "x")
		},
		"Pricing.Preview": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"pricing/", 200, body)
			return c.Pricing.Preview(ctx, order)
		},
		"Adapter.Submit": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodPost, base+"orders/", 201, body)
			return c.Provider(planet.ProviderDefaults{}).Submit(ctx, neutral)
		},
		"Adapter.Task": func(ctx context.Context, c *planet.Client, m *mock, body []byte) (any, error) {
			m.reply(http.MethodGet, base+"orders/x/", 200, body)
			return c.Provider(planet.ProviderDefaults{}).Task(ctx, "x")
		},
	}
	for name, call := range calls {
		for kind, body := range emptyAnswers {
			t.Run(name+"/"+kind, func(t *testing.T) {
				// A Wait given an empty resource would poll until the deadline.
				ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
				defer cancel()
				c, m := newMock(t)
				got, err := call(ctx, c, m, []byte(body))
				var de *tasking.DecodeError
				require.True(t, errors.As(err, &de), "body %q: got %v, %#v", body, err, got)
				assert.Equal(t, planet.Name, de.Provider)
				assert.GreaterOrEqual(t, de.StatusCode, 200)
				assert.Less(t, de.StatusCode, 300)
				assert.Nil(t, got, "body %q: no resource", body)
			})
		}
	}
}
