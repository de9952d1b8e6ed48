package planettest

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// filters gathers Django-filter style predicates from a query, and the 400
// field errors of values that do not parse.
type filters[T any] struct {
	q     url.Values
	preds []func(T) bool
	errs  map[string][]string
}

func newFilters[T any](q url.Values) *filters[T] {
	return &filters[T]{q: q, errs: map[string][]string{}}
}

// parseQueryTime reads a date-time (RFC 3339) or a date.
func parseQueryTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", v)
}

// times adds field, field__gt, __gte, __lt and __lte on a time.
func (f *filters[T]) times(field string, get func(T) time.Time) {
	cmps := []struct {
		suffix string
		ok     func(a, b time.Time) bool
	}{
		{"", func(a, b time.Time) bool { return a.Equal(b) }},
		{"__gt", func(a, b time.Time) bool { return a.After(b) }},
		{"__gte", func(a, b time.Time) bool { return !a.Before(b) }},
		{"__lt", func(a, b time.Time) bool { return a.Before(b) }},
		{"__lte", func(a, b time.Time) bool { return !a.After(b) }},
	}
	for _, c := range cmps {
		key := field + c.suffix
		v := f.q.Get(key)
		if v == "" {
			continue
		}
		t, err := parseQueryTime(v)
		if err != nil {
			f.errs[key] = append(f.errs[key], "Enter a valid date/time.")
			continue
		}
		ok := c.ok
		f.preds = append(f.preds, func(x T) bool {
			xt := get(x)
			return !xt.IsZero() && ok(xt, t)
		})
	}
}

// ints adds field, field__gt, __gte, __lt and __lte on an integer.
func (f *filters[T]) ints(field string, get func(T) int) {
	cmps := []struct {
		suffix string
		ok     func(a, b int) bool
	}{
		{"", func(a, b int) bool { return a == b }},
		{"__gt", func(a, b int) bool { return a > b }},
		{"__gte", func(a, b int) bool { return a >= b }},
		{"__lt", func(a, b int) bool { return a < b }},
		{"__lte", func(a, b int) bool { return a <= b }},
	}
	for _, c := range cmps {
		key := field + c.suffix
		v := f.q.Get(key)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			f.errs[key] = append(f.errs[key], "Enter a number.")
			continue
		}
		ok := c.ok
		f.preds = append(f.preds, func(x T) bool { return ok(get(x), n) })
	}
}

// choice adds field=<v> and field__in=<a>,<b> (comma lists, or the key
// repeated) on an enum, refusing values outside allowed.
func (f *filters[T]) choice(field string, allowed []string, get func(T) string) {
	for _, key := range []string{field, field + "__in"} {
		raw := f.q[key]
		if len(raw) == 0 {
			continue
		}
		var want []string
		for _, r := range raw {
			for _, v := range strings.Split(r, ",") {
				if v = strings.TrimSpace(v); v != "" {
					want = append(want, v)
				}
			}
		}
		bad := false
		for _, v := range want {
			if !contains(allowed, v) {
				f.errs[key] = append(f.errs[key], fmt.Sprintf("Select a valid choice. %s is not one of the available choices.", v))
				bad = true
			}
		}
		if bad || len(want) == 0 {
			continue
		}
		f.preds = append(f.preds, func(x T) bool { return contains(want, get(x)) })
	}
}

// exact adds field=<v> on a string.
func (f *filters[T]) exact(field string, get func(T) string) {
	if v := f.q.Get(field); v != "" {
		f.preds = append(f.preds, func(x T) bool { return get(x) == v })
	}
}

// icontains adds field__icontains=<v>.
func (f *filters[T]) icontains(field string, get func(T) string) {
	if v := f.q.Get(field + "__icontains"); v != "" {
		v = strings.ToLower(v)
		f.preds = append(f.preds, func(x T) bool { return strings.Contains(strings.ToLower(get(x)), v) })
	}
}

