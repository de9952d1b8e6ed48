// Package adapter holds the glue the four provider packages' neutral
// adapters (planet.Adapter, satellogic.Adapter, clearsky.Adapter,
// capella.Adapter) share: turning a provider's answer into a neutral task,
// and a provider's listing into the neutral tasks a tasking.Filter selects.
// Each provider keeps its own Adapter type and exported methods; their
// bodies call these.
package adapter

import (
	"iter"

	"github.com/eotask/eotask/tasking"
)

// Resource is a provider's main resource: it has a neutral view.
type Resource interface {
	Neutral() *tasking.Task
}

// Neutral returns r's neutral view, or err when err is not nil: the answer
// of a Submit, Task, Approve or Reject, from a service call's (r, err).
func Neutral[R Resource](r R, err error) (*tasking.Task, error) {
	if err != nil {
		return nil, err
	}
	return r.Neutral(), nil
}

// Err returns the error of a service call whose value the adapter does not
// use, such as a Cancel that returns the resource as it stands.
func Err[R any](_ R, err error) error { return err }

// Tasks returns the neutral views of the resources all yields that f
// matches (a nil f matches all). A resource whose view is nil (a null entry
// of a listing) is skipped; the first error is yielded and ends the
// iteration.
func Tasks[R Resource](all iter.Seq2[R, error], f *tasking.Filter) iter.Seq2[*tasking.Task, error] {
	return views(all, R.Neutral, f.Match)
}

// Capture is a provider's capture resource: it has a neutral view.
type Capture interface {
	Neutral() *tasking.Capture
}

// Captures returns the neutral views of the captures all yields, with the
// rules of Tasks (nil views skipped, the first error ends it).
func Captures[C Capture](all iter.Seq2[C, error]) iter.Seq2[*tasking.Capture, error] {
	return views(all, C.Neutral, func(*tasking.Capture) bool { return true })
}

// Fail yields err alone: the iterator of a call refused before any request
// (a bad id).
func Fail[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// views maps all through view, keeping the non-nil views keep accepts.
func views[R any, V any](all iter.Seq2[R, error], view func(R) *V, keep func(*V) bool) iter.Seq2[*V, error] {
	return func(yield func(*V, error) bool) {
		for r, err := range all {
			if err != nil {
				yield(nil, err)
				return
			}
			v := view(r)
			if v == nil || !keep(v) {
				continue
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// None yields nothing: the answer to a filter no provider status maps onto.
func None(func(*tasking.Task, error) bool) {}
