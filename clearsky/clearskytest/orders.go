package clearskytest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/geo"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// Pricing the simulator applies, in EUR. The per-km² prices are the
// documented base prices; tiles cost 20 % and minitiles 50 % of them.
const (
	StorageEURPerKm2Month = 0.00001
	TileFactor            = 0.2
	MiniTileFactor        = 0.5
)

// modelSpec is one model the simulator offers.
type modelSpec struct {
	model       clearsky.Model
	pricePerKm2 float64
	required    []clearsky.SatelliteConstellation
	optional    []clearsky.SatelliteConstellation
}

var models = []modelSpec{
	{clearsky.ModelStratus2, 0.20, []clearsky.SatelliteConstellation{clearsky.ConstellationSentinel1, clearsky.ConstellationSentinel2, clearsky.ConstellationLandsat89}, nil},
	{clearsky.ModelStratus2Fast, 0.18, []clearsky.SatelliteConstellation{clearsky.ConstellationSentinel1, clearsky.ConstellationSentinel2}, []clearsky.SatelliteConstellation{clearsky.ConstellationLandsat89}},
	{clearsky.ModelStratus2NoSnow, 0.20, []clearsky.SatelliteConstellation{clearsky.ConstellationSentinel1, clearsky.ConstellationSentinel2, clearsky.ConstellationLandsat89}, nil},
}

func findModel(s string) (modelSpec, bool) {
	for _, m := range models {
		if strings.EqualFold(string(m.model), s) {
			return m, true
		}
	}
	return modelSpec{}, false
}

// order is one order's state.
type order struct {
	guid     string
	status   clearsky.OrderingProcessStatus
	spec     spec
	areaKm2  float64
	created  time.Time
	produced clearsky.Date // image dates up to here are produced; zero: none
	deny     bool
	legacy   bool
	ended    clearsky.Date // when it was cancelled
}

// spec is a validated order payload.
type spec struct {
	wkt            string // normalised GeometryCollection WKT, polygon orders
	members        orb.Collection
	tiles, minis   []cell
	model          modelSpec
	constellations []clearsky.SatelliteConstellation
	storageMonths  int
	apiRequests    int
	frequency      int
	reference      clearsky.Date
	from           clearsky.Date
	to             *clearsky.Date
	dedup          bool
}

func (p *spec) recurring() bool { return p.to == nil }
func (p *spec) polygon() bool   { return p.members != nil }

// orderIn is the create/estimate body as the server binds it.
type orderIn struct {
	Wkt                     *string
	GeoJson                 jsontext.Value
	TileGuids               []string
	MiniTileGuids           []string
	SatelliteConstellations []string
	Model                   *string
	StorageMonths           *int
	ApiRequests             *int
	ImageFrequency          *int
	ReferenceDate           *string
	From                    *string
	To                      *string
	TileDeduplication       *bool
	SimulatedEuroUsage      *float64
}

// fieldErrs collects per-field messages.
type fieldErrs map[string][]string

func (f fieldErrs) add(field, format string, args ...any) {
	f[field] = append(f[field], fmt.Sprintf(format, args...))
}

// bindOptions read a request body as ASP.NET binds it: member names match
// case-insensitively.
var bindOptions = json.JoinOptions(json.MatchCaseInsensitiveNames(true), jsontext.AllowDuplicateNames(true))

// bindError turns a decoding failure into ProblemDetails errors, as ASP.NET
// model binding reports them.
func bindError(err error) fieldErrs {
	f := fieldErrs{}
	var te *json.SemanticError
	var se *jsontext.SyntacticError
	switch {
	case errors.As(err, &te):
		path := bindPath(te.JSONPointer)
		f.add(path, "The JSON value could not be converted to %v. Path: %s", te.GoType, path)
	case errors.As(err, &se):
		f.add("$", "The JSON body is malformed at byte %d: %v", se.ByteOffset, se.Err)
	default:
		f.add("$", "The JSON body could not be read: %v", err)
	}
	return f
}

// bindPath writes a JSON pointer as ASP.NET names a binding path:
// "/SatelliteConstellations/0" is "$.SatelliteConstellations[0]".
func bindPath(p jsontext.Pointer) string {
	path := "$"
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil {
			path += "[" + tok + "]"
		} else {
			path += "." + tok
		}
	}
	return path
}

// parseDate reads a DateOnly the way the server binds it.
func parseDate(s string) (clearsky.Date, bool) {
	t, err := time.Parse(clearsky.DateLayout, s)
	if err != nil {
		return clearsky.Date{}, false
	}
	return clearsky.DateOf(t), true
}

