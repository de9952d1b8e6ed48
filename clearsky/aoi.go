package clearsky

import (
	"slices"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
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
	fill(p *orderPayload) error
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

func (a *PolygonAOI) fill(p *orderPayload) error {
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

func (a *TileAOI) fill(p *orderPayload) error {
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
