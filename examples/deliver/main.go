// Command deliver goes from an order to the pixels on every provider through
// eotask's neutral API: it lists what a completed task produced
// (tasking.Deliverer), downloads every file with a progress bar, verifies it
// against the provider's checksum or size, and prints what was fetched.
//
// With no credentials it orders on each provider's simulator, waits for the
// task to complete (approving Capella's cost review), and cuts one download
// midway on purpose, so the table shows a resume that fetched only the
// missing bytes. With a provider's credentials in the environment (see
// examples/quickstart) it places no tasking order: it finds the account's
// most recent completed task and downloads what already exists. (On Capella
// the files of a collect are reached through a product order, which
// Capella's documentation says costs nothing again for products already
// ordered.)
//
//	go run ./examples/deliver
//	go run ./examples/deliver -dir ./imagery -concurrency 8
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/eotask/eotask/examples/internal/demo"
	"github.com/eotask/eotask/tasking"
)

func main() {
	dir := flag.String("dir", "", "where to write the files (default: a new temporary folder)")
	concurrency := flag.Int("concurrency", 4, "files fetched at once per provider")
	timeout := flag.Duration("timeout", 10*time.Minute, "time limit for each provider")
	flag.Parse()
	var bar io.Writer
	if st, err := os.Stderr.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		bar = os.Stderr // a terminal: draw progress bars
	}
	o := options{dir: *dir, concurrency: *concurrency, timeout: *timeout, progress: bar}
	if err := run(context.Background(), os.Stdout, os.Getenv, o); err != nil {
		fmt.Fprintln(os.Stderr, "deliver:", err)
		os.Exit(1)
	}
}

type options struct {
	dir         string
	concurrency int
	timeout     time.Duration
	progress    io.Writer // nil: no progress bars
}

// row is one fetched file, or one provider's failure.
type row struct {
	provider, mode, capture string
	got                     *tasking.Downloaded
	err                     error
}

func run(ctx context.Context, out io.Writer, getenv func(string) string, o options) error {
	if o.dir == "" {
		d, err := os.MkdirTemp("", "eotask-deliver-")
		if err != nil {
			return err
		}
		o.dir = d
	}
	backends, err := demo.All(getenv)
	if err != nil {
		return err
	}
	var rows []row
	for _, b := range backends {
		defer b.Close()
		pctx, cancel := context.WithTimeout(ctx, o.timeout)
		rows = append(rows, deliver(pctx, out, b, o)...)
		cancel()
	}
	fmt.Fprintf(out, "\nfiles in %s/<provider>/<capture>/\n", o.dir)
	return table(out, rows)
}

// deliver fetches one provider's files.
func deliver(ctx context.Context, out io.Writer, b *demo.Backend, o options) []row {
	fail := func(err error) []row { return []row{{provider: b.Name, mode: b.Mode(), err: err}} }
	d, ok := b.Provider.(tasking.Deliverer)
	if !ok {
		return fail(fmt.Errorf("no delivery: %w", tasking.ErrUnsupported))
	}
	var task *tasking.Task
	var err error
	if b.Simulated {
		task, err = b.Provider.Submit(ctx, b.Request())
		if err != nil {
			return fail(fmt.Errorf("submit: %w", err))
		}
		if task, err = b.WaitApproving(ctx, task.ID, b.Wait, nil); err != nil {
			return fail(fmt.Errorf("wait: %w", err))
		}
		fmt.Fprintf(out, "%-10s ordered %s on the simulator: %s\n", b.Name, task.ID, task.Status)
	} else if task, err = latestCompleted(ctx, b.Provider); err != nil {
		return fail(err)
	}

	var rows []row
	cut := false
	for capture, err := range d.Captures(ctx, task.ID) {
		if err != nil {
			return append(rows, row{provider: b.Name, mode: b.Mode(), err: fmt.Errorf("captures: %w", err)})
		}
		if capture.Status != tasking.CapturePublished {
			fmt.Fprintf(out, "%-10s capture %s is %s: nothing to fetch yet\n", b.Name, capture.ID, capture.RawStatus)
			continue
		}
		assets, err := d.Assets(ctx, capture)
		if err != nil {
			rows = append(rows, row{provider: b.Name, mode: b.Mode(), capture: capture.ID, err: fmt.Errorf("assets: %w", err)})
			continue
		}
		if b.CutDownloads != nil && !cut && len(assets) > 0 {
			b.CutDownloads(1, 20<<10) // the first file breaks off after 20 KiB, and resumes
			cut = true
		}
		got, err := tasking.DownloadAll(ctx, assets, filepath.Join(o.dir, b.Name), &tasking.DownloadOptions{
			Concurrency: o.concurrency, Progress: bars(o.progress, b.Name)})
		for _, g := range got {
			if g != nil {
				rows = append(rows, row{provider: b.Name, mode: b.Mode(), capture: capture.ID, got: g})
			}
		}
		if err != nil {
			rows = append(rows, row{provider: b.Name, mode: b.Mode(), capture: capture.ID, err: err})
		}
	}
	if len(rows) == 0 {
		return fail(fmt.Errorf("task %s lists no published capture", task.ID))
	}
	return rows
}

// latestCompleted finds a real account's most recently created completed
// task, reading at most 500 tasks.
func latestCompleted(ctx context.Context, p tasking.Provider) (*tasking.Task, error) {
	var best *tasking.Task
	n := 0
	for t, err := range p.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusCompleted}}) {
		if err != nil {
			return nil, fmt.Errorf("list: %w", err)
		}
		if best == nil || t.CreatedAt.After(best.CreatedAt) {
			best = t
		}
		if n++; n == 500 {
			break
		}
	}
	if best == nil {
		return nil, fmt.Errorf("the account has no completed task to fetch")
	}
	return best, nil
}

// bars draws one progress bar a file on w, redrawn at most every 2%.
func bars(w io.Writer, provider string) func(tasking.Progress) {
	if w == nil {
		return nil
	}
	var mu sync.Mutex
	shown := map[*tasking.Asset]int64{}
	return func(p tasking.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if p.Total <= 0 {
			return
		}
		pct := p.Done * 100 / p.Total
		if last, ok := shown[p.Asset]; ok && pct-last < 2 && p.Done != p.Total {
			return
		}
		shown[p.Asset] = pct
		fmt.Fprintf(w, "\r%-10s %-40.40s [%-25s] %3d%%", provider, p.Asset.Name, strings.Repeat("#", int(pct/4)), pct)
		if p.Done == p.Total {
			fmt.Fprintln(w)
		}
	}
}

func table(out io.Writer, rows []row) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "provider\tmode\tcapture\tfile\tbytes\tverified\tresumed\tfetched")
	failed := 0
	for _, r := range rows {
		if r.err != nil {
			failed++
			fmt.Fprintf(w, "%s\t%s\t%s\terror: %v\t\t\t\t\n", r.provider, r.mode, r.capture, r.err)
			continue
		}
		verified := r.got.Verified
		if verified == "" {
			verified = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%d\t%d\n", r.provider, r.mode, r.capture, filepath.Base(r.got.Path), r.got.Size, verified,
			r.got.Resumes, r.got.Fetched)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d rows failed", failed, len(rows))
	}
	return nil
}
