package clearsky

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
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
	fillSearch(p *tileSearchPayload) error
}

type tileQuery func(p *tileSearchPayload) error

func (q tileQuery) fillSearch(p *tileSearchPayload) error { return q(p) }

// TilesIntersecting finds the tiles and minitiles that intersect g (any
// polygonal geometry in longitude/latitude), sent as Wkt.
func TilesIntersecting(g orb.Geometry) TileQuery {
	return tileQuery(func(p *tileSearchPayload) error {
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
	return tileQuery(func(p *tileSearchPayload) error {
		if err := checkSearchGeometry(g, "GeoJson"); err != nil {
			return err
		}
		p.GeoJSON = g
		return nil
	})
}

// TilesByGUID returns the footprint and EPSG of each listed tile.
func TilesByGUID(guids ...string) TileQuery {
	return tileQuery(func(p *tileSearchPayload) error {
		p.TileGUIDs = slices.Clone(guids)
		return nil
	})
}

// MiniTilesByGUID returns the footprint and EPSG of each listed minitile.
func MiniTilesByGUID(guids ...string) TileQuery {
	return tileQuery(func(p *tileSearchPayload) error {
		p.MiniTileGUIDs = slices.Clone(guids)
		return nil
	})
}

// MiniTilesInTile lists the minitiles inside one tile.
func MiniTilesInTile(tileGUID string) TileQuery {
	return tileQuery(func(p *tileSearchPayload) error {
		p.TileGUIDForMiniTiles = &tileGUID
		return nil
	})
}

// tileSearchPayload is the wire body of POST /api/tasking/search/tiles.
// Exactly one member is set; validate checks it.
type tileSearchPayload struct {
	WKT                  *string      `json:"Wkt,omitempty"`                  // cells intersecting this WKT geometry
	GeoJSON              orb.Geometry `json:"GeoJson,omitzero"`               // cells intersecting this geometry, written as GeoJSON
	TileGUIDs            []string     `json:"TileGuids,omitempty"`            // footprints of these tiles
	MiniTileGUIDs        []string     `json:"MiniTileGuids,omitempty"`        // footprints of these minitiles
	TileGUIDForMiniTiles *string      `json:"TileGuidForMiniTiles,omitempty"` // the minitiles inside this tile
}

// Search runs one tile search (POST /api/tasking/search/tiles). q is
// validated first; a *tasking.ValidationError means nothing was sent. See
// https://docs.clearsky.vision/ordering-data/define-area-with-tiles-and-minitiles.
func (s *TilesService) Search(ctx context.Context, q TileQuery) (*TileSearchResult, error) {
	if q == nil {
		return nil, tasking.Invalid("Wkt", "a tile query is required")
	}
	var p tileSearchPayload
	if err := q.fillSearch(&p); err != nil {
		return nil, err
	}
	return s.search(ctx, &p)
}

// search validates a wire payload and sends it.
func (s *TilesService) search(ctx context.Context, p *tileSearchPayload) (*TileSearchResult, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	// A search changes nothing: it is safe to retry like a read.
	return call[TileSearchResult](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathTileSearch, Body: p})
}

// Tile is one record of a tile search: a tile or a minitile of the fixed
// grid, with its footprint.
type Tile struct {
	GUID     string `json:"Guid"`     // the id orders use
	MiniTile bool   `json:"MiniTile"` // true for a minitile
	// EPSG is the UTM projection of the stored data (sent as a string or a
	// number).
	EPSG EPSG `json:"Epsg"`
	// DataGeogWKT is the footprint in EPSG:4326 with no-data parts removed:
	// the text as sent and its geometry (nil when absent or unreadable).
	DataGeogWKT WKT `json:"DataGeogWkt"`
}

// UnmarshalJSONFrom decodes a tile record in one pass, accepting the older
// tileGuid name for the id.
func (t *Tile) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	type plain Tile // the same fields, without this method
	*t = Tile{}
	w := struct {
		*plain
		TileGUID string `json:"tileGuid"`
	}{plain: (*plain)(t)}
	if err := json.UnmarshalDecode(dec, &w); err != nil {
		return err
	}
	t.GUID = cmp.Or(t.GUID, w.TileGUID)
	return nil
}

// EPSG is an EPSG code that the API sends as a number or a string ("32632",
// "EPSG:32632"), a documented inconsistency. A string that holds no code
// decodes as 0; a value of another type is a decoding error.
type EPSG int

// UnmarshalJSONFrom reads a number, a string holding one, or null (0).
func (e *EPSG) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	s, ok := scalarText(v)
	if !ok && v.Kind() != 'n' {
		return fmt.Errorf("want an EPSG code as a number or a string, got %s", v.Kind())
	}
	if len(s) >= 5 && strings.EqualFold(s[:5], "EPSG:") {
		s = strings.TrimSpace(s[5:])
	}
	n, _ := atoi(s)
	*e = EPSG(n)
	return nil
}

// TileSearchResult is the answer of POST /api/tasking/search/tiles.
type TileSearchResult struct {
	// Tiles holds the tile and minitile records (MiniTile tells them apart).
	Tiles []Tile `json:"Tiles"`
	// MiniTiles lists minitile ids, filled for a MiniTilesInTile query by
	// some API versions.
	MiniTiles []string `json:"MiniTiles"`
}

// TileGUIDs returns the ids of the records that are tiles.
func (r *TileSearchResult) TileGUIDs() []string { return r.guids(false) }

// MiniTileGUIDs returns the ids of the records that are minitiles, plus any
// listed in MiniTiles, without repeats.
func (r *TileSearchResult) MiniTileGUIDs() []string {
	out := r.guids(true)
	seen := map[string]bool{}
	for _, g := range out {
		seen[g] = true
	}
	for _, g := range r.MiniTiles {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

func (r *TileSearchResult) guids(mini bool) []string {
	var out []string
	for _, t := range r.Tiles {
		if t.MiniTile == mini {
			out = append(out, t.GUID)
		}
	}
	return out
}
