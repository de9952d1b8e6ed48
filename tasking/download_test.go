package tasking_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scripted serves data, breaking off each opened body after the next cut
// in cuts (when any), optionally ignoring the offset asked for.
type scripted struct {
	data        []byte
	mu          sync.Mutex
	cuts        []int64
	ignoreRange bool
	opens       []int64 // offsets asked for
	sent        atomic.Int64
	openErr     error
}

func (s *scripted) Open(ctx context.Context, offset int64) (*tasking.Content, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opens = append(s.opens, offset)
	if s.openErr != nil {
		return nil, s.openErr
	}
	if s.ignoreRange {
		offset = 0
	}
	body := s.data[offset:]
	if len(s.cuts) > 0 {
		body = body[:s.cuts[0]]
		s.cuts = s.cuts[1:]
		return &tasking.Content{Body: io.NopCloser(&counting{r: io.MultiReader(bytes.NewReader(body), errReader{}), n: &s.sent}), Start: offset, Size: int64(len(s.data))}, nil
	}
	return &tasking.Content{Body: io.NopCloser(&counting{r: bytes.NewReader(body), n: &s.sent}), Start: offset, Size: int64(len(s.data))}, nil
}

type counting struct {
	r io.Reader
	n *atomic.Int64
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func asset(data []byte, src tasking.Source) *tasking.Asset {
	sum := sha256.Sum256(data)
	return &tasking.Asset{Provider: "p", CaptureID: "cap/1", Name: "../image.tif", Size: int64(len(data)),
		Checksum: tasking.Checksum{Algorithm: "sha256", Value: hex.EncodeToString(sum[:])}, Source: src}
}

func payload(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>9)
	}
	return b
}

func TestDownloadResumesAfterCuts(t *testing.T) {
	data := payload(1 << 20)
	src := &scripted{data: data, cuts: []int64{300 << 10, 100 << 10}}
	var buf bytes.Buffer
	var last tasking.Progress
	calls := 0
	got, err := tasking.DownloadTo(context.Background(), asset(data, src), &buf, &tasking.DownloadOptions{
		Progress: func(p tasking.Progress) { last = p; calls++ }})
	require.NoError(t, err)
	assert.Equal(t, data, buf.Bytes())
	assert.Equal(t, []int64{0, 300 << 10, 400 << 10}, src.opens, "each resume asks for the first missing byte")
	assert.Equal(t, 2, got.Resumes)
	assert.Equal(t, int64(len(data)), got.Fetched, "not a byte fetched twice")
	assert.Equal(t, "sha256", got.Verified)
	assert.Equal(t, tasking.Progress{Asset: got.Asset, Done: int64(len(data)), Total: int64(len(data))}, last)
	assert.Greater(t, calls, 3)
}

func TestDownloadServerIgnoringRange(t *testing.T) {
	data := payload(200 << 10)
	src := &scripted{data: data, cuts: []int64{50 << 10}, ignoreRange: true}
	var buf bytes.Buffer
	got, err := tasking.DownloadTo(context.Background(), asset(data, src), &buf, nil)
	require.NoError(t, err)
	assert.Equal(t, data, buf.Bytes(), "the bytes already written are skipped, not written twice")
	assert.Equal(t, "sha256", got.Verified)
}

func TestDownloadChecksumMismatchLeavesNoFile(t *testing.T) {
	data := payload(64 << 10)
	a := asset(data, &scripted{data: data})
	a.Checksum.Value = hex.EncodeToString(make([]byte, 32))
	dir := t.TempDir()
	path := filepath.Join(dir, "f.tif")
	_, err := tasking.Download(context.Background(), a, path, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)
	assert.NoFileExists(t, path)
	assert.NoFileExists(t, path+".part", "a corrupt partial file is removed")

	short := asset(data, &scripted{data: data[:1000]})
	_, err = tasking.Download(context.Background(), short, path, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity, "the server says the file is shorter than announced")
	assert.NoFileExists(t, path)
}

