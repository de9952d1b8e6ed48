package transport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// The one JSON path of the SDK: every request body is written and every
// answer read by encoding/json/v2 (github.com/go-json-experiment/json, the
// standard library's own from Go 1.27), in one pass, with these rules:
//
//   - Geometries: a field of type orb.Geometry is read and written as a
//     GeoJSON geometry object straight into orb values (geo.ReadGeoJSON,
//     geo.WriteGeoJSON). Wire structs therefore hold geometries as
//     orb.Geometry, never as a concrete orb type.
//   - Times: a time.Time field reads RFC 3339, RFC 3339 without a zone (taken
//     as UTC), "2006-01-02 15:04:05" and a bare date; null and "" leave the
//     zero time. Times are written in RFC 3339.
//   - Strictness: a member of the wrong type (a string where a number is
//     due) is a *tasking.DecodeError naming its JSON path, so that a change
//     on the provider's side shows at once instead of leaving a zero value.
//     Unknown members are ignored (or kept by a type that asks for them with
//     an `json:",embed"` jsontext.Value field), unknown enum values decode as
//     they are, member names match case-insensitively (ignoring "_" and "-",
//     which v1 did not), and duplicate names
//     and invalid UTF-8 are accepted, as encoding/json v1 did.
//   - Streaming: an answer is decoded from the connection as it arrives,
//     under the size cap, so a page costs its decoded items and a small read
//     buffer, not copies of its body.

// jsonCodec holds a client's encoding and decoding options.
type jsonCodec struct {
	enc json.Options
	dec json.Options
}

func newJSONCodec(api API) jsonCodec {
	um := []*json.Unmarshalers{
		json.UnmarshalFromFunc(readGeometry),
		json.UnmarshalFromFunc(readTime),
	}
	if api.Unmarshalers != nil {
		um = append([]*json.Unmarshalers{api.Unmarshalers}, um...)
	}
	m := []*json.Marshalers{json.MarshalToFunc(geo.WriteGeoJSON)}
	if api.Marshalers != nil {
		m = append([]*json.Marshalers{api.Marshalers}, m...)
	}
	return jsonCodec{
		enc: json.WithMarshalers(json.JoinMarshalers(m...)),
		dec: json.JoinOptions(
			json.WithUnmarshalers(json.JoinUnmarshalers(um...)),
			json.MatchCaseInsensitiveNames(true),
			jsontext.AllowDuplicateNames(true),
			jsontext.AllowInvalidUTF8(true),
		),
	}
}

func readGeometry(dec *jsontext.Decoder, g *orb.Geometry) error {
	v, err := geo.ReadGeoJSON(dec)
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// timeLayouts are what readTime accepts beyond RFC 3339.
var timeLayouts = [...]string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02"}

// readTime reads a time leniently (see the rules above).
func readTime(dec *jsontext.Decoder, t *time.Time) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case 'n':
		*t = time.Time{}
		return nil
	case '"':
	default:
		return fmt.Errorf("want a time as a string, got %s", v.Kind())
	}
	raw := v[1 : len(v)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		if len(raw) == 0 {
			*t = time.Time{}
			return nil
		}
		if t.UnmarshalText(raw) == nil { // RFC 3339, without allocating
			return nil
		}
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return err
	}
	p, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = p
	return nil
}

// ParseTime reads a time as answers hold them: RFC 3339, RFC 3339 without a
// zone (taken as UTC), "2006-01-02 15:04:05" and a bare date; "" (or white
// space) is the zero time.
func ParseTime(s string) (time.Time, error) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, nil
	}
	if p, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return p, nil
	}
	for _, l := range timeLayouts {
		if p, err := time.Parse(l, s); err == nil {
			return p, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time (RFC 3339 or a date)", s)
}

// LenientJSON returns the options for reading what is shown to people rather
// than acted on (error documents, free-form members), as loosely as
// encoding/json v1 did: names in any case, duplicate names and invalid UTF-8
// accepted.
func LenientJSON() json.Options {
	return json.JoinOptions(json.MatchCaseInsensitiveNames(true), jsontext.AllowDuplicateNames(true),
		jsontext.AllowInvalidUTF8(true))
}

// Unmarshal decodes data into v as the client reads answers.
func (c *Client) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v, c.json.dec) }

// eof is an empty reader, for parking a decoder between answers.
type eof struct{}

func (eof) Read([]byte) (int, error) { return 0, io.EOF }

// smallBody is the longest announced body decodeStream reads whole first.
const smallBody = 64 << 10

// cappedReader reads a body, failing with tasking.ErrResponseTooLarge past
// limit bytes, and remembers any read error (a connection cut short) and the
// first bytes read, for an error report (kept in place: no allocation).
type cappedReader struct {
	r     io.Reader
	limit int64
	n     int64
	err   error // the first read error other than io.EOF
	head  [streamHead]byte
}

// streamHead is how much of a streamed body a DecodeError shows.
const streamHead = 1 << 10

// received returns the first bytes read, as a new slice.
func (r *cappedReader) received() []byte {
	return bytes.Clone(r.head[:min(r.n, streamHead)])
}

func (r *cappedReader) Read(p []byte) (int, error) {
	if r.n > r.limit {
		return 0, r.tooLarge()
	}
	if room := r.limit + 1 - r.n; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := r.r.Read(p)
	if r.n < streamHead {
		copy(r.head[r.n:], p[:n])
	}
	r.n += int64(n)
	if r.n > r.limit {
		return n, r.tooLarge()
	}
	if err != nil && err != io.EOF && r.err == nil {
		r.err = err
	}
	return n, err
}

func (r *cappedReader) tooLarge() error {
	return fmt.Errorf("%w (%d bytes)", tasking.ErrResponseTooLarge, r.limit)
}

// decodeStream decodes one JSON value from body into out, item by item, as
// it arrives. It reports whether the body held nothing but white space (out
// is then untouched).
//
// Memory: the decoder reads through a 4 KiB buffer, which grows only for a
// single value (one string, say) larger than that; a page costs its decoded
// items, not copies of its body. A body announced over the cap is refused
// before this is called; one announced at most smallBody long is read whole
// first, which costs its length once and saves the buffer's growth.
func (c *Client) decodeStream(body *cappedReader, size int64, out any) (empty bool, err error) {
	var src io.Reader = body
	if size > 0 && size <= smallBody {
		// A small body of announced length is read whole into a buffer of
		// that size, which the decoder reads in place: one allocation instead
		// of the read buffer's growth.
		buf := bytes.NewBuffer(make([]byte, 0, size+1))
		if _, err := buf.ReadFrom(body); err != nil {
			return false, err
		}
		src = buf
	}
	dec, _ := c.decoders.Get().(*jsontext.Decoder)
	if dec == nil {
		dec = jsontext.NewDecoder(src, c.json.dec)
	} else {
		dec.Reset(src, c.json.dec)
	}
	defer func() {
		dec.Reset(eof{}, c.json.dec) // drop the body; keep the buffers and caches
		c.decoders.Put(dec)
	}()
	if dec.PeekKind() == 0 {
		if _, err := dec.ReadToken(); err == io.EOF {
			return true, nil
		} else if err != nil {
			return false, err
		}
	}
	if err := json.UnmarshalDecode(dec, out, c.json.dec); err != nil {
		return false, err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the JSON value")
		}
		return false, err
	}
	return false, nil
}
