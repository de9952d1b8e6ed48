package tasking

import "context"

// WaitTask follows one task through any Provider until opts.Until holds (by
// default: a terminal status), polling p.Task with the backoff of [Wait].
func WaitTask(ctx context.Context, p Provider, id string, opts *WaitOptions) (*Task, error) {
	return Wait(ctx, func(ctx context.Context) (*Task, error) { return p.Task(ctx, id) },
		func(t *Task) Status { return t.Status }, nil, opts)
}
