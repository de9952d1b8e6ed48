package planet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Page is one page of a Planet listing: the limit/offset envelope
// {"count", "next", "previous", "results"}.
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

// UnmarshalJSON reads the envelope leniently: a bare JSON array is taken as
// one page of results, and members of an unexpected type are ignored.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	*p = Page[T]{}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		p.hasNext = true // a bare array is complete
		return json.Unmarshal(b, &p.Results)
	}
	if len(b) == 0 || b[0] != '{' {
		return errors.New("planet: a list answer is neither a JSON object nor an array")
	}
	var w struct {
		Count    json.RawMessage `json:"count"`
		Next     json.RawMessage `json:"next"`
		Previous json.RawMessage `json:"previous"`
		Results  []T             `json:"results"`
	}
	if err := lenient(json.Unmarshal(b, &w)); err != nil {
		return err
	}
	p.Results = w.Results
	p.hasNext = len(w.Next) > 0
	_ = json.Unmarshal(w.Count, &p.Count)
	_ = json.Unmarshal(w.Next, &p.Next)
	_ = json.Unmarshal(w.Previous, &p.Previous)
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

// lenient drops type mismatches from a JSON decoding error: encoding/json
// fills every other field and reports only the first mismatch, so a member
// whose type Planet changed is left at its zero value instead of failing the
// whole answer.
func lenient(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return nil
	}
	return err
}

// decodeObject checks that b is a JSON object and decodes it into v, a
// pointer to a struct, leniently: when a member cannot be read (a type this
// package guessed wrong, a time in an unexpected format), the members are
// decoded one by one and those that fail are left at their zero value; the
// caller's Raw keeps them.
func decodeObject(what string, b []byte, v any) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("planet: %s is not a JSON object", what)
	}
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		return err
	}
	decodeMembers(members, reflect.ValueOf(v).Elem())
	return nil
}

// decodeMembers decodes each member into the struct field its json tag
// names, following embedded struct pointers (whose type names must be
// exported, such as a local "type Alias Order"), and ignores members that
// fail.
func decodeMembers(members map[string]json.RawMessage, sv reflect.Value) {
	st := sv.Type()
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		fv := sv.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
			if !fv.IsNil() {
				decodeMembers(members, fv.Elem())
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		raw, ok := members[name]
		if !ok {
			continue
		}
		p := reflect.New(f.Type)
		if json.Unmarshal(raw, p.Interface()) == nil {
			fv.Set(p.Elem())
		}
	}
}

// rawCopy returns a copy of b for a Raw field.
func rawCopy(b []byte) json.RawMessage {
	return append(json.RawMessage(nil), bytes.TrimSpace(b)...)
}

// decodeGeometry reads a GeoJSON geometry member; absent and null give nil.
func decodeGeometry(field string, raw json.RawMessage) (orb.Geometry, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	g, err := geo.ParseGeoJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("planet: %s: %w", field, err)
	}
	return g, nil
}

// encodeGeometry writes g as a bare GeoJSON geometry; nil gives nil.
func encodeGeometry(g orb.Geometry) (json.RawMessage, error) {
	if g == nil {
		return nil, nil
	}
	return geo.GeoJSON(g)
}
