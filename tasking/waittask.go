package tasking

import (
	"context"
	"iter"
)

// WaitTask follows one task through any Provider until opts.Until holds (by
// default: a terminal status), polling p.Task with the backoff of [Wait].
// Status events carry the task's neutral status and the provider's raw one,
// and a result the provider may still revise (Task.Revisable) is settled as
// WaitOptions.SettleFor says. When p implements [PollHinter] (a provider
// client made by a simulator does), its delays fill a zero MinDelay or
// MaxDelay.
func WaitTask(ctx context.Context, p Provider, id string, opts *WaitOptions) (*Task, error) {
	var last *Task
	for t, err := range WatchTask(ctx, p, id, opts) {
		if err != nil {
			return t, err
		}
		last = t
	}
	return last, nil
}

// WatchTask is the iterator form of [WaitTask]: it yields the task each time
// its raw status changes.
func WatchTask(ctx context.Context, p Provider, id string, opts *WaitOptions) iter.Seq2[*Task, error] {
	if h, ok := p.(PollHinter); ok {
		opts = opts.WithPollDelays(h.PollDelays())
	}
	fetch := func(ctx context.Context) (*Task, error) { return p.Task(ctx, id) }
	observe := func(t *Task) (StatusEvent, bool) {
		return StatusEvent{Status: t.Status, Raw: t.RawStatus}, t.Revisable
	}
	return watch(ctx, fetch, observe, nil, opts)
}
