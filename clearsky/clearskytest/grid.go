package clearskytest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/eotask/eotask/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The simulator's grid: tiles of TileDegrees × TileDegrees in longitude and
// latitude (about 55 km north–south, a stand-in for ClearSKY's 5120 × 5120
// pixel tiles at 10 m), each split into MiniTilesPerSide × MiniTilesPerSide
// minitiles. Ids are GUIDs that encode the cell, so every cell of the Earth
// has a stable id without any table.
const (
	TileDegrees      = 0.5
	MiniTilesPerSide = 16
	miniDegrees      = TileDegrees / MiniTilesPerSide
	tilesX           = int(360 / TileDegrees)
	tilesY           = int(180 / TileDegrees)
	guidMarker       = 0xC5
	kindTile         = 1
	kindMini         = 2
)

// cell is one tile (sx = sy = -1) or one minitile of the grid.
type cell struct {
	ix, iy int // tile index
	sx, sy int // minitile index inside the tile, -1 for a tile
}

func (c cell) mini() bool { return c.sx >= 0 }

// tile returns the tile that holds c.
func (c cell) tile() cell { return cell{c.ix, c.iy, -1, -1} }

// bound returns the cell's rectangle.
func (c cell) bound() orb.Bound {
	x0 := -180 + float64(c.ix)*TileDegrees
	y0 := -90 + float64(c.iy)*TileDegrees
	if !c.mini() {
		return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x0 + TileDegrees, y0 + TileDegrees}}
	}
	x0 += float64(c.sx) * miniDegrees
	y0 += float64(c.sy) * miniDegrees
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x0 + miniDegrees, y0 + miniDegrees}}
}

// polygon returns the cell's footprint.
func (c cell) polygon() orb.Polygon { return c.bound().ToPolygon() }

// areaKm2 returns the cell's area on the Earth.
func (c cell) areaKm2() float64 { return geo.AreaKm2(c.polygon()) }

// epsg returns the UTM zone EPSG code of the cell's centre.
func (c cell) epsg() int {
	ctr := c.bound().Center()
	zone := int(math.Floor((ctr[0]+180)/6)) + 1
	if zone > 60 {
		zone = 60
	}
	if ctr[1] >= 0 {
		return 32600 + zone
	}
	return 32700 + zone
}

