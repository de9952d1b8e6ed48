package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// WGS 84 ellipsoid.
const (
	wgs84A         = 6378137.0        // semi-major axis, m
	wgs84E2        = 6.69437999014e-3 // first eccentricity squared
	authalicRadius = 6371007.181      // radius of the sphere of equal area, m
)

// Footprint returns the rectangle of widthKm (east–west) by heightKm
// (north–south) centred on p, as a closed counter-clockwise polygon: the
// footprint providers draw around a point target (for example 5×5 km or
// 5×10 km). Distances are measured on the WGS 84 ellipsoid through the
// centre, which is exact to well under 1 % for footprints of tens of
// kilometres. It fails for a non-positive size, an invalid point, or a
// rectangle that would cross a pole or the antimeridian.
func Footprint(p orb.Point, widthKm, heightKm float64) (orb.Polygon, error) {
	if err := checkPoint(p, path{root: "point"}); err != nil {
		return nil, err
	}
	if !(widthKm > 0) || !(heightKm > 0) || math.IsInf(widthKm, 0) || math.IsInf(heightKm, 0) {
		return nil, fmt.Errorf("geo: footprint size %v×%v km must be positive", widthKm, heightKm)
	}
	phi := p[1] * math.Pi / 180
	s2 := math.Sin(phi) * math.Sin(phi)
	meridional := wgs84A * (1 - wgs84E2) / math.Pow(1-wgs84E2*s2, 1.5)
	primeVertical := wgs84A / math.Sqrt(1-wgs84E2*s2)
	dLat := (heightKm * 1000 / 2) / meridional * 180 / math.Pi
	dLon := (widthKm * 1000 / 2) / (primeVertical * math.Cos(phi)) * 180 / math.Pi
	south, north := p[1]-dLat, p[1]+dLat
	west, east := p[0]-dLon, p[0]+dLon
	if south < -90 || north > 90 || math.IsNaN(dLon) || math.IsInf(dLon, 0) {
		return nil, fmt.Errorf("geo: a %v×%v km footprint at %v would cross a pole", widthKm, heightKm, fmtPos(p))
	}
	if west < -180 || east > 180 {
		return nil, fmt.Errorf("geo: a %v×%v km footprint at %v would cross the antimeridian", widthKm, heightKm, fmtPos(p))
	}
	return orb.Polygon{orb.Ring{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}}, nil
}

// AreaKm2 returns the area of g on the Earth in square kilometres, computed on
// the sphere of the same surface area as the WGS 84 ellipsoid (authalic
// radius), which is within a few tenths of a percent of the ellipsoidal area.
// Points and lines have no area; holes are subtracted.
func AreaKm2(g orb.Geometry) float64 {
	if g == nil {
		return 0
	}
	// orb computes on a sphere of the equatorial radius; rescale to authalic.
	scale := (authalicRadius / orb.EarthRadius) * (authalicRadius / orb.EarthRadius)
	return orbgeo.Area(g) * scale / 1e6
}
