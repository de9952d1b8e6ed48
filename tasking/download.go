package tasking

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrIntegrity is returned when downloaded bytes do not match what the
// provider announced: another checksum, or another size. The file is not
// written (Download removes its partial copy).
var ErrIntegrity = errors.New("downloaded file does not match the provider's checksum or size")

// Download defaults.
const (
	DefaultDownloadConcurrency = 4
	DefaultMaxResumes          = 5
	downloadBuffer             = 32 << 10
	maxTotalResumes            = 1000 // however much each resume brings
	partSuffix                 = ".part"
)

// DownloadOptions tune Download, DownloadTo and DownloadAll. The zero value
// (or nil) is ready to use.
type DownloadOptions struct {
	// Progress, when set, is called after every chunk written, and once
	// when a download starts (with Done at the resumed offset). DownloadAll
	// calls it from several goroutines at once, one asset per goroutine.
	Progress func(Progress)
	// Concurrency bounds how many assets DownloadAll fetches at once
	// (default DefaultDownloadConcurrency).
	Concurrency int
	// MaxResumes bounds how many times in a row a broken transfer is resumed
	// without receiving a byte (default DefaultMaxResumes; negative: never
	// resume), and a download is resumed at most 1,000 times in all. A
	// resume asks only for the missing bytes (an HTTP Range).
	MaxResumes int
}

// Progress is how far one asset's download has come.
type Progress struct {
	Asset *Asset
	Done  int64 // bytes written, resumed ones included
	Total int64 // the file's size, -1 until known
}

// Downloaded describes a finished download.
type Downloaded struct {
	Asset *Asset
	Path  string // the file written; empty for DownloadTo
	Size  int64  // bytes in the file
	// Verified says what the bytes were checked against: the checksum's
	// algorithm ("md5", "sha256" …), "size" when only the size was given,
	// or "" when the provider gave neither.
	Verified string
	Fetched  int64 // bytes received over the network by this call
	Resumes  int   // how many times the transfer was resumed after a cut
}

// DownloadTo streams a's bytes to w, resuming after cuts, and verifies them
// against the asset's checksum and size. Memory use does not grow with the
// file's size. On an ErrIntegrity error, w has received bytes that must be
// thrown away.
func DownloadTo(ctx context.Context, a *Asset, w io.Writer, opts *DownloadOptions) (*Downloaded, error) {
	f, err := newFetch(a, w, opts)
	if err != nil {
		return nil, err
	}
	if err := f.run(ctx); err != nil {
		return nil, err
	}
	return f.res, nil
}

// Download writes a's bytes to the file path. They go to path+".part" first
// and are renamed to path only once complete and verified, so a file at
// path is always whole. When the asset has a checksum, a download that is
// cut or cancelled leaves the ".part" file, and the next Download of it to
// the same path resumes from there, fetching only the missing bytes. Without
// a checksum, stale bytes could not be caught, so the ".part" file is
// removed and the next Download starts over; so is one that fails to match
// (ErrIntegrity).
func Download(ctx context.Context, a *Asset, path string, opts *DownloadOptions) (*Downloaded, error) {
	f, err := newFetch(a, nil, opts)
	if err != nil {
		return nil, err
	}
	part := path + partSuffix
	file, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", a.Name, err)
	}
	f.w = file
	err = f.resumeFrom(file)
	if err == nil {
		err = f.run(ctx)
	}
	if cerr := file.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("download %s: %w", a.Name, cerr)
	}
	if err != nil {
		if errors.Is(err, ErrIntegrity) || f.h == nil {
			_ = os.Remove(part) // wrong, or (with no checksum) never taken up again
		}
		return nil, err
	}
	if err := os.Rename(part, path); err != nil {
		return nil, fmt.Errorf("download %s: %w", a.Name, err)
	}
	f.res.Path = path
	return f.res, nil
}

