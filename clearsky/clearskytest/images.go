package clearskytest

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/simkit"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Download pricing and sizes of the simulator.
const (
	// KmPerCredit is the area one processing credit covers (one unit per
	// 10 km²); MinCredits the least a download costs.
	KmPerCredit = 10.0
	MinCredits  = 0.01
	// DefaultCredits is the processing-credit balance a Server starts with
	// (see WithCredits).
	DefaultCredits = 10000.0
	// MinFileSize and MaxFileSize bound the simulated GeoTIFFs' sizes.
	MinFileSize = 64 << 10
	MaxFileSize = 1 << 20
)

// WithWindowEndField sets the member the simulated availability search
// reads the window's end from: "Until" (the default, as the client sends)
// or "To". A search without it is refused as ASP.NET refuses a missing
// required member, so that a client guessing the other name fails clearly.
func WithWindowEndField(name string) Option { return func(c *config) { c.endField = name } }

// WithCredits sets the account's processing-credit balance (default
// DefaultCredits). A download that costs more than what is left is refused
// with error code 994.
func WithCredits(balance float64) Option { return func(c *config) { c.credits = &balance } }

// StorageRequest is one file download the server answered. ClearSKY has no
// storage host: files come from the API host itself, at the download
// endpoints, with the API key (redacted here as in Requests).
type StorageRequest struct {
	Method string      // POST
	Path   string      // /api/satelliteimages/process/composite, …/tile or …/minitile
	Range  string      // the Range header as sent
	Header http.Header // as sent, the API key redacted
	Status int         // the answer's status
	Sent   int64       // body bytes written
}

// downloads is the state of the download endpoints: the credits (under
// Server.mu) and the file log with its cuts (its own lock).
type downloads struct {
	files   *simkit.Files
	spent   float64
	balance float64
}

// CutDownloads makes the next n file answers of the download endpoints
// break off after `after` bytes (the connection is dropped).
func (s *Server) CutDownloads(n int, after int64) { s.dl.files.CutNext(n, after) }

// StorageRequests returns the requests the download endpoints received,
// oldest first. They are on the API host: ClearSKY serves files itself.
func (s *Server) StorageRequests() []StorageRequest {
	return simkit.StorageRequestsAs[StorageRequest](s.dl.files)
}

// ResetStorageRequests empties the download log.
func (s *Server) ResetStorageRequests() { s.dl.files.ResetRequests() }

// StorageURL returns where files are served from: the API's own URL, since
// ClearSKY has no separate storage host and hands out no links (a
// download's UploadUrl is the customer's own).
func (s *Server) StorageURL() string { return s.URL }

// CreditsSpent returns the processing credits downloads have spent. Every
// download POST answered with a file is charged in full, a resume with a
// Range header included: the pessimistic reading of a rule the
// documentation leaves open.
func (s *Server) CreditsSpent() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dl.spent
}

// Credits returns the processing credits left.
func (s *Server) Credits() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dl.balance
}

// Credits a download of areaKm2 costs.
func creditsFor(areaKm2 float64) float64 {
	return math.Max(MinCredits, round(areaKm2/KmPerCredit, 2))
}

// imageIn is the body of the availability and download endpoints as the
// server binds it.
type imageIn struct {
	Wkt                     *string
	GeoJson                 jsontext.Value
	From, Until, To         *string
	Date                    *string
	Model                   *string
	SatelliteConstellations []string
	TileGuid, MiniTileGuid  *string
	Bandnames               *string
	Resolution              *int
	DataType                *string
	EpsgProjection          *int
}

// bindImage decodes an availability or download body and reads the
// timestamps named in stamps (From, Until, To, Date) and, when withArea is
// set, its Wkt or GeoJson area. It answers a failure itself, as the API
// does: a binding failure or a missing or unreadable timestamp as
// ProblemDetails, a bad area as an envelope with code 992.
func (s *Server) bindImage(w http.ResponseWriter, body []byte, withArea bool, stamps ...string) (*imageIn, []clearsky.Date, orb.Geometry, bool) {
	var in imageIn
	if err := json.Unmarshal(body, &in, bindOptions); err != nil {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.", bindError(err))
		return nil, nil, nil, false
	}
	errs := fieldErrs{}
	checkEnums(in.Model, in.SatelliteConstellations, errs)
	var dates []clearsky.Date
	if len(errs) == 0 {
		for _, name := range stamps {
			dates = append(dates, stamp(name, in.timestamp(name), errs))
		}
	}
	if len(errs) > 0 {
		problem(w, http.StatusBadRequest, "One or more validation errors occurred.", errs)
		return nil, nil, nil, false
	}
	var aoi orb.Geometry
	if withArea {
		if aoi = in.area(errs); len(errs) > 0 {
			s.envelopeError(w, http.StatusBadRequest, clearsky.CodeMalformedRequest, "One or more validation errors occurred.", errs)
			return nil, nil, nil, false
		}
	}
	return &in, dates, aoi, true
}

