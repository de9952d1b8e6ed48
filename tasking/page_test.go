package tasking

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pager serves n pages of 2 items each and counts fetches.
type pager struct {
	pages   int
	fetches int
	failOn  int
}

func (p *pager) fetch(_ context.Context, cursor string) (Page[int], error) {
	p.fetches++
	i := 0
	if cursor != "" {
		i, _ = strconv.Atoi(cursor)
	}
	if p.failOn == i+1 {
		return Page[int]{}, errors.New("boom")
	}
	pg := Page[int]{Items: []int{2 * i, 2*i + 1}}
	if i+1 < p.pages {
		pg.Next = strconv.Itoa(i + 1)
	}
	return pg, nil
}

func TestSeqAllPagesInOrder(t *testing.T) {
	p := &pager{pages: 3}
	got, err := Collect(Seq(context.Background(), p.fetch))
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5}, got)
	assert.Equal(t, 3, p.fetches)
}

func TestSeqErrorOnPage2YieldedOnceAndEnds(t *testing.T) {
	p := &pager{pages: 3, failOn: 2}
	var items []int
	var errs []error
	for it, err := range Seq(context.Background(), p.fetch) {
		if err != nil {
			errs = append(errs, err)
			continue // even if the caller carries on, nothing more comes
		}
		items = append(items, it)
	}
	assert.Equal(t, []int{0, 1}, items)
	require.Len(t, errs, 1)
	assert.ErrorContains(t, errs[0], "page 2: boom")
	assert.Equal(t, 2, p.fetches)
}

func TestSeqBreakStopsFetching(t *testing.T) {
	p := &pager{pages: 100}
	n := 0
	for range Seq(context.Background(), p.fetch) {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 2, p.fetches, "only the pages needed for 3 items")
}

func TestSeqStopsOnCancelledContext(t *testing.T) {
	p := &pager{pages: 100}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []int
	var gotErr error
	for it, err := range Seq(ctx, p.fetch) {
		if err != nil {
			gotErr = err
			break
		}
		got = append(got, it)
		if len(got) == 2 {
			cancel()
		}
	}
	assert.ErrorIs(t, gotErr, context.Canceled)
	assert.Equal(t, []int{0, 1}, got)
	assert.Equal(t, 1, p.fetches)
}

func TestSeqRepeatedCursorIsAnError(t *testing.T) {
	fetches := 0
	loop := func(_ context.Context, cursor string) (Page[int], error) {
		fetches++
		return Page[int]{Items: []int{1}, Next: "same"}, nil
	}
	_, err := Collect(Seq(context.Background(), loop))
	assert.ErrorIs(t, err, ErrPageCycle)
	assert.ErrorContains(t, err, `next cursor "same"`)
	assert.Equal(t, 2, fetches)
}

// Next links that cycle between two pages, or around a cycle far longer than
// the exact memory, end the listing with ErrPageCycle after a bounded number
// of requests.
func TestSeqCycleOfAnyLengthEnds(t *testing.T) {
	for _, tc := range []struct {
		name       string
		prefix     int // pages before the cycle starts
		cycle      int // pages in the cycle
		maxFetches int
	}{
		{"two pages", 0, 2, 3},
		{"back to the second page", 1, 5, 7},
		{"long cycle", 10, 5000, 10 + 4*5000},
		{"cycle after a long prefix", 3000, 3, 3000 + 4*3000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fetches := 0
			fetch := func(_ context.Context, cursor string) (Page[int], error) {
				fetches++
				if fetches > 1_000_000 {
					t.Fatal("the listing did not end")
				}
				i := 0
				if cursor != "" {
					i, _ = strconv.Atoi(cursor)
				}
				next := i + 1
				if next >= tc.prefix+tc.cycle {
					next = tc.prefix
				}
				return Page[int]{Items: []int{i}, Next: strconv.Itoa(next)}, nil
			}
			items, err := Collect(Seq(context.Background(), fetch))
			require.ErrorIs(t, err, ErrPageCycle)
			assert.LessOrEqual(t, fetches, tc.maxFetches)
			assert.GreaterOrEqual(t, len(items), tc.prefix+tc.cycle-1, "every distinct page is read once")
		})
	}
}
