package capellatest

import (
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/go-json-experiment/json"
)

// dateKeys are the filters that take date-time intervals.
var dateKeys = map[string]bool{"lastStatusTime": true, "submissionTime": true, "windowOpen": true, "windowClose": true}

// textKeys are the filters that take a TextSearchFilterProperty.
var textKeys = map[string]bool{"taskingrequestName": true, "taskName": true, "repeatrequestName": true,
	"repeatrequestDescription": true}

// resolve returns a request's value for a filter or sort key: the search
// aliases first, then the property at the dotted path.
func resolve(props map[string]any, h capella.StatusHistory, key string) any {
	latest, _ := h.Latest()
	switch key {
	case "lastStatusCode":
		return string(latest.Code)
	case "lastStatusMessage":
		return latest.Message
	case "lastStatusTime":
		if latest.Time.IsZero() {
			return nil
		}
		return latest.Time.UTC().Format(time.RFC3339Nano)
	case "type":
		return lookupPath(props, "collectConstraints.collectMode")
	case "taskIds", "taskingrequestIds":
		return props["taskingrequestId"]
	case "taskName":
		return props["taskingrequestName"]
	case "organizationIds", "organizationId":
		return props["orgId"]
	case "repeatrequestIds":
		return props["repeatrequestId"]
	case "analyticProducts":
		return lookupPath(props, "processingConfig.productTypes")
	}
	return lookupPath(props, key)
}

func lookupPath(m map[string]any, path string) any {
	var cur any = m
	for _, seg := range strings.Split(path, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[seg]
	}
	return cur
}

