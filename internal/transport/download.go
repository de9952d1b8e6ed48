package transport

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/tasking"
)

// storageURL checks a storage link: absolute, https (http only on
// loopback, for simulators), with a host.
func storageURL(href string) (*url.URL, error) {
	u, err := url.Parse(href)
	switch {
	case err != nil:
		return nil, fmt.Errorf("invalid asset link: %w", err)
	case u.Host == "":
		return nil, fmt.Errorf("asset link has no host")
	case u.Scheme == "https", u.Scheme == "http" && IsLoopback(u.Hostname()):
		return u, nil
	}
	return nil, fmt.Errorf("refusing asset link on scheme %q: want https", u.Scheme)
}

// streamOut, passed to send as out, asks the attempt to hand a 2xx body
// over unread.
type streamOut struct {
	content *tasking.Content
}

// Open sends r for the bytes of a file from offset on (a Range header when
// offset > 0), retrying like Do until a 2xx answer's headers are in, and
// returns its body unread. Reading it has no overall time limit, but each
// read must bring bytes within the header timeout (tasking.LimitStall);
// closing it ends the attempt. A 206 answer starts where its Content-Range
// says; any other 2xx at byte 0 (the server ignored the range).
func (c *Client) Open(ctx context.Context, r *Request, offset int64) (*tasking.Content, error) {
	rr := *r
	rr.Header = r.Header.Clone()
	if rr.Header == nil {
		rr.Header = make(http.Header, 2)
	}
	rr.Header.Set("Accept", "*/*")
	if offset > 0 {
		rr.Header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
	}
	u, body, err := c.prepare(&rr)
	if err != nil {
		return nil, err
	}
	so := &streamOut{}
	if _, err := c.send(ctx, &rr, u, body, so); err != nil {
		return nil, err
	}
	return so.content, nil
}

// handOver gives a 2xx answer's body to Open's caller, with a stall limit
// in place of the attempt limit.
func (c *Client) handOver(so *streamOut, r *Request, u *url.URL, resp *http.Response, st *attemptState,
	actx context.Context, cancel context.CancelCauseFunc) (*Response, error) {
	start, size := int64(0), resp.ContentLength
	if resp.StatusCode == http.StatusPartialContent {
		var err error
		if start, size, err = parseContentRange(resp.Header.Get("Content-Range")); err != nil {
			return nil, c.decodeError(r.Method, u, resp.StatusCode, nil, err)
		}
	}
	st.limits.stop()
	st.handed = true
	b := &stallReader{body: resp.Body, ctx: actx, cancel: cancel, stall: c.headerTimeout, provider: c.api.Name}
	if b.stall > 0 {
		te := &tasking.TimeoutError{Provider: c.api.Name, Method: r.Method, URL: c.redactURL(u),
			Limit: tasking.LimitStall, After: b.stall}
		b.timer = time.AfterFunc(b.stall, func() { cancel(te) })
	}
	so.content = &tasking.Content{Body: b, Start: start, Size: max(size, -1)}
	return &Response{StatusCode: resp.StatusCode, Header: resp.Header, Method: r.Method, c: c, u: u}, nil
}

// parseContentRange reads "bytes first-last/size" (size may be "*").
func parseContentRange(v string) (start, size int64, err error) {
	spec, ok := strings.CutPrefix(v, "bytes ")
	rng, total, ok2 := strings.Cut(spec, "/")
	first, _, ok3 := strings.Cut(rng, "-")
	if !ok || !ok2 || !ok3 {
		return 0, 0, fmt.Errorf("unreadable Content-Range %q on a 206 answer", v)
	}
	if start, err = strconv.ParseInt(first, 10, 64); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("unreadable Content-Range %q on a 206 answer", v)
	}
	if total == "*" {
		return start, -1, nil
	}
	if size, err = strconv.ParseInt(total, 10, 64); err != nil || size < start {
		return 0, 0, fmt.Errorf("unreadable Content-Range %q on a 206 answer", v)
	}
	return start, size, nil
}

// stallReader is a handed-over body: every read must bring bytes within
// stall, or the attempt's context is cancelled with a *tasking.TimeoutError.
type stallReader struct {
	body     io.ReadCloser
	cancel   context.CancelCauseFunc
	stall    time.Duration
	timer    *time.Timer
	ctx      context.Context // the attempt's
	provider string
}

// Read reads the body; a failure names the provider, and a stall or a
// cancelled context is reported as such rather than as a broken read.
func (b *stallReader) Read(p []byte) (int, error) {
	if b.timer != nil {
		b.timer.Reset(b.stall)
	}
	n, err := b.body.Read(p)
	if err != nil && err != io.EOF {
		if cause := context.Cause(b.ctx); cause != nil {
			err = cause
		}
		err = fmt.Errorf("%s: reading the file: %w", b.provider, err)
	}
	return n, err
}

// Close ends the attempt.
func (b *stallReader) Close() error {
	if b.timer != nil {
		b.timer.Stop()
	}
	err := b.body.Close()
	b.cancel(nil)
	return err
}

// Source returns a tasking.Source that opens r's bytes through c.
func (c *Client) Source(r Request) tasking.Source { return &source{c: c, r: r} }

type source struct {
	c *Client
	r Request
}

func (s *source) Open(ctx context.Context, offset int64) (*tasking.Content, error) {
	return s.c.Open(ctx, &s.r, offset)
}
