package tasking

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// Page is one page of a listing: its items and the cursor of the page after
// it. An empty Next means this is the last page. What a cursor holds (a next
// URL, an offset, a page token) is the provider package's business.
type Page[T any] struct {
	Items []T
	Next  string
}

// PageFunc fetches the page that cursor points at; the empty cursor is the
// first page.
type PageFunc[T any] func(ctx context.Context, cursor string) (Page[T], error)

// Pages returns an iterator over the pages fetch produces, starting at the
// first. It fetches lazily, one page at a time, and stops after the last page,
// when the caller breaks, at the first error (yielded once, with a zero page),
// or when ctx ends (yielding ctx's error).
//
// A server whose cursors lead back to a page already fetched in the same
// iteration (a next link that cycles between two pages, or among many) ends
// the iteration with an error matching ErrPageCycle instead of being followed
// forever. The last maxSeenCursors cursors are remembered exactly; beyond
// that, Brent's cycle detection (one remembered cursor, moved at doubling
// intervals) still ends a cycle of any length, in at most a few times its
// length of extra pages, with memory that does not grow.
func Pages[T any](ctx context.Context, fetch PageFunc[T]) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		cursor := ""
		var cycles cycleDetector
		for n := 1; ; n++ {
			if err := ctx.Err(); err != nil {
				yield(Page[T]{}, err)
				return
			}
			p, err := fetch(ctx, cursor)
			if err != nil {
				yield(Page[T]{}, fmt.Errorf("page %d: %w", n, err))
				return
			}
			if !yield(p, nil) || p.Next == "" {
				return
			}
			if p.Next == cursor || cycles.seen(p.Next) {
				yield(Page[T]{}, fmt.Errorf("page %d: %w: the server's next cursor %q points at a page this listing already fetched",
					n, ErrPageCycle, p.Next))
				return
			}
			cursor = p.Next
		}
	}
}

// ErrPageCycle is matched by the error that ends a listing whose pages lead
// back to a page already fetched.
var ErrPageCycle = errors.New("pagination cycle")

// maxSeenCursors is how many cursors a listing remembers exactly.
const maxSeenCursors = 1024

// cycleDetector remembers the first maxSeenCursors cursors of a listing,
// then falls back to Brent's algorithm: a checkpoint cursor compared with
// every new one and moved forward at doubling intervals, which meets any
// cycle within about twice its length.
type cycleDetector struct {
	exact      map[string]struct{}
	checkpoint string
	power      int
	steps      int
}

// seen records cursor and reports whether this listing has had it before.
func (d *cycleDetector) seen(cursor string) bool {
	if _, ok := d.exact[cursor]; ok {
		return true
	}
	if len(d.exact) < maxSeenCursors {
		if d.exact == nil {
			d.exact = make(map[string]struct{})
		}
		d.exact[cursor] = struct{}{}
		return false
	}
	if cursor == d.checkpoint {
		return true
	}
	d.steps++
	if d.power == 0 || d.steps >= d.power {
		d.checkpoint, d.steps = cursor, 0
		d.power = max(1, 2*d.power)
	}
	return false
}

// Seq returns an iterator over every item of every page fetch produces, with
// the stopping rules of [Pages]: only one page is held in memory at a time.
// An error is yielded once, with the zero T, and ends the iteration.
func Seq[T any](ctx context.Context, fetch PageFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for p, err := range Pages(ctx, fetch) {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range p.Items {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// Collect drains seq into a slice, stopping at the first error, which it
// returns with the items read so far. It is meant for tests and small lists;
// ranging over the sequence keeps memory at one page.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for it, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, it)
	}
	return out, nil
}
