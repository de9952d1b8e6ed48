package geo

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Rule names the check a geometry failed.
type Rule string

// The rules Validate checks.
const (
	RuleEmpty            Rule = "empty"             // nil geometry, or no positions
	RuleUnsupported      Rule = "unsupported_type"  // a geometry kind the caller does not accept
	RuleNotFinite        Rule = "not_finite"        // NaN or infinite coordinate
	RuleLongitudeRange   Rule = "longitude_range"   // longitude outside [-180, 180]
	RuleLatitudeRange    Rule = "latitude_range"    // latitude outside [-90, 90]
	RuleTooFewPositions  Rule = "too_few_positions" // a line under 2 positions, a ring under 4
	RuleRingNotClosed    Rule = "ring_not_closed"   // a ring whose last position is not its first
	RuleSelfIntersection Rule = "self_intersection" // a ring whose edges cross or touch
	RuleZeroArea         Rule = "zero_area"         // a ring that encloses no area
	RuleTooManyVertices  Rule = "too_many_vertices" // more positions than the limit
)

// DefaultMaxVertices is the vertex limit Validate applies unless told otherwise.
const DefaultMaxVertices = 10000

// Error is a geometry that breaks a rule. Path locates the problem in GeoJSON
// coordinate terms, such as "coordinates[0][3]" (ring 0, position 3 of a
// polygon) or "geometries[1].coordinates[2]"; it is empty for the whole
// geometry.
type Error struct {
	Rule   Rule
	Path   string
	Detail string
}

// Error returns "<path>: <detail>".
func (e *Error) Error() string {
	if e.Path == "" {
		return e.Detail
	}
	return e.Path + ": " + e.Detail
}

// Option changes what Validate accepts.
type Option func(*config)

type config struct {
	maxVertices int
	kinds       []string
}

// MaxVertices sets the vertex limit (DefaultMaxVertices by default).
func MaxVertices(n int) Option { return func(c *config) { c.maxVertices = n } }

// Kinds restricts the accepted geometry kinds to those named, as GeoJSON
// names them ("Point", "LineString", "Polygon", …).
func Kinds(kinds ...string) Option { return func(c *config) { c.kinds = kinds } }

// Validate checks g and returns a *Error for the first rule it breaks:
// coordinates finite and within range, lines of at least 2 positions, rings of
// at least 4 positions, closed, not crossing or touching themselves and
// enclosing some area, and no more vertices than the limit.
func Validate(g orb.Geometry, opts ...Option) error {
	c := config{maxVertices: DefaultMaxVertices}
	if len(opts) > 0 {
		c = configure(opts) // kept apart so that c stays on the stack without options
	}
	if g == nil {
		return &Error{Rule: RuleEmpty, Detail: "no geometry"}
	}
	if len(c.kinds) > 0 && !contains(c.kinds, g.GeoJSONType()) {
		return &Error{Rule: RuleUnsupported, Detail: fmt.Sprintf("geometry type %s is not accepted (want %s)",
			g.GeoJSONType(), strings.Join(c.kinds, ", "))}
	}
	if n := countVertices(g); n > c.maxVertices {
		return &Error{Rule: RuleTooManyVertices, Detail: fmt.Sprintf("geometry has %d vertices, more than the limit of %d", n, c.maxVertices)}
	} else if n == 0 {
		return &Error{Rule: RuleEmpty, Detail: fmt.Sprintf("%s has no positions", g.GeoJSONType())}
	}
	return validate(g, path{})
}

func configure(opts []Option) config {
	c := config{maxVertices: DefaultMaxVertices}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func countVertices(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.Ring:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			for _, r := range p {
				n += len(r)
			}
		}
		return n
	case orb.Collection:
		n := 0
		for _, x := range g {
			if x != nil {
				n += countVertices(x)
			}
		}
		return n
	case orb.Bound:
		return 5
	}
	return 0
}

// path locates a position in GeoJSON coordinate terms. It is built into a
// string only for an error, so that checking a valid geometry allocates
// nothing.
type path struct {
	prefix string // "" or "geometries[i]." within a collection
	root   string // "" for "coordinates"
	idx    [3]int
	n      int
}

func (p path) at(i int) path {
	p.idx[p.n] = i
	p.n++
	return p
}