func asString(x any) string {
	switch v := x.(type) {
	case nil:
		return ""
	case string:
		return v
	case number:
		return string(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	b, _ := json.Marshal(x, jsonOpts)
	return string(b)
}

// compare orders two values: numbers numerically, times in time order, the
// rest as strings.
func compare(a, b any) int {
	sa, sb := asString(a), asString(b)
	if fa, err1 := strconv.ParseFloat(sa, 64); err1 == nil {
		if fb, err2 := strconv.ParseFloat(sb, 64); err2 == nil {
			switch {
			case fa < fb:
				return -1
			case fa > fb:
				return 1
			}
			return 0
		}
	}
	if ta, err1 := time.Parse(time.RFC3339Nano, sa); err1 == nil {
		if tb, err2 := time.Parse(time.RFC3339Nano, sb); err2 == nil {
			return ta.Compare(tb)
		}
	}
	return strings.Compare(sa, sb)
}

// matchFilter applies one filter of a search query. It accepts the spec's
// forms (a value, a list, gt/lt/gte, contains/eq/startsWith, date-time
// intervals, {"contains": [...]}) and those Capella's SDK sends (eq and lte
// operators, operator objects on date-times).
func matchFilter(key string, want any, got any) (bool, *apiError) {
	path := "query." + key
	if dateKeys[key] {
		switch w := want.(type) {
		case string:
			return matchInterval(path, w, asString(got))
		case map[string]any:
			return matchOps(path, w, got)
		}
		return false, invalid(path, "invalid_type", "%s takes a date-time or an interval string", key)
	}
	switch w := want.(type) {
	case string, number, bool:
		if key == "includeRepeatingTasks" {
			return true, nil // handled by the caller
		}
		if list, ok := got.([]any); ok {
			return slices.ContainsFunc(list, func(x any) bool { return asString(x) == asString(w) }), nil
		}
		return asString(got) == asString(w), nil
	case []any:
		for _, x := range w {
			if ok, _ := matchFilter(key, x, got); ok {
				return true, nil
			}
		}
		return false, nil
	case map[string]any:
		if key == "analyticProducts" {
			wanted, ok := w["contains"].([]any)
			if !ok {
				return false, invalid(path, "invalid_type", "analyticProducts takes {\"contains\": [...]}")
			}
			have, _ := got.([]any)
			for _, x := range wanted {
				if !slices.ContainsFunc(have, func(y any) bool { return asString(x) == asString(y) }) {
					return false, nil
				}
			}
			return true, nil
		}
		if textKeys[key] {
			if len(w) != 1 {
				return false, invalid(path, "invalid_type", "%s takes exactly one of contains, eq, startsWith", key)
			}
			g := strings.ToLower(asString(got))
			for op, x := range w {
				s, ok := x.(string)
				if !ok {
					return false, invalid(path, "invalid_type", "%s.%s must be a string", key, op)
				}
				s = strings.ToLower(s)
				switch op {
				case "contains":
					return strings.Contains(g, s), nil
				case "eq":
					return g == s, nil
				case "startsWith":
					return strings.HasPrefix(g, s), nil
				}
				return false, invalid(path, "invalid_type", "unknown text operator %q", op)
			}
		}
		return matchOps(path, w, got)
	}
	return false, invalid(path, "invalid_type", "unsupported filter value for %s", key)
}

func matchOps(path string, ops map[string]any, got any) (bool, *apiError) {
	if len(ops) == 0 {
		return false, invalid(path, "invalid_type", "an operator object needs one operator")
	}
	for op := range ops {
		switch op {
		case "gt", "gte", "lt", "lte", "eq":
		default:
			return false, invalid(path, "invalid_type", "unknown operator %q (gt, lt, gte)", op)
		}
	}
	if got == nil {
		return false, nil
	}
	for op, x := range ops {
		c := compare(got, x)
		var ok bool
		switch op {
		case "gt":
			ok = c > 0
		case "gte":
			ok = c >= 0
		case "lt":
			ok = c < 0
		case "lte": // sent by Capella's SDK; not in the spec
			ok = c <= 0
		case "eq": // sent by Capella's SDK; not in the spec
			ok = c == 0
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// matchInterval matches a date-time against "t", "a/b", "a/.." or "../b".
func matchInterval(path, want, got string) (bool, *apiError) {
	parse := func(s string) (time.Time, *apiError) {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}, invalid(path, "invalid_string", "%q is not an RFC 3339 date-time", s)
		}
		return t, nil
	}
	g, err := time.Parse(time.RFC3339Nano, got)
	from, to, isInterval := strings.Cut(want, "/")
	if !isInterval {
		t, aerr := parse(want)
		if aerr != nil {
			return false, aerr
		}
		return err == nil && g.Equal(t), nil
	}
	if from == ".." && to == ".." {
		return false, invalid(path, "invalid_string", "an interval needs at least one end")
	}
	if err != nil {
		return false, nil
	}
	if from != ".." {
		t, aerr := parse(from)
		if aerr != nil {
			return false, aerr
		}
		if g.Before(t) {
			return false, nil
		}
	}
	if to != ".." {
		t, aerr := parse(to)
		if aerr != nil {
			return false, aerr
		}
		if g.After(t) {
			return false, nil
		}
	}
	return true, nil
}

// includeRepeating reads includeRepeatingTasks as the SDK and Postman use it:
// false (or {"eq": false}, or "false") leaves out tasks spawned by a series.
func includeRepeating(q map[string]any) bool {
	switch x := q["includeRepeatingTasks"].(type) {
	case bool:
		return x
	case string:
		return x != "false"
	case map[string]any:
		if b, ok := x["eq"].(bool); ok {
			return b
		}
	}
	return true
}

type searchable struct {
	props map[string]any
	hist  capella.StatusHistory
	out   any
}

// paging reads page, limit, sort and order from the body, else the URL.
type paging struct {
	page, limit int
	sort, order string
}

func readPaging(r *http.Request, body map[string]any, minLimit, maxLimit, defLimit int) (paging, *apiError) {
	q := r.URL.Query()
	p := paging{page: 1, limit: defLimit, sort: "submissionTime", order: "desc"}
	num := func(key string, def, lo, hi int) (int, *apiError) {
		var s string
		if x, ok := body[key]; ok {
			s = asString(x)
		} else if q.Has(key) {
			s = q.Get(key)
		} else {
			return def, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return 0, badRequest("VALIDATION_ERROR", "%s must be an integer within %d..%d (got %s)", key, lo, hi, s)
		}
		return n, nil
	}
	var err *apiError
	if p.page, err = num("page", 1, 1, math.MaxInt32); err != nil {
		return p, err
	}
	if p.limit, err = num("limit", defLimit, minLimit, maxLimit); err != nil {
		return p, err
	}
	str := func(key, def string) string {
		if x, ok := body[key].(string); ok {
			return x
		}
		if q.Has(key) {
			return q.Get(key)
		}
		return def
	}
	p.sort = str("sort", p.sort)
	p.order = str("order", p.order)
	if !slices.Contains(enumOrder, p.order) {
		return p, badRequest("VALIDATION_ERROR", "order must be asc or desc (got %q)", p.order)
	}
	return p, nil
}

// page sorts and cuts items.
func page(items []searchable, p paging) ([]any, int) {
	sort.SliceStable(items, func(i, j int) bool {
		c := compare(resolve(items[i].props, items[i].hist, p.sort), resolve(items[j].props, items[j].hist, p.sort))
		if p.order == "asc" {
			return c < 0
		}
		return c > 0
	})
	total := (len(items) + p.limit - 1) / p.limit
	lo := min((p.page-1)*p.limit, len(items))
	hi := min(lo+p.limit, len(items))
	out := make([]any, 0, hi-lo)
	for _, it := range items[lo:hi] {
		out = append(out, it.out)
	}
	return out, total
}

// filter keeps the items matching every filter of query, after checking
// the query's shape (so that a bad filter fails even with nothing to match).
func filter(items []searchable, query map[string]any) ([]searchable, *apiError) {
	for _, key := range sortedKeys(query) {
		if key == "includeRepeatingTasks" || key == "resellerId" {
			continue
		}
		if _, err := matchFilter(key, query[key], nil); err != nil {
			return nil, err
		}
	}
	inclRepeating := includeRepeating(query)
	var out []searchable
	for _, it := range items {
		if !inclRepeating && asString(it.props["repeatrequestId"]) != "" {
			continue
		}
		ok := true
		for _, key := range sortedKeys(query) {
			if key == "includeRepeatingTasks" || key == "resellerId" {
				continue
			}
			m, err := matchFilter(key, query[key], resolve(it.props, it.hist, key))
			if err != nil {
				return nil, err
			}
			if !m {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}

func (s *Server) taskItems() []searchable {
	out := make([]searchable, 0, len(s.taskOrder))
	for _, id := range s.taskOrder {
		st := s.tasks[id]
		out = append(out, searchable{props: propsMap(&st.t), hist: st.t.Properties.StatusHistory, out: s.taskView(st, false)})
	}
	return out
}

func searchQuery(body map[string]any, alias string) (map[string]any, *apiError) {
	raw, ok := body["query"]
	if !ok && alias != "" {
		raw, ok = body[alias] // Capella's SDK sends "filter" to the repeat search
	}
	if !ok || raw == nil {
		return map[string]any{}, nil
	}
	q, isObj := raw.(map[string]any)
	if !isObj {
		return nil, badRequest("VALIDATION_ERROR", "query must be an object")
	}
	return q, nil
}

func (s *Server) searchTasks(r *http.Request, _ []string, body []byte) (int, any, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, &apiError{status: http.StatusBadRequest, code: err.code, msg: err.msg}
	}
	p, err := readPaging(r, m, 250, 500, 250)
	if err != nil {
		return 0, nil, err
	}
	q, err := searchQuery(m, "")
	if err != nil {
		return 0, nil, err
	}
	items, err := filter(s.taskItems(), q)
	if err != nil {
		return 0, nil, &apiError{status: http.StatusBadRequest, code: "VALIDATION_ERROR", msg: err.msg}
	}
	res, total := page(items, p)
	return http.StatusOK, map[string]any{"results": res, "currentPage": p.page, "totalPages": total}, nil
}

func (s *Server) pagedTasks(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	p, err := readPaging(r, nil, 5, 500, 25)
	if err != nil {
		return 0, nil, err
	}
	q := map[string]any{}
	for key, field := range map[string]string{"customerId": "userId", "organizationId": "orgId"} {
		if v := r.URL.Query().Get(key); v != "" {
			q[field] = v
		}
	}
	items, err := filter(s.taskItems(), q)
	if err != nil {
		return 0, nil, err
	}
	res, total := page(items, p)
	return http.StatusOK, map[string]any{"results": res, "currentPage": p.page, "totalPages": total}, nil
}

func (s *Server) listTasksByCustomer(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	cust := r.URL.Query().Get("customerId")
	if cust == "" {
		return 0, nil, badRequest("VALIDATION_ERROR", "customerId is required")
	}
	q := map[string]any{"userId": cust}
	if org := r.URL.Query().Get("organizationId"); org != "" {
		q["orgId"] = org
	}
	items, err := filter(s.taskItems(), q)
	if err != nil {
		return 0, nil, err
	}
	p, err := readPaging(r, nil, 1, math.MaxInt32, math.MaxInt32)
	if err != nil {
		return 0, nil, err
	}
	res, _ := page(items, p)
	return http.StatusOK, res, nil
}

func (s *Server) repeatItems() []searchable {
	out := make([]searchable, 0, len(s.repeatOrder))
	for _, id := range s.repeatOrder {
		sr := s.repeats[id]
		b, _ := json.Marshal(sr.r.Properties, jsonOpts)
		var props map[string]any
		_ = json.Unmarshal(b, &props)
		out = append(out, searchable{props: props, hist: sr.r.Properties.StatusHistory, out: s.repeatView(sr)})
	}
	return out
}

func (s *Server) searchRepeats(r *http.Request, _ []string, body []byte) (int, any, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, &apiError{status: http.StatusBadRequest, code: err.code, msg: err.msg}
	}
	p, err := readPaging(r, m, 250, 500, 250)
	if err != nil {
		return 0, nil, err
	}
	q, err := searchQuery(m, "filter")
	if err != nil {
		return 0, nil, err
	}
	items, err := filter(s.repeatItems(), q)
	if err != nil {
		return 0, nil, &apiError{status: http.StatusBadRequest, code: "VALIDATION_ERROR", msg: err.msg}
	}
	res, total := page(items, p)
	return http.StatusOK, map[string]any{"results": res, "currentPage": p.page, "totalPages": total}, nil
}

func (s *Server) listRepeats(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	q := r.URL.Query()
	intParam := func(key string, def int) (int, *apiError) {
		if !q.Has(key) {
			return def, nil
		}
		n, err := strconv.Atoi(q.Get(key))
		if err != nil || n < 0 {
			return 0, badRequest("VALIDATION_ERROR", "%s must be a non-negative integer", key)
		}
		return n, nil
	}
	skip, err := intParam("skip", 0)
	if err != nil {
		return 0, nil, err
	}
	limit, err := intParam("limit", 100)
	if err != nil {
		return 0, nil, err
	}
	filters := map[string]any{}
	if v := q.Get("organizationId"); v != "" {
		filters["orgId"] = v
	}
	if v := q.Get("userId"); v != "" {
		filters["userId"] = v
	}
	items, aerr := filter(s.repeatItems(), filters)
	if aerr != nil {
		return 0, nil, aerr
	}
	// Oldest first, so that offsets stay stable while series are added.
	out := make([]any, 0)
	for i := skip; i < len(items) && i < skip+limit; i++ {
		out = append(out, items[i].out)
	}
	return http.StatusOK, out, nil
}
