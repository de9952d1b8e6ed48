package simkit

import (
	"net/http"
	"sync"
	"time"
)

// Files is the request log and the queue of cuts of a host that serves
// files: the storage host, or an API host that serves files itself
// (ClearSKY's). It is safe for concurrent use.
type Files struct {
	secret []string // header names blanked in the log

	mu   sync.Mutex
	busy int     // answers under way, not yet in the log
	cuts []int64 // queued: cut the next answers after this many bytes
	log  []StorageRecord
}

// NewFiles returns an empty log that blanks the headers named in secret.
func NewFiles(secret ...string) *Files { return &Files{secret: secret} }

// CutNext makes the next n files served (see Cut) break off after `after`
// bytes (the connection is dropped, as a network cut would).
func (f *Files) CutNext(n int, after int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.cuts = append(f.cuts, after)
	}
}

// Begin starts logging the answer to r: it returns the writer to answer
// through and the function that logs the answer once written (defer it).
func (f *Files) Begin(w http.ResponseWriter, r *http.Request) (*CutWriter, func()) {
	rec := StorageRecord{Method: r.Method, Path: r.URL.Path, Range: r.Header.Get("Range"), Header: r.Header.Clone()}
	for _, h := range f.secret {
		if rec.Header.Get(h) != "" {
			rec.Header.Set(h, Redacted)
		}
	}
	cw := NewCutWriter(w, -1)
	f.mu.Lock()
	f.busy++
	f.mu.Unlock()
	return cw, func() {
		rec.Status, rec.Sent = cw.Status(), cw.Sent()
		if rec.Status == 0 {
			rec.Status = http.StatusOK
		}
		f.mu.Lock()
		f.log = append(f.log, rec)
		f.busy--
		f.mu.Unlock()
	}
}

// Cut arms cw with the next queued cut, if any: call it once the answer is
// known to be a file.
func (f *Files) Cut(cw *CutWriter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.cuts) > 0 {
		cw.Cut, f.cuts = f.cuts[0], f.cuts[1:]
	}
}

// Requests returns a copy of the log, oldest first. A client may have read
// a whole answer a moment before its handler logs it, so the answers under
// way are waited for first (a second at most).
func (f *Files) Requests() []StorageRecord {
	deadline := time.Now().Add(time.Second)
	for {
		f.mu.Lock()
		if f.busy == 0 || time.Now().After(deadline) {
			defer f.mu.Unlock()
			return append([]StorageRecord(nil), f.log...)
		}
		f.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

// ResetRequests empties the log.
func (f *Files) ResetRequests() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = nil
}