// bind decodes body. A non-nil fieldErrs is a ProblemDetails answer.
func bind(body []byte) (*orderIn, fieldErrs) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fieldErrs{"": {"A non-empty request body is required."}}
	}
	var in orderIn
	if err := json.Unmarshal(body, &in, bindOptions); err != nil {
		return nil, bindError(err)
	}
	errs := fieldErrs{}
	for name, v := range map[string]*string{"ReferenceDate": in.ReferenceDate, "From": in.From, "To": in.To} {
		if v != nil {
			if _, ok := parseDate(*v); !ok {
				errs.add("$."+name, "The JSON value could not be converted to System.DateOnly. Path: $.%s", name)
			}
		}
	}
	if in.Model == nil {
		errs.add("Model", "The Model field is required.")
	}
	checkEnums(in.Model, in.SatelliteConstellations, errs)
	if in.SatelliteConstellations == nil {
		errs.add("SatelliteConstellations", "The SatelliteConstellations field is required.")
	}
	if in.From == nil {
		errs.add("From", "The From field is required.")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &in, nil
}

// checkEnums reports a model or constellation that does not bind to the
// API's enums, as ASP.NET does.
func checkEnums(model *string, constellations []string, errs fieldErrs) {
	if model != nil {
		if _, ok := findModel(*model); !ok {
			errs.add("$.Model", "The JSON value %q could not be converted to TaskingModel. Path: $.Model", *model)
		}
	}
	for i, c := range constellations {
		if _, ok := findConstellation(c); !ok {
			errs.add(fmt.Sprintf("$.SatelliteConstellations[%d]", i),
				"The JSON value %q could not be converted to SatelliteConstellation. Path: $.SatelliteConstellations[%d]", c, i)
		}
	}
}

func findConstellation(s string) (clearsky.SatelliteConstellation, bool) {
	for _, c := range clearsky.SatelliteConstellationValues() {
		if strings.EqualFold(string(c), s) {
			return c, true
		}
	}
	return "", false
}

