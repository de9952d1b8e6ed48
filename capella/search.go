package capella

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// TextFilter matches a text property, case-insensitively (schema
// TextSearchFilterProperty). Set exactly one field.
type TextFilter struct {
	Contains   string `json:"contains,omitempty"`
	Eq         string `json:"eq,omitempty"`
	StartsWith string `json:"startsWith,omitempty"`
}

func (f *TextFilter) check(field string) error {
	if f == nil {
		return nil
	}
	n := 0
	for _, v := range []string{f.Contains, f.Eq, f.StartsWith} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return tasking.Invalid("query."+field, "set exactly one of contains, eq and startsWith")
	}
	return nil
}

// TimeRange filters a date-time property by an interval (schema
// DateTimeSearchFilterProperty): From alone is "from/..", To alone "../to",
// both "from/to". The zero TimeRange does not filter.
type TimeRange struct {
	From, To time.Time
}

func (r TimeRange) wire() string {
	f, t := "..", ".."
	if !r.From.IsZero() {
		f = r.From.UTC().Format(time.RFC3339)
	}
	if !r.To.IsZero() {
		t = r.To.UTC().Format(time.RFC3339)
	}
	return f + "/" + t
}

// Comparison filters a property with one operator (schema
// SearchQueryOperators): exactly one of GT, LT, GTE.
type Comparison struct {
	GT  string `json:"gt,omitempty"`
	LT  string `json:"lt,omitempty"`
	GTE string `json:"gte,omitempty"`
}

// CommonQuery holds the filters tasking-request and repeat-request searches
// share (schema CommonSearchQueryProperties). Filters combine with AND; a
// list of values matches any of them. Empty fields do not filter.
type CommonQuery struct {
	LastStatusCode    []RequestStatus   // lastStatusCode: the current status
	LastStatusMessage []string          // lastStatusMessage, exact
	LastStatusTime    TimeRange         // lastStatusTime
	CollectMode       []CollectMode     // "type", an alias of collectConstraints.collectMode
	SubmissionTime    TimeRange         // submissionTime
	RepeatRequestID   []string          // repeatrequestId
	TaskingRequestIDs []string          // taskingrequestIds
	UserID            []string          // userId
	OrganizationIDs   []string          // organizationIds
	OrganizationID    []string          // organizationId
	WindowDuration    *Comparison       // windowDuration, seconds
	ArchiveHoldback   []ArchiveHoldback // archiveHoldback
	ResellerID        []string          // resellerId
	AnalyticProducts  []string          // analyticProducts: all must be present
	// Extra filters any other property by its dotted path (for example
	// "collectionType" or "collectConstraints.imageLength"); values are sent
	// as given.
	Extra map[string]any
}

// TaskSearchQuery is the query of a tasking-request search (schema
// TaskingRequestSearchQuery).
type TaskSearchQuery struct {
	CommonQuery
	CollectionTier []CollectionTier // collectionTier
	Name           *TextFilter      // taskingrequestName
	TaskName       *TextFilter      // taskName
	TaskIDs        []string         // taskIds
	WindowOpen     TimeRange        // windowOpen
	WindowClose    TimeRange        // windowClose
}

// RepeatSearchQuery is the query of a repeat-request search (schema
// RepeatRequestSearchQuery).
type RepeatSearchQuery struct {
	CommonQuery
	CollectionTier []RepeatTier // collectionTier
	Name           *TextFilter  // repeatrequestName
	Description    *TextFilter  // repeatrequestDescription
}

// anyOf writes one value as a string (equality) and several as an array
// (membership), the two forms of SearchFilterProperty.
func anyOf[S ~string](m map[string]any, key string, vs []S) {
	switch len(vs) {
	case 0:
	case 1:
		m[key] = string(vs[0])
	default:
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = string(v)
		}
		m[key] = out
	}
}

func interval(m map[string]any, key string, r TimeRange) {
	if !r.From.IsZero() || !r.To.IsZero() {
		m[key] = r.wire()
	}
}

