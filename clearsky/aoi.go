package clearsky

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// AOI is an order's area of interest in exactly one of ClearSKY's three
// modes: a polygon ([Polygon], [PolygonGeoJSON]), tiles ([Tiles]) or
// minitiles ([MiniTiles], [TilesAndMiniTiles]). It is a closed set: only
// *PolygonAOI and *TileAOI implement it, so a geometry and tile ids cannot
// be mixed in one order.
type AOI interface {
	// Type returns the order type the AOI makes.
	Type() OrderType
	// fill checks the AOI and writes its wire fields into p.
	fill(p *OrderPayload) error
}

// GeometryEncoding says how a polygon AOI is written on the wire.
type GeometryEncoding int

// Geometry encodings.
const (
	EncodeWKT     GeometryEncoding = iota // the Wkt field (the default)
	EncodeGeoJSON                         // the GeoJson field
)

// PolygonAOI is a polygon order: one geometry, Polygon, MultiPolygon or a
// GeometryCollection of those, in longitude/latitude (EPSG:4326). Each
// Polygon member is billed on its own, each MultiPolygon member as one unit.
// It is sent as a GeometryCollection, the form the API expects.
type PolygonAOI struct {
	Geometry orb.Geometry     // Polygon, MultiPolygon or GeometryCollection of those
	Encoding GeometryEncoding // EncodeWKT (default) or EncodeGeoJSON
}

// Polygon returns a polygon AOI sent in the Wkt field.
func Polygon(g orb.Geometry) *PolygonAOI { return &PolygonAOI{Geometry: g, Encoding: EncodeWKT} }

// PolygonGeoJSON returns a polygon AOI sent in the GeoJson field.
func PolygonGeoJSON(g orb.Geometry) *PolygonAOI {
	return &PolygonAOI{Geometry: g, Encoding: EncodeGeoJSON}
}

// Type returns OrderTypePolygon.
func (a *PolygonAOI) Type() OrderType { return OrderTypePolygon }

func (a *PolygonAOI) fill(p *OrderPayload) error {
	field := "Wkt"
	if a != nil && a.Encoding == EncodeGeoJSON {
		field = "GeoJson"
	}
	if a == nil || a.Geometry == nil {
		return tasking.Invalid(field, "a polygon AOI needs a geometry")
	}
	if err := checkOrderGeometry(a.Geometry, field); err != nil {
		return err
	}
	gc := asCollection(a.Geometry)
	switch a.Encoding {
	case EncodeWKT:
		s := geo.WKT(gc)
		p.WKT = &s
	case EncodeGeoJSON:
		p.GeoJSON = gc
	default:
		return tasking.Invalid("Wkt", "unknown geometry encoding %d", a.Encoding)
	}
	return nil
}

// TileAOI is a tile order, a minitile order, or both at once: grid ids found
// with Tiles.Search. Tiles cost 20 % and minitiles 50 % of the polygon price
// per km².
type TileAOI struct {
	TileGUIDs     []string // TileGuids
	MiniTileGUIDs []string // MiniTileGuids
	// Deduplicate sets TileDeduplication on create: coverage already bought
	// by earlier tile and minitile orders with the same model, constellations
	// and cadence is skipped. Estimates do not take it into account.
	Deduplicate bool
}

// Tiles returns a tile-order AOI.
func Tiles(guids ...string) *TileAOI { return &TileAOI{TileGUIDs: guids} }

// MiniTiles returns a minitile-order AOI.
func MiniTiles(guids ...string) *TileAOI { return &TileAOI{MiniTileGUIDs: guids} }

// TilesAndMiniTiles returns an AOI of tiles and minitiles together, which the
// API allows in one order.
func TilesAndMiniTiles(tiles, miniTiles []string) *TileAOI {
	return &TileAOI{TileGUIDs: tiles, MiniTileGUIDs: miniTiles}
}

// Deduplicated returns a copy of a with Deduplicate set.
func (a *TileAOI) Deduplicated() *TileAOI {
	b := *a
	b.Deduplicate = true
	return &b
}

// Type returns OrderTypeTile when there are tiles (with or without
// minitiles), OrderTypeMiniTile for minitiles only.
func (a *TileAOI) Type() OrderType {
	if a != nil && len(a.TileGUIDs) == 0 && len(a.MiniTileGUIDs) > 0 {
		return OrderTypeMiniTile
	}
	return OrderTypeTile
}

func (a *TileAOI) fill(p *OrderPayload) error {
	if a == nil || len(a.TileGUIDs) == 0 && len(a.MiniTileGUIDs) == 0 {
		return tasking.Invalid("TileGuids", "a tile AOI needs at least one tile or minitile id")
	}
	if err := checkGUIDs("TileGuids", a.TileGUIDs); err != nil {
		return err
	}
	if err := checkGUIDs("MiniTileGuids", a.MiniTileGUIDs); err != nil {
		return err
	}
	p.TileGUIDs = slices.Clone(a.TileGUIDs)
	p.MiniTileGUIDs = slices.Clone(a.MiniTileGUIDs)
	if a.Deduplicate {
		t := true
		p.TileDeduplication = &t
	}
	return nil
}

// asCollection wraps a Polygon or MultiPolygon in a GeometryCollection.
func asCollection(g orb.Geometry) orb.Collection {
	if c, ok := g.(orb.Collection); ok {
		return c
	}
	return orb.Collection{g}
}

// Geometry rules of the current documentation, checked per AOI member.
const (
	// MinBoundingBoxSideMetres: each side of a member's bounding box must be
	// longer than this.
	MinBoundingBoxSideMetres = 150.0
	// MinBoundingBoxCoverage: a member must cover at least this share of its
	// bounding box.
	MinBoundingBoxCoverage = 0.05
	// MinBillableAreaKm2 is the minimum billed area per AOI member
	// (Stratus-2); smaller members are billed as this much.
	MinBillableAreaKm2 = 0.5
)

// checkOrderGeometry applies the order geometry rules: a valid Polygon,
// MultiPolygon or GeometryCollection of those, and for each member a
// bounding box with sides over 150 m that it covers at least 5 % of.
func checkOrderGeometry(g orb.Geometry, field string) error {
	if err := checkPolygonal(g, field); err != nil {
		return err
	}
	for i, m := range asCollection(g) {
		path := field
		if _, ok := g.(orb.Collection); ok {
			path = fmt.Sprintf("%s.geometries[%d]", field, i)
		}
		if err := checkMember(m, path); err != nil {
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
		return geoInvalid(field, err)
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

func geoInvalid(field string, err error) *tasking.ValidationError {
	var ge *geo.Error
	if errors.As(err, &ge) && ge.Path != "" {
		return &tasking.ValidationError{Field: field, Reason: ge.Error(), Err: err}
	}
	return &tasking.ValidationError{Field: field, Reason: err.Error(), Err: err}
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
