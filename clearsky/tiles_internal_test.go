package clearsky

import (
	"context"
	"errors"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// TestTileSearchPayloadValidation checks the wire-level rules the typed
// TileQuery selectors cannot break, before anything is sent.
func TestTileSearchPayloadValidation(t *testing.T) {
	c, err := New("key", WithBaseURL("http://127.0.0.1:1"), WithRetry(tasking.NoRetry()))
	if err != nil {
		t.Fatal(err)
	}
	s := "POLYGON((10 55,10.1 55,10.1 55.1,10 55.1,10 55))"
	tile := "5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"
	for field, p := range map[string]*tileSearchPayload{
		"TileGuids":            {WKT: &s, TileGUIDs: []string{tile}},
		"TileGuidForMiniTiles": {MiniTileGUIDs: []string{tile}, TileGUIDForMiniTiles: &tile},
		"GeoJson":              {GeoJSON: orb.LineString{{10, 55}, {10.1, 55.1}}},
		"":                     nil,
	} {
		_, err := c.Tiles.search(context.Background(), p)
		wantInvalid(t, err, field)
	}
	bad := "POLYGON((10 55,10.1 55"
	wantInvalid(t, (&tileSearchPayload{WKT: &bad}).validate(), "Wkt")
	for _, p := range []*tileSearchPayload{{WKT: &s}, {GeoJSON: orb.Polygon{{{10, 55}, {10.1, 55}, {10.1, 55.1}, {10, 55.1}, {10, 55}}}}} {
		if err := p.validate(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var ve *tasking.ValidationError
	if !errors.As(err, &ve) || ve.Field != field {
		t.Errorf("got %v, want a *tasking.ValidationError for %q", err, field)
	}
}
