package clearsky

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// validateOptions checks the documented rules on everything but the AOI
// (which the AOI's fill checks as it writes it):
//
//   - SatelliteConstellations non-empty, enum values, none repeated;
//   - Model an API enum value ("Stratus2"), not a display label;
//   - StorageMonths and ApiRequests at least 1; ImageFrequency 1 to 7;
//   - ReferenceDate and From real dates; To null (recurring) or a real date
//     not before From; SimulatedEuroUsage finite and not negative.
func (p *orderPayload) validateOptions() error {
	if len(p.SatelliteConstellations) == 0 {
		return tasking.Invalid("SatelliteConstellations", "at least one constellation is required (for %s: %s)",
			orDefault(p.Model, ModelStratus2), joinConstellations(orDefault(p.Model, ModelStratus2).RequiredConstellations(), ", "))
	}
	for i, c := range p.SatelliteConstellations {
		f := func() string { return "SatelliteConstellations[" + strconv.Itoa(i) + "]" }
		if !isIdentifier(string(c)) {
			return tasking.Invalid(f(), "%q is not an API enum value (such as Sentinel1)", c)
		}
		if slices.Contains(p.SatelliteConstellations[:i], c) {
			return tasking.Invalid(f(), "%s is listed twice", c)
		}
	}
	if err := checkModel(p.Model); err != nil {
		return err
	}
	if p.StorageMonths < 1 {
		return tasking.Invalid("StorageMonths", "must be at least 1, got %d", p.StorageMonths)
	}
	if p.APIRequests < 1 {
		return tasking.Invalid("ApiRequests", "must be at least 1, got %d", p.APIRequests)
	}
	if p.ImageFrequency < 1 || p.ImageFrequency > 7 {
		return tasking.Invalid("ImageFrequency", "must be between 1 (daily) and 7 (weekly) days, got %d", p.ImageFrequency)
	}
	if p.ReferenceDate.IsZero() {
		return tasking.Invalid("ReferenceDate", "is required: it anchors the image cadence")
	}
	if !p.ReferenceDate.Valid() {
		return tasking.Invalid("ReferenceDate", "%s is not a calendar date (YYYY-MM-DD)", p.ReferenceDate)
	}
	if p.From.IsZero() {
		return tasking.Invalid("From", "is required")
	}
	if !p.From.Valid() {
		return tasking.Invalid("From", "%s is not a calendar date (YYYY-MM-DD)", p.From)
	}
	if p.To != nil {
		if p.To.IsZero() || !p.To.Valid() {
			return tasking.Invalid("To", "%s is not a calendar date (YYYY-MM-DD); use nil (null) for a recurring order", p.To)
		}
		if p.To.Before(p.From) {
			return tasking.Invalid("To", "%s is before From %s", p.To, p.From)
		}
	}
	if p.SimulatedEuroUsage != nil && (!finite(*p.SimulatedEuroUsage) || *p.SimulatedEuroUsage < 0) {
		return tasking.Invalid("SimulatedEuroUsage", "must be a non-negative amount of euros")
	}
	return nil
}

// checkModel requires an API enum value and names the wire value when given
// a display label.
func checkModel(m Model) error {
	if m == "" {
		return tasking.Invalid("Model", "is required (for example %s)", ModelStratus2)
	}
	if isIdentifier(string(m)) {
		return nil
	}
	if w, ok := ParseModel(string(m)); ok && w != m {
		return tasking.Invalid("Model", "%q is a display label; send the API enum value %q", m, w)
	}
	return tasking.Invalid("Model", "%q is not an API enum value (such as %s); take values from GET /api/tasking/models", m, ModelStratus2)
}

func orDefault(m, d Model) Model {
	if m.Known() {
		return m
	}
	return d
}

// joinConstellations writes cs separated by sep.
func joinConstellations(cs []SatelliteConstellation, sep string) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, sep)
}

// checkOrderGeometry applies the order geometry rules: a valid Polygon,
// MultiPolygon or GeometryCollection of those, and for each member a
// bounding box with sides over 150 m that it covers at least 5 % of.
func checkOrderGeometry(g orb.Geometry, field string) error {
	if err := checkPolygonal(g, field); err != nil {
		return err
	}
	c, ok := g.(orb.Collection)
	if !ok {
		return checkMember(g, field)
	}
	for i, m := range c {
		if err := checkMember(m, field); err != nil {
			// The member's path is built only for the error.
			var ve *tasking.ValidationError
			if errors.As(err, &ve) {
				ve.Field = fmt.Sprintf("%s.geometries[%d]", field, i)
			}
			return err
		}
	}
	return nil
}

// polygonal is the geometry kinds an AOI may be.
var polygonal = geo.Kinds("Polygon", "MultiPolygon", "GeometryCollection")

// checkPolygonal checks g is valid and polygonal, collections one level deep.
func checkPolygonal(g orb.Geometry, field string) error {
	if err := geo.Validate(g, polygonal); err != nil {
		return tasking.InvalidGeometry(field, err)
	}
	if c, ok := g.(orb.Collection); ok {
		if len(c) == 0 {
			return tasking.Invalid(field, "the GeometryCollection is empty")
		}
		for i, m := range c {
			switch m.(type) {
			case orb.Polygon, orb.MultiPolygon:
			default:
				return tasking.Invalid(field, "geometries[%d] is a %s; a GeometryCollection may hold only Polygon and MultiPolygon members",
					i, m.GeoJSONType())
			}
		}
	}
	return nil
}

