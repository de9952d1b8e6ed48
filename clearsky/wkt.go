package clearsky

import (
	"strconv"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
)

// parseWKT is geo.ParseWKT with a fast path for the form the API sends for
// tile and minitile footprints: a one-ring POLYGON of plain decimal
// coordinates, such as "POLYGON((9.98 55.80, 10.80 55.80, 9.98 55.80))".
// That form gives exactly what geo.ParseWKT gives (the same
// strconv.ParseFloat on the same digits); anything else goes to it.
func parseWKT(s string) (orb.Geometry, error) {
	if p, ok := parsePlainPolygon(s); ok {
		return p, nil
	}
	return geo.ParseWKT(s)
}

// parsePlainPolygon reads "POLYGON((x y, x y, …))" (also "POLYGON ((" and
// commas without the space), where each coordinate is -?digits[.digits].
func parsePlainPolygon(s string) (orb.Polygon, bool) {
	var rest string
	switch {
	case strings.HasPrefix(s, "POLYGON(("):
		rest = s[len("POLYGON(("):]
	case strings.HasPrefix(s, "POLYGON (("):
		rest = s[len("POLYGON (("):]
	default:
		return nil, false
	}
	if !strings.HasSuffix(rest, "))") {
		return nil, false
	}
	rest = rest[:len(rest)-len("))")]
	ring := make(orb.Ring, 0, strings.Count(rest, ",")+1)
	for {
		var x, y float64
		var ok bool
		if x, rest, ok = plainDecimal(rest); !ok || rest == "" || rest[0] != ' ' {
			return nil, false
		}
		if y, rest, ok = plainDecimal(rest[1:]); !ok {
			return nil, false
		}
		ring = append(ring, orb.Point{x, y})
		if rest == "" {
			return orb.Polygon{ring}, true
		}
		if rest[0] != ',' {
			return nil, false
		}
		rest = strings.TrimPrefix(rest[1:], " ")
	}
}

// plainDecimal reads -?digits[.digits] at the start of s.
func plainDecimal(s string) (v float64, rest string, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return 0, s, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == frac {
			return 0, s, false
		}
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return 0, s, false
	}
	return v, s[i:], true
}
