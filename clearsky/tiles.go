package clearsky

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// TilesService searches the fixed tile and minitile grid
// (POST /api/tasking/search/tiles).
type TilesService struct{ c *Client }

// TileQuery is one tile-search selector: [TilesIntersecting],
// [TilesIntersectingGeoJSON], [TilesByGUID], [MiniTilesByGUID] or
// [MiniTilesInTile]. The API takes exactly one per search; the closed type
// makes that hold.
type TileQuery interface {
	fillSearch(p *TileSearchPayload) error
}

type tileQuery func(p *TileSearchPayload) error

func (q tileQuery) fillSearch(p *TileSearchPayload) error { return q(p) }

// TilesIntersecting finds the tiles and minitiles that intersect g (any
// polygonal geometry in longitude/latitude), sent as Wkt.
func TilesIntersecting(g orb.Geometry) TileQuery {
	return tileQuery(func(p *TileSearchPayload) error {
		if err := checkSearchGeometry(g, "Wkt"); err != nil {
			return err
		}
		s := geo.WKT(g)
		p.WKT = &s
		return nil
	})
}

// TilesIntersectingGeoJSON is TilesIntersecting sending g as GeoJson.
func TilesIntersectingGeoJSON(g orb.Geometry) TileQuery {
	return tileQuery(func(p *TileSearchPayload) error {
		if err := checkSearchGeometry(g, "GeoJson"); err != nil {
			return err
		}
		p.GeoJSON = g
		return nil
	})
}

// TilesByGUID returns the footprint and EPSG of each listed tile.
func TilesByGUID(guids ...string) TileQuery {
	return tileQuery(func(p *TileSearchPayload) error {
		p.TileGUIDs = slices.Clone(guids)
		return nil
	})
}

// MiniTilesByGUID returns the footprint and EPSG of each listed minitile.
func MiniTilesByGUID(guids ...string) TileQuery {
	return tileQuery(func(p *TileSearchPayload) error {
		p.MiniTileGUIDs = slices.Clone(guids)
		return nil
	})
}

// MiniTilesInTile lists the minitiles inside one tile.
func MiniTilesInTile(tileGUID string) TileQuery {
	return tileQuery(func(p *TileSearchPayload) error {
		p.TileGUIDForMiniTiles = &tileGUID
		return nil
	})
}

// TileSearchPayload is the wire body of POST /api/tasking/search/tiles.
// Exactly one member is set; [TileSearchPayload.Validate] checks it.
type TileSearchPayload struct {
	WKT                  *string      `json:"Wkt,omitempty"`                  // cells intersecting this WKT geometry
	GeoJSON              orb.Geometry `json:"GeoJson,omitzero"`               // cells intersecting this geometry, written as GeoJSON
	TileGUIDs            []string     `json:"TileGuids,omitempty"`            // footprints of these tiles
	MiniTileGUIDs        []string     `json:"MiniTileGuids,omitempty"`        // footprints of these minitiles
	TileGUIDForMiniTiles *string      `json:"TileGuidForMiniTiles,omitempty"` // the minitiles inside this tile
}

// Validate checks that exactly one selector is set and that it is well
// formed: a valid polygonal geometry, or GUIDs.
func (p *TileSearchPayload) Validate() error {
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

// Search runs one tile search. q is validated first; a
// *tasking.ValidationError means nothing was sent.
func (s *TilesService) Search(ctx context.Context, q TileQuery) (*TileSearchResult, error) {
	if q == nil {
		return nil, tasking.Invalid("Wkt", "a tile query is required")
	}
	var p TileSearchPayload
	if err := q.fillSearch(&p); err != nil {
		return nil, err
	}
	return s.SearchPayload(ctx, &p)
}

// SearchPayload runs a tile search from a wire payload, after
// [TileSearchPayload.Validate].
func (s *TilesService) SearchPayload(ctx context.Context, p *TileSearchPayload) (*TileSearchResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	// A search changes nothing: it is safe to retry like a read.
	return call[TileSearchResult](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathTileSearch, Body: p})
}
