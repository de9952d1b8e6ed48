package tasking

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// RawStatus is a provider's own status enum: a string type that knows its
// neutral meaning. If it also has a method Revisable() bool, [Wait] treats
// results for which it reports true as provisional (see WaitOptions.SettleFor).
type RawStatus interface {
	~string
	Neutral() Status
}

// StatusEvent is one observed status: the neutral value, the provider's raw
// value, when it was seen (or reported, for provider history) and any message
// the provider attached.
type StatusEvent struct {
	Status  Status    `json:"status"`
	Raw     string    `json:"raw"`
	Time    time.Time `json:"time"`
	Message string    `json:"message,omitempty"`
}

// Default polling delays for [Wait] and [Watch].
const (
	DefaultMinDelay = 2 * time.Second
	DefaultMaxDelay = 2 * time.Minute
)

// WaitOptions tunes [Wait] and [Watch]. A nil *WaitOptions means the defaults.
type WaitOptions struct {
	// MinDelay and MaxDelay bound the wait between two polls. The wait starts
	// at MinDelay, grows ×1.5 with ±20 % jitter while nothing changes, never
	// leaves [MinDelay, MaxDelay], and drops back to MinDelay after a change.
	// Defaults DefaultMinDelay and DefaultMaxDelay.
	MinDelay, MaxDelay time.Duration

	// Until says when to stop. The default stops at a terminal status.
	// ClearSky callers, for example, may stop at a recurring order's UpToDate.
	Until func(StatusEvent) bool

	// SettleFor keeps polling a result the provider may still revise (a
	// Planet order FULFILLED or EXPIRED pending human review) until it has held
	// for this long; a reversal meanwhile is followed like any other change.
	// Zero returns the first result that satisfies Until.
	SettleFor time.Duration

	// OnChange is called on every status change, the first observation
	// included (prev is then the zero StatusEvent).
	OnChange func(prev, next StatusEvent)

	// OnUnexpected is called when a change is not allowed by the provider's
	// documented lifecycle. Waiting carries on.
	OnUnexpected func(prev, next StatusEvent)
}

// PollHinter is implemented by providers (and clients) that know how often
// their tasks are worth polling: a simulator answers at once, a real API
// plans in minutes. WaitTask uses its delays where the WaitOptions leave
// MinDelay or MaxDelay zero.
type PollHinter interface {
	PollDelays() (min, max time.Duration)
}

// WithPollDelays returns o (or empty options) with MinDelay and MaxDelay
// taken from min and max where o leaves them zero; zero hints change
// nothing.
func (o *WaitOptions) WithPollDelays(min, max time.Duration) *WaitOptions {
	var w WaitOptions
	if o != nil {
		w = *o
	}
	if w.MinDelay <= 0 {
		w.MinDelay = min
	}
	if w.MaxDelay <= 0 {
		w.MaxDelay = max
	}
	return &w
}

func (o *WaitOptions) withDefaults() WaitOptions {
	w := *o.WithPollDelays(DefaultMinDelay, DefaultMaxDelay)
	if w.MaxDelay < w.MinDelay {
		w.MaxDelay = w.MinDelay
	}
	if w.Until == nil {
		w.Until = func(e StatusEvent) bool { return e.Status.IsTerminal() }
	}
	return w
}

// Wait polls fetch until the status of what it returns satisfies
// opts.Until (by default: a terminal status), and returns that last value.
//
// status extracts the raw status; lc, if not nil, is the provider's lifecycle
// against which changes are checked (see WaitOptions.OnUnexpected).
//
// If the provider waits on the customer (the neutral status is
// StatusActionRequired) and Until does not accept that, Wait returns the value
// with an error matching ErrActionRequired. If fetch fails, or ctx ends, Wait
// returns the last value it saw with that error.
func Wait[T any, S RawStatus](ctx context.Context, fetch func(context.Context) (T, error),
	status func(T) S, lc *Lifecycle[S], opts *WaitOptions) (T, error) {
	var last T
	for v, err := range Watch(ctx, fetch, status, lc, opts) {
		if err != nil {
			return v, err
		}
		last = v
	}
	return last, nil
}

// Watch is the iterator form of [Wait]: it yields the value each time its raw
// status changes, the first observation included, and ends where Wait would
// return. An error (from fetch, from ctx, or ErrActionRequired) is yielded
// once, with the last value seen, and ends the iteration.
func Watch[T any, S RawStatus](ctx context.Context, fetch func(context.Context) (T, error),
	status func(T) S, lc *Lifecycle[S], opts *WaitOptions) iter.Seq2[T, error] {
	observe := func(v T) (StatusEvent, bool) {
		raw := status(v)
		return StatusEvent{Status: raw.Neutral(), Raw: string(raw)}, revisable(raw)
	}
	var allows func(from, to string) bool
	if lc != nil {
		allows = func(from, to string) bool { return lc.Allows(S(from), S(to)) }
	}
	return watch(ctx, fetch, observe, allows, opts)
}

// watch is the polling loop behind Watch, Wait and WaitTask. observe reads a
// value's status and whether the provider may still revise it; allows, if not
// nil, checks a change against the documented lifecycle.
func watch[T any](ctx context.Context, fetch func(context.Context) (T, error),
	observe func(T) (StatusEvent, bool), allows func(from, to string) bool, opts *WaitOptions) iter.Seq2[T, error] {
	o := opts.withDefaults()
	return func(yield func(T, error) bool) {
		b := &backoff.ExponentialBackOff{
			InitialInterval:     o.MinDelay,
			RandomizationFactor: 0.2,
			Multiplier:          1.5,
			MaxInterval:         o.MaxDelay,
			Stop:                backoff.Stop,
			Clock:               backoff.SystemClock,
		}
		b.Reset()
		var (
			last        T
			prev        StatusEvent
			seen        bool
			settleSince time.Time
		)
		for {
			v, err := fetch(ctx)
			if err != nil {
				if cerr := ctx.Err(); cerr != nil {
					err = fmt.Errorf("waiting: %w", cerr)
				}
				yield(last, err)
				return
			}
			last = v
			ev, provisional := observe(v)
			ev.Time = time.Now()
			if !seen || ev.Raw != prev.Raw {
				if seen && allows != nil && !allows(prev.Raw, ev.Raw) && o.OnUnexpected != nil {
					o.OnUnexpected(prev, ev)
				}
				if o.OnChange != nil {
					o.OnChange(prev, ev)
				}
				prev, seen, settleSince = ev, true, time.Time{}
				b.Reset()
				if !yield(v, nil) {
					return
				}
			}
			delay := clamp(b.NextBackOff(), o.MinDelay, o.MaxDelay)
			if o.Until(ev) {
				if o.SettleFor <= 0 || !provisional {
					return
				}
				if settleSince.IsZero() {
					settleSince = ev.Time
				}
				left := o.SettleFor - time.Since(settleSince)
				if left <= 0 {
					return
				}
				delay = min(delay, left)
			} else if ev.Status == StatusActionRequired {
				yield(v, fmt.Errorf("%w: status %q", ErrActionRequired, ev.Raw))
				return
			}
			t := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				t.Stop()
				yield(last, fmt.Errorf("waiting: %w", ctx.Err()))
				return
			case <-t.C:
			}
		}
	}
}

func revisable[S RawStatus](s S) bool {
	r, ok := any(s).(interface{ Revisable() bool })
	return ok && r.Revisable()
}

func clamp(d, lo, hi time.Duration) time.Duration {
	if d < lo || d == backoff.Stop {
		return lo
	}
	if d > hi {
		return hi
	}
	return d
}
