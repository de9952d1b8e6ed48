package tasking

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// TaskRef names one task to watch. RawStatus, if set, is the last status the
// caller saw (for example stored before a restart): the watch then reports a
// change only when the provider's status differs from it.
type TaskRef struct {
	Provider  string
	ID        string
	RawStatus string // last raw status seen, if any
	Status    Status // last neutral status seen, if any
}

// Change is one observed status change of a watched task.
type Change struct {
	Provider string
	ID       string
	// Prev is the status before the change; on a task's first observation it
	// is the TaskRef's last known status (zero when the ref gave none).
	Prev StatusEvent
	Next StatusEvent
	Task *Task // the task as fetched
	// Done is true when this is the task's last change: it is terminal and has
	// left the watch.
	Done bool
}

// WatchError is a failure to poll one task. The watch keeps going; a task
// the provider no longer knows (ErrNotFound) leaves the watch.
type WatchError struct {
	Provider string
	ID       string
	Err      error
}

// Error names the task and the cause.
func (e *WatchError) Error() string { return fmt.Sprintf("watch %s/%s: %v", e.Provider, e.ID, e.Err) }

// Unwrap returns the cause.
func (e *WatchError) Unwrap() error { return e.Err }

// Budget is a provider's request allowance: Limit requests per second with a
// burst of Burst.
type Budget struct {
	Limit rate.Limit
	Burst int
}

// Watcher defaults.
const (
	DefaultWatchInterval = time.Minute
	DefaultWatchWorkers  = 4
	// DefaultPollTimeout bounds one poll of one task.
	DefaultPollTimeout = 30 * time.Second
)

// maxPollBackoff caps how many intervals a failing task waits between polls.
const maxPollBackoff = 16

// DefaultBudget returns the per-provider request budget a Watcher uses when
// none is set: 5 requests per second, burst 5.
func DefaultBudget() Budget { return Budget{Limit: 5, Burst: 5} }

// Watcher follows many tasks across providers at once. For each provider it
// runs a fixed number of workers under that provider's request budget, so the
// number of goroutines and the request rate stay bounded however many tasks
// are watched. A Watcher's fields must not change while it is in use.
type Watcher struct {
	// Providers are the providers whose tasks may be watched, by Name.
	Providers []Provider
	// Interval is how long after one poll of a task the next is due (default
	// DefaultWatchInterval).
	Interval time.Duration
	// Workers is the number of concurrent polls per provider (default
	// DefaultWatchWorkers).
	Workers int
	// Budgets sets each provider's request budget by name; a provider not in
	// the map gets DefaultBudget.
	Budgets map[string]Budget
	// FollowRevisable keeps polling a terminal task while the provider may
	// still revise it (Task.Revisable); by default a terminal task leaves.
	FollowRevisable bool
	// PollTimeout bounds each poll of one task (default DefaultPollTimeout).
	// A poll that fails, by this limit or otherwise, is reported as a
	// *WatchError and the task is polled again after a backoff: Interval,
	// doubling with each further failure up to 16 Intervals.
	//
	// Tasks whose last poll failed are suspects: at most half the workers
	// (at least one) poll suspects at a time, so a few tasks on a stalled
	// host cannot take every worker and healthy tasks keep their cadence.
	PollTimeout time.Duration
}

type watchResult struct {
	change *Change
	err    error
}

// Watch follows refs until every task is terminal, yielding each status change
// (the first observation of each task included, unless it matches the ref's
// RawStatus) exactly once, and a *WatchError for each failed poll. Changes of
// one task come in order. It ends when no task is left, when the caller
// breaks (all goroutines are stopped before Watch returns), or when ctx ends
// (yielding ctx's error).
func (w *Watcher) Watch(ctx context.Context, refs []TaskRef) iter.Seq2[Change, error] {
	return func(yield func(Change, error) bool) {
		byName := map[string]Provider{}
		for _, p := range w.Providers {
			byName[p.Name()] = p
		}
		groups := map[string][]TaskRef{}
		for _, r := range refs {
			if _, ok := byName[r.Provider]; !ok {
				if !yield(Change{}, &WatchError{Provider: r.Provider, ID: r.ID, Err: fmt.Errorf("no such provider: %w", ErrUnsupported)}) {
					return
				}
				continue
			}
			groups[r.Provider] = append(groups[r.Provider], r)
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		out := make(chan watchResult)
		var wg sync.WaitGroup
		for name, rs := range groups {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.watchProvider(ctx, byName[name], rs, out)
			}()
		}
		go func() {
			wg.Wait()
			close(out)
		}()
		defer func() {
			cancel()
			for range out { // drain so every goroutine can finish
			}
		}()
		for res := range out {
			var ok bool
			if res.err != nil {
				ok = yield(Change{}, res.err)
			} else {
				ok = yield(*res.change, nil)
			}
			if !ok {
				return
			}
		}
		if err := ctx.Err(); err != nil && len(refs) > 0 {
			yield(Change{}, err)
		}
	}
}

// watched is one task in a provider's schedule.
type watched struct {
	ref      TaskRef
	last     StatusEvent // last status reported (or resumed from)
	due      time.Time
	keep     bool // set by the worker: poll again
	failures int  // consecutive failed polls; > 0 makes the task a suspect
	suspect  bool // it was sent to a worker as a suspect
}

