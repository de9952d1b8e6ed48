package planet

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
)

// This file is the one-pass decoder behind Order.UnmarshalJSON. It reads an
// order the way Planet sends it (known members with the expected JSON types,
// RFC 3339 times, plain GeoJSON geometries) straight into the Order, without
// the second json.Unmarshal of the whole object, the RawMessage copies of the
// geometries and the two passes per geometry of the generic path.
//
// It is only a shortcut: whenever the input is anything else (a member of an
// unexpected type, a time that is not RFC 3339, a member name that differs
// from the field's only in case, a geometry it does not read itself that
// fails, malformed JSON, nesting deeper than maxFastDepth) it gives up and
// UnmarshalJSON decodes by the generic path, which defines the behaviour. So
// whenever it succeeds, the result is the one the generic path would give;
// TestFastOrderMatchesGeneric and FuzzFastOrder check that.

// maxFastDepth bounds the nesting the shortcut follows in members it skips.
const maxFastDepth = 64

// orderMemberNames holds, folded to lower case, every member name the
// generic path decodes into an Order: encoding/json matches names without
// regard to case, so a name that is not an exact match but folds to one of
// these is left to the generic path.
var orderMemberNames = func() map[string]bool {
	m := map[string]bool{"geometry": true, "original_geometry": true, "fulfilled_geometry": true}
	t := reflect.TypeFor[Order]()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case name == "":
			m[strings.ToLower(f.Name)] = true
		default:
			m[strings.ToLower(name)] = true
		}
	}
	return m
}()

// geoMemberNames holds the member names geo.ParseGeoJSON decodes.
var geoMemberNames = map[string]bool{"type": true, "coordinates": true, "geometries": true, "geometry": true, "features": true}

// Known enum values, which are decoded without allocating a string.
var (
	knownOrderStatuses   = OrderStatuses()
	knownSchedulingTypes = SchedulingTypes()
	knownOrderTypes      = OrderTypes()
	knownSatelliteTypes  = SatelliteTypes()
	noKnownStrings       []string
)

// fastScanner reads JSON from b at i.
type fastScanner struct {
	b []byte
	i int
}

// ws skips JSON white space.
func (s *fastScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the byte at i, or 0 at the end.
func (s *fastScanner) peek() byte {
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// str reads the JSON string at i and returns the bounds of its content
// (without the quotes), whether it holds escapes and whether it holds bytes
// beyond ASCII.
func (s *fastScanner) str() (start, end int, esc, nonASCII, ok bool) {
	if s.peek() != '"' {
		return 0, 0, false, false, false
	}
	s.i++
	start = s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			end = s.i
			s.i++
			return start, end, esc, nonASCII, true
		case c == '\\':
			esc = true
			s.i++
			if s.i >= len(s.b) {
				return 0, 0, false, false, false
			}
			switch s.b[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				if s.i+4 >= len(s.b) {
					return 0, 0, false, false, false
				}
				for _, h := range s.b[s.i+1 : s.i+5] {
					if !isHex(h) {
						return 0, 0, false, false, false
					}
				}
				s.i += 5
			default:
				return 0, 0, false, false, false
			}
		case c < 0x20:
			return 0, 0, false, false, false
		default:
			if c >= utf8.RuneSelf {
				nonASCII = true
			}
			s.i++
		}
	}
	return 0, 0, false, false, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// stringValue reads the JSON string at i as encoding/json would.
func (s *fastScanner) stringValue() (string, bool) {
	start, end, esc, nonASCII, ok := s.str()
	if !ok {
		return "", false
	}
	raw := s.b[start:end]
	if esc || nonASCII && !utf8.Valid(raw) {
		// Escapes, or bytes encoding/json replaces: let it unquote.
		var v string
		if json.Unmarshal(s.b[start-1:end+1], &v) != nil {
			return "", false
		}
		return v, true
	}
	return string(raw), true
}

// number reads the JSON number at i and returns its text and whether it is
// an integer (no fraction, no exponent).
func (s *fastScanner) number() (num []byte, isInt, ok bool) {
	b, start := s.b, s.i
	i := s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
	default:
		return nil, false, false
	}
	isInt = true
	if i < len(b) && b[i] == '.' {
		isInt = false
		i++
		d := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		if i == d {
			return nil, false, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		isInt = false
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		if i == d {
			return nil, false, false
		}
	}
	s.i = i
	return b[start:i], isInt, true
}

// float reads a JSON number as encoding/json reads it into a float64.
func (s *fastScanner) float() (float64, bool) {
	num, _, ok := s.number()
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(num), 64)
	return f, err == nil
}

