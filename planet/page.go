package planet

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Page is one page of a Planet listing: the limit/offset envelope
// {"count", "next", "previous", "results"}. It is decoded in one pass from
// the connection, item by item; nothing of the answer is kept beyond the
// decoded items.
type Page[T any] struct {
	// Count is the number of items matching the query across all pages.
	Count int `json:"count"`
	// Next is the absolute URL of the next page; empty on the last page.
	Next string `json:"next"`
	// Previous is the absolute URL of the previous page; empty on the first.
	Previous string `json:"previous"`
	// Results holds this page's items.
	Results []T `json:"results"`

	hasNext bool   // the answer carried a "next" member (even null)
	self    string // the URL this page was read from
}

// pageWire is the envelope as sent. Members are strict: a count that is not
// a number, or a link that is not a string or null, is a decoding error
// naming its path.
type pageWire[T any] struct {
	Count    int    `json:"count"`
	Next     link   `json:"next"`
	Previous string `json:"previous"`
	Results  []T    `json:"results"`
}

// link is a "next" URL that remembers whether the member was sent at all:
// without one the next page is worked out from limit and offset.
type link struct {
	url  string
	sent bool
}

// UnmarshalJSONFrom reads a URL or null.
func (l *link) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	l.sent = true
	return json.UnmarshalDecode(dec, &l.url)
}

// UnmarshalJSONFrom reads the envelope, or a bare JSON array taken as one
// complete page of results.
func (p *Page[T]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*p = Page[T]{}
	switch k := dec.PeekKind(); k {
	case jsontext.KindBeginArray:
		p.hasNext = true // a bare array is complete
		return json.UnmarshalDecode(dec, &p.Results)
	case jsontext.KindBeginObject:
	default:
		if err := dec.SkipValue(); err != nil {
			return err
		}
		return fmt.Errorf("a list answer must be a JSON object or array, got %v", k)
	}
	var w pageWire[T]
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	p.Count, p.Next, p.Previous, p.Results, p.hasNext = w.Count, w.Next.url, w.Previous, w.Results, w.Next.sent
	return nil
}

// NextOffset returns the offset of the next page, read from Next (or, when
// the answer carried no "next" member at all, worked out from the request's
// limit and offset), and false on the last page.
func (p *Page[T]) NextOffset() (int, bool) {
	next := p.nextURL()
	if next == "" {
		return 0, false
	}
	u, err := url.Parse(next)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(u.Query().Get("offset"))
	return n, err == nil
}

// nextURL is the cursor of the page after p: Next when the server sent the
// member, otherwise the same URL with offset moved by limit while pages come
// back full.
func (p *Page[T]) nextURL() string {
	if p.hasNext || p.self == "" {
		return p.Next
	}
	u, err := url.Parse(p.self)
	if err != nil {
		return ""
	}
	q := u.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	n := len(p.Results)
	switch {
	case n == 0:
		return ""
	case limit > 0 && n < limit:
		return ""
	case limit == 0 && (p.Count == 0 || offset+n >= p.Count):
		return ""
	}
	q.Set("offset", strconv.Itoa(offset+n))
	u.RawQuery = q.Encode()
	return u.String()
}

// pageURL builds the absolute URL of path beneath the base with opts as query.
func (c *Client) pageURL(path string, opts any) (string, error) {
	u := c.t.BaseURL()
	ref, err := url.Parse(path)
	if err != nil {
		return "", fmt.Errorf("planet: %w", err)
	}
	u = u.ResolveReference(ref)
	if opts != nil {
		vals, err := transport.EncodeQuery(opts)
		if err != nil {
			return "", fmt.Errorf("planet: %w", err)
		}
		u.RawQuery = vals.Encode()
	}
	return u.String(), nil
}

// getPage reads one page from an absolute URL on the API host.
func getPage[T any](ctx context.Context, c *Client, rawURL string) (*Page[T], error) {
	var p Page[T]
	if _, err := c.t.Do(ctx, &transport.Request{Method: http.MethodGet, Path: rawURL}, &p); err != nil {
		return nil, err
	}
	p.self = rawURL
	return &p, nil
}

// listPage reads the first page of path with opts.
func listPage[T any](ctx context.Context, c *Client, path string, opts any) (*Page[T], error) {
	u, err := c.pageURL(path, opts)
	if err != nil {
		return nil, err
	}
	return getPage[T](ctx, c, u)
}

// listAll iterates over every item of every page of path with opts, holding
// one page at a time.
func listAll[T any](ctx context.Context, c *Client, path string, opts any) iter.Seq2[T, error] {
	return tasking.Seq(ctx, func(ctx context.Context, cursor string) (tasking.Page[T], error) {
		if cursor == "" {
			var err error
			if cursor, err = c.pageURL(path, opts); err != nil {
				return tasking.Page[T]{}, err
			}
		}
		p, err := getPage[T](ctx, c, cursor)
		if err != nil {
			return tasking.Page[T]{}, err
		}
		return tasking.Page[T]{Items: p.Results, Next: p.nextURL()}, nil
	})
}