// timestamp returns the timestamp member named name.
func (in *imageIn) timestamp(name string) *string {
	switch name {
	case "From":
		return in.From
	case "Until":
		return in.Until
	case "To":
		return in.To
	}
	return in.Date
}

// stamp reads a timestamp as the server binds a DateTime: RFC 3339 or a
// bare date.
func stamp(name string, v *string, errs fieldErrs) clearsky.Date {
	if v == nil {
		errs.add(name, "The %s field is required.", name)
		return clearsky.Date{}
	}
	if t, err := time.Parse(time.RFC3339, *v); err == nil {
		return clearsky.DateOf(t)
	}
	if d, ok := parseDate(*v); ok {
		return d
	}
	errs.add("$."+name, "The JSON value could not be converted to System.DateTime. Path: $.%s", name)
	return clearsky.Date{}
}

// area reads the body's Wkt or GeoJson area.
func (in *imageIn) area(errs fieldErrs) orb.Geometry {
	geoJSON := len(in.GeoJson) > 0 && in.GeoJson.Kind() != 'n'
	var g orb.Geometry
	var err error
	field := "Wkt"
	switch {
	case in.Wkt != nil && geoJSON:
		errs.add("Wkt", "Only one of Wkt or GeoJson may be set.")
		return nil
	case in.Wkt != nil:
		g, err = geo.ParseWKT(*in.Wkt)
	case geoJSON:
		field = "GeoJson"
		g, err = geo.ParseGeoJSON(in.GeoJson)
	default:
		errs.add("Wkt", "An area is required: Wkt or GeoJson.")
		return nil
	}
	if err == nil {
		err = geo.Validate(g, geo.Kinds("Polygon", "MultiPolygon", "GeometryCollection"))
	}
	if err != nil {
		errs.add(field, "The geometry is not valid: %v", err)
		return nil
	}
	return g
}

func (in *imageIn) model() string {
	if in.Model == nil {
		return ""
	}
	m, _ := findModel(*in.Model)
	return string(m.model)
}

// footprint returns the order's area: its polygons or its cells.
func (o *order) footprint() orb.Collection {
	if o.spec.polygon() {
		return o.spec.members
	}
	var c orb.Collection
	for _, cs := range [][]cell{o.spec.tiles, o.spec.minis} {
		for _, x := range cs {
			c = append(c, x.polygon())
		}
	}
	return c
}

// scheduled reports whether d is one of the order's image dates.
func (o *order) scheduled(d clearsky.Date) bool {
	if d.Before(o.spec.from) || o.spec.to != nil && d.After(*o.spec.to) {
		return false
	}
	return d.DaysSince(o.spec.reference)%o.spec.frequency == 0
}

// stored reports whether the image of date d is still in storage today:
// data produced in a month stays downloadable to the end of the month
// StorageMonths later (the following month by default). A date in the past
// when the order was placed was produced then.
func (o *order) stored(d, today clearsky.Date) bool {
	made := d
	if c := clearsky.DateOf(o.created); c.After(made) {
		made = c
	}
	return !today.After(made.AddMonths(o.spec.storageMonths).LastOfMonth())
}

// producedIn lists the image dates o has produced in [from, to] that are
// still in storage.
func (o *order) producedIn(from, to, today clearsky.Date) []clearsky.Date {
	if o.produced.IsZero() {
		return nil
	}
	end := minDate(o.produced, to)
	if o.spec.to != nil {
		end = minDate(end, *o.spec.to)
	}
	start := o.spec.from
	if from.After(start) {
		start = from
	}
	if end.Before(start) {
		return nil
	}
	return slices.DeleteFunc(imageDates(o.spec.reference, o.spec.frequency, start, end),
		func(d clearsky.Date) bool { return !o.stored(d, today) })
}

// relevant returns the orders of model (any when empty) whose area meets
// aoi. s.mu is held.
func (s *Server) relevant(aoi orb.Geometry, model string) []*order {
	b := aoi.Bound()
	var out []*order
	for _, id := range s.sequence {
		o := s.orders[id]
		if model != "" && !strings.EqualFold(string(o.spec.model.model), model) {
			continue
		}
		if o.footprint().Bound().Intersects(b) {
			out = append(out, o)
		}
	}
	return out
}

