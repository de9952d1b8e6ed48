package capella

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TimeFormat is how this package writes times on the wire: UTC with
// millisecond precision, the form Capella's own SDK sends
// ("2026-06-01T00:00:00.000Z").
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// wireTime is a time on the wire: written in TimeFormat, read leniently (RFC
// 3339 with any precision, or without a zone meaning UTC, as Capella sends in
// conflictingTasks). A value that cannot be read is the zero time, never an
// error: the raw JSON keeps it.
type wireTime time.Time

// MarshalJSON writes t in TimeFormat, in UTC.
func (t wireTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(TimeFormat) + `"`), nil
}

// UnmarshalJSON reads t leniently.
func (t *wireTime) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) != nil {
		*t = wireTime{}
		return nil
	}
	*t = wireTime(parseTime(s))
	return nil
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

// parseTime reads the time forms Capella is known to send; the zero time for
// anything else.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// optTime returns nil for the zero time, so that omitempty leaves it out.
func optTime(t time.Time) *wireTime {
	if t.IsZero() {
		return nil
	}
	w := wireTime(t)
	return &w
}

// wireGeometry is an orb.Geometry written as a bare GeoJSON geometry.
type wireGeometry struct{ orb.Geometry }

// MarshalJSON writes the geometry as GeoJSON; a nil geometry is null.
func (g wireGeometry) MarshalJSON() ([]byte, error) {
	if g.Geometry == nil {
		return []byte("null"), nil
	}
	return json.Marshal(geojson.NewGeometry(g.Geometry))
}

// decodeGeometry reads a GeoJSON geometry leniently: null, {} or anything
// that is not a readable geometry gives nil (the raw JSON keeps it).
func decodeGeometry(raw json.RawMessage) orb.Geometry {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	g, err := geo.ParseGeoJSON(raw)
	if err != nil {
		return nil
	}
	return g
}

// Feature is the GeoJSON Feature envelope Capella wraps requests in.
type feature[P any] struct {
	Type       string          `json:"type"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties P               `json:"properties"`
}