// backoffFactor is how many intervals a task waits after failures
// consecutive failed polls: 1, 1, 2, 4, … up to maxPollBackoff.
func backoffFactor(failures int) int {
	if failures <= 1 {
		return 1
	}
	return min(maxPollBackoff, 1<<min(failures-1, 30))
}

type schedule []*watched

func (s schedule) Len() int           { return len(s) }
func (s schedule) Less(i, j int) bool { return s[i].due.Before(s[j].due) }
func (s schedule) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
func (s *schedule) Push(x any)        { *s = append(*s, x.(*watched)) }
func (s *schedule) Pop() any {
	old := *s
	x := old[len(old)-1]
	old[len(old)-1] = nil
	*s = old[:len(old)-1]
	return x
}

// watchProvider runs one provider's dispatcher and workers until its tasks
// are all done or ctx ends.
func (w *Watcher) watchProvider(ctx context.Context, p Provider, refs []TaskRef, out chan<- watchResult) {
	interval := w.Interval
	if interval <= 0 {
		interval = DefaultWatchInterval
	}
	workers := w.Workers
	if workers <= 0 {
		workers = DefaultWatchWorkers
	}
	pollTimeout := w.PollTimeout
	if pollTimeout <= 0 {
		pollTimeout = DefaultPollTimeout
	}
	maxSuspects := max(1, workers/2)
	b, ok := w.Budgets[p.Name()]
	if !ok || b.Limit <= 0 {
		b = DefaultBudget()
	}
	limiter := rate.NewLimiter(b.Limit, max(1, b.Burst))

	// Healthy tasks and suspects (last poll failed) wait in separate
	// schedules, so that suspects can be held to their share of workers.
	now := time.Now()
	healthy := make(schedule, 0, len(refs))
	var suspects schedule
	for _, r := range refs {
		healthy = append(healthy, &watched{ref: r, last: StatusEvent{Status: r.Status, Raw: r.RawStatus}, due: now})
	}
	heap.Init(&healthy)

	jobs := make(chan *watched)
	done := make(chan *watched)
	var wg sync.WaitGroup
	for i := 0; i < min(workers, len(refs)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				job.keep = w.poll(ctx, p, limiter, pollTimeout, job, out)
				select {
				case done <- job:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	defer wg.Wait()
	defer close(jobs)

	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	inflight, suspectsInflight := 0, 0
	for healthy.Len() > 0 || suspects.Len() > 0 || inflight > 0 {
		// The next task to send: the earlier due of the healthy head and,
		// while suspects have room, the suspects' head.
		var from *schedule
		if healthy.Len() > 0 {
			from = &healthy
		}
		if suspects.Len() > 0 && suspectsInflight < maxSuspects &&
			(from == nil || suspects[0].due.Before(healthy[0].due)) {
			from = &suspects
		}
		var send chan *watched
		var next *watched
		isSuspect := from == &suspects
		if from != nil {
			next = (*from)[0]
			next.suspect = isSuspect // set while the dispatcher still owns it
			if wait := time.Until(next.due); wait > 0 {
				resetTimer(timer, wait)
			} else {
				send = jobs
			}
		}
		select {
		case send <- next:
			heap.Pop(from)
			inflight++
			if isSuspect {
				suspectsInflight++
			}
		case j := <-done:
			inflight--
			if j.suspect {
				suspectsInflight--
			}
			if !j.keep {
				continue
			}
			j.due = time.Now().Add(interval * time.Duration(backoffFactor(j.failures)))
			if j.failures > 0 {
				heap.Push(&suspects, j)
			} else {
				heap.Push(&healthy, j)
			}
		case <-timer.C:
		case <-ctx.Done():
			return
		}
	}
}

func resetTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}

// poll fetches one task under the provider's budget and within the poll
// timeout, reports a change or an error, and says whether the task stays in
// the watch. It counts the task's consecutive failures.
func (w *Watcher) poll(ctx context.Context, p Provider, limiter *rate.Limiter, timeout time.Duration, job *watched, out chan<- watchResult) bool {
	send := func(r watchResult) bool {
		select {
		case out <- r:
			return true
		case <-ctx.Done():
			return false
		}
	}
	if err := limiter.Wait(ctx); err != nil {
		// The budget cannot serve this poll before ctx ends (Wait fails at
		// once when the wait would pass the deadline). The task stays in the
		// watch, which ends with ctx's error.
		<-ctx.Done()
		return true
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	task, err := p.Task(pctx, job.ref.ID)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		job.failures++
		send(watchResult{err: &WatchError{Provider: p.Name(), ID: job.ref.ID, Err: err}})
		return !errors.Is(err, ErrNotFound)
	}
	job.failures = 0
	leaves := task.Status.IsTerminal() && !(w.FollowRevisable && task.Revisable)
	if task.RawStatus != job.last.Raw {
		next := StatusEvent{Status: task.Status, Raw: task.RawStatus, Time: time.Now()}
		c := &Change{Provider: p.Name(), ID: job.ref.ID, Prev: job.last, Next: next, Task: task, Done: leaves}
		job.last = next
		if !send(watchResult{change: c}) {
			return false
		}
	}
	return !leaves
}
