package simkit

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Storage is a simulated storage host, apart from the API host, like the
// buckets providers hand out pre-signed links to: it serves blobs at signed
// links that expire, answers Range requests (206 with Content-Range),
// refuses any request that carries API credentials (403), and can cut a
// download midway. It is safe for concurrent use.
type Storage struct {
	srv       *httptest.Server
	key       [32]byte
	forbidden []string
	now       func() time.Time

	// Files is the request log and the queue of cuts: CutNext, Requests,
	// ResetRequests.
	*Files

	mu    sync.Mutex
	blobs map[string]*Blob
}

// Blob is one stored file.
type Blob struct {
	Name      string
	Data      []byte
	MediaType string
	MD5       string // lower-case hex
	SHA256    string // lower-case hex
}

// StorageRecord is one request the storage host received.
type StorageRecord struct {
	Method string
	Path   string
	Range  string      // the Range header as sent
	Header http.Header // as sent (a request with credentials is refused, and its values blanked here)
	Status int
	Sent   int64 // body bytes written
}

// NewStorage starts a storage host on loopback. Requests carrying any of the
// headers named in forbidden (besides Authorization and Cookie, always
// refused) are answered 403. now is the clock links expire by (nil: the wall
// clock).
func NewStorage(now func() time.Time, forbidden ...string) *Storage {
	forbidden = append([]string{"Authorization", "Cookie"}, forbidden...)
	s := &Storage{blobs: map[string]*Blob{}, now: now, forbidden: forbidden, Files: NewFiles(forbidden...)}
	if s.now == nil {
		s.now = time.Now
	}
	_, _ = rand.Read(s.key[:])
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close shuts the host down.
func (s *Storage) Close() { s.srv.Close() }

// URL is the host's base URL.
func (s *Storage) URL() string { return s.srv.URL }

// Content returns size bytes of deterministic content for name: the same
// name and size give the same bytes on every run.
func Content(name string, size int) []byte {
	seed := sha256.Sum256([]byte(name))
	r := mrand.New(mrand.NewChaCha8(seed))
	out := make([]byte, size)
	for i := 0; i < size; i += 8 {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], r.Uint64())
		copy(out[i:], w[:])
	}
	return out
}

// Put stores data under name (a path such as "captures/c1/visual.tif") and
// returns the blob with its checksums.
func (s *Storage) Put(name, mediaType string, data []byte) *Blob {
	m := md5.Sum(data)
	h := sha256.Sum256(data)
	b := &Blob{Name: strings.TrimPrefix(name, "/"), Data: data, MediaType: mediaType,
		MD5: hex.EncodeToString(m[:]), SHA256: hex.EncodeToString(h[:])}
	s.mu.Lock()
	s.blobs[b.Name] = b
	s.mu.Unlock()
	return b
}

// Sign returns a link to the blob name valid until expires.
func (s *Storage) Sign(name string, expires time.Time) string {
	name = strings.TrimPrefix(name, "/")
	exp := strconv.FormatInt(expires.Unix(), 10)
	q := url.Values{"expires": {exp}, "signature": {s.signature(name, exp)}}
	return s.srv.URL + "/" + (&url.URL{Path: name}).EscapedPath() + "?" + q.Encode()
}

func (s *Storage) signature(name, exp string) string {
	m := hmac.New(sha256.New, s.key[:])
	m.Write([]byte(name + "\n" + exp))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Storage) serve(w http.ResponseWriter, r *http.Request) {
	cw, logged := s.Begin(w, r)
	defer logged()
	for _, h := range s.forbidden {
		if r.Header.Get(h) != "" {
			http.Error(cw, fmt.Sprintf("storage: request carries credential header %s: pre-signed links take none", h),
				http.StatusForbidden)
			return
		}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(cw, "storage: method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	exp := r.URL.Query().Get("expires")
	sig := r.URL.Query().Get("signature")
	if !hmac.Equal([]byte(sig), []byte(s.signature(name, exp))) {
		http.Error(cw, "storage: bad signature", http.StatusForbidden)
		return
	}
	if unix, err := strconv.ParseInt(exp, 10, 64); err != nil || !s.now().Before(time.Unix(unix, 0)) {
		http.Error(cw, "storage: link expired", http.StatusForbidden)
		return
	}
	s.mu.Lock()
	b := s.blobs[name]
	s.mu.Unlock()
	if b != nil && r.Method == http.MethodGet {
		s.Cut(cw)
	}
	if b == nil {
		http.Error(cw, "storage: no such blob", http.StatusNotFound)
		return
	}
	ServeBlob(cw, r, b)
}

// ServeBlob answers r with b's bytes, honouring Range: for API hosts that
// stream files themselves.
func ServeBlob(w http.ResponseWriter, r *http.Request, b *Blob) {
	if b.MediaType != "" {
		w.Header().Set("Content-Type", b.MediaType)
	}
	w.Header().Set("ETag", `"`+b.MD5+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b.Data))
}

// CutWriter counts the body bytes of an answer and, when Cut >= 0, drops
// the connection after Cut of them, as a network cut would: for simulators
// whose API host serves files itself.
type CutWriter struct {
	http.ResponseWriter
	Cut    int64 // -1: never
	status int
	n      int64
}

// NewCutWriter wraps w, cutting after cut bytes (cut < 0: never).
func NewCutWriter(w http.ResponseWriter, cut int64) *CutWriter {
	return &CutWriter{ResponseWriter: w, Cut: cut}
}

// Status is the status written (200 for a body with no explicit status, 0
// before anything was written).
func (c *CutWriter) Status() int { return c.status }

// Unwrap returns the wrapped writer, for http.ResponseController.
func (c *CutWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// Sent is how many body bytes were written.
func (c *CutWriter) Sent() int64 { return c.n }

// WriteHeader notes status and sends it.
func (c *CutWriter) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
	c.ResponseWriter.WriteHeader(status)
}

// Write sends p, or the part of it before the cut and then drops the
// connection.
func (c *CutWriter) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.Cut >= 0 && c.n+int64(len(p)) > c.Cut {
		k, _ := c.ResponseWriter.Write(p[:c.Cut-c.n])
		c.n += int64(k)
		_ = http.NewResponseController(c.ResponseWriter).Flush() // the bytes before the cut go out
		panic(http.ErrAbortHandler)
	}
	k, err := c.ResponseWriter.Write(p)
	c.n += int64(k)
	return k, err
}

// StorageRequest is the shape of a simulator's own StorageRequest type: the
// fields of StorageRecord.
type StorageRequest interface {
	~struct {
		Method string
		Path   string
		Range  string
		Header http.Header
		Status int
		Sent   int64
	}
}

// StorageRequestsAs returns a copy of a file log (a storage host's
// Files) as a simulator's own StorageRequest type.
func StorageRequestsAs[R StorageRequest](f *Files) []R {
	recs := f.Requests()
	out := make([]R, len(recs))
	for i, rec := range recs {
		out[i] = R(rec)
	}
	return out
}
