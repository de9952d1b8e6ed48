// Package demo builds the four providers the examples run against: each
// provider's simulator when its credentials are not in the environment, or
// its real API when they are.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eotask/eotask/tasking"
)

// Backend is one provider ready to use.
type Backend struct {
	Name      string
	Provider  tasking.Provider
	Simulated bool
	// Request returns a new task request suited to the provider (geometry
	// kind, window), timed by the backend's clock.
	Request func() *tasking.Request
	// Wait tunes polling: fast on a simulator, patient on a real API.
	Wait *tasking.WaitOptions
	// Close stops the simulator, if any.
	Close func()
	// CutDownloads, on a simulator, cuts its next n file downloads after
	// `after` bytes (to show a resume); nil on a real API.
	CutDownloads func(n int, after int64)
}

// Mode says "simulator" or "real".
func (b *Backend) Mode() string {
	if b.Simulated {
		return "simulator"
	}
	return "real"
}

// builders lists the providers in the order the examples run them.
var builders = []func(getenv func(string) string) (*Backend, error){
	planetBackend,
	satellogicBackend,
	clearskyBackend,
	capellaBackend,
}

// All builds every provider's backend, reading credentials with getenv
// (os.Getenv, or a map in tests). Close each when done.
func All(getenv func(string) string) ([]*Backend, error) {
	var out []*Backend
	for _, build := range builders {
		b, err := build(getenv)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// simWait polls a simulator quickly; realWait polls a real API patiently.
var (
	simWait  = &tasking.WaitOptions{MinDelay: 2 * time.Millisecond, MaxDelay: 20 * time.Millisecond}
	realWait = &tasking.WaitOptions{MinDelay: 5 * time.Second, MaxDelay: time.Minute}
)

// WaitApproving waits for task id to reach a terminal status, approving it
// through the neutral tasking.Approver when the provider waits on the
// customer (Capella's cost review), at most three times. acted, if not nil,
// is told of each approval.
func (b *Backend) WaitApproving(ctx context.Context, id string, w *tasking.WaitOptions, acted func(what string, now tasking.StatusEvent)) (*tasking.Task, error) {
	ap, canApprove := b.Provider.(tasking.Approver)
	for i := 0; ; i++ {
		t, err := tasking.WaitTask(ctx, b.Provider, id, w)
		if !errors.Is(err, tasking.ErrActionRequired) || !canApprove || i == 3 {
			return t, err
		}
		now, aerr := ap.Approve(ctx, id)
		if aerr != nil {
			return t, fmt.Errorf("%w; and approving failed: %w", err, aerr)
		}
		if acted != nil {
			acted("approved through tasking.Approver", tasking.StatusEvent{Status: now.Status, Raw: now.RawStatus})
		}
	}
}