// check applies the API's rules to a bound body. A non-empty fieldErrs is an
// envelope answer with code 992.
func check(in *orderIn) (*spec, fieldErrs) {
	errs := fieldErrs{}
	p := &spec{}
	p.model, _ = findModel(*in.Model)

	geoJSON := len(in.GeoJson) > 0 && in.GeoJson.Kind() != 'n'
	tiles := len(in.TileGuids) > 0 || len(in.MiniTileGuids) > 0
	switch {
	case in.Wkt != nil && geoJSON:
		errs.add("Wkt", "Only one of Wkt or GeoJson may be set.")
	case (in.Wkt != nil || geoJSON) && tiles:
		errs.add("TileGuids", "A geometry (Wkt or GeoJson) and tile ids cannot be combined in one order.")
	case in.Wkt == nil && !geoJSON && !tiles:
		errs.add("Wkt", "An area of interest is required: Wkt, GeoJson, TileGuids or MiniTileGuids.")
	case in.Wkt != nil:
		g, err := geo.ParseWKT(*in.Wkt)
		if err != nil {
			errs.add("Wkt", "The WKT could not be read: %v", err)
			break
		}
		p.members = checkGeometry(g, "Wkt", errs)
	case geoJSON:
		g, err := geo.ParseGeoJSON(in.GeoJson)
		if err != nil {
			errs.add("GeoJson", "The GeoJSON could not be read: %v", err)
			break
		}
		p.members = checkGeometry(g, "GeoJson", errs)
	default:
		p.tiles = checkCells(in.TileGuids, false, "TileGuids", errs)
		p.minis = checkCells(in.MiniTileGuids, true, "MiniTileGuids", errs)
	}
	if p.members != nil {
		p.wkt = geo.WKT(p.members)
	}
	if in.TileDeduplication != nil && *in.TileDeduplication {
		if !tiles {
			errs.add("TileDeduplication", "TileDeduplication applies only to tile and minitile orders.")
		}
		p.dedup = true
	}

	seen := map[clearsky.SatelliteConstellation]bool{}
	for _, raw := range in.SatelliteConstellations {
		c, _ := findConstellation(raw)
		if seen[c] {
			errs.add("SatelliteConstellations", "%s is listed more than once.", c)
			continue
		}
		seen[c] = true
		if !slices.Contains(p.model.required, c) && !slices.Contains(p.model.optional, c) {
			errs.add("SatelliteConstellations", "%s is not supported by %s.", c, p.model.model)
		}
		p.constellations = append(p.constellations, c)
	}
	for _, r := range p.model.required {
		if !seen[r] {
			errs.add("SatelliteConstellations", "%s requires %s.", p.model.model, r)
		}
	}
	if in.StorageMonths == nil || *in.StorageMonths < 1 {
		errs.add("StorageMonths", "StorageMonths must be at least 1.")
	} else {
		p.storageMonths = *in.StorageMonths
	}
	if in.ApiRequests == nil || *in.ApiRequests < 1 {
		errs.add("ApiRequests", "ApiRequests must be at least 1.")
	} else {
		p.apiRequests = *in.ApiRequests
	}
	if in.ImageFrequency == nil || *in.ImageFrequency < 1 || *in.ImageFrequency > 7 {
		errs.add("ImageFrequency", "ImageFrequency must be between 1 and 7.")
	} else {
		p.frequency = *in.ImageFrequency
	}
	if in.ReferenceDate == nil {
		errs.add("ReferenceDate", "ReferenceDate is required for %s.", p.model.model)
	} else {
		p.reference, _ = parseDate(*in.ReferenceDate)
	}
	p.from, _ = parseDate(*in.From)
	if in.To != nil {
		to, _ := parseDate(*in.To)
		p.to = &to
		if to.Before(p.from) {
			errs.add("To", "To must not be before From.")
		}
	}
	if in.SimulatedEuroUsage != nil && *in.SimulatedEuroUsage < 0 {
		errs.add("SimulatedEuroUsage", "SimulatedEuroUsage must not be negative.")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// checkGeometry applies the polygon rules and returns the AOI members.
func checkGeometry(g orb.Geometry, field string, errs fieldErrs) orb.Collection {
	if err := geo.Validate(g, geo.Kinds("Polygon", "MultiPolygon", "GeometryCollection")); err != nil {
		errs.add(field, "The geometry is not valid: %v", err)
		return nil
	}
	members, ok := g.(orb.Collection)
	if !ok {
		members = orb.Collection{g}
	}
	if len(members) == 0 {
		errs.add(field, "The GeometryCollection is empty.")
		return nil
	}
	bad := false
	for i, m := range members {
		switch m.(type) {
		case orb.Polygon, orb.MultiPolygon:
		default:
			errs.add(field, "Member %d is a %s; only Polygon and MultiPolygon members are accepted.", i, m.GeoJSONType())
			bad = true
			continue
		}
		b := m.Bound()
		midLat, midLon := (b.Min[1]+b.Max[1])/2, (b.Min[0]+b.Max[0])/2
		w := orbgeo.Distance(orb.Point{b.Min[0], midLat}, orb.Point{b.Max[0], midLat})
		h := orbgeo.Distance(orb.Point{midLon, b.Min[1]}, orb.Point{midLon, b.Max[1]})
		if w <= 150 || h <= 150 {
			errs.add(field, "Member %d: each side of the bounding box must be longer than 150 m.", i)
			bad = true
		} else if geo.AreaKm2(m) < 0.05*geo.AreaKm2(b.ToPolygon()) {
			errs.add(field, "Member %d must cover at least 5%% of its bounding box.", i)
			bad = true
		}
	}
	if bad {
		return nil
	}
	return members
}

// checkCells resolves grid ids of one kind.
func checkCells(ids []string, mini bool, field string, errs fieldErrs) []cell {
	var out []cell
	seen := map[cell]bool{}
	for _, id := range ids {
		c, ok := parseCell(id)
		switch {
		case !ok:
			errs.add(field, "Unknown id %s.", id)
		case c.mini() != mini:
			kind := "tile"
			if c.mini() {
				kind = "minitile"
			}
			errs.add(field, "%s is a %s id.", id, kind)
		case seen[c]:
			errs.add(field, "%s is listed more than once.", id)
		default:
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// quote is an estimate computed from a spec at a given day.
type quote struct {
	area, before                       float64
	curOrder, nextOrder                float64
	curStorage, nextStorage            float64
	curUnits, nextUnits                float64
	cancellation                       clearsky.Date
	dates                              []clearsky.Date
	aoiWKT                             string
	tiles, minis                       []string
	monthsDue                          int
	nextDue                            bool
	priceEquivalentKm2, monthlyOrderEU float64
}

// areas returns the billed area, the area before the per-member minimum and
// the price-equivalent area (after the tile factors).
func (p *spec) areas() (billed, before, equivalent float64) {
	if p.polygon() {
		for _, m := range p.members {
			a := geo.AreaKm2(m)
			before += a
			billed += math.Max(a, clearsky.MinBillableAreaKm2)
		}
		return billed, before, billed
	}
	for _, c := range p.tiles {
		a := c.areaKm2()
		billed += a
		equivalent += a * TileFactor
	}
	for _, c := range p.minis {
		a := c.areaKm2()
		billed += a
		equivalent += a * MiniTileFactor
	}
	return billed, billed, equivalent
}

// estimate prices p as of today:
//
//   - the monthly order cost is the price-equivalent area (tiles 20 %,
//     minitiles 50 %) × the model's price per km²;
//   - this month is charged for every window month up to and including the
//     current one (backfill), next month for one month if the window reaches
//     it;
//   - storage costs StorageEURPerKm2Month × area × StorageMonths for each
//     charged month;
//   - image dates are ReferenceDate + k × ImageFrequency inside the window,
//     up to the end of the current month for a recurring order.
func (p *spec) estimate(today clearsky.Date) quote {
	q := quote{cancellation: today.LastOfMonth()}
	q.area, q.before, q.priceEquivalentKm2 = p.areas()
	q.monthlyOrderEU = q.priceEquivalentKm2 * p.model.pricePerKm2
	cur, next := today.FirstOfMonth(), today.AddMonths(1)
	for m := p.from.FirstOfMonth(); !m.After(cur); m = m.AddMonths(1) {
		if p.to != nil && m.After(p.to.FirstOfMonth()) {
			break
		}
		q.monthsDue++
	}
	q.nextDue = !next.Before(p.from.FirstOfMonth()) && (p.to == nil || !next.After(p.to.FirstOfMonth()))
	storage := q.area * StorageEURPerKm2Month * float64(p.storageMonths)
	q.curOrder = round(q.monthlyOrderEU*float64(q.monthsDue), 2)
	q.curUnits = round(q.area*float64(q.monthsDue), 2)
	if q.monthsDue > 0 {
		q.curStorage = round(storage, 4)
	}
	if q.nextDue {
		q.nextOrder = round(q.monthlyOrderEU, 2)
		q.nextStorage = round(storage, 4)
		q.nextUnits = round(q.area, 2)
	}
	end := today.LastOfMonth()
	if p.from.After(end) {
		end = p.from.LastOfMonth()
	}
	if p.to != nil {
		end = *p.to
	}
	q.dates = imageDates(p.reference, p.frequency, p.from, end)
	if p.polygon() {
		q.aoiWKT = p.wkt
	} else {
		var c orb.Collection
		for _, t := range p.tiles {
			q.tiles = append(q.tiles, t.guid())
			c = append(c, t.polygon())
		}
		for _, m := range p.minis {
			q.minis = append(q.minis, m.guid())
			c = append(c, m.polygon())
		}
		q.aoiWKT = geo.WKT(c)
	}
	return q
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// nextImageDate returns the first cadence date after d.
func nextImageDate(ref clearsky.Date, freq int, d clearsky.Date) clearsky.Date {
	k := d.DaysSince(ref)
	step := ((k % freq) + freq) % freq
	return d.AddDays(freq - step)
}

// imageDates lists the cadence dates in [from, to].
func imageDates(ref clearsky.Date, freq int, from, to clearsky.Date) []clearsky.Date {
	out := []clearsky.Date{}
	for d := nextImageDate(ref, freq, from.AddDays(-1)); !d.After(to); d = d.AddDays(freq) {
		out = append(out, d)
	}
	return out
}

// handleModels answers GET /api/tasking/models.
func (s *Server) handleModels(w http.ResponseWriter) {
	type sc struct {
		SatelliteConstellation string
		Optional               bool
	}
	type tm struct {
		Model                            string
		SupportedSatelliteConstellations []sc
	}
	out := []tm{}
	for _, m := range models {
		t := tm{Model: string(m.model), SupportedSatelliteConstellations: []sc{}}
		for _, c := range m.required {
			t.SupportedSatelliteConstellations = append(t.SupportedSatelliteConstellations, sc{string(c), false})
		}
		for _, c := range m.optional {
			t.SupportedSatelliteConstellations = append(t.SupportedSatelliteConstellations, sc{string(c), true})
		}
		out = append(out, t)
	}
	respond(w, map[string]any{"TaskingModels": out})
}

// wireTile is a tile search record.
type wireTile struct {
	Guid        string
	MiniTile    bool
	Epsg        string
	DataGeogWkt string
}

func tileRecord(c cell) wireTile {
	return wireTile{Guid: c.guid(), MiniTile: c.mini(), Epsg: strconv.Itoa(c.epsg()), DataGeogWkt: geo.WKT(c.polygon())}
}

// handleSearch answers POST /api/tasking/search/tiles.
func (s *Server) handleSearch(w http.ResponseWriter, body []byte) {
	var in struct {
		Wkt                  *string
		GeoJson              jsontext.Value
		TileGuids            []string
		MiniTileGuids        []string
		TileGuidForMiniTiles *string
	}
	if err := json.Unmarshal(body, &in, bindOptions); err != nil {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.", bindError(err))
		return
	}
	geoJSON := len(in.GeoJson) > 0 && in.GeoJson.Kind() != 'n'
	n := 0
	for _, set := range []bool{in.Wkt != nil, geoJSON, len(in.TileGuids) > 0, len(in.MiniTileGuids) > 0, in.TileGuidForMiniTiles != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		s.envelopeError(w, http.StatusBadRequest, clearsky.CodeMalformedRequest, "One or more validation errors occurred.",
			fieldErrs{"Wkt": {"Exactly one of Wkt, GeoJson, TileGuids, MiniTileGuids or TileGuidForMiniTiles must be set."}})
		return
	}
	errs := fieldErrs{}
	records := []wireTile{}
	var miniList []string
	switch {
	case in.Wkt != nil || geoJSON:
		var g orb.Geometry
		var err error
		field := "Wkt"
		if in.Wkt != nil {
			g, err = geo.ParseWKT(*in.Wkt)
		} else {
			field = "GeoJson"
			g, err = geo.ParseGeoJSON(in.GeoJson)
		}
		if err == nil {
			err = geo.Validate(g, geo.Kinds("Polygon", "MultiPolygon", "GeometryCollection"))
		}
		if err != nil {
			errs.add(field, "The geometry is not valid: %v", err)
			break
		}
		tiles, minis, ok := intersecting(g, s.cfg.searchLimit)
		if !ok {
			s.envelopeError(w, http.StatusBadRequest, clearsky.CodeMaxAreaExceeded,
				fmt.Sprintf("The area intersects more than %d tiles and minitiles; split it.", s.cfg.searchLimit), nil)
			return
		}
		for _, c := range append(tiles, minis...) {
			records = append(records, tileRecord(c))
		}
	case len(in.TileGuids) > 0:
		for _, c := range checkCells(in.TileGuids, false, "TileGuids", errs) {
			records = append(records, tileRecord(c))
		}
	case len(in.MiniTileGuids) > 0:
		for _, c := range checkCells(in.MiniTileGuids, true, "MiniTileGuids", errs) {
			records = append(records, tileRecord(c))
		}
	default:
		cs := checkCells([]string{*in.TileGuidForMiniTiles}, false, "TileGuidForMiniTiles", errs)
		if len(cs) == 1 {
			for _, m := range cs[0].minis() {
				records = append(records, tileRecord(m))
				miniList = append(miniList, m.guid())
			}
		}
	}
	if len(errs) > 0 {
		s.envelopeError(w, http.StatusBadRequest, clearsky.CodeMalformedRequest, "One or more validation errors occurred.", errs)
		return
	}
	data := map[string]any{"Tiles": records}
	if miniList != nil {
		data["MiniTiles"] = miniList
	}
	respond(w, data)
}

// parseOrder binds and checks a body, answering the error itself. ok is
// false when it did.
func (s *Server) parseOrder(w http.ResponseWriter, body []byte) (*spec, *orderIn, bool) {
	in, perrs := bind(body)
	if perrs != nil {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.", perrs)
		return nil, nil, false
	}
	p, errs := check(in)
	if errs != nil {
		s.envelopeError(w, http.StatusBadRequest, clearsky.CodeMalformedRequest, "One or more validation errors occurred.", errs)
		return nil, nil, false
	}
	return p, in, true
}

// handleEstimate answers POST /api/tasking/orders/estimate.
func (s *Server) handleEstimate(w http.ResponseWriter, body []byte) {
	p, _, ok := s.parseOrder(w, body)
	if !ok {
		return
	}
	p.dedup = false // not part of the estimate schema
	s.mu.Lock()
	today := clearsky.DateOf(s.kit.Now())
	s.mu.Unlock()
	q := p.estimate(today)
	respond(w, map[string]any{
		"StorageMonths":                  p.storageMonths,
		"ApiRequests":                    p.apiRequests,
		"SatelliteConstellations":        constellationNames(p.constellations),
		"Model":                          string(p.model.model),
		"CancellationDate":               q.cancellation.String(),
		"AreaKm2":                        round(q.area, 2),
		"AreaKm2BeforeMinimum1Km2PerAoi": round(q.before, 2),
		"CurrentMonthCost":               round(q.curOrder+q.curStorage, 4),
		"NextMonthCost":                  round(q.nextOrder+q.nextStorage, 4),
		"Costs": map[string]any{
			"CurrencyCode":                  "EUR",
			"CurrentMonthOrderCostEstimate": q.curOrder,
			"CurrentMonthStorageCosts":      q.curStorage,
			"NextMonthOrderCostEstimate":    q.nextOrder,
			"NextMonthStorageCosts":         q.nextStorage,
		},
		"UsageUnits": map[string]any{
			"CurrentMonthOrderUsageUnitsEstimate": q.curUnits,
			"NextMonthOrderUsageUnitsEstimate":    q.nextUnits,
		},
		"Tiles":              nonNil(q.tiles),
		"MiniTiles":          nonNil(q.minis),
		"AreasOfInterestWkt": q.aoiWKT,
		"ImageDates":         dateStrings(q.dates),
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func constellationNames(cs []clearsky.SatelliteConstellation) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

// handleCreate answers POST /api/tasking/orders.
func (s *Server) handleCreate(w http.ResponseWriter, body []byte, q url.Values) {
	if a := q.Get("automaticOrderGuid"); a != "" && len(a) != 36 {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.",
			fieldErrs{"automaticOrderGuid": {fmt.Sprintf("The value '%s' is not valid.", a)}})
		return
	}
	p, _, ok := s.parseOrder(w, body)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.dedup {
		s.deduplicate(p)
		if len(p.tiles) == 0 && len(p.minis) == 0 {
			s.envelopeError(w, http.StatusBadRequest, clearsky.CodeInvalidRequest,
				"Every tile and minitile is already covered by earlier orders (TileDeduplication); nothing left to order.", nil)
			return
		}
	}
	s.created++
	sum := sha256.Sum256([]byte(fmt.Sprintf("clearskytest order %d %s", s.created, s.URL)))
	sum[6] = 0x40 | sum[6]&0x0f
	sum[8] = 0x80 | sum[8]&0x3f
	h := hex.EncodeToString(sum[:16])
	id := h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	area, _, _ := p.areas()
	o := &order{guid: id, status: clearsky.StatusReview, spec: *p, areaKm2: round(area, 2), created: s.kit.Now(), legacy: s.cfg.legacy}
	if s.cfg.autoAccept {
		o.status = clearsky.StatusPreparing
	}
	if s.denyNext > 0 {
		s.denyNext--
		o.deny = true
	}
	s.orders[id] = o
	s.sequence = append(s.sequence, id)
	respond(w, s.wire(o, false))
}

// deduplicate drops the cells that earlier tile orders with the same model,
// constellations and cadence already cover for the whole new window.
func (s *Server) deduplicate(p *spec) {
	covered := map[cell]bool{}
	for _, id := range s.sequence {
		prev := s.orders[id].spec
		st := s.orders[id].status
		if st == clearsky.StatusCanceled || st == clearsky.StatusFailure || prev.polygon() ||
			prev.model.model != p.model.model || !sameSet(prev.constellations, p.constellations) ||
			prev.frequency != p.frequency || prev.reference != p.reference {
			continue
		}
		if prev.from.After(p.from) || prev.to != nil && (p.to == nil || p.to.After(*prev.to)) {
			continue
		}
		for _, t := range prev.tiles {
			covered[t] = true
		}
		for _, m := range prev.minis {
			covered[m] = true
		}
	}
	keep := func(cs []cell) []cell {
		var out []cell
		for _, c := range cs {
			if !covered[c] && !(c.mini() && covered[c.tile()]) {
				out = append(out, c)
			}
		}
		return out
	}
	p.tiles, p.minis = keep(p.tiles), keep(p.minis)
}

func sameSet(a, b []clearsky.SatelliteConstellation) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// wireOrder is a TaskOrder on the wire.
type wireOrder struct {
	TaskOrderGuid           string
	BillingCycle            string
	OrderingProcessStatus   string
	StorageMonths           int
	ApiRequests             int
	ImageFrequency          int
	TaskOrderAreaKm2        float64
	Model                   string
	ReferenceDate           string
	From                    string
	To                      *string
	SatelliteConstellations []string
	Tiles                   any
	MiniTiles               any
	Wkt                     *string
	CreatedDate             string
}

// wire renders o; the details view gives tiles as {Guid, Wkt} objects.
func (s *Server) wire(o *order, details bool) wireOrder {
	w := wireOrder{
		TaskOrderGuid:           o.guid,
		BillingCycle:            string(clearsky.BillingMonthly),
		OrderingProcessStatus:   string(o.status),
		StorageMonths:           o.spec.storageMonths,
		ApiRequests:             o.spec.apiRequests,
		ImageFrequency:          o.spec.frequency,
		TaskOrderAreaKm2:        o.areaKm2,
		Model:                   string(o.spec.model.model),
		ReferenceDate:           o.spec.reference.String(),
		From:                    o.spec.from.String(),
		SatelliteConstellations: constellationNames(o.spec.constellations),
		CreatedDate:             o.created.Format(time.RFC3339),
	}
	if o.spec.to != nil {
		t := o.spec.to.String()
		w.To = &t
	}
	if o.spec.polygon() {
		w.Wkt = &o.spec.wkt
	}
	cells := func(cs []cell) any {
		if details {
			out := make([]map[string]string, len(cs))
			for i, c := range cs {
				out[i] = map[string]string{"Guid": c.guid(), "Wkt": geo.WKT(c.polygon())}
			}
			return out
		}
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.guid()
		}
		return out
	}
	w.Tiles, w.MiniTiles = cells(o.spec.tiles), cells(o.spec.minis)
	return w
}

// expired reports whether o's storage window is over.
func (o *order) expired(today clearsky.Date) bool {
	if !clearsky.OrderLifecycle.Terminal(o.status) {
		return false
	}
	end := o.ended
	if end.IsZero() && o.spec.to != nil {
		end = *o.spec.to
	}
	if end.IsZero() {
		end = clearsky.DateOf(o.created)
	}
	return today.After(end.AddMonths(o.spec.storageMonths).LastOfMonth())
}

// handleList answers GET /api/tasking/orders.
func (s *Server) handleList(w http.ResponseWriter, q url.Values) {
	flags := map[string]bool{}
	for _, name := range []string{"recurringOnly", "getExpired"} {
		v := ""
		for k, vs := range q {
			if strings.EqualFold(k, name) && len(vs) > 0 {
				v = vs[0]
			}
		}
		if v == "" {
			continue
		}
		b, err := strconv.ParseBool(strings.ToLower(v))
		if err != nil {
			problem(w, http.StatusBadRequest, "One or more validation errors occurred.",
				fieldErrs{name: {fmt.Sprintf("The value '%s' is not valid.", v)}})
			return
		}
		flags[name] = b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	today := clearsky.DateOf(s.kit.Now())
	out := []wireOrder{}
	for _, id := range s.sequence {
		o := s.orders[id]
		if flags["recurringOnly"] && !o.spec.recurring() || !flags["getExpired"] && o.expired(today) {
			continue
		}
		out = append(out, s.wire(o, false))
	}
	respond(w, map[string]any{"TaskOrders": out})
}

// handleDetails answers POST /api/tasking/orders/details, advancing each
// order it returns.
func (s *Server) handleDetails(w http.ResponseWriter, body []byte) {
	var in struct{ Guids []string }
	if err := json.Unmarshal(body, &in, bindOptions); err != nil {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.", bindError(err))
		return
	}
	if len(in.Guids) == 0 {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.",
			fieldErrs{"Guids": {"The Guids field is required."}})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []wireOrder{}
	for _, g := range in.Guids {
		o, ok := s.orders[strings.ToLower(g)]
		if !ok {
			continue
		}
		for i := 0; i < s.cfg.stepsPerPoll; i++ {
			s.step(o)
		}
		out = append(out, s.wire(o, true))
	}
	respond(w, map[string]any{"TaskOrders": out})
}

// handleCancel answers DELETE /api/tasking/orders/cancel.
func (s *Server) handleCancel(w http.ResponseWriter, q url.Values) {
	id := ""
	for k, vs := range q {
		if strings.EqualFold(k, "taskOrderGuid") && len(vs) > 0 {
			id = vs[0]
		}
	}
	if id == "" {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.",
			fieldErrs{"taskOrderGuid": {"The taskOrderGuid field is required."}})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[strings.ToLower(id)]
	if !ok {
		s.envelopeError(w, http.StatusNotFound, 0, fmt.Sprintf("Task order %s was not found.", id), nil)
		return
	}
	switch {
	case o.status == clearsky.StatusCanceled:
		// Cancelling twice changes nothing.
	case o.status == clearsky.StatusReview,
		o.spec.recurring() && !clearsky.OrderLifecycle.Terminal(o.status):
		s.move(o, clearsky.StatusCanceled)
		o.ended = clearsky.DateOf(s.kit.Now())
	case clearsky.OrderLifecycle.Terminal(o.status):
		s.envelopeError(w, http.StatusBadRequest, clearsky.CodeInvalidRequest,
			fmt.Sprintf("The order is %s and can no longer be cancelled.", o.status), nil)
		return
	default:
		s.envelopeError(w, http.StatusBadRequest, clearsky.CodeInvalidRequest,
			"The order has been accepted; a historical order can no longer be cancelled.", nil)
		return
	}
	respond(w, nil)
}

// move changes o's status if the lifecycle allows it; it reports whether it
// did. The simulator never moves an order any other way.
func (s *Server) move(o *order, to clearsky.OrderingProcessStatus) bool {
	if !clearsky.OrderLifecycle.Allows(o.status, to) {
		return false
	}
	o.status = to
	return true
}

// pending reports whether an image date after what o has produced is due.
func (o *order) pending(today clearsky.Date) bool {
	after := o.produced
	if after.IsZero() || after.Before(o.spec.from) {
		after = o.spec.from.AddDays(-1)
	}
	next := nextImageDate(o.spec.reference, o.spec.frequency, after)
	return !next.After(today) && (o.spec.to == nil || !next.After(*o.spec.to))
}

// remaining reports whether the window holds image dates after d.
func (o *order) remaining(d clearsky.Date) bool {
	if o.spec.to == nil {
		return true
	}
	if d.Before(o.spec.from) {
		d = o.spec.from.AddDays(-1)
	}
	return !nextImageDate(o.spec.reference, o.spec.frequency, d).After(*o.spec.to)
}

// windowOver reports whether a fixed window has no dates left to produce.
func (o *order) windowOver(today clearsky.Date) bool {
	return o.spec.to != nil && !o.pending(today) && !o.remaining(minDate(today, *o.spec.to))
}

func minDate(a, b clearsky.Date) clearsky.Date {
	if a.Before(b) {
		return a
	}
	return b
}

// step moves o one step along clearsky.OrderLifecycle (see the package
// documentation).
func (s *Server) step(o *order) {
	today := clearsky.DateOf(s.kit.Now())
	finish := func() {
		o.produced = today
		if o.spec.to != nil {
			o.produced = minDate(today, *o.spec.to)
		}
	}
	switch o.status {
	case clearsky.StatusReview:
		switch {
		case o.deny:
			s.move(o, clearsky.StatusCanceled)
			o.ended = today
		case o.legacy:
			s.move(o, clearsky.StatusInitialize)
		default:
			s.move(o, clearsky.StatusPreparing)
		}
	case clearsky.StatusPreparing:
		s.move(o, clearsky.StatusAwaitingSatelliteProducts)
	case clearsky.StatusAwaitingSatelliteProducts:
		if !o.pending(today) && !o.windowOver(today) {
			return // no scene due yet
		}
		if o.spec.recurring() {
			s.move(o, clearsky.StatusProcessingPredicting)
		} else {
			s.move(o, clearsky.StatusProcessing)
		}
	case clearsky.StatusProcessing:
		s.move(o, clearsky.StatusPredicting)
	case clearsky.StatusPredicting, clearsky.StatusProcessingPredicting:
		finish()
		if o.remaining(o.produced) {
			s.move(o, clearsky.StatusUpToDate)
		} else {
			s.move(o, clearsky.StatusCompleted)
		}
	case clearsky.StatusUpToDate:
		if o.pending(today) || o.windowOver(today) {
			s.move(o, clearsky.StatusAwaitingSatelliteProducts)
		}
	case clearsky.StatusInitialize, clearsky.StatusWorking:
		finish()
		if !o.spec.recurring() && !o.remaining(o.produced) {
			s.move(o, clearsky.StatusDone)
		} else {
			s.move(o, clearsky.StatusWorking)
		}
	}
}

// OrderIDs returns the ids of the orders the server holds, oldest first.
func (s *Server) OrderIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sequence)
}
