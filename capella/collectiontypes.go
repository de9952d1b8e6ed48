package capella

import (
	"context"
	"iter"

	"github.com/eotask/eotask/internal/transport"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// CollectionTypeInfo is one entry of GET /collectiontypes/. Capella's spec
// does not declare the entries' shape (items: {}): an entry is a bare string
// (names_only answers) or an object whose name is read from "name" (or
// "collectionType"); the object's other members are kept in Unknown. Any
// other JSON value is an error.
type CollectionTypeInfo struct {
	Name CollectionType
	// Unknown holds the members of an object entry other than "name", kept
	// as received (Capella does not declare them); nil for a bare-string
	// entry or when there were none.
	Unknown jsontext.Value
}

// collectionTypeObject is an object entry as it is decoded.
type collectionTypeObject struct {
	Name CollectionType `json:"name,omitempty"`
	// Unknown holds the other members, collectionType included.
	Unknown jsontext.Value `json:",embed"`
}

// UnmarshalJSONFrom reads an entry in one pass: a string, or an object with
// a name.
func (c *CollectionTypeInfo) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*c = CollectionTypeInfo{}
	if dec.PeekKind() != '{' {
		return json.UnmarshalDecode(dec, &c.Name)
	}
	var o collectionTypeObject
	if err := json.UnmarshalDecode(dec, &o); err != nil {
		return err
	}
	c.Name, c.Unknown = o.Name, o.Unknown
	if c.Name == "" && len(c.Unknown) > 0 {
		// The alias some answers use; read from the members already kept.
		var alias struct {
			Name CollectionType `json:"collectionType"`
		}
		if json.Unmarshal(c.Unknown, &alias, transport.LenientJSON()) == nil {
			c.Name = alias.Name
		}
	}
	return nil
}

// MarshalJSONTo writes a bare entry as its name, an object entry as the
// object (its name under "name", then Unknown's members).
func (c CollectionTypeInfo) MarshalJSONTo(enc *jsontext.Encoder) error {
	if c.Unknown == nil {
		return enc.WriteToken(jsontext.String(string(c.Name)))
	}
	return json.MarshalEncode(enc, collectionTypeObject(c))
}

// CollectionTypeListOptions are the query of GET /collectiontypes/.
type CollectionTypeListOptions struct {
	Name      string `url:"name,omitempty"`
	NamesOnly bool   `url:"names_only,omitempty"`
	// ActiveOnly defaults to true on Capella's side; set IncludeInactive to
	// send active_only=false.
	IncludeInactive bool `url:"-"`
	Version         int  `url:"version,omitempty"`
	Page            int  `url:"page,omitempty"`
	Limit           int  `url:"limit,omitempty"` // 5..500, default 25; clamped
}

// CollectionTypePage is one page of collection types (schema PagedResponse,
// whose envelope is snake_case).
type CollectionTypePage struct {
	Results     []CollectionTypeInfo `json:"results"`
	CurrentPage int                  `json:"current_page"`
	TotalPages  int                  `json:"total_pages"`
}

// Next returns the number of the page after this one, or 0 on the last page.
func (p *CollectionTypePage) Next() int {
	if p.CurrentPage >= p.TotalPages || p.CurrentPage < 1 {
		return 0
	}
	return p.CurrentPage + 1
}

func (p *CollectionTypePage) place() (int, int) { return p.CurrentPage, p.TotalPages }

// CollectionTypesService lists the collection types an account may use.
type CollectionTypesService struct{ c *Client }

// List fetches one page of collection types: GET /collectiontypes/.
func (s *CollectionTypesService) List(ctx context.Context, opts *CollectionTypeListOptions) (*CollectionTypePage, error) {
	return s.list(ctx, opts, 0)
}

func (s *CollectionTypesService) list(ctx context.Context, opts *CollectionTypeListOptions, page int) (*CollectionTypePage, error) {
	var q CollectionTypeListOptions
	if opts != nil {
		q = *opts
	}
	if page > 0 {
		q.Page = page
	}
	q.Limit = clamp(q.Limit, 5, 500)
	query := struct {
		CollectionTypeListOptions
		ActiveOnly string `url:"active_only,omitempty"`
	}{CollectionTypeListOptions: q}
	if q.IncludeInactive {
		query.ActiveOnly = "false"
	}
	var p CollectionTypePage
	if _, err := s.c.tc.Get(ctx, "collectiontypes/", query, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// All iterates over every collection type, one page at a time:
// GET /collectiontypes/.
func (s *CollectionTypesService) All(ctx context.Context, opts *CollectionTypeListOptions) iter.Seq2[CollectionTypeInfo, error] {
	return numberedPages(ctx, func(ctx context.Context, page int) (*CollectionTypePage, error) { return s.list(ctx, opts, page) },
		func(p *CollectionTypePage) []CollectionTypeInfo { return p.Results })
}
