package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/eotask/eotask/examples/internal/demo"
	"github.com/eotask/eotask/tasking"
)

// result is what the summary table shows for one provider.
type result struct {
	provider, mode string
	first, second  tasking.Task
	took           time.Duration
	err            error
}

// lifecycle runs create → every status change → list → cancel of a second task.
func lifecycle(ctx context.Context, out io.Writer, b *demo.Backend) result {
	start := time.Now()
	r := result{provider: b.Name, mode: b.Mode()}
	p := b.Provider
	say := func(format string, args ...any) {
		fmt.Fprintf(out, "%-10s ", b.Name)
		fmt.Fprintf(out, format+"\n", args...)
	}
	say("%s", map[bool]string{true: "simulator", false: "REAL API (-create)"}[b.Simulated])

	req := b.Request()
	task, err := p.Submit(ctx, req)
	if err != nil {
		r.err = fmt.Errorf("submit: %w", err)
		return r
	}
	say("created %s: %s (%s)", task.ID, task.RawStatus, task.Status)

	// Print every change from the status Submit returned on, across the
	// waits (a wait after acting on the task starts afresh).
	last := tasking.StatusEvent{Status: task.Status, Raw: task.RawStatus}
	wait := *b.Wait
	wait.OnChange = func(_, next tasking.StatusEvent) {
		if next.Raw != last.Raw {
			say("  %-25s → %-25s (%s → %s)", last.Raw, next.Raw, last.Status, next.Status)
			last = next
		}
	}
	wait.OnUnexpected = func(prev, next tasking.StatusEvent) {
		say("  note: %s → %s is not in the documented lifecycle", prev.Raw, next.Raw)
	}
	acted := func(what string, now tasking.StatusEvent) {
		say("  %s: %s → %s (%s → %s)", what, last.Raw, now.Raw, last.Status, now.Status)
		last = now
	}
	final, err := b.WaitApproving(ctx, task.ID, &wait, acted)
	if err != nil {
		r.err = fmt.Errorf("waiting for %s: %w", task.ID, err)
		return r
	}
	r.first = *final
	say("final: %s (%s)%s", final.RawStatus, final.Status, map[bool]string{true: ", revisable by review", false: ""}[final.Revisable])

	n, err := count(ctx, p, nil)
	if err != nil {
		r.err = fmt.Errorf("list: %w", err)
		return r
	}
	say("listed %d task(s)", n)

	second, err := p.Submit(ctx, b.Request())
	if err != nil {
		r.err = fmt.Errorf("submit second: %w", err)
		return r
	}
	if err := p.Cancel(ctx, second.ID); err != nil {
		r.err = fmt.Errorf("cancel %s: %w", second.ID, err)
		return r
	}
	cw := *b.Wait
	cancelled, err := tasking.WaitTask(ctx, p, second.ID, &cw)
	if err != nil {
		r.err = fmt.Errorf("waiting for the cancelled %s: %w", second.ID, err)
		return r
	}
	r.second = *cancelled
	say("cancelled %s: %s (%s)", second.ID, cancelled.RawStatus, cancelled.Status)
	r.took = time.Since(start)
	return r
}

// readOnly lists a real account's tasks without changing anything.
func readOnly(ctx context.Context, out io.Writer, b *demo.Backend) result {
	start := time.Now()
	r := result{provider: b.Name, mode: b.Mode()}
	fmt.Fprintf(out, "%-10s REAL API, read-only (give -create to place orders)\n", b.Name)
	shown := 0
	for t, err := range b.Provider.Tasks(ctx, nil) {
		if err != nil {
			r.err = fmt.Errorf("list: %w", err)
			return r
		}
		if shown == 0 {
			r.first = *t
		}
		fmt.Fprintf(out, "%-10s   %s %-30q %s (%s)\n", b.Name, t.ID, t.Name, t.RawStatus, t.Status)
		if shown++; shown == 10 {
			break
		}
	}
	fmt.Fprintf(out, "%-10s listed %d task(s)\n", b.Name, shown)
	r.took = time.Since(start)
	return r
}

func count(ctx context.Context, p tasking.Provider, f *tasking.Filter) (int, error) {
	n := 0
	for _, err := range p.Tasks(ctx, f) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