func TestDownloadResumesFromPartialFile(t *testing.T) {
	data := payload(500 << 10)
	dir := t.TempDir()
	path := filepath.Join(dir, "f.tif")
	src := &scripted{data: data, cuts: []int64{200 << 10}}
	_, err := tasking.Download(context.Background(), asset(data, src), path, &tasking.DownloadOptions{MaxResumes: -1})
	require.Error(t, err, "no resume allowed: the cut ends the call")
	assert.NoFileExists(t, path, "an unfinished download never looks complete")
	st, err := os.Stat(path + ".part")
	require.NoError(t, err)
	assert.Equal(t, int64(200<<10), st.Size())

	src.sent.Store(0)
	got, err := tasking.Download(context.Background(), asset(data, src), path, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(300<<10), got.Fetched, "only the missing bytes")
	assert.Equal(t, int64(300<<10), src.sent.Load())
	onDisk, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, data, onDisk)
	assert.NoFileExists(t, path+".part")
	assert.Equal(t, "sha256", got.Verified)
}

func TestDownloadGivesUpAndRespectsContext(t *testing.T) {
	data := payload(10 << 10)
	src := &scripted{data: data, cuts: []int64{0, 0, 0, 0, 0, 0, 0, 0}}
	_, err := tasking.DownloadTo(context.Background(), asset(data, src), io.Discard, &tasking.DownloadOptions{MaxResumes: 2})
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Len(t, src.opens, 3, "one try and two resumes without progress")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = tasking.DownloadTo(ctx, asset(data, &scripted{data: data, openErr: context.Canceled}), io.Discard, nil)
	assert.ErrorIs(t, err, context.Canceled)

	refused := &scripted{data: data, openErr: &tasking.APIError{StatusCode: 403}}
	_, err = tasking.DownloadTo(context.Background(), asset(data, refused), io.Discard, nil)
	require.Error(t, err)
	assert.Len(t, refused.opens, 1, "an answer the source gave up on is not asked again")
}

func TestDownloadAll(t *testing.T) {
	var assets []*tasking.Asset
	for i := range 9 {
		data := payload(20<<10 + i)
		a := asset(data, &gate{scripted: scripted{data: data}})
		a.Name = string(rune('a'+i)) + ".tif"
		assets = append(assets, a)
	}
	bad := asset(payload(100), &scripted{data: payload(100)})
	bad.Name, bad.Checksum.Value = "bad.tif", hex.EncodeToString(make([]byte, 32))
	assets = append(assets, bad)
	dir := t.TempDir()
	active.Store(0)
	peak.Store(0)
	got, err := tasking.DownloadAll(context.Background(), assets, dir, &tasking.DownloadOptions{Concurrency: 3})
	require.ErrorIs(t, err, tasking.ErrIntegrity)
	assert.Contains(t, err.Error(), "bad.tif")
	assert.LessOrEqual(t, peak.Load(), int64(3), "never more than the bound at once")
	assert.Greater(t, peak.Load(), int64(1), "fetched concurrently")
	require.Len(t, got, 10)
	assert.Nil(t, got[9])
	for i, d := range got[:9] {
		require.NotNil(t, d, i)
		assert.Equal(t, filepath.Join(dir, "cap_1", assets[i].Name), d.Path, "names made safe")
		assert.FileExists(t, d.Path)
	}

	dup := []*tasking.Asset{assets[0], assets[0]}
	_, err = tasking.DownloadAll(context.Background(), dup, dir, nil)
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)

	odd := asset(payload(10), &scripted{data: payload(10)})
	odd.Name = ".."
	got, err = tasking.DownloadAll(context.Background(), []*tasking.Asset{odd}, dir, nil)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "cap_1", "_"), got[0].Path)
}

var active, peak atomic.Int64

// gate counts how many opens are being read at once.
type gate struct{ scripted }

func (g *gate) Open(ctx context.Context, offset int64) (*tasking.Content, error) {
	c, err := g.scripted.Open(ctx, offset)
	if err != nil {
		return nil, err
	}
	n := active.Add(1)
	for {
		p := peak.Load()
		if n <= p || peak.CompareAndSwap(p, n) {
			break
		}
	}
	c.Body = &closer{ReadCloser: c.Body, slow: true}
	return c, nil
}

type closer struct {
	io.ReadCloser
	slow bool
}

func (c *closer) Read(p []byte) (int, error) {
	if c.slow {
		c.slow = false
		sleepALittle()
	}
	return c.ReadCloser.Read(p)
}

func (c *closer) Close() error { active.Add(-1); return c.ReadCloser.Close() }

func TestDownloadRequiresSource(t *testing.T) {
	_, err := tasking.DownloadTo(context.Background(), &tasking.Asset{Name: "x"}, io.Discard, nil)
	var ve *tasking.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Equal(t, "Asset.Source", ve.Field)
}

func sleepALittle() { <-time.After(20 * time.Millisecond) }