// checkMember applies the bounding-box rules to one AOI member.
func checkMember(m orb.Geometry, path string) error {
	b := m.Bound()
	midLat := (b.Min[1] + b.Max[1]) / 2
	midLon := (b.Min[0] + b.Max[0]) / 2
	width := orbgeo.Distance(orb.Point{b.Min[0], midLat}, orb.Point{b.Max[0], midLat})
	height := orbgeo.Distance(orb.Point{midLon, b.Min[1]}, orb.Point{midLon, b.Max[1]})
	if width <= MinBoundingBoxSideMetres || height <= MinBoundingBoxSideMetres {
		return tasking.Invalid(path, "the bounding box is %.0f m × %.0f m; each side must be longer than %.0f m",
			width, height, MinBoundingBoxSideMetres)
	}
	boxArea := geo.AreaKm2(b.ToPolygon())
	area := geo.AreaKm2(m)
	if boxArea > 0 && area/boxArea < MinBoundingBoxCoverage {
		return tasking.Invalid(path, "the geometry covers %.1f %% of its bounding box; it must cover at least %.0f %%",
			100*area/boxArea, 100*MinBoundingBoxCoverage)
	}
	return nil
}

// isUUID reports whether s is a canonical 8-4-4-4-12 hexadecimal id.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// checkGUID checks one id before it is sent: tasking.CheckID's rules (not
// empty, not "." or "..", no control characters, valid UTF-8), then the
// canonical GUID form every ClearSKY id takes. It does not allocate unless it
// fails.
func checkGUID(field, id string) error {
	if isUUID(id) {
		return nil // a GUID always passes tasking.CheckID
	}
	if err := tasking.CheckID(field, id); err != nil {
		return err
	}
	return tasking.Invalid(field, "%q is not a GUID (8-4-4-4-12 hexadecimal digits)", id)
}

// checkGUIDs checks a list of grid ids (see checkGUID), refusing repeats. It
// does not allocate unless it fails or the list is long.
func checkGUIDs(field string, ids []string) error {
	var seen map[string]bool // for long lists; short ones are compared pairwise
	if len(ids) > 16 {
		seen = make(map[string]bool, len(ids))
	}
	for i, id := range ids {
		if !isUUID(id) {
			return checkGUID(fmt.Sprintf("%s[%d]", field, i), id)
		}
		dup := false
		if seen != nil {
			k := strings.ToLower(id)
			dup = seen[k]
			seen[k] = true
		} else {
			for _, prev := range ids[:i] {
				if strings.EqualFold(prev, id) { // ids are ASCII hex digits and dashes
					dup = true
					break
				}
			}
		}
		if dup {
			return tasking.Invalid(fmt.Sprintf("%s[%d]", field, i), "%s is listed twice", id)
		}
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// validate checks that exactly one selector is set and that it is well
// formed: a valid polygonal geometry, or GUIDs.
func (p *tileSearchPayload) validate() error {
	if p == nil {
		return tasking.Invalid("", "no tile search payload")
	}
	var set []string
	if p.WKT != nil {
		set = append(set, "Wkt")
	}
	if p.GeoJSON != nil {
		set = append(set, "GeoJson")
	}
	if len(p.TileGUIDs) > 0 {
		set = append(set, "TileGuids")
	}
	if len(p.MiniTileGUIDs) > 0 {
		set = append(set, "MiniTileGuids")
	}
	if p.TileGUIDForMiniTiles != nil {
		set = append(set, "TileGuidForMiniTiles")
	}
	switch {
	case len(set) == 0:
		return tasking.Invalid("Wkt", "set exactly one of Wkt, GeoJson, TileGuids, MiniTileGuids or TileGuidForMiniTiles")
	case len(set) > 1:
		return tasking.Invalid(set[1], "exactly one selector may be set; got %s", strings.Join(set, " and "))
	}
	switch set[0] {
	case "Wkt":
		g, err := geo.ParseWKT(*p.WKT)
		if err != nil {
			return &tasking.ValidationError{Field: "Wkt", Reason: err.Error(), Err: err}
		}
		return checkSearchGeometry(g, "Wkt")
	case "GeoJson":
		return checkSearchGeometry(p.GeoJSON, "GeoJson")
	case "TileGuids":
		return checkGUIDs("TileGuids", p.TileGUIDs)
	case "MiniTileGuids":
		return checkGUIDs("MiniTileGuids", p.MiniTileGUIDs)
	default:
		return checkGUID("TileGuidForMiniTiles", *p.TileGUIDForMiniTiles)
	}
}

func checkSearchGeometry(g orb.Geometry, field string) error {
	if g == nil {
		return tasking.Invalid(field, "a geometry is required")
	}
	return checkPolygonal(g, field)
}

// isIdentifier reports whether s looks like an API enum value: a letter then
// letters and digits ("Stratus2", "Sentinel1"), never a display label.
func isIdentifier(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
