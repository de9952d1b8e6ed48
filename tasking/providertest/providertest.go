// Package providertest is the contract every tasking.Provider adapter must
// meet. Each provider package runs it against its simulator; run it against
// your own Provider implementation too:
//
//	func TestContract(t *testing.T) {
//		providertest.Run(t, providertest.Config{Provider: p, Request: newRequest})
//	}
package providertest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Config describes the provider under test.
type Config struct {
	// Provider is the adapter under test, pointed at a simulator.
	Provider tasking.Provider
	// Request returns a fresh, valid request each time it is called.
	Request func() *tasking.Request
	// Wait tunes the polling; use short delays against a simulator. Nil uses
	// MinDelay 1 ms and MaxDelay 20 ms.
	Wait *tasking.WaitOptions
	// Act is called when a task waits on the customer (action_required), for
	// example to approve a cost review; nil fails the test at that point.
	Act func(ctx context.Context, id string) error
	// Timeout bounds each subtest (default 30 s).
	Timeout time.Duration
	// Success, if set, says what the simulator drives a task to; by default
	// any terminal status is accepted and the suite only checks consistency.
	Success func(tasking.Status) bool
	// NoNames is set for providers whose tasks have no name: Task.Name is
	// then not compared with the request's.
	NoNames bool
}

// Run runs the contract as subtests of t: submit, read, list, wait and
// cancel on every provider; estimates and booking of an offered opportunity
// when the provider is a tasking.Estimator; captures and downloads when it
// is a tasking.Deliverer; and bad requests, each refused with a
// *tasking.ValidationError on the neutral field (Name, Geometry, End).
func Run(t *testing.T, cfg Config) {
	t.Helper()
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Wait == nil {
		cfg.Wait = &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond}
	}
	p := cfg.Provider
	ctx := func(t *testing.T) context.Context {
		c, cancel := context.WithTimeout(context.Background(), cfg.Timeout)
		t.Cleanup(cancel)
		return c
	}

	t.Run("Name", func(t *testing.T) {
		if p.Name() == "" {
			t.Fatal("Name() is empty")
		}
	})

	t.Run("SubmitGetListWait", func(t *testing.T) {
		c := ctx(t)
		req := cfg.Request()
		task, err := p.Submit(c, req)
		if err != nil {
			t.Fatalf("Submit: %v", err)
		}
		checkTask(t, cfg, task, req)
		if task.Status.IsTerminal() {
			t.Errorf("a new task is already terminal: %s (%s)", task.Status, task.RawStatus)
		}

		got, err := p.Task(c, task.ID)
		if err != nil {
			t.Fatalf("Task(%q): %v", task.ID, err)
		}
		checkTask(t, cfg, got, req)

		found := false
		for it, err := range p.Tasks(c, nil) {
			if err != nil {
				t.Fatalf("Tasks(nil): %v", err)
			}
			if it.ID == task.ID {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("Tasks(nil) does not list the new task %s", task.ID)
		}
		f := &tasking.Filter{Status: []tasking.Status{got.Status}}
		n := 0
		for it, err := range p.Tasks(c, f) {
			if err != nil {
				t.Fatalf("Tasks(%v): %v", f.Status, err)
			}
			n++
			if !f.Match(it) {
				t.Errorf("Tasks with filter %v listed %s in status %s", f.Status, it.ID, it.Status)
			}
		}
		if n == 0 {
			t.Errorf("Tasks with filter %v listed nothing; the new task matches it", f.Status)
		}

		final := waitTerminal(t, c, cfg, task.ID)
		if !final.Status.IsTerminal() {
			t.Fatalf("waited task is not terminal: %s", final.Status)
		}
		if cfg.Success != nil && !cfg.Success(final.Status) {
			t.Errorf("task ended %s (%s); the simulator should drive it to success", final.Status, final.RawStatus)
		}
		if final.RawStatus == "" {
			t.Error("terminal task has no RawStatus")
		}
	})

	t.Run("Cancel", func(t *testing.T) {
		c := ctx(t)
		task, err := p.Submit(c, cfg.Request())
		if err != nil {
			t.Fatalf("Submit: %v", err)
		}
		if err := p.Cancel(c, task.ID); err != nil {
			t.Fatalf("Cancel: %v", err)
		}
		o := *cfg.Wait
		o.Until = func(e tasking.StatusEvent) bool { return e.Status.IsTerminal() }
		got, err := tasking.WaitTask(c, p, task.ID, &o)
		if err != nil {
			t.Fatalf("waiting for the cancelled task: %v", err)
		}
		if !got.Status.IsCancelled() {
			t.Errorf("after Cancel the task ended %s (%s), want cancelled", got.Status, got.RawStatus)
		}
	})

	if _, ok := p.(tasking.Estimator); ok {
		t.Run("EstimateAndBook", func(t *testing.T) { runEstimateAndBook(t, ctx(t), cfg) })
	}
	if _, ok := p.(tasking.Deliverer); ok {
		t.Run("Deliver", func(t *testing.T) { runDeliver(t, ctx(t), cfg) })
	}

	t.Run("NotFound", func(t *testing.T) {
		_, err := p.Task(ctx(t), "00000000-0000-4000-8000-000000000000")
		if !errors.Is(err, tasking.ErrNotFound) {
			t.Errorf("Task(unknown id) = %v, want an error matching tasking.ErrNotFound", err)
		}
	})

	t.Run("InvalidRequest", func(t *testing.T) {
		// Each bad request fails before anything is sent with a
		// *tasking.ValidationError naming the neutral field the caller
		// wrote, not the provider's wire name for it.
		bad := map[string]struct {
			field string
			edit  func(*tasking.Request)
		}{
			"End before Start": {"End", func(r *tasking.Request) { r.End = r.Start.Add(-time.Hour) }},
			"no geometry":      {"Geometry", func(r *tasking.Request) { r.Geometry = nil }},
			"open ring":        {"Geometry", func(r *tasking.Request) { r.Geometry = orb.Polygon{{{0, 0}, {1, 0}, {1, 1}}} }},
			"latitude 100":     {"Geometry", func(r *tasking.Request) { r.Geometry = orb.Polygon{{{0, 0}, {1, 0}, {1, 100}, {0, 0}}} }},
			"name not UTF-8":   {"Name", func(r *tasking.Request) { r.Name = "eotask \xff" }},
			"nil request":      {"", nil},
		}
		if build, ok := requestBuilder(p); ok {
			if err := build(cfg.Request()); err != nil {
				t.Errorf("Request(a good request) = %v", err)
			}
		}
		for name, c := range bad {
			var req *tasking.Request
			if c.edit != nil {
				req = cfg.Request()
				c.edit(req)
			}
			_, err := p.Submit(ctx(t), req)
			checkInvalid(t, "Submit", name, err, c.field)
			if build, ok := requestBuilder(p); ok {
				checkInvalid(t, "Request", name, build(req), c.field)
			}
		}
	})
}

