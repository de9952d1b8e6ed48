package geo

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// maxGeoJSONDepth bounds the nesting of features and collections.
const maxGeoJSONDepth = 32

// ParseGeoJSON reads a GeoJSON geometry, a Feature (its geometry is returned),
// or a FeatureCollection holding exactly one feature. Positions may carry a
// third (height) value, which is dropped. It does not validate the geometry;
// see [Validate].
func ParseGeoJSON(data []byte) (orb.Geometry, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	g, err := ReadGeoJSON(dec)
	if err == nil && g == nil {
		err = errors.New("null is not a geometry")
	}
	if err == nil {
		if _, terr := dec.ReadToken(); terr != io.EOF {
			err = errors.New("data after the geometry")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("geo: invalid GeoJSON: %w", err)
	}
	return g, nil
}

// GeoJSON writes g as a bare GeoJSON geometry object.
func GeoJSON(g orb.Geometry) ([]byte, error) {
	if g == nil {
		return nil, errors.New("geo: nil geometry")
	}
	var b bytes.Buffer
	enc := jsontext.NewEncoder(&b)
	if err := WriteGeoJSON(enc, g); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// JSONOptions returns options for encoding/json/v2 (github.com/go-json-experiment/json)
// under which every orb.Geometry value is read and written as a GeoJSON
// geometry object, in one pass (see [ReadGeoJSON] and [WriteGeoJSON]). When
// decoding they apply to fields of type orb.Geometry; when encoding, to any
// value whose type implements orb.Geometry, so wire structs hold geometries as
// orb.Geometry, never as a concrete orb type such as orb.Point (which would
// otherwise be written as a position).
func JSONOptions() json.Options {
	return json.JoinOptions(
		json.WithMarshalers(json.MarshalToFunc(WriteGeoJSON)),
		json.WithUnmarshalers(json.UnmarshalFromFunc(func(dec *jsontext.Decoder, g *orb.Geometry) error {
			v, err := ReadGeoJSON(dec)
			if err != nil {
				return err
			}
			*g = v
			return nil
		})),
	)
}

// ReadGeoJSON reads one GeoJSON value from dec in a single pass, filling orb
// values directly: a geometry object, a Feature (its geometry is returned) or
// a FeatureCollection of exactly one feature. null gives a nil geometry and no
// error. Members may come in any order; unknown members are skipped. Positions
// may carry a third value, which is dropped. Errors name the member at fault,
// such as "coordinates[0][3]: a position needs 2 numbers".
func ReadGeoJSON(dec *jsontext.Decoder) (orb.Geometry, error) {
	return readGeoJSON(dec, 0)
}

// geoObject gathers the members of one GeoJSON object as they come.
type geoObject struct {
	typ        string
	coords     orb.Geometry   // read once typ was known
	rawCoords  jsontext.Value // kept when "coordinates" came before "type"
	hasCoords  bool
	geometry   orb.Geometry
	hasGeom    bool
	features   int
	feature    orb.Geometry // the first feature's geometry
	geometries orb.Collection
	hasGeoms   bool
}

func readGeoJSON(dec *jsontext.Decoder, depth int) (orb.Geometry, error) {
	if depth > maxGeoJSONDepth {
		return nil, errors.New("nested too deeply")
	}
	switch k := dec.PeekKind(); k {
	case 'n':
		_, err := dec.ReadToken()
		return nil, err
	case '{':
	case 0:
		_, err := dec.ReadToken() // reports the syntax error or EOF
		return nil, err
	default:
		if err := dec.SkipValue(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("want a GeoJSON object, got %v", k)
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	var o geoObject
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		if err := o.member(dec, name.String(), depth); err != nil {
			return nil, err
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	return o.geometryOf()
}

// member reads the value of one member of a GeoJSON object.
func (o *geoObject) member(dec *jsontext.Decoder, name string, depth int) error {
	switch name {
	case "type":
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		if tok.Kind() != '"' {
			return fmt.Errorf(`"type" must be a string, got %v`, tok.Kind())
		}
		o.typ = tok.String()
	case "coordinates":
		o.hasCoords = true
		if !coordinateKind(o.typ) {
			v, err := dec.ReadValue()
			if err != nil {
				return err
			}
			o.rawCoords = v.Clone()
			return nil
		}
		g, err := readCoordinates(dec, o.typ)
		if err != nil {
			return err
		}
		o.coords = g
	case "geometry":
		g, err := readGeoJSON(dec, depth+1)
		if err != nil {
			return fmt.Errorf("geometry: %w", err)
		}
		o.geometry, o.hasGeom = g, true
	case "features":
		return readArray(dec, path{root: "features"}, func(i int) error {
			g, err := readGeoJSON(dec, depth+1)
			if err != nil {
				return fmt.Errorf("features[%d]: %w", i, err)
			}
			if i == 0 {
				o.feature = g
			}
			o.features++
			return nil
		})
	case "geometries":
		o.hasGeoms = true
		o.geometries = orb.Collection{}
		return readArray(dec, path{root: "geometries"}, func(i int) error {
			g, err := readGeoJSON(dec, depth+1)
			if err != nil {
				return fmt.Errorf("geometries[%d]: %w", i, err)
			}
			if g == nil {
				return fmt.Errorf("geometries[%d]: null is not a geometry", i)
			}
			o.geometries = append(o.geometries, g)
			return nil
		})
	default:
		return dec.SkipValue()
	}
	return nil
}

// geometryOf returns the geometry the object's members describe.
func (o *geoObject) geometryOf() (orb.Geometry, error) {
	switch o.typ {
	case "":
		return nil, errors.New(`no "type" member`)
	case "Feature":
		if o.geometry == nil {
			return nil, errors.New("the Feature has no geometry")
		}
		return o.geometry, nil
	case "FeatureCollection":
		if o.features != 1 {
			return nil, fmt.Errorf("the FeatureCollection has %d features, want exactly 1", o.features)
		}
		if o.feature == nil {
			return nil, errors.New("the feature has no geometry")
		}
		return o.feature, nil
	case "GeometryCollection":
		if !o.hasGeoms {
			return nil, errors.New("the GeometryCollection has no geometries")
		}
		return o.geometries, nil
	}
	if !coordinateKind(o.typ) {
		return nil, fmt.Errorf("unknown geometry type %q", o.typ)
	}
	if !o.hasCoords {
		return nil, fmt.Errorf("%s has no coordinates", o.typ)
	}
	if o.coords != nil {
		return o.coords, nil
	}
	// "coordinates" came before "type": read what was kept.
	if bytes.Equal(o.rawCoords, []byte("null")) {
		return nil, fmt.Errorf("%s has no coordinates", o.typ)
	}
	return readCoordinates(jsontext.NewDecoder(bytes.NewReader(o.rawCoords)), o.typ)
}

func coordinateKind(typ string) bool {
	switch typ {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
		return true
	}
	return false
}

// readCoordinates reads the coordinates member of a geometry of kind typ.
// Paths for errors are built only when one occurs.
func readCoordinates(dec *jsontext.Decoder, typ string) (orb.Geometry, error) {
	if dec.PeekKind() == 'n' {
		_, _ = dec.ReadToken()
		return nil, fmt.Errorf("%s has no coordinates", typ)
	}
	var at path
	switch typ {
	case "Point":
		return readPosition(dec, at)
	case "MultiPoint":
		pts, err := readPositions(dec, at)
		return orb.MultiPoint(pts), err
	case "LineString":
		pts, err := readPositions(dec, at)
		return orb.LineString(pts), err
	case "MultiLineString":
		var ml orb.MultiLineString
		err := readArray(dec, at, func(i int) error {
			pts, err := readPositions(dec, at.at(i))
			ml = append(ml, pts)
			return err
		})
		return ml, err
	case "Polygon":
		return readPolygon(dec, at)
	case "MultiPolygon":
		var mp orb.MultiPolygon
		err := readArray(dec, at, func(i int) error {
			p, err := readPolygon(dec, at.at(i))
			mp = append(mp, p)
			return err
		})
		return mp, err
	}
	return nil, fmt.Errorf("unknown geometry type %q", typ)
}

func readPolygon(dec *jsontext.Decoder, at path) (orb.Polygon, error) {
	p := make(orb.Polygon, 0, 1)
	err := readArray(dec, at, func(i int) error {
		pts, err := readPositions(dec, at.at(i))
		p = append(p, orb.Ring(pts))
		return err
	})
	return p, err
}

// readPositions reads an array of positions.
func readPositions(dec *jsontext.Decoder, at path) ([]orb.Point, error) {
	if err := openArray(dec, at); err != nil {
		return nil, err
	}
	pts := make([]orb.Point, 0, 8)
	for i := 0; ; i++ {
		if done, err := arrayEnd(dec); done || err != nil {
			return pts, err
		}
		p, err := readPosition(dec, at.at(i))
		if err != nil {
			return nil, err
		}
		pts = append(pts, p)
	}
}

// readPosition reads [x, y] or [x, y, z], dropping z.
func readPosition(dec *jsontext.Decoder, at path) (orb.Point, error) {
	var p orb.Point
	if err := openArray(dec, at); err != nil {
		return p, err
	}
	for n := 0; ; n++ {
		if done, err := arrayEnd(dec); err != nil {
			return p, err
		} else if done {
			if n < 2 {
				return p, fmt.Errorf("%s: a position needs at least 2 numbers, got %d", at, n)
			}
			return p, nil
		}
		tok, err := dec.ReadToken()
		if err != nil {
			return p, err
		}
		if tok.Kind() != '0' {
			if k := tok.Kind(); k == '{' || k == '[' {
				_ = dec.SkipValue()
			}
			return p, fmt.Errorf("%s: a position holds numbers, got %v", at, tok.Kind())
		}
		if n < 2 {
			if p[n], err = tok.Float(); err != nil {
				return p, fmt.Errorf("%s: %w", at, err)
			}
		}
	}
}

// openArray reads the '[' that must come next.
func openArray(dec *jsontext.Decoder, at path) error {
	if k := dec.PeekKind(); k != '[' {
		if k == 0 {
			_, err := dec.ReadToken()
			return err
		}
		_ = dec.SkipValue()
		return fmt.Errorf("%s: want an array, got %v", at, k)
	}
	_, err := dec.ReadToken()
	return err
}

// arrayEnd reads the ']' if it comes next, and reports whether it did.
func arrayEnd(dec *jsontext.Decoder) (bool, error) {
	switch dec.PeekKind() {
	case ']':
		_, err := dec.ReadToken()
		return true, err
	case 0:
		_, err := dec.ReadToken()
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return false, err
	}
	return false, nil
}

// readArray reads a JSON array, calling each for every element, which must
// consume exactly that element.
func readArray(dec *jsontext.Decoder, at path, each func(i int) error) error {
	if err := openArray(dec, at); err != nil {
		return err
	}
	for i := 0; ; i++ {
		if done, err := arrayEnd(dec); done || err != nil {
			return err
		}
		if err := each(i); err != nil {
			return err
		}
	}
}

// WriteGeoJSON writes g to enc as a GeoJSON geometry object, in one pass; a
// nil geometry is written as null. An orb.Ring is written as a Polygon of one
// ring and an orb.Bound as the Polygon it covers.
func WriteGeoJSON(enc *jsontext.Encoder, g orb.Geometry) error {
	g = deref(g)
	switch v := g.(type) {
	case nil:
		return enc.WriteToken(jsontext.Null)
	case orb.Ring:
		g = orb.Polygon{v}
	case orb.Bound:
		g = v.ToPolygon()
	}
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	if err := writeTokens(enc, jsontext.String("type"), jsontext.String(g.GeoJSONType())); err != nil {
		return err
	}
	if c, ok := g.(orb.Collection); ok {
		if err := writeTokens(enc, jsontext.String("geometries"), jsontext.BeginArray); err != nil {
			return err
		}
		for _, m := range c {
			if m == nil {
				return errors.New("geo: a nil geometry in a collection")
			}
			if err := WriteGeoJSON(enc, m); err != nil {
				return err
			}
		}
		if err := enc.WriteToken(jsontext.EndArray); err != nil {
			return err
		}
	} else {
		if err := enc.WriteToken(jsontext.String("coordinates")); err != nil {
			return err
		}
		if err := writeCoordinates(enc, g); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

// deref turns a pointer to an orb value (which encoding/json/v2 may hand a
// marshaler for an addressable field) into the value.
func deref(g orb.Geometry) orb.Geometry {
	switch v := g.(type) {
	case *orb.Point:
		return derefOr(v)
	case *orb.MultiPoint:
		return derefOr(v)
	case *orb.LineString:
		return derefOr(v)
	case *orb.MultiLineString:
		return derefOr(v)
	case *orb.Ring:
		return derefOr(v)
	case *orb.Polygon:
		return derefOr(v)
	case *orb.MultiPolygon:
		return derefOr(v)
	case *orb.Collection:
		return derefOr(v)
	case *orb.Bound:
		return derefOr(v)
	}
	return g
}

func derefOr[T orb.Geometry](p *T) orb.Geometry {
	if p == nil {
		return nil
	}
	return *p
}

func writeCoordinates(enc *jsontext.Encoder, g orb.Geometry) error {
	switch v := g.(type) {
	case orb.Point:
		return writePosition(enc, v)
	case orb.MultiPoint:
		return writePositions(enc, v)
	case orb.LineString:
		return writePositions(enc, v)
	case orb.MultiLineString:
		return writeEach(enc, len(v), func(i int) error { return writePositions(enc, v[i]) })
	case orb.Polygon:
		return writeEach(enc, len(v), func(i int) error { return writePositions(enc, v[i]) })
	case orb.MultiPolygon:
		return writeEach(enc, len(v), func(i int) error {
			return writeEach(enc, len(v[i]), func(j int) error { return writePositions(enc, v[i][j]) })
		})
	}
	return fmt.Errorf("geo: cannot write %T as GeoJSON", g)
}

func writePositions(enc *jsontext.Encoder, pts []orb.Point) error {
	return writeEach(enc, len(pts), func(i int) error { return writePosition(enc, pts[i]) })
}

func writePosition(enc *jsontext.Encoder, p orb.Point) error {
	return writeTokens(enc, jsontext.BeginArray, jsontext.Float(p[0]), jsontext.Float(p[1]), jsontext.EndArray)
}

func writeEach(enc *jsontext.Encoder, n int, each func(i int) error) error {
	if err := enc.WriteToken(jsontext.BeginArray); err != nil {
		return err
	}
	for i := range n {
		if err := each(i); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndArray)
}

func writeTokens(enc *jsontext.Encoder, toks ...jsontext.Token) error {
	for _, t := range toks {
		if err := enc.WriteToken(t); err != nil {
			return err
		}
	}
	return nil
}