// int reads a JSON number as encoding/json reads it into an int.
func (s *fastScanner) int() (int, bool) {
	num, isInt, ok := s.number()
	if !ok || !isInt {
		return 0, false
	}
	n, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil || int64(int(n)) != n {
		return 0, false
	}
	return int(n), true
}

// literal reads the literal word at i.
func (s *fastScanner) literal(word string) bool {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// null reads a null at i, if there is one.
func (s *fastScanner) null() bool {
	return s.peek() == 'n' && s.literal("null")
}

// skip reads and checks any JSON value at i.
func (s *fastScanner) skip(depth int) bool {
	switch c := s.peek(); {
	case c == '"':
		_, _, _, _, ok := s.str()
		return ok
	case c == '{' || c == '[':
		if depth >= maxFastDepth {
			return false
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		s.i++
		s.ws()
		if s.peek() == closing {
			s.i++
			return true
		}
		for {
			s.ws()
			if c == '{' {
				if _, _, _, _, ok := s.str(); !ok {
					return false
				}
				if !s.colon() {
					return false
				}
			}
			if !s.skip(depth + 1) {
				return false
			}
			s.ws()
			switch s.peek() {
			case ',':
				s.i++
			case closing:
				s.i++
				return true
			default:
				return false
			}
		}
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	default:
		_, _, ok := s.number()
		return ok
	}
}

// colon reads the ':' after a member name and the white space around it.
func (s *fastScanner) colon() bool {
	s.ws()
	if s.peek() != ':' {
		return false
	}
	s.i++
	s.ws()
	return true
}

// next reads the ',' or '}' after a member: more reports a ','.
func (s *fastScanner) next() (more, ok bool) {
	s.ws()
	switch s.peek() {
	case ',':
		s.i++
		return true, true
	case '}':
		s.i++
		return false, true
	}
	return false, false
}

// otherMember reports whether a member name that matched no case may be
// skipped: it is plain ASCII and does not fold to a name in names.
func otherMember(name []byte, esc, nonASCII bool, names map[string]bool) bool {
	if esc || nonASCII {
		return false
	}
	var buf [64]byte
	if len(name) > len(buf) {
		return true // longer than any name in names
	}
	low := buf[:len(name)]
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	return !names[string(low)]
}

// decodeOrderFast decodes b, an order without surrounding white space, into
// o, which must be zero. It reports false when the generic path must decode b
// instead; o is then left partly filled.
func decodeOrderFast(o *Order, b []byte) bool {
	s := fastScanner{b: b}
	if s.peek() != '{' {
		return false
	}
	s.i++
	s.ws()
	if s.peek() == '}' {
		s.i++
		return s.i == len(b)
	}
	for {
		s.ws()
		start, end, esc, nonASCII, ok := s.str()
		if !ok || !s.colon() {
			return false
		}
		if !o.fastMember(&s, b[start:end], esc, nonASCII) {
			return false
		}
		more, ok := s.next()
		if !ok {
			return false
		}
		if !more {
			return s.i == len(b)
		}
	}
}

// fastMember reads the value of the member name into its field.
func (o *Order) fastMember(s *fastScanner, name []byte, esc, nonASCII bool) bool {
	if esc {
		return false
	}
	switch string(name) {
	case "id":
		return s.strField(&o.ID)
	case "name":
		return s.strField(&o.Name)
	case "status":
		return enumField(s, &o.Status, knownOrderStatuses)
	case "geometry":
		return s.geometryField(&o.Geometry)
	case "original_geometry":
		return s.geometryField(&o.OriginalGeometry)
	case "fulfilled_geometry":
		return s.geometryField(&o.FulfilledGeometry)
	case "start_time":
		return s.timeField(&o.StartTime)
	case "end_time":
		return s.timeField(&o.EndTime)
	case "created_time":
		return s.timeField(&o.CreatedTime)
	case "updated_time":
		return s.timeField(&o.UpdatedTime)
	case "pl_number":
		return s.strField(&o.PLNumber)
	case "product":
		return s.strField(&o.Product)
	case "scheduling_type":
		return enumField(s, &o.SchedulingType, knownSchedulingTypes)
	case "order_type":
		return enumField(s, &o.OrderType, knownOrderTypes)
	case "imaging_window":
		return s.strField(&o.ImagingWindow)
	case "rrule":
		return s.strField(&o.RRule)
	case "sat_elevation_angle_min":
		return s.floatPtrField(&o.SatElevationAngleMin)
	case "sat_elevation_angle_max":
		return s.floatPtrField(&o.SatElevationAngleMax)
	case "satellite_types":
		return strSliceField(s, &o.SatelliteTypes, knownSatelliteTypes)
	case "cloud_threshold":
		return s.floatPtrField(&o.CloudThreshold)
	case "exclusivity_days":
		return s.intPtrField(&o.ExclusivityDays)
	case "n_stereo_pov":
		return s.intPtrField(&o.NStereoPOV)
	case "early_start":
		return s.boolPtrField(&o.EarlyStart)
	case "requested_item_ids":
		return strSliceField(s, &o.RequestedItemIDs, noKnownStrings)
	case "delivery":
		return s.rawField(&o.Delivery)
	case "capture_count":
		return s.intField(&o.CaptureCount)
	case "capture_status_queued_count":
		return s.intField(&o.CaptureStatusQueuedCount)
	case "capture_status_processing_count":
		return s.intField(&o.CaptureStatusProcessingCount)
	case "capture_status_published_count":
		return s.intField(&o.CaptureStatusPublishedCount)
	case "capture_status_failed_count":
		return s.intField(&o.CaptureStatusFailedCount)
	case "capture_assessment_success_count":
		return s.intField(&o.CaptureAssessmentSuccessCount)
	case "capture_assessment_invalid_count":
		return s.intField(&o.CaptureAssessmentInvalidCount)
	case "fulfilled_time":
		return s.timeField(&o.FulfilledTime)
	case "last_acquired_time":
		return s.timeField(&o.LastAcquiredTime)
	case "next_planned_acquisition_time":
		return s.timeField(&o.NextPlannedAcquisitionTime)
	case "requested_sqkm":
		return s.floatPtrField(&o.RequestedSqkm)
	case "fulfilled_sqkm":
		return s.floatPtrField(&o.FulfilledSqkm)
	case "estimated_quota_cost":
		return s.floatPtrField(&o.EstimatedQuotaCost)
	case "used_quota":
		return s.floatPtrField(&o.UsedQuota)
	case "created_by":
		return s.strField(&o.CreatedBy)
	case "is_cancellable":
		return s.boolPtrField(&o.IsCancellable)
	case "cancellable_until":
		return s.timeField(&o.CancellableUntil)
	}
	// A member Order does not have (or one this switch misses, which the
	// generic path then reads).
	return otherMember(name, esc, nonASCII, orderMemberNames) && s.skip(1)
}

// The field readers below follow encoding/json: null leaves a string, an int
// or a time as it is and sets a pointer, a slice or a RawMessage to nil.

func (s *fastScanner) strField(p *string) bool {
	if s.null() {
		return true
	}
	v, ok := s.stringValue()
	if ok {
		*p = v
	}
	return ok
}

// enumField reads a string into p, taking the constant for a value in known.
func enumField[T ~string](s *fastScanner, p *T, known []T) bool {
	if s.null() {
		return true
	}
	start, end, esc, nonASCII, ok := s.str()
	if !ok {
		return false
	}
	if !esc && !nonASCII {
		for _, k := range known {
			if string(s.b[start:end]) == string(k) {
				*p = k
				return true
			}
		}
	}
	s.i = start - 1
	v, ok := s.stringValue()
	if ok {
		*p = T(v)
	}
	return ok
}

func (s *fastScanner) intField(p *int) bool {
	if s.null() {
		return true
	}
	v, ok := s.int()
	if ok {
		*p = v
	}
	return ok
}

func (s *fastScanner) intPtrField(p **int) bool {
	if s.null() {
		*p = nil
		return true
	}
	v, ok := s.int()
	if ok {
		*p = &v
	}
	return ok
}

func (s *fastScanner) floatPtrField(p **float64) bool {
	if s.null() {
		*p = nil
		return true
	}
	v, ok := s.float()
	if ok {
		*p = &v
	}
	return ok
}

func (s *fastScanner) boolPtrField(p **bool) bool {
	var v bool
	switch {
	case s.null():
		*p = nil
		return true
	case s.peek() == 't' && s.literal("true"):
		v = true
	case s.peek() == 'f' && s.literal("false"):
	default:
		return false
	}
	*p = &v
	return true
}

// timeField reads a time with time.Time.UnmarshalJSON, as encoding/json does
// (RFC 3339); any other format is left to the generic path's lenient reading.
func (s *fastScanner) timeField(p *time.Time) bool {
	if s.null() {
		return true
	}
	start := s.i
	if _, _, _, _, ok := s.str(); !ok {
		return false
	}
	return p.UnmarshalJSON(s.b[start:s.i]) == nil
}

func (s *fastScanner) rawField(p *json.RawMessage) bool {
	if s.null() {
		*p = nil
		return true
	}
	start := s.i
	if !s.skip(1) {
		return false
	}
	*p = append(json.RawMessage(nil), s.b[start:s.i]...)
	return true
}

func strSliceField[T ~string](s *fastScanner, p *[]T, known []T) bool {
	if s.null() {
		*p = nil
		return true
	}
	if s.peek() != '[' {
		return false
	}
	s.i++
	s.ws()
	l := []T{}
	if s.peek() == ']' {
		s.i++
		*p = l
		return true
	}
	for {
		s.ws()
		var v T
		if !enumField(s, &v, known) {
			return false
		}
		l = append(l, v)
		s.ws()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			*p = l
			return true
		default:
			return false
		}
	}
}

// geometryField reads a GeoJSON geometry as decodeGeometry does.
func (s *fastScanner) geometryField(p *orb.Geometry) bool {
	if s.null() {
		*p = nil
		return true
	}
	if s.peek() != '{' {
		return false // decodeGeometry fails
	}
	start := s.i
	if g, ok := s.geometry(); ok {
		*p = g
		return true
	}
	// Not a plain geometry this reads itself: let geo read it.
	s.i = start
	if !s.skip(1) {
		return false
	}
	g, err := geo.ParseGeoJSON(s.b[start:s.i])
	if err != nil {
		return false // the generic path gives the error
	}
	*p = g
	return true
}

// GeoJSON geometry kinds the shortcut reads.
const (
	kindNone = iota
	kindPoint
	kindMultiPoint
	kindLineString
	kindMultiLineString
	kindPolygon
	kindMultiPolygon
)

// geometry reads a GeoJSON object of one of the six plain geometry kinds,
// whose members are "type", "coordinates" and members geo.ParseGeoJSON
// ignores. It reports false for anything else, which geo then reads.
func (s *fastScanner) geometry() (orb.Geometry, bool) {
	s.i++ // '{'
	kind := kindNone
	var g orb.Geometry
	coords, haveCoords := -1, false
	for {
		s.ws()
		start, end, esc, nonASCII, ok := s.str()
		if !ok || !s.colon() {
			return nil, false
		}
		switch name := s.b[start:end]; {
		case esc:
			return nil, false
		case string(name) == "type":
			if kind != kindNone {
				return nil, false
			}
			if kind = s.geometryKind(); kind == kindNone {
				return nil, false
			}
		case string(name) == "coordinates":
			if haveCoords {
				return nil, false
			}
			haveCoords = true
			if kind == kindNone {
				// Read once the type is known.
				coords = s.i
				if !s.skip(1) {
					return nil, false
				}
				break
			}
			if g, ok = s.coordinates(kind); !ok {
				return nil, false
			}
		default:
			if !otherMember(name, esc, nonASCII, geoMemberNames) || !s.skip(1) {
				return nil, false
			}
		}
		more, ok := s.next()
		if !ok {
			return nil, false
		}
		if !more {
			break
		}
	}
	if kind == kindNone || !haveCoords {
		return nil, false
	}
	if coords >= 0 {
		end := s.i
		s.i = coords
		var ok bool
		g, ok = s.coordinates(kind)
		s.i = end
		return g, ok
	}
	return g, true
}

func (s *fastScanner) geometryKind() int {
	start, end, esc, _, ok := s.str()
	if !ok || esc {
		return kindNone
	}
	switch string(s.b[start:end]) {
	case "Point":
		return kindPoint
	case "MultiPoint":
		return kindMultiPoint
	case "LineString":
		return kindLineString
	case "MultiLineString":
		return kindMultiLineString
	case "Polygon":
		return kindPolygon
	case "MultiPolygon":
		return kindMultiPolygon
	}
	return kindNone
}

// coordinates reads the coordinates of a geometry of the given kind into the
// orb type geo.ParseGeoJSON gives.
func (s *fastScanner) coordinates(kind int) (orb.Geometry, bool) {
	switch kind {
	case kindPoint:
		p, ok := s.position()
		if !ok {
			return nil, false
		}
		return p, true
	case kindMultiPoint:
		pts, ok := s.positions()
		if !ok {
			return nil, false
		}
		return orb.MultiPoint(pts), true
	case kindLineString:
		pts, ok := s.positions()
		if !ok {
			return nil, false
		}
		return orb.LineString(pts), true
	case kindMultiLineString:
		var buf [8]orb.LineString
		lines := buf[:0]
		ok := s.array(func() bool {
			pts, ok := s.positions()
			lines = append(lines, pts)
			return ok
		})
		if !ok {
			return nil, false
		}
		return append(make(orb.MultiLineString, 0, len(lines)), lines...), true
	case kindPolygon:
		p, ok := s.polygon()
		if !ok {
			return nil, false
		}
		return p, true
	case kindMultiPolygon:
		var buf [8]orb.Polygon
		polys := buf[:0]
		ok := s.array(func() bool {
			p, ok := s.polygon()
			polys = append(polys, p)
			return ok
		})
		if !ok {
			return nil, false
		}
		return append(make(orb.MultiPolygon, 0, len(polys)), polys...), true
	}
	return nil, false
}

// array reads a JSON array (not null), calling elem for each element.
func (s *fastScanner) array(elem func() bool) bool {
	s.ws()
	if s.peek() != '[' {
		return false
	}
	s.i++
	s.ws()
	if s.peek() == ']' {
		s.i++
		return true
	}
	for {
		s.ws()
		if !elem() {
			return false
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// position reads a GeoJSON position: two or more numbers, of which the
// first two are kept.
func (s *fastScanner) position() (orb.Point, bool) {
	var p orb.Point
	n := 0
	ok := s.array(func() bool {
		f, ok := s.float()
		if n < 2 {
			p[n] = f
		}
		n++
		return ok
	})
	return p, ok && n >= 2
}

// positions reads an array of positions into a slice of its exact length.
func (s *fastScanner) positions() ([]orb.Point, bool) {
	var buf [64]orb.Point
	pts := buf[:0]
	ok := s.array(func() bool {
		p, ok := s.position()
		pts = append(pts, p)
		return ok
	})
	if !ok {
		return nil, false
	}
	return append(make([]orb.Point, 0, len(pts)), pts...), true
}

// polygon reads an array of rings.
func (s *fastScanner) polygon() (orb.Polygon, bool) {
	var buf [8]orb.Ring
	rings := buf[:0]
	ok := s.array(func() bool {
		pts, ok := s.positions()
		rings = append(rings, pts)
		return ok
	})
	if !ok {
		return nil, false
	}
	return append(make(orb.Polygon, 0, len(rings)), rings...), true
}