// DownloadAll downloads the assets into dir, each to
// dir/<capture id>/<asset name> (names made safe for the file system), at
// most opts.Concurrency at a time. Every asset is tried: the results are in
// the assets' order, nil for those that failed, and the error joins each
// failure, named by asset.
func DownloadAll(ctx context.Context, assets []*Asset, dir string, opts *DownloadOptions) ([]*Downloaded, error) {
	paths := make([]string, len(assets))
	seen := make(map[string]int, len(assets))
	for i, a := range assets {
		if a == nil {
			return nil, Invalid(fmt.Sprintf("assets[%d]", i), "is nil")
		}
		p := filepath.Join(dir, safeName(a.CaptureID), safeName(a.Name))
		if j, dup := seen[p]; dup {
			return nil, Invalid(fmt.Sprintf("assets[%d].Name", i), "%q is also assets[%d]'s file %s", a.Name, j, p)
		}
		seen[p], paths[i] = i, p
	}
	n := DefaultDownloadConcurrency
	if opts != nil && opts.Concurrency > 0 {
		n = opts.Concurrency
	}
	out := make([]*Downloaded, len(assets))
	errs := make([]error, len(assets))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, a := range assets {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			errs[i] = fmt.Errorf("%s/%s: %w", a.CaptureID, a.Name, ctx.Err())
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			err := os.MkdirAll(filepath.Dir(paths[i]), 0o755)
			if err == nil {
				out[i], err = Download(ctx, a, paths[i], opts)
			}
			if err != nil {
				errs[i] = fmt.Errorf("%s/%s: %w", a.CaptureID, a.Name, err)
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// safeName makes s one path element: path separators and characters other
// than letters, digits, '.', '-' and '_' become '_', and "", "." and ".."
// become "_".
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
	if s == "" || s == "." || s == ".." {
		return "_"
	}
	return s
}

// fetch is one asset's download in progress.
type fetch struct {
	a          *Asset
	w          io.Writer
	h          hash.Hash // nil when the checksum cannot be verified
	progress   func(Progress)
	maxResumes int
	done       int64
	total      int64
	buf        []byte
	res        *Downloaded
}

func newFetch(a *Asset, w io.Writer, opts *DownloadOptions) (*fetch, error) {
	if a == nil || a.Source == nil {
		return nil, Invalid("Asset.Source", "is required")
	}
	f := &fetch{a: a, w: w, maxResumes: DefaultMaxResumes, total: -1, res: &Downloaded{Asset: a}}
	if opts != nil {
		f.progress = opts.Progress
		if opts.MaxResumes != 0 {
			f.maxResumes = max(opts.MaxResumes, 0)
		}
	}
	if a.Size > 0 {
		f.total = a.Size
	}
	if !a.Checksum.IsZero() {
		f.h = newHash(a.Checksum.Algorithm)
	}
	return f, nil
}

func newHash(algorithm string) hash.Hash {
	switch strings.ToLower(strings.ReplaceAll(algorithm, "-", "")) {
	case "md5":
		return md5.New()
	case "sha1":
		return sha1.New()
	case "sha256":
		return sha256.New()
	case "sha512":
		return sha512.New()
	}
	return nil
}

// resumeFrom takes up a partial file: its bytes are hashed and the download
// goes on after them. Only an asset with a checksum it can verify is taken
// up: without one, bytes left by an earlier call (perhaps of another
// version of the file) could not be told from the right ones, so the
// download starts over. A partial file longer than the asset starts over
// too.
func (f *fetch) resumeFrom(file *os.File) error {
	st, err := file.Stat()
	if err != nil {
		return fmt.Errorf("download %s: %w", f.a.Name, err)
	}
	n := st.Size()
	if n > 0 && (f.h == nil || (f.total >= 0 && n > f.total)) {
		// (Only a file with bytes is truncated: on ext4 a truncate makes the
		// close wait for the new bytes to reach the disk.)
		if err := file.Truncate(0); err != nil {
			return fmt.Errorf("download %s: %w", f.a.Name, err)
		}
		n = 0
	}
	if n > 0 && f.h != nil {
		if _, err := io.CopyBuffer(f.h, io.NewSectionReader(file, 0, n), f.buffer()); err != nil {
			return fmt.Errorf("download %s: reading the partial file: %w", f.a.Name, err)
		}
	}
	if _, err := file.Seek(n, io.SeekStart); err != nil {
		return fmt.Errorf("download %s: %w", f.a.Name, err)
	}
	f.done = n
	return nil
}

func (f *fetch) buffer() []byte {
	if f.buf == nil {
		f.buf = make([]byte, downloadBuffer)
	}
	return f.buf
}

// run transfers what is missing, resuming after cuts, then verifies.
func (f *fetch) run(ctx context.Context) error {
	f.report()
	failures := 0
	for {
		got, err := f.once(ctx)
		if err == nil {
			return f.verify()
		}
		var final *finalError
		if errors.As(err, &final) {
			return final.err
		}
		if cerr := ctx.Err(); cerr != nil {
			return fmt.Errorf("download %s: %w (after %d bytes)", f.a.Name, cerr, f.done)
		}
		if got > 0 {
			failures = 0
		}
		if failures >= f.maxResumes || f.res.Resumes >= maxTotalResumes {
			return fmt.Errorf("download %s: %w (after %d bytes and %d resumes)", f.a.Name, err, f.done, f.res.Resumes)
		}
		failures++
		f.res.Resumes++
		t := time.NewTimer(min(100*time.Millisecond<<failures, 5*time.Second) / 2)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("download %s: %w (after %d bytes)", f.a.Name, ctx.Err(), f.done)
		case <-t.C:
		}
	}
}

// finalError is a failure that resuming cannot mend.
type finalError struct{ err error }

func (e *finalError) Error() string { return e.err.Error() }

// once opens the source at the first missing byte and copies until the end
// or a failure; it returns how many bytes it received.
func (f *fetch) once(ctx context.Context) (int64, error) {
	c, err := f.a.Source.Open(ctx, f.done)
	if err != nil {
		// The source has already retried within its policy: an answer it
		// gives up on (an expired link, a refusal) will not mend.
		if ctx.Err() != nil {
			return 0, err
		}
		return 0, &finalError{fmt.Errorf("download %s: %w", f.a.Name, err)}
	}
	defer c.Body.Close()
	switch {
	case c.Start > f.done:
		return 0, &finalError{fmt.Errorf("download %s: the source answered from byte %d, not %d", f.a.Name, c.Start, f.done)}
	case c.Size >= 0 && f.total >= 0 && c.Size != f.total:
		return 0, &finalError{fmt.Errorf("download %s: %w: the file is %d bytes, not the %d announced",
			f.a.Name, ErrIntegrity, c.Size, f.total)}
	case c.Size >= 0:
		f.total = c.Size
	}
	if skip := f.done - c.Start; skip > 0 {
		// The server ignored the range: read past what is already here.
		n, err := io.CopyN(io.Discard, c.Body, skip)
		f.res.Fetched += n
		if err != nil {
			return 0, err
		}
	}
	buf := f.buffer()
	var got int64
	for {
		if err := ctx.Err(); err != nil {
			return got, err // a body already buffered would otherwise finish
		}
		n, rerr := c.Body.Read(buf)
		if n > 0 {
			if f.total >= 0 && f.done+int64(n) > f.total {
				return got, &finalError{fmt.Errorf("download %s: %w: more than the %d bytes announced", f.a.Name, ErrIntegrity, f.total)}
			}
			if _, err := f.w.Write(buf[:n]); err != nil {
				return got, &finalError{fmt.Errorf("download %s: writing: %w", f.a.Name, err)}
			}
			if f.h != nil {
				f.h.Write(buf[:n])
			}
			got += int64(n)
			f.done += int64(n)
			f.res.Fetched += int64(n)
			f.report()
		}
		switch {
		case rerr == io.EOF && f.total >= 0 && f.done < f.total:
			return got, fmt.Errorf("connection closed after %d of %d bytes: %w", f.done, f.total, io.ErrUnexpectedEOF)
		case rerr == io.EOF:
			return got, nil
		case rerr != nil:
			return got, rerr
		}
	}
}

func (f *fetch) report() {
	if f.progress != nil {
		f.progress(Progress{Asset: f.a, Done: f.done, Total: f.total})
	}
}

// verify checks the finished bytes against the asset's size and checksum.
func (f *fetch) verify() error {
	f.res.Size = f.done
	if f.a.Size > 0 && f.done != f.a.Size {
		return fmt.Errorf("download %s: %w: got %d bytes, want %d", f.a.Name, ErrIntegrity, f.done, f.a.Size)
	}
	if f.a.Size > 0 || f.total >= 0 {
		f.res.Verified = "size"
	}
	if f.h == nil {
		return nil
	}
	got := hex.EncodeToString(f.h.Sum(nil))
	if !strings.EqualFold(got, f.a.Checksum.Value) {
		return fmt.Errorf("download %s: %w: %s is %s, want %s", f.a.Name, ErrIntegrity, f.a.Checksum.Algorithm, got,
			f.a.Checksum.Value)
	}
	f.res.Verified = strings.ToLower(f.a.Checksum.Algorithm)
	return nil
}