func (q *CommonQuery) wire() (map[string]any, error) {
	m := map[string]any{}
	for k, v := range q.Extra {
		m[k] = v
	}
	anyOf(m, "lastStatusCode", q.LastStatusCode)
	anyOf(m, "lastStatusMessage", q.LastStatusMessage)
	interval(m, "lastStatusTime", q.LastStatusTime)
	anyOf(m, "type", q.CollectMode)
	interval(m, "submissionTime", q.SubmissionTime)
	anyOf(m, "repeatrequestId", q.RepeatRequestID)
	anyOf(m, "taskingrequestIds", q.TaskingRequestIDs)
	anyOf(m, "userId", q.UserID)
	anyOf(m, "organizationIds", q.OrganizationIDs)
	anyOf(m, "organizationId", q.OrganizationID)
	if c := q.WindowDuration; c != nil {
		n := 0
		for _, v := range []string{c.GT, c.LT, c.GTE} {
			if v != "" {
				n++
			}
		}
		if n != 1 {
			return nil, tasking.Invalid("query.windowDuration", "set exactly one of gt, lt and gte")
		}
		m["windowDuration"] = c
	}
	anyOf(m, "archiveHoldback", q.ArchiveHoldback)
	anyOf(m, "resellerId", q.ResellerID)
	if len(q.AnalyticProducts) > 0 {
		m["analyticProducts"] = map[string][]string{"contains": q.AnalyticProducts}
	}
	return m, nil
}

func (q *TaskSearchQuery) wire() (map[string]any, error) {
	m, err := q.CommonQuery.wire()
	if err != nil {
		return nil, err
	}
	anyOf(m, "collectionTier", q.CollectionTier)
	for field, f := range map[string]*TextFilter{"taskingrequestName": q.Name, "taskName": q.TaskName} {
		if err := f.check(field); err != nil {
			return nil, err
		}
		if f != nil {
			m[field] = f
		}
	}
	anyOf(m, "taskIds", q.TaskIDs)
	interval(m, "windowOpen", q.WindowOpen)
	interval(m, "windowClose", q.WindowClose)
	return m, nil
}

func (q *RepeatSearchQuery) wire() (map[string]any, error) {
	m, err := q.CommonQuery.wire()
	if err != nil {
		return nil, err
	}
	anyOf(m, "collectionTier", q.CollectionTier)
	for field, f := range map[string]*TextFilter{"repeatrequestName": q.Name, "repeatrequestDescription": q.Description} {
		if err := f.check(field); err != nil {
			return nil, err
		}
		if f != nil {
			m[field] = f
		}
	}
	return m, nil
}

// Paging is the paging and sorting of a search (schema
// PaginationAndSortOperators). Zero fields take this package's defaults: page
// 1, limit 250, sort submissionTime, order desc. Limit is clamped to Capella's
// 250..500.
type Paging struct {
	Page  int
	Limit int
	Sort  string // a property key, dotted for nesting (e.g. windowOpen)
	Order SortOrder
}

type pagingWire struct {
	Page  int       `json:"page"`
	Limit int       `json:"limit"`
	Sort  string    `json:"sort"`
	Order SortOrder `json:"order"`
}

func (p Paging) wire(page int) pagingWire {
	w := pagingWire(p)
	if page > 0 {
		w.Page = page
	}
	if w.Page < 1 {
		w.Page = 1
	}
	if w.Limit == 0 {
		w.Limit = 250
	}
	w.Limit = clamp(w.Limit, 250, 500)
	if w.Sort == "" {
		w.Sort = "submissionTime"
	}
	if w.Order == "" {
		w.Order = SortDesc
	}
	return w
}

func (w pagingWire) values() url.Values {
	return url.Values{"page": {strconv.Itoa(w.Page)}, "limit": {strconv.Itoa(w.Limit)},
		"sort": {w.Sort}, "order": {string(w.Order)}}
}

// searchBody is {"query": …, "page", "limit", "sort", "order"}: the paging
// goes in the body and, from pagingWire.values, in the URL.
type searchBody struct {
	Query map[string]any `json:"query"`
	pagingWire
}

