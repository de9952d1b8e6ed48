package tasking

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// ErrUnsupported is returned for an operation a provider does not offer, such
// as an estimate from a provider that has no Estimator.
var ErrUnsupported = errors.New("not supported by this provider")

// DefaultCompareTimeout bounds each provider's answer in [Compare].
const DefaultCompareTimeout = 30 * time.Second

// Quote is one provider's answer in a comparison: an Estimate, or the error
// that provider gave. One provider's failure never hides another's answer.
type Quote struct {
	Provider string
	Estimate *Estimate     // nil when Err is set
	Err      error         // the provider's own error, ErrUnsupported, or its timeout
	Took     time.Duration // how long the provider took to answer
}

// Comparer asks several providers the same question concurrently.
type Comparer struct {
	// Timeout bounds each provider separately (default DefaultCompareTimeout);
	// a provider past it gets an error matching context.DeadlineExceeded while
	// the others' answers are kept.
	Timeout time.Duration
}

// Compare asks every provider that implements [Estimator] for an estimate of
// req, concurrently, each within its own timeout, and returns their answers in
// the order the providers were given. It waits for all of them (or ctx).
func Compare(ctx context.Context, req *Request, providers ...Provider) []Quote {
	return Comparer{}.Compare(ctx, req, providers...)
}

// Compare is [Compare] with c's settings.
func (c Comparer) Compare(ctx context.Context, req *Request, providers ...Provider) []Quote {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultCompareTimeout
	}
	out := make([]Quote, len(providers))
	var wg sync.WaitGroup
	for i, p := range providers {
		out[i].Provider = p.Name()
		est, ok := p.(Estimator)
		if !ok {
			out[i].Err = fmt.Errorf("%s: estimate: %w", p.Name(), ErrUnsupported)
			continue
		}
		wg.Add(1)
		go func(q *Quote, est Estimator) {
			defer wg.Done()
			pctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			start := time.Now()
			e, err := estimateSafely(pctx, est, req)
			q.Took = time.Since(start)
			switch {
			case err != nil:
				if pctx.Err() != nil && !errors.Is(err, pctx.Err()) {
					err = fmt.Errorf("%w (%w)", err, pctx.Err())
				}
				q.Err = err
			case e == nil:
				q.Err = fmt.Errorf("%s: estimate: the provider returned no estimate", q.Provider)
			default:
				if e.Provider == "" {
					e.Provider = q.Provider
				}
				q.Estimate = e
			}
		}(&out[i], est)
	}
	wg.Wait()
	return out
}

// estimateSafely calls Estimate, turning a panic in a third-party provider
// into an error so that one bad provider cannot take the comparison down.
func estimateSafely(ctx context.Context, est Estimator, req *Request) (e *Estimate, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, fmt.Errorf("estimate panicked: %v", r)
		}
	}()
	return est.Estimate(ctx, req)
}
