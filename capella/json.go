package capella

import (
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// TimeFormat is how this package writes times in request bodies: UTC with
// millisecond precision, the form Capella's own SDK sends
// ("2026-06-01T00:00:00.000Z").
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// marshalers are Capella's own request-body codecs, added to the transport's
// (see internal/transport/json.go): every time.Time is written in
// TimeFormat, in UTC.
var marshalers = json.MarshalToFunc(writeTime)

// writeTime writes t in TimeFormat, in UTC, without allocating.
func writeTime(enc *jsontext.Encoder, t time.Time) error {
	var buf [len(TimeFormat) + 16]byte
	b := append(buf[:0], '"')
	b = t.UTC().AppendFormat(b, TimeFormat)
	return enc.WriteValue(append(b, '"'))
}

// parseTime reads the time forms Capella is known to send in plain string
// fields (User.CreatedAt); the zero time for anything else.
func parseTime(s string) time.Time {
	t, _ := transport.ParseTime(s)
	return t
}

// holdsValues reports whether the JSON object v (an Unknown field, read
// with the transport's lenient options) has a member whose value is not
// null.
func holdsValues(v jsontext.Value) bool {
	var m map[string]jsontext.Value
	if len(v) == 0 || json.Unmarshal(v, &m, transport.LenientJSON()) != nil {
		return false
	}
	for _, val := range m {
		if val.Kind() != 'n' {
			return true
		}
	}
	return false
}