// boolean adds field=true|false.
func (f *filters[T]) boolean(field string, get func(T) bool) {
	v := f.q.Get(field)
	if v == "" {
		return
	}
	var want bool
	switch strings.ToLower(v) {
	case "true", "1":
		want = true
	case "false", "0":
	default:
		f.errs[field] = append(f.errs[field], "Select a valid choice.")
		return
	}
	f.preds = append(f.preds, func(x T) bool { return get(x) == want })
}

// apply keeps the items every predicate accepts.
func (f *filters[T]) apply(items []T) []T {
	out := make([]T, 0, len(items))
next:
	for _, it := range items {
		for _, p := range f.preds {
			if !p(it) {
				continue next
			}
		}
		out = append(out, it)
	}
	return out
}

// serve answers a listing: 400 with the field errors of the filters whose
// values did not parse, or else one page of the items of all the filters
// accept, ordered by the query's "ordering" (default "-created_time") over
// keys, ties in creation order (seq).
func (f *filters[T]) serve(c *call, all []T, keys map[string]func(T) any, seq func(T) int, encode func(T) any) {
	if len(f.errs) > 0 {
		writeFields(c.w, f.errs)
		return
	}
	items := f.apply(all)
	sortBy(items, f.q.Get("ordering"), "-created_time", keys, seq)
	paginate(c, items, encode)
}

func contains(list []string, v string) bool {
	for _, l := range list {
		if l == v {
			return true
		}
	}
	return false
}

// sortBy orders items by the query's "ordering" (a comma list, "-" for
// descending) or def, with unknown fields ignored as Django REST does; ties
// keep creation order in the direction of the first key.
func sortBy[T any](items []T, ordering, def string, keys map[string]func(T) any, seq func(T) int) {
	if ordering == "" {
		ordering = def
	}
	type key struct {
		get  func(T) any
		desc bool
	}
	var ks []key
	for _, f := range strings.Split(ordering, ",") {
		f = strings.TrimSpace(f)
		desc := strings.HasPrefix(f, "-")
		if get, ok := keys[strings.TrimPrefix(f, "-")]; ok {
			ks = append(ks, key{get, desc})
		}
	}
	tieDesc := len(ks) > 0 && ks[0].desc
	sort.SliceStable(items, func(i, j int) bool {
		for _, k := range ks {
			c := compare(k.get(items[i]), k.get(items[j]))
			if c != 0 {
				return (c < 0) != k.desc
			}
		}
		if tieDesc {
			return seq(items[i]) > seq(items[j])
		}
		return seq(items[i]) < seq(items[j])
	})
}

func compare(a, b any) int {
	switch x := a.(type) {
	case string:
		return strings.Compare(x, b.(string))
	case time.Time:
		return x.Compare(b.(time.Time))
	case int:
		y := b.(int)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	case float64:
		y := b.(float64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// pageOf is the limit/offset envelope.
type pageOf struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []any   `json:"results"`
}

// paginate answers one page of items with Planet's envelope. Invalid limit
// and offset values fall back to the defaults, as Django REST does.
func paginate[T any](c *call, items []T, encode func(T) any) {
	q := c.r.URL.Query()
	limit := c.s.cfg.defaultLimit
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		limit = min(n, c.s.cfg.maxLimit)
	}
	offset := 0
	if n, err := strconv.Atoi(q.Get("offset")); err == nil && n > 0 {
		offset = n
	}
	p := pageOf{Count: len(items), Results: []any{}}
	for i := offset; i < len(items) && i < offset+limit; i++ {
		p.Results = append(p.Results, encode(items[i]))
	}
	link := func(off int) *string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("limit", strconv.Itoa(limit))
		if off > 0 {
			v.Set("offset", strconv.Itoa(off))
		} else {
			v.Del("offset")
		}
		s := "http://" + c.r.Host + c.r.URL.Path + "?" + v.Encode()
		return &s
	}
	if offset+limit < len(items) {
		p.Next = link(offset + limit)
	}
	if offset > 0 {
		p.Previous = link(max(0, offset-limit))
	}
	writeJSON(c.w, 200, p)
}
