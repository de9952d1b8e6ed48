package geo

import (
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// ParseWKT reads a WKT geometry such as "POLYGON((30 10, 40 40, 20 40, 30 10))".
// It does not validate the geometry; see [Validate].
func ParseWKT(s string) (g orb.Geometry, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("geo: empty WKT")
	}
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("geo: invalid WKT: %v", r)
		}
	}()
	g, err = wkt.Unmarshal(s)
	if err != nil {
		return nil, fmt.Errorf("geo: invalid WKT: %w", err)
	}
	return g, nil
}

// WKT writes g as WKT.
func WKT(g orb.Geometry) string { return wkt.MarshalString(g) }
