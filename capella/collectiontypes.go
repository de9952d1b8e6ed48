package capella

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
)

// CollectionTypeInfo is one entry of GET /collectiontypes/. Capella's spec
// does not declare the entries' shape (items: {}), so only the name is read,
// leniently (from "name", "collectionType" or a bare string, as names_only
// answers are); everything else stays in Raw.
type CollectionTypeInfo struct {
	Name CollectionType
	Raw  json.RawMessage
}

// UnmarshalJSON reads an entry: a string, or an object with a name.
func (c *CollectionTypeInfo) UnmarshalJSON(b []byte) error {
	*c = CollectionTypeInfo{Raw: append(json.RawMessage(nil), b...)}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		c.Name = CollectionType(s)
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil // not an object: keep Raw only
	}
	for _, k := range []string{"name", "collectionType", "collection_type"} {
		var s string
		if json.Unmarshal(m[k], &s) == nil && s != "" {
			c.Name = CollectionType(s)
			break
		}
	}
	return nil
}

// MarshalJSON writes Raw, or the name as a string.
func (c CollectionTypeInfo) MarshalJSON() ([]byte, error) {
	if len(c.Raw) > 0 && json.Valid(c.Raw) {
		return c.Raw, nil
	}
	return json.Marshal(string(c.Name))
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

// List fetches one page of collection types (GET /collectiontypes/).
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

// All iterates over every collection type, one page at a time.
func (s *CollectionTypesService) All(ctx context.Context, opts *CollectionTypeListOptions) iter.Seq2[CollectionTypeInfo, error] {
	return numberedPages(ctx, func(ctx context.Context, page int) (*CollectionTypePage, error) { return s.list(ctx, opts, page) },
		func(p *CollectionTypePage) []CollectionTypeInfo { return p.Results })
}