// covers reports whether the orders' areas together hold every vertex of
// aoi (a vertex on an edge counts as inside).
func covers(orders []*order, aoi orb.Geometry) bool {
	if len(orders) == 0 {
		return false
	}
	for _, p := range vertices(aoi) {
		in := false
		for _, o := range orders {
			if contains(o.footprint(), p) {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// ordersOn returns the orders that have d among their image dates, and
// those of them that have produced it by today.
func ordersOn(orders []*order, d, today clearsky.Date) (scheduled, produced []*order) {
	for _, o := range orders {
		if o.scheduled(d) {
			scheduled = append(scheduled, o)
			if len(o.producedIn(d, d, today)) > 0 {
				produced = append(produced, o)
			}
		}
	}
	return scheduled, produced
}

func contains(c orb.Collection, p orb.Point) bool {
	for _, g := range c {
		switch g := g.(type) {
		case orb.Polygon:
			if planar.PolygonContains(g, p) {
				return true
			}
		case orb.MultiPolygon:
			if planar.MultiPolygonContains(g, p) {
				return true
			}
		}
	}
	return false
}

func vertices(g orb.Geometry) []orb.Point {
	var out []orb.Point
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			out = append(out, r...)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = append(out, vertices(p)...)
		}
	case orb.Collection:
		for _, m := range g {
			out = append(out, vertices(m)...)
		}
	}
	return out
}

// coverage sorts the dates orders produced in [from, to] for aoi into those
// complete for the whole area and those covering only part of it.
func coverage(orders []*order, aoi orb.Geometry, from, to, today clearsky.Date) (complete, partial []clearsky.Date) {
	by := map[clearsky.Date][]*order{}
	for _, o := range orders {
		for _, d := range o.producedIn(from, to, today) {
			by[d] = append(by[d], o)
		}
	}
	for d, os := range by {
		if covers(os, aoi) {
			complete = append(complete, d)
		} else {
			partial = append(partial, d)
		}
	}
	sortDates(complete)
	sortDates(partial)
	return complete, partial
}

func sortDates(ds []clearsky.Date) {
	slices.SortFunc(ds, func(a, b clearsky.Date) int { return a.Time().Compare(b.Time()) })
}

func dateStrings(ds []clearsky.Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// handleSearchAvailable answers POST /api/satelliteimages/search/available.
// The area is split into at most two pieces: the whole area with the dates
// complete for all of it, and the orders' areas with the dates that cover
// only part of it too; so a date is complete exactly when it is in every
// piece.
func (s *Server) handleSearchAvailable(w http.ResponseWriter, body []byte) {
	endName := "Until"
	if s.cfg.endField == "To" {
		endName = "To"
	}
	in, dates, aoi, ok := s.bindImage(w, body, true, "From", endName)
	if !ok {
		return
	}
	from, to := dates[0], dates[1]
	s.mu.Lock()
	defer s.mu.Unlock()
	type geog struct {
		Wkt   string
		Dates []string
	}
	type modelDates struct {
		Model                   string
		SatelliteConstellations []string
		DatesByGeog             []geog
	}
	out := []modelDates{}
	for _, m := range models {
		if in.Model != nil && in.model() != string(m.model) {
			continue
		}
		orders := s.relevant(aoi, string(m.model))
		if len(orders) == 0 {
			continue
		}
		complete, partial := coverage(orders, aoi, from, to, clearsky.DateOf(s.kit.Now()))
		md := modelDates{Model: string(m.model),
			DatesByGeog: []geog{{Wkt: geo.WKT(aoi), Dates: dateStrings(complete)}}}
		var cs []clearsky.SatelliteConstellation
		var fp orb.Collection
		for _, o := range orders {
			fp = append(fp, o.footprint()...)
			for _, c := range o.spec.constellations {
				if !slices.Contains(cs, c) {
					cs = append(cs, c)
				}
			}
		}
		md.SatelliteConstellations = constellationNames(cs)
		if len(partial) > 0 {
			all := append(slices.Clone(complete), partial...)
			sortDates(all)
			md.DatesByGeog = append(md.DatesByGeog, geog{Wkt: geo.WKT(fp), Dates: dateStrings(all)})
		}
		out = append(out, md)
	}
	respond(w, map[string]any{"ModelImageDates": out})
}

// handleCompositeAvailable answers POST
// /api/satelliteimages/process/composite/available.
func (s *Server) handleCompositeAvailable(w http.ResponseWriter, body []byte) {
	in, dates, aoi, ok := s.bindImage(w, body, true, "Date")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	today := clearsky.DateOf(s.kit.Now())
	orders := s.relevant(aoi, in.model())
	onDate, producing := ordersOn(orders, dates[0], today)
	full := covers(producing, aoi)
	stored := slices.ContainsFunc(orders, func(o *order) bool { return len(o.producedIn(o.spec.from, today, today)) > 0 })
	respond(w, map[string]bool{
		"IntersectedActiveZones":        true,
		"IntersectedActiveZonesUtmEpsg": true,
		"FullyAvailable":                full,
		"UncertaintyAvailable":          full,
		"PartiallyAvailable":            len(producing) > 0,
		"PartiallyUncertaintyAvailable": len(producing) > 0,
		"PolygonInDataArea":             true,
		"DataAvailableForUser":          full,
		"DataOnZoneDataFrequencyDate":   len(onDate) > 0,
		"AllImagesPredicted":            full,
		"AnyImageWithinStorageMonths":   stored,
		"OrdersCoverPolygon":            covers(onDate, aoi),
	})
}

// handleCompositeEstimate answers POST
// /api/satelliteimages/process/composite/estimate.
func (s *Server) handleCompositeEstimate(w http.ResponseWriter, body []byte) {
	_, _, aoi, ok := s.bindImage(w, body, true)
	if !ok {
		return
	}
	a := geo.AreaKm2(aoi)
	respond(w, map[string]float64{"AreaEstimateKm2": round(a, 4), "CreditEstimate": creditsFor(a)})
}

// handleDownload answers the composite, tile and minitile downloads: the
// area and date must be produced by the account's orders (error code 1006
// when no order covers them, 1002 when one does but has not produced the
// date yet), the credits must suffice (994); then the file is served with
// Range support, and charged.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request, body []byte, kind string) {
	cw, logged := s.dl.files.Begin(w, r)
	defer logged()
	composite := kind == "composite"
	in, dates, aoi, ok := s.bindImage(cw, body, composite, "Date")
	if !ok {
		return
	}
	d := dates[0]
	key := kind
	switch {
	case composite:
		key += "|" + geo.WKT(aoi)
		for _, v := range []*string{in.Bandnames, in.DataType} {
			if v != nil {
				key += "|" + *v
			}
		}
		for _, v := range []*int{in.Resolution, in.EpsgProjection} {
			if v != nil {
				key += "|" + strconv.Itoa(*v)
			}
		}
	default:
		id, field := in.TileGuid, "TileGuid"
		if kind == "minitile" {
			id, field = in.MiniTileGuid, "MiniTileGuid"
		}
		if id == nil {
			problem(cw, http.StatusBadRequest, "One or more validation errors occurred.",
				fieldErrs{field: {"The " + field + " field is required."}})
			return
		}
		c, ok := parseCell(*id)
		if !ok || c.mini() != (kind == "minitile") {
			s.envelopeError(cw, http.StatusNotFound, 0, fmt.Sprintf("The %s %s was not found.", kind, *id), nil)
			return
		}
		aoi = c.polygon()
		key += "|" + c.guid()
	}
	key += "|" + d.String() + "|" + in.model()

	s.mu.Lock()
	onDate, producing := ordersOn(s.relevant(aoi, in.model()), d, clearsky.DateOf(s.kit.Now()))
	cost := creditsFor(geo.AreaKm2(aoi))
	var fail func()
	switch {
	case covers(producing, aoi):
		if cost > s.dl.balance {
			fail = func() {
				s.envelopeError(cw, http.StatusBadRequest, clearsky.CodeInsufficientProcessingUnits,
					fmt.Sprintf("Not enough processing units: the download needs %.2f, %.2f are left.", cost, s.dl.balance), nil)
			}
			break
		}
		s.dl.balance = round(s.dl.balance-cost, 6)
		s.dl.spent = round(s.dl.spent+cost, 6)
		s.dl.files.Cut(cw)
	case covers(onDate, aoi):
		fail = func() {
			s.envelopeError(cw, http.StatusBadRequest, clearsky.CodeNoImagery,
				fmt.Sprintf("No imagery for this area on %s yet.", d), nil)
		}
	default:
		fail = func() {
			s.envelopeError(cw, http.StatusBadRequest, clearsky.CodeNotCovered,
				fmt.Sprintf("The area and date %s are not covered by any of your orders.", d), nil)
		}
	}
	s.mu.Unlock()
	if fail != nil {
		fail()
		return
	}
	name := fmt.Sprintf("clearsky_%s_%s_%s.tif", kind, d.String(), shortHash(key))
	cw.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	simkit.ServeBlob(cw, r, fileBlob(name, key))
}

// fileBlob returns the deterministic GeoTIFF stand-in for a request key:
// simkit.Content bytes behind a little-endian TIFF header, 64 KiB to 1 MiB.
func fileBlob(name, key string) *simkit.Blob {
	h := sha256.Sum256([]byte(key))
	size := MinFileSize + int(binary.LittleEndian.Uint32(h[:4])%uint32(MaxFileSize-MinFileSize+1))
	data := simkit.Content(key, size)
	copy(data, []byte{'I', 'I', 42, 0, 8, 0, 0, 0})
	m := md5.Sum(data)
	return &simkit.Blob{Name: name, Data: data, MediaType: "image/tiff", MD5: hex.EncodeToString(m[:])}
}

// shortHash returns 8 hex digits of s's SHA-256.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}
