package tasking

import (
	"context"
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
// or when ctx ends (yielding ctx's error). A cursor that repeats the one just
// fetched is reported as an error rather than followed forever.
func Pages[T any](ctx context.Context, fetch PageFunc[T]) iter.Seq2[Page[T], error] {
	return func(yield func(Page[T], error) bool) {
		cursor := ""
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
			if p.Next == cursor {
				yield(Page[T]{}, fmt.Errorf("page %d: the server returned the same cursor %q again", n, cursor))
				return
			}
			cursor = p.Next
		}
	}
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
