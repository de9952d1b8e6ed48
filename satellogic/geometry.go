package satellogic

import (
	"bytes"

	"github.com/paulmach/orb"
)

// fastGeometry reads b with scan.geometry and nothing after it.
func fastGeometry(b []byte) (orb.Geometry, bool) {
	s := scan{b: b}
	g, ok := s.geometry()
	if !ok || !s.atEnd() {
		return nil, false
	}
	return g, true
}

// geometry reads, in one pass and without reflection, the targets the Tasking
// API sends: a bare geometry object with exactly the members "type" ("Point"
// or "Polygon") and "coordinates", in either order, whose positions are JSON
// numbers (a third, altitude, number is dropped). It fails on anything else
// (other members or types, escapes, duplicate members, empty arrays, nulls,
// numbers out of range, malformed JSON), which the caller then hands to
// geo.ParseGeoJSON; so when it succeeds its result is the one
// geo.ParseGeoJSON gives.
func (s *scan) geometry() (orb.Geometry, bool) {
	if !s.consume('{') {
		return nil, false
	}
	var typ, coords []byte
	for {
		key, ok := s.plainString()
		if !ok || !s.consume(':') {
			return nil, false
		}
		switch string(key) {
		case "type":
			if typ != nil {
				return nil, false
			}
			if typ, ok = s.plainString(); !ok {
				return nil, false
			}
		case "coordinates":
			if coords != nil {
				return nil, false
			}
			if coords, ok = s.numberArrays(); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
		if s.consume(',') {
			continue
		}
		if !s.consume('}') || coords == nil {
			return nil, false
		}
		break
	}
	c := scan{b: coords}
	switch string(typ) {
	case "Point":
		p, ok := c.position()
		if !ok || !c.atEnd() {
			return nil, false
		}
		return p, true
	case "Polygon":
		poly, ok := c.polygon()
		if !ok || !c.atEnd() {
			return nil, false
		}
		return poly, true
	}
	return nil, false
}

// position reads [x, y] or [x, y, z, …] and keeps x and y.
func (s *scan) position() (orb.Point, bool) {
	var p orb.Point
	if !s.consume('[') {
		return p, false
	}
	n := 0
	for {
		f, ok := s.number()
		if !ok {
			return p, false
		}
		if n < 2 {
			p[n] = f
		}
		n++
		if s.consume(',') {
			continue
		}
		return p, s.consume(']') && n >= 2
	}
}

// polygon reads a non-empty list of non-empty rings. All the rings share one
// backing array, each capped at its own length.
func (s *scan) polygon() (orb.Polygon, bool) {
	// Every position opens a bracket, so this bounds their number.
	pts := make([]orb.Point, 0, bytes.Count(s.b[s.i:], []byte{'['}))
	var endsBuf [8]int
	ends := endsBuf[:0]
	if !s.consume('[') {
		return nil, false
	}
	for {
		if !s.consume('[') {
			return nil, false
		}
		for {
			p, ok := s.position()
			if !ok {
				return nil, false
			}
			pts = append(pts, p)
			if s.consume(',') {
				continue
			}
			if !s.consume(']') {
				return nil, false
			}
			break
		}
		ends = append(ends, len(pts))
		if s.consume(',') {
			continue
		}
		if !s.consume(']') {
			return nil, false
		}
		break
	}
	poly := make(orb.Polygon, len(ends))
	start := 0
	for i, end := range ends {
		poly[i] = orb.Ring(pts[start:end:end])
		start = end
	}
	return poly, true
}