func (p path) String() string {
	var b strings.Builder
	b.WriteString(p.prefix)
	if p.root == "" {
		b.WriteString("coordinates")
	} else {
		b.WriteString(p.root)
	}
	for _, i := range p.idx[:p.n] {
		fmt.Fprintf(&b, "[%d]", i)
	}
	return b.String()
}

func validate(g orb.Geometry, at path) error {
	switch g := g.(type) {
	case orb.Point:
		return checkPoint(g, at)
	case orb.MultiPoint:
		for i, p := range g {
			if err := checkPoint(p, at.at(i)); err != nil {
				return err
			}
		}
	case orb.LineString:
		return checkLine(g, at)
	case orb.MultiLineString:
		for i, l := range g {
			if err := checkLine(l, at.at(i)); err != nil {
				return err
			}
		}
	case orb.Ring:
		return checkRing(g, at)
	case orb.Polygon:
		return checkPolygon(g, at)
	case orb.MultiPolygon:
		for i, p := range g {
			if err := checkPolygon(p, at.at(i)); err != nil {
				return err
			}
		}
	case orb.Bound:
		return checkPolygon(orb.Polygon{g.ToRing()}, at)
	case orb.Collection:
		for i, x := range g {
			prefix := fmt.Sprintf("%sgeometries[%d]", at.prefix, i)
			if x == nil {
				return &Error{Rule: RuleEmpty, Path: prefix, Detail: "no geometry"}
			}
			if err := validate(x, path{prefix: prefix + "."}); err != nil {
				return err
			}
		}
	default:
		return &Error{Rule: RuleUnsupported, Detail: fmt.Sprintf("unsupported geometry %T", g)}
	}
	return nil
}

func checkPoint(p orb.Point, at path) error {
	lon, lat := p[0], p[1]
	switch {
	case math.IsNaN(lon) || math.IsInf(lon, 0) || math.IsNaN(lat) || math.IsInf(lat, 0):
		return &Error{Rule: RuleNotFinite, Path: at.String(), Detail: fmt.Sprintf("position [%v, %v] is not finite", lon, lat)}
	case lon < -180 || lon > 180:
		return &Error{Rule: RuleLongitudeRange, Path: at.String(), Detail: fmt.Sprintf("longitude %v is out of range [-180, 180]", lon)}
	case lat < -90 || lat > 90:
		return &Error{Rule: RuleLatitudeRange, Path: at.String(), Detail: fmt.Sprintf("latitude %v is out of range [-90, 90]", lat)}
	}
	return nil
}

func checkLine(l orb.LineString, at path) error {
	if len(l) < 2 {
		return &Error{Rule: RuleTooFewPositions, Path: at.String(), Detail: fmt.Sprintf("line has %d positions, needs at least 2", len(l))}
	}
	for i, p := range l {
		if err := checkPoint(p, at.at(i)); err != nil {
			return err
		}
	}
	return nil
}

func checkPolygon(p orb.Polygon, at path) error {
	if len(p) == 0 {
		return &Error{Rule: RuleEmpty, Path: at.String(), Detail: "polygon has no rings"}
	}
	for i, r := range p {
		if err := checkRing(r, at.at(i)); err != nil {
			return err
		}
	}
	return nil
}

// ringBuffer is how many positions a ring may have for its checks to run
// without allocating.
const ringBuffer = 256

func checkRing(r orb.Ring, at path) error {
	if len(r) < 4 {
		return &Error{Rule: RuleTooFewPositions, Path: at.String(), Detail: fmt.Sprintf("ring has %d positions, needs at least 4", len(r))}
	}
	for i, p := range r {
		if err := checkPoint(p, at.at(i)); err != nil {
			return err
		}
	}
	if first, last := r[0], r[len(r)-1]; first != last {
		return &Error{Rule: RuleRingNotClosed, Path: at.String(),
			Detail: fmt.Sprintf("ring is not closed: first position %v differs from last %v", fmtPos(first), fmtPos(last))}
	}
	var buf [ringBuffer]orb.Point
	pts := dedupe(buf[:0], r)
	if len(pts) < 4 || collinear(pts) {
		return &Error{Rule: RuleZeroArea, Path: at.String(), Detail: "ring encloses zero area"}
	}
	if i, j, ok := selfIntersection(pts); ok {
		return &Error{Rule: RuleSelfIntersection, Path: at.String(),
			Detail: fmt.Sprintf("ring intersects itself: edge %v-%v meets edge %v-%v",
				fmtPos(pts[i]), fmtPos(pts[i+1]), fmtPos(pts[j]), fmtPos(pts[j+1]))}
	}
	if planarArea(pts) == 0 {
		return &Error{Rule: RuleZeroArea, Path: at.String(), Detail: "ring encloses zero area"}
	}
	return nil
}