// TaskSearchRequest is a tasking-request search (POST /tasks/search).
type TaskSearchRequest struct {
	Query TaskSearchQuery
	Paging
	// ExcludeRepeatChildren drops tasks spawned by a repeat request from the
	// results on the client. (The spec's includeRepeatingTasks filter is
	// described inversely to its name; this package does not rely on it.)
	ExcludeRepeatChildren bool
}

// RepeatSearchRequest is a repeat-request search (POST
// /repeat-requests/search/).
type RepeatSearchRequest struct {
	Query RepeatSearchQuery
	Paging
}

// search runs one page (0: the one paging names) of the search at path,
// the query from query, and decodes the answer into out. Paging and sorting
// go both in the URL and in the body, as the spec declares them in both
// places.
func (c *Client) search(ctx context.Context, path string, query func() (map[string]any, error), paging Paging,
	page int, out any) error {
	q, err := query()
	if err != nil {
		return err
	}
	w := paging.wire(page)
	_, err = c.tc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, Query: w.values(),
		Body: &searchBody{Query: q, pagingWire: w}}, out)
	return err
}

// nextPage is the number of the page after page cur of total, or 0 on the
// last page (or when cur is not a page number).
func nextPage(cur, total int) int {
	if cur >= total || cur < 1 {
		return 0
	}
	return cur + 1
}

// nextSkip is where the page after one that started at skip and held n
// items starts, or 0 when it was the last: a page shorter than limit.
func nextSkip(skip, limit, n int) int {
	if n < limit {
		return 0
	}
	return skip + n
}

// offsetPages iterates over a listing paged by offset, one page of limit
// items at a time from skip, through tasking.Seq with the offset as the
// cursor: fetch reads the page that starts at its skip, and a page shorter
// than limit is the last.
func offsetPages[T any](ctx context.Context, skip, limit int, fetch func(ctx context.Context, skip int) ([]T, error)) iter.Seq2[T, error] {
	return tasking.Seq(ctx, func(ctx context.Context, cursor string) (tasking.Page[T], error) {
		at := skip
		if cursor != "" {
			at, _ = strconv.Atoi(cursor)
		}
		items, err := fetch(ctx, at)
		if err != nil {
			return tasking.Page[T]{}, err
		}
		out := tasking.Page[T]{Items: items}
		if next := nextSkip(at, limit, len(items)); next > 0 {
			out.Next = strconv.Itoa(next)
		}
		return out, nil
	})
}

// numbered is one page of a listing paged by number: place returns the page
// it says it is and how many pages it says there are.
type numbered interface{ place() (current, total int) }

// numberedPages iterates over a listing paged by page number, one page at a
// time, through tasking.Seq with the page number as the cursor: fetch reads a
// page (0 meaning the one the options name) and items picks its entries.
//
// The server's paging data is trusted only so far that the iteration always
// ends. An answer to page n must say it is page n (one that points elsewhere,
// such as back at an earlier page, is an error); the following page is n+1;
// and the number of pages is the one the first answer reports, which later
// answers may lower but never raise, so a total that keeps growing still
// ends. An answer without a current page is the last.
func numberedPages[T any, P numbered](ctx context.Context, fetch func(ctx context.Context, page int) (P, error),
	items func(P) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		last := 0 // the last page to read, from the first answer
		pages := tasking.Seq(ctx, func(ctx context.Context, cursor string) (tasking.Page[T], error) {
			asked, _ := strconv.Atoi(cursor)
			p, err := fetch(ctx, asked)
			if err != nil {
				return tasking.Page[T]{}, err
			}
			cur, total := p.place()
			switch {
			case cur < 1:
				return tasking.Page[T]{Items: items(p)}, nil
			case asked > 0 && cur != asked:
				return tasking.Page[T]{}, fmt.Errorf("capella: asked for page %d, the server answered page %d: %w", asked, cur, tasking.ErrPageCycle)
			case asked == 0:
				last = total
			default:
				last = min(last, total)
			}
			out := tasking.Page[T]{Items: items(p)}
			if cur < last {
				out.Next = strconv.Itoa(cur + 1)
			}
			return out, nil
		})
		for v, err := range pages {
			if !yield(v, err) {
				return
			}
		}
	}
}