// guid encodes the cell as a GUID with a checksum.
func (c cell) guid() string {
	var b [16]byte
	b[0] = guidMarker
	b[1] = kindTile
	sx, sy := 0, 0
	if c.mini() {
		b[1] = kindMini
		sx, sy = c.sx, c.sy
	}
	b[2], b[3] = byte(c.ix>>8), byte(c.ix)
	b[4], b[5] = byte(c.iy>>8), byte(c.iy)
	b[6] = 0x40 | byte(sx)
	b[7] = byte(sy)
	sum := sha256.Sum256(b[:8])
	b[8] = 0x80 | sum[0]&0x3f
	copy(b[9:], sum[1:8])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// parseCell reads a GUID made by cell.guid; ok is false for any other id.
func parseCell(guid string) (cell, bool) {
	h := strings.ReplaceAll(strings.ToLower(guid), "-", "")
	if len(h) != 32 || len(guid) != 36 {
		return cell{}, false
	}
	raw, err := hex.DecodeString(h)
	if err != nil || raw[0] != guidMarker || raw[6]&0xf0 != 0x40 {
		return cell{}, false
	}
	sum := sha256.Sum256(raw[:8])
	if raw[8] != 0x80|sum[0]&0x3f || string(raw[9:16]) != string(sum[1:8]) {
		return cell{}, false
	}
	c := cell{ix: int(raw[2])<<8 | int(raw[3]), iy: int(raw[4])<<8 | int(raw[5]), sx: -1, sy: -1}
	if c.ix >= tilesX || c.iy >= tilesY {
		return cell{}, false
	}
	switch raw[1] {
	case kindTile:
		if raw[6] != 0x40 || raw[7] != 0 {
			return cell{}, false
		}
	case kindMini:
		c.sx, c.sy = int(raw[6]&0x0f), int(raw[7])
		if c.sy >= MiniTilesPerSide {
			return cell{}, false
		}
	default:
		return cell{}, false
	}
	return c, true
}

// TileAt returns the GUID of the tile that holds the point lon, lat.
func TileAt(lon, lat float64) string { return tileAt(lon, lat).guid() }

// MiniTileAt returns the GUID of the minitile that holds the point lon, lat.
func MiniTileAt(lon, lat float64) string {
	t := tileAt(lon, lat)
	b := t.bound()
	sx := clampInt(int(math.Floor((lon-b.Min[0])/miniDegrees)), 0, MiniTilesPerSide-1)
	sy := clampInt(int(math.Floor((lat-b.Min[1])/miniDegrees)), 0, MiniTilesPerSide-1)
	return cell{t.ix, t.iy, sx, sy}.guid()
}

func tileAt(lon, lat float64) cell {
	ix := clampInt(int(math.Floor((lon+180)/TileDegrees)), 0, tilesX-1)
	iy := clampInt(int(math.Floor((lat+90)/TileDegrees)), 0, tilesY-1)
	return cell{ix, iy, -1, -1}
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

// minis returns the minitiles of tile t.
func (c cell) minis() []cell {
	out := make([]cell, 0, MiniTilesPerSide*MiniTilesPerSide)
	for sy := 0; sy < MiniTilesPerSide; sy++ {
		for sx := 0; sx < MiniTilesPerSide; sx++ {
			out = append(out, cell{c.ix, c.iy, sx, sy})
		}
	}
	return out
}

// intersecting returns the tiles, then the minitiles, whose rectangles meet
// g's polygons, stopping with ok false past limit cells.
func intersecting(g orb.Geometry, limit int) (tiles, minis []cell, ok bool) {
	polys := polygonsOf(g)
	b := g.Bound()
	t0, t1 := tileAt(b.Min[0], b.Min[1]), tileAt(b.Max[0], b.Max[1])
	for iy := t0.iy; iy <= t1.iy; iy++ {
		for ix := t0.ix; ix <= t1.ix; ix++ {
			t := cell{ix, iy, -1, -1}
			if !rectMeets(t.bound(), polys) {
				continue
			}
			tiles = append(tiles, t)
			for _, m := range t.minis() {
				if rectMeets(m.bound(), polys) {
					minis = append(minis, m)
					if len(tiles)+len(minis) > limit {
						return nil, nil, false
					}
				}
			}
		}
	}
	return tiles, minis, true
}

// polygonsOf flattens a polygonal geometry into its polygons.
func polygonsOf(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	case orb.Collection:
		var out []orb.Polygon
		for _, m := range g {
			out = append(out, polygonsOf(m)...)
		}
		return out
	case orb.Bound:
		return []orb.Polygon{g.ToPolygon()}
	}
	return nil
}

// rectMeets reports whether the rectangle r and any of polys share a point.
func rectMeets(r orb.Bound, polys []orb.Polygon) bool {
	corners := []orb.Point{r.Min, {r.Max[0], r.Min[1]}, r.Max, {r.Min[0], r.Max[1]}}
	for _, p := range polys {
		if !p.Bound().Intersects(r) {
			continue
		}
		for _, c := range corners {
			if planar.PolygonContains(p, c) {
				return true
			}
		}
		for _, ring := range p {
			for i := 0; i+1 < len(ring); i++ {
				a, b := ring[i], ring[i+1]
				if r.Contains(a) {
					return true
				}
				for k := 0; k < 4; k++ {
					if segmentsCross(a, b, corners[k], corners[(k+1)%4]) {
						return true
					}
				}
			}
		}
	}
	return false
}

func segmentsCross(a, b, c, d orb.Point) bool {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	return o1*o2 <= 0 && o3*o4 <= 0 && !(o1 == 0 && o2 == 0 && o3 == 0 && o4 == 0)
}

func orient(a, b, c orb.Point) float64 {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// String names the cell for messages.
func (c cell) String() string {
	if c.mini() {
		return fmt.Sprintf("minitile %d/%d/%d/%d", c.ix, c.iy, c.sx, c.sy)
	}
	return fmt.Sprintf("tile %d/%d", c.ix, c.iy)
}