// collinear reports whether every position lies on one line.
func collinear(pts []orb.Point) bool {
	for k := 2; k < len(pts); k++ {
		if orient(pts[0], pts[1], pts[k]) != 0 {
			return false
		}
	}
	return true
}

func fmtPos(p orb.Point) string { return fmt.Sprintf("[%v, %v]", p[0], p[1]) }

// dedupe appends to out the positions of r without consecutive repeats,
// which add zero-length edges.
func dedupe(out []orb.Point, r orb.Ring) []orb.Point {
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	return out
}

// planarArea is the shoelace area of a closed ring in degrees², unsigned.
func planarArea(pts []orb.Point) float64 {
	s := 0.0
	for i := 0; i+1 < len(pts); i++ {
		s += pts[i][0]*pts[i+1][1] - pts[i+1][0]*pts[i][1]
	}
	return math.Abs(s / 2)
}

// selfIntersection returns the indexes of the first two non-adjacent edges of
// the closed ring pts that meet. Edge k runs from pts[k] to pts[k+1]. Each
// edge's bounding box is worked out once, so that most pairs are ruled out by
// four comparisons.
func selfIntersection(pts []orb.Point) (int, int, bool) {
	n := len(pts) - 1 // number of edges
	var buf [ringBuffer]orb.Bound
	boxes := buf[:0]
	if n > ringBuffer {
		boxes = make([]orb.Bound, 0, n)
	}
	for k := 0; k < n; k++ {
		boxes = append(boxes, orb.Bound{Min: orb.Point{math.Min(pts[k][0], pts[k+1][0]), math.Min(pts[k][1], pts[k+1][1])},
			Max: orb.Point{math.Max(pts[k][0], pts[k+1][0]), math.Max(pts[k][1], pts[k+1][1])}})
	}
	for i := 0; i < n; i++ {
		a, b, bi := pts[i], pts[i+1], boxes[i]
		for j := i + 1; j < n; j++ {
			bj := boxes[j]
			if bi.Max[0] < bj.Min[0] || bj.Max[0] < bi.Min[0] || bi.Max[1] < bj.Min[1] || bj.Max[1] < bi.Min[1] {
				continue // the boxes do not meet, so neither do the edges
			}
			if j == i+1 || (i == 0 && j == n-1) {
				// Adjacent edges share a vertex; they still must not overlap.
				if collinearOverlap(a, b, pts[j], pts[j+1]) {
					return i, j, true
				}
				continue
			}
			if segmentsMeet(a, b, pts[j], pts[j+1]) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

func segmentsMeet(a, b, c, d orb.Point) bool {
	if math.Max(a[0], b[0]) < math.Min(c[0], d[0]) || math.Max(c[0], d[0]) < math.Min(a[0], b[0]) ||
		math.Max(a[1], b[1]) < math.Min(c[1], d[1]) || math.Max(c[1], d[1]) < math.Min(a[1], b[1]) {
		return false
	}
	o1, o2 := sign(orient(a, b, c)), sign(orient(a, b, d))
	o3, o4 := sign(orient(c, d, a)), sign(orient(c, d, b))
	if o1 != o2 && o3 != o4 {
		return true
	}
	return o1 == 0 && onSegment(a, b, c) || o2 == 0 && onSegment(a, b, d) ||
		o3 == 0 && onSegment(c, d, a) || o4 == 0 && onSegment(c, d, b)
}

// collinearOverlap reports whether two edges that share an end point run back
// over each other (a spike), which makes the ring touch itself.
func collinearOverlap(a, b, c, d orb.Point) bool {
	if sign(orient(a, b, c)) != 0 || sign(orient(a, b, d)) != 0 {
		return false
	}
	// Shared vertex is b == c (consecutive edges) or a == d (closing pair).
	if b == c {
		return dot(a, b, d) > 0
	}
	if a == d {
		return dot(b, a, c) > 0
	}
	return false
}

// dot is the dot product of (p-v) and (q-v): positive when p and q lie on the
// same side of v along the line.
func dot(p, v, q orb.Point) float64 {
	return (p[0]-v[0])*(q[0]-v[0]) + (p[1]-v[1])*(q[1]-v[1])
}