// checkInvalid checks err is a *tasking.ValidationError on the neutral
// field want (its head: "Geometry" for "Geometry.coordinates[0]").
func checkInvalid(t *testing.T, call, name string, err error, want string) {
	t.Helper()
	var ve *tasking.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("%s: %s = %v, want a *tasking.ValidationError", name, call, err)
		return
	}
	if head, _, _ := strings.Cut(strings.SplitN(ve.Field, "[", 2)[0], "."); head != want {
		t.Errorf("%s: %s's error names field %q (%v), want %q", name, call, ve.Field, err, want)
	}
}

// requestBuilder returns the provider's Request method, the one every eotask
// adapter has (Request(*tasking.Request) (*<provider request>, error): what
// Submit would send, checked as Submit checks it), reduced to its error.
func requestBuilder(p tasking.Provider) (func(*tasking.Request) error, bool) {
	m := reflect.ValueOf(p).MethodByName("Request")
	if !m.IsValid() {
		return nil, false
	}
	mt := m.Type()
	errType := reflect.TypeFor[error]()
	if mt.NumIn() != 1 || mt.In(0) != reflect.TypeFor[*tasking.Request]() || mt.NumOut() != 2 || mt.Out(1) != errType {
		return nil, false
	}
	return func(req *tasking.Request) error {
		out := m.Call([]reflect.Value{reflect.ValueOf(req)})
		err, _ := out[1].Interface().(error)
		return err
	}, true
}

