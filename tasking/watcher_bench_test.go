package tasking_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
)

// BenchmarkWatcher10k watches 10,000 tasks on one provider with a budget of
// 2,000 requests per second until every task is terminal, and reports the
// request rate achieved (never above the budget) and the peak number of
// goroutines above the baseline (bounded by the worker count, not the tasks).
func BenchmarkWatcher10k(b *testing.B) {
	const tasks, budget = 10_000, 2000
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := &providertest.Fake{ProviderName: "p", Path: []string{"received", "in_progress", "completed"}}
		refs := submitN(b, f, tasks)
		w := &tasking.Watcher{Providers: []tasking.Provider{f}, Interval: time.Millisecond, Workers: 8,
			Budgets: map[string]tasking.Budget{"p": {Limit: budget, Burst: 20}}}
		base := runtime.NumGoroutine()
		var peak atomic.Int64
		stop := make(chan struct{})
		go func() {
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					if g := int64(runtime.NumGoroutine() - base - 1); g > peak.Load() {
						peak.Store(g)
					}
				}
			}
		}()
		b.StartTimer()
		start := time.Now()
		n := 0
		for _, err := range w.Watch(context.Background(), refs) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		elapsed := time.Since(start)
		b.StopTimer()
		close(stop)
		if n != 2*tasks {
			b.Fatalf("%d changes, want %d", n, 2*tasks)
		}
		b.ReportMetric(float64(f.Calls())/elapsed.Seconds(), "req/s")
		b.ReportMetric(budget, "budget-req/s")
		b.ReportMetric(float64(peak.Load()), "peak-goroutines")
	}
}