func waitTerminal(t *testing.T, c context.Context, cfg Config, id string) *tasking.Task {
	t.Helper()
	for acted := 0; ; acted++ {
		task, err := tasking.WaitTask(c, cfg.Provider, id, cfg.Wait)
		if err == nil {
			return task
		}
		if !errors.Is(err, tasking.ErrActionRequired) {
			t.Fatalf("waiting for %s: %v", id, err)
		}
		if cfg.Act == nil || acted > 3 {
			t.Fatalf("task %s waits on the customer (%s) and the suite has no Act hook (or it did not help)", id, task.RawStatus)
		}
		if err := cfg.Act(c, id); err != nil {
			t.Fatalf("Act(%s): %v", id, err)
		}
	}
}

func checkTask(t *testing.T, cfg Config, task *tasking.Task, req *tasking.Request) {
	t.Helper()
	p := cfg.Provider
	switch {
	case task == nil:
		t.Fatal("nil task")
	case task.ID == "":
		t.Error("task has no ID")
	case task.Provider != p.Name():
		t.Errorf("task.Provider = %q, want %q", task.Provider, p.Name())
	}
	if !task.Status.Known() || task.Status == tasking.StatusUnknown {
		t.Errorf("task status %q (raw %q) is not a known neutral status", task.Status, task.RawStatus)
	}
	if task.RawStatus == "" {
		t.Error("task has no RawStatus")
	}
	if task.Geometry == nil {
		t.Error("task has no Geometry")
	}
	if task.Start.IsZero() || task.End.IsZero() {
		t.Errorf("task window not filled: %v to %v", task.Start, task.End)
	}
	if task.CreatedAt.IsZero() {
		t.Error("task has no CreatedAt")
	}
	if task.Raw == nil {
		t.Error("task has no Raw provider resource")
	}
	if !cfg.NoNames && req != nil && req.Name != "" && task.Name != req.Name {
		t.Errorf("task.Name = %q, want %q", task.Name, req.Name)
	}
	checkAccessors(t, task)
}

// checkAccessors checks, when the provider's resource has them, that the
// GetID, GetName and GetStatus accessors every eotask provider package puts
// on its main resource agree with the neutral view, and that they (and
// Neutral) answer zero values on a nil resource rather than panic.
func checkAccessors(t *testing.T, task *tasking.Task) {
	t.Helper()
	raw := reflect.ValueOf(task.Raw)
	if !raw.IsValid() || raw.Kind() != reflect.Pointer {
		return
	}
	if m := reflect.Zero(raw.Type()).MethodByName("Neutral"); m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() == 1 {
		// A listing may hold a null entry: its neutral view is nil, not a panic.
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("(%T)(nil).Neutral() panics: %v", task.Raw, r)
				}
			}()
			if v := m.Call(nil)[0]; v.Kind() == reflect.Pointer && !v.IsNil() {
				t.Errorf("(%T)(nil).Neutral() = %v, want nil", task.Raw, v)
			}
		}()
	}
	want := map[string]string{"GetID": task.ID, "GetName": task.Name, "GetStatus": task.RawStatus}
	for _, name := range []string{"GetID", "GetName", "GetStatus"} {
		m := raw.MethodByName(name)
		if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 || m.Type().Out(0).Kind() != reflect.String {
			continue
		}
		if got := m.Call(nil)[0].String(); got != want[name] {
			t.Errorf("%T.%s() = %q, the neutral view says %q", task.Raw, name, got, want[name])
		}
		if got := reflect.Zero(raw.Type()).MethodByName(name).Call(nil)[0].String(); got != "" {
			t.Errorf("(%T)(nil).%s() = %q, want \"\"", task.Raw, name, got)
		}
	}
}
