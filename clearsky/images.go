package clearsky

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// ImagesService reaches what orders produce (/api/satelliteimages/…): the
// image dates that exist for an area, whether one composite can be served,
// what it costs in processing credits, and the GeoTIFF downloads themselves.
//
// Downloads spend processing units ("processing credits"), orders spend
// order credits (EUR): estimate a composite first with EstimateComposite.
// Only area/date combinations covered by one of the account's orders can be
// downloaded. See https://docs.clearsky.vision/api-reference/availability-endpoints
// and https://docs.clearsky.vision/api-reference/processing-download-endpoints.
type ImagesService struct{ c *Client }

// API paths of the availability and download endpoints.
const (
	pathSearchAvailable    = "api/satelliteimages/search/available"
	pathCompositeAvailable = "api/satelliteimages/process/composite/available"
	pathCompositeEstimate  = "api/satelliteimages/process/composite/estimate"
	pathComposite          = "api/satelliteimages/process/composite"
	pathTile               = "api/satelliteimages/process/tile"
	pathMiniTile           = "api/satelliteimages/process/minitile"
)

// WindowEndField names the member that ends an availability search's window.
// The current documentation's example calls it To, the vendor's code of both
// ages Until: which one the API takes is UNCONFIRMED. The client sends
// Until unless told otherwise, and a wrong guess fails clearly (see
// ImagesService.SearchAvailable).
type WindowEndField string

// Window end members.
const (
	EndUntil WindowEndField = "Until" // the vendor code's name; the default
	EndTo    WindowEndField = "To"    // the current documentation example's name
)

// ErrWindowEndIgnored is matched (errors.Is) by the error SearchAvailable
// returns when the API answered dates after the window's end: it did not
// read the end member under the name sent (see WindowEndField).
var ErrWindowEndIgnored = errors.New("clearsky: the API ignored the availability window's end")

// AvailabilitySearch asks which image dates exist for an area
// (POST /api/satelliteimages/search/available).
type AvailabilitySearch struct {
	// AOI is the area, a Polygon, MultiPolygon or GeometryCollection of
	// those in longitude/latitude. Required.
	AOI orb.Geometry
	// Encoding sends AOI as Wkt (the default) or GeoJson.
	Encoding GeometryEncoding
	// From and Until bound the window; both are required and sent as UTC
	// timestamps. Until is inclusive of its calendar day.
	From, Until time.Time
	// Model and SatelliteConstellations narrow the search; empty: all.
	Model                   Model
	SatelliteConstellations []SatelliteConstellation
	// EndField is the member Until is sent as: EndUntil or EndTo; empty
	// takes the client's WithWindowEndField (default EndUntil). UNCONFIRMED
	// (see WindowEndField).
	EndField WindowEndField
}

// availabilitySearchPayload is the wire body of POST
// /api/satelliteimages/search/available; exactly one of Until and To is set.
type availabilitySearchPayload struct {
	WKT                     *string                  `json:"Wkt,omitempty"`
	GeoJSON                 orb.Geometry             `json:"GeoJson,omitzero"`
	From                    string                   `json:"From"`
	Until                   *string                  `json:"Until,omitempty"`
	To                      *string                  `json:"To,omitempty"`
	SatelliteConstellations []SatelliteConstellation `json:"SatelliteConstellations,omitempty"`
	Model                   Model                    `json:"Model,omitzero"`
}

// timestamp writes t as the availability and download endpoints take it:
// an RFC 3339 UTC timestamp ("2025-09-13T00:00:00Z").
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// payload validates q and returns its wire body.
func (q *AvailabilitySearch) payload(field WindowEndField) (*availabilitySearchPayload, error) {
	if q == nil {
		return nil, tasking.Invalid("", "no availability search")
	}
	p := &availabilitySearchPayload{Model: q.Model}
	if err := fillArea(q.AOI, q.Encoding, &p.WKT, &p.GeoJSON); err != nil {
		return nil, err
	}
	if q.From.IsZero() {
		return nil, tasking.Invalid("From", "the window start is required")
	}
	if q.Until.IsZero() {
		return nil, tasking.Invalid(string(field), "the window end is required")
	}
	if q.Until.Before(q.From) {
		return nil, tasking.Invalid(string(field), "the window ends (%s) before it starts (%s)", timestamp(q.Until), timestamp(q.From))
	}
	p.From = timestamp(q.From)
	end := timestamp(q.Until)
	switch field {
	case EndUntil:
		p.Until = &end
	case EndTo:
		p.To = &end
	default:
		return nil, tasking.Invalid("EndField", "%q is neither %q nor %q", field, EndUntil, EndTo)
	}
	if err := checkSelection(q.Model, q.SatelliteConstellations); err != nil {
		return nil, err
	}
	p.SatelliteConstellations = slices.Clone(q.SatelliteConstellations)
	return p, nil
}

// fillArea checks an availability or download area and writes it as Wkt or
// GeoJson.
func fillArea(g orb.Geometry, enc GeometryEncoding, wkt *(*string), geoJSON *orb.Geometry) error {
	field := "Wkt"
	if enc == EncodeGeoJSON {
		field = "GeoJson"
	}
	if err := checkSearchGeometry(g, field); err != nil {
		return err
	}
	switch enc {
	case EncodeWKT:
		s := geo.WKT(g)
		*wkt = &s
	case EncodeGeoJSON:
		*geoJSON = g
	default:
		return tasking.Invalid("Wkt", "unknown geometry encoding %d", enc)
	}
	return nil
}

// checkSelection checks an optional model and constellation list.
func checkSelection(m Model, cs []SatelliteConstellation) error {
	if m != "" {
		if err := checkModel(m); err != nil {
			return err
		}
	}
	for i, c := range cs {
		if !isIdentifier(string(c)) {
			return tasking.Invalid(fmt.Sprintf("SatelliteConstellations[%d]", i), "%q is not an API enum value (such as Sentinel1)", c)
		}
		if slices.Contains(cs[:i], c) {
			return tasking.Invalid(fmt.Sprintf("SatelliteConstellations[%d]", i), "%s is listed twice", c)
		}
	}
	return nil
}

// SearchAvailable lists the image dates that exist for an area
// (POST /api/satelliteimages/search/available), per model, split into the
// pieces of the area that have different dates. It is free and downloads
// nothing. See https://docs.clearsky.vision/ordering-data/check-availability.
//
// The window's end is sent as Until unless q.EndField or the client's
// WithWindowEndField says To (the name is UNCONFIRMED). A wrong guess fails clearly: a validation failure that names
// either member says which name was sent, and an answer holding a date after
// the window's end gives an error matching ErrWindowEndIgnored.
func (s *ImagesService) SearchAvailable(ctx context.Context, q *AvailabilitySearch) (*ImageAvailability, error) {
	var field WindowEndField
	if q != nil {
		field = cmp.Or(q.EndField, s.c.endField, EndUntil)
	}
	p, err := q.payload(field)
	if err != nil {
		return nil, err
	}
	a, err := call[ImageAvailability](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathSearchAvailable, Body: p})
	if err != nil {
		if names := fieldErrors(err); names != nil {
			for k := range names {
				k = strings.TrimPrefix(k, "$.")
				if strings.EqualFold(k, string(EndUntil)) || strings.EqualFold(k, string(EndTo)) {
					return nil, fmt.Errorf("clearsky: the availability window's end was sent as %q, whose name is UNCONFIRMED (the API complains about %q; try EndField %q): %w",
						field, k, other(field), err)
				}
			}
		}
		return nil, err
	}
	last := DateOf(q.Until)
	for _, m := range a.ModelImageDates {
		for _, g := range m.DatesByGeog {
			for _, d := range g.Dates {
				if d.After(last) {
					return nil, fmt.Errorf("%w: the answer holds %s, after the end %s sent as %q (UNCONFIRMED name; try EndField %q)",
						ErrWindowEndIgnored, d, last, field, other(field))
				}
			}
		}
	}
	return a, nil
}

// other returns the window end member that f is not.
func other(f WindowEndField) WindowEndField {
	if f == EndTo {
		return EndUntil
	}
	return EndTo
}

// ImageAvailability is the answer of POST
// /api/satelliteimages/search/available: the dates per model.
type ImageAvailability struct {
	ModelImageDates []ModelImageDates `json:"ModelImageDates"` // one entry per model
	// Unknown holds members this type does not know, as received; nil when
	// there were none.
	Unknown jsontext.Value `json:",embed"`
}

// ForModel returns the entry for model m (or the only entry when m is
// empty and there is one), and nil when there is none.
func (a *ImageAvailability) ForModel(m Model) *ModelImageDates {
	if m == "" && len(a.ModelImageDates) == 1 {
		return &a.ModelImageDates[0]
	}
	for i := range a.ModelImageDates {
		if strings.EqualFold(string(a.ModelImageDates[i].Model), string(m)) {
			return &a.ModelImageDates[i]
		}
	}
	return nil
}

// ModelImageDates is one model's dates, per piece of the area.
type ModelImageDates struct {
	Model                   Model                    `json:"Model"`                   // the model
	SatelliteConstellations []SatelliteConstellation `json:"SatelliteConstellations"` // its constellations
	// DatesByGeog splits the area into pieces with different date lists.
	DatesByGeog []GeogDates `json:"DatesByGeog"`
	// Unknown holds members this type does not know, as received.
	Unknown jsontext.Value `json:",embed"`
}

// CompleteDates returns the dates complete for the whole area, earliest
// first: those that appear in every DatesByGeog entry. None when there are
// no entries.
func (m *ModelImageDates) CompleteDates() []Date {
	if len(m.DatesByGeog) == 0 {
		return nil
	}
	count := map[Date]int{}
	for _, g := range m.DatesByGeog {
		seen := map[Date]bool{}
		for _, d := range g.Dates {
			if !seen[d] {
				seen[d] = true
				count[d]++
			}
		}
	}
	var out []Date
	for d, n := range count {
		if n == len(m.DatesByGeog) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b Date) int { return a.Time().Compare(b.Time()) })
	return out
}

// GeogDates is one piece of the area and its dates.
type GeogDates struct {
	WKT   WKT    `json:"Wkt"`   // the piece
	Dates []Date `json:"Dates"` // YYYY-MM-DD
	// Unknown holds members this type does not know, as received.
	Unknown jsontext.Value `json:",embed"`
}

// CompositeRequest is one composite image: an area on a date. Its fields are
// sent to the availability check, the estimate and the download, each
// taking the members its endpoint documents. Zero fields are left out and
// take the API's defaults.
type CompositeRequest struct {
	// AOI is the area, a Polygon, MultiPolygon or GeometryCollection of
	// those in longitude/latitude. Required.
	AOI orb.Geometry
	// Encoding sends AOI as Wkt (the default) or GeoJson.
	Encoding GeometryEncoding
	// Date is the image date, sent as midnight UTC. Required for the
	// availability check and the download; the estimate does not take it.
	Date Date
	// Model and SatelliteConstellations choose the product.
	Model                   Model
	SatelliteConstellations []SatelliteConstellation
	// UtmDataSelectionMode chooses the UTM zones.
	UtmDataSelectionMode UtmDataSelectionMode
	// EpsgProjection is the output projection (an EPSG code); 0 leaves it
	// to the API.
	EpsgProjection int
	// Bandnames is "all", "rgb", or a comma list of band ids and bracketed
	// index expressions ("B4,B3,B2,[B8_B4]").
	Bandnames string
	// Resolution is the pixel size in metres (the vendor client lists 10,
	// 20, 40, 80, 160, 320, 640 and 1280).
	Resolution int
	// FileType is the file format; only FileTypeTIF is documented.
	FileType FileType
	// DataType is the pixel type.
	DataType DataType
	// PixelSelectionMode chooses the edge pixels (download only).
	PixelSelectionMode PixelSelectionMode
	// UtmGridForcePixelResolutionSize, AllowPartialImage and
	// OldPixelSelectionMode are the download's flags.
	UtmGridForcePixelResolutionSize bool
	AllowPartialImage               bool
	OldPixelSelectionMode           bool
	// AutomaticOrderCreation asks the API to queue a tasking order, which
	// spends order credits (EUR), when the area and date are not yet covered
	// instead of failing (vendor client only; UNCONFIRMED). Download only.
	AutomaticOrderCreation bool
}

// compositeKind says which endpoint a composite payload is for.
type compositeKind int

const (
	compositeAvailable compositeKind = iota
	compositeEstimate
	compositeDownload
)

// compositePayload is the wire body of the composite endpoints; each kind
// fills the members its endpoint documents.
type compositePayload struct {
	WKT                             *string                  `json:"Wkt,omitempty"`
	GeoJSON                         orb.Geometry             `json:"GeoJson,omitzero"`
	Date                            string                   `json:"Date,omitzero"`
	Resolution                      int                      `json:"Resolution,omitzero"`
	FileType                        FileType                 `json:"FileType,omitzero"`
	EpsgProjection                  int                      `json:"EpsgProjection,omitzero"`
	DataType                        DataType                 `json:"DataType,omitzero"`
	UtmDataSelectionMode            UtmDataSelectionMode     `json:"UtmDataSelectionMode,omitzero"`
	Bandnames                       string                   `json:"Bandnames,omitzero"`
	PixelSelectionMode              PixelSelectionMode       `json:"PixelSelectionMode,omitzero"`
	SatelliteConstellations         []SatelliteConstellation `json:"SatelliteConstellations,omitempty"`
	Model                           Model                    `json:"Model,omitzero"`
	UtmGridForcePixelResolutionSize *bool                    `json:"UtmGridForcePixelResolutionSize,omitempty"`
	AllowPartialImage               *bool                    `json:"AllowPartialImage,omitempty"`
	AutomaticOrderCreation          *bool                    `json:"AutomaticOrderCreation,omitempty"`
	OldPixelSelectionMode           *bool                    `json:"OldPixelSelectionMode,omitempty"`
}

// payload validates r for one endpoint and returns its wire body.
func (r *CompositeRequest) payload(kind compositeKind) (*compositePayload, error) {
	if r == nil {
		return nil, tasking.Invalid("", "no composite request")
	}
	p := &compositePayload{EpsgProjection: r.EpsgProjection, UtmDataSelectionMode: r.UtmDataSelectionMode, Bandnames: r.Bandnames}
	if err := fillArea(r.AOI, r.Encoding, &p.WKT, &p.GeoJSON); err != nil {
		return nil, err
	}
	if r.EpsgProjection < 0 {
		return nil, tasking.Invalid("EpsgProjection", "must be an EPSG code, got %d", r.EpsgProjection)
	}
	if strings.ContainsFunc(r.Bandnames, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		return nil, tasking.Invalid("Bandnames", "holds a control character")
	}
	if kind != compositeAvailable {
		if r.Resolution < 0 {
			return nil, tasking.Invalid("Resolution", "must be a positive number of metres, got %d", r.Resolution)
		}
		p.Resolution, p.FileType, p.DataType = r.Resolution, r.FileType, r.DataType
	}
	if kind == compositeEstimate {
		return p, nil
	}
	if r.Date.IsZero() {
		return nil, tasking.Invalid("Date", "the image date is required")
	}
	if !r.Date.Valid() {
		return nil, tasking.Invalid("Date", "%s is not a calendar date", r.Date)
	}
	if err := checkSelection(r.Model, r.SatelliteConstellations); err != nil {
		return nil, err
	}
	p.Date, p.Model = timestamp(r.Date.Time()), r.Model
	p.SatelliteConstellations = slices.Clone(r.SatelliteConstellations)
	if kind == compositeDownload {
		p.PixelSelectionMode = r.PixelSelectionMode
		p.UtmGridForcePixelResolutionSize = &r.UtmGridForcePixelResolutionSize
		p.AllowPartialImage = &r.AllowPartialImage
		p.AutomaticOrderCreation = &r.AutomaticOrderCreation
		p.OldPixelSelectionMode = &r.OldPixelSelectionMode
	}
	return p, nil
}

// CompositeAvailable says whether exactly this composite can be served
// (POST /api/satelliteimages/process/composite/available). It is free and
// downloads nothing; see CompositeAvailability.Ready. See
// https://docs.clearsky.vision/ordering-data/check-availability.
func (s *ImagesService) CompositeAvailable(ctx context.Context, r *CompositeRequest) (*CompositeAvailability, error) {
	p, err := r.payload(compositeAvailable)
	if err != nil {
		return nil, err
	}
	return call[CompositeAvailability](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathCompositeAvailable, Body: p})
}

// CompositeAvailability is the answer of POST
// /api/satelliteimages/process/composite/available: flags, all booleans.
type CompositeAvailability struct {
	IntersectedActiveZones        bool `json:"IntersectedActiveZones"`        // the area meets a zone ClearSKY serves
	IntersectedActiveZonesUtmEpsg bool `json:"IntersectedActiveZonesUtmEpsg"` // … in the chosen UTM projection
	FullyAvailable                bool `json:"FullyAvailable"`                // the whole area has data on the date
	UncertaintyAvailable          bool `json:"UncertaintyAvailable"`          // uncertainty layers exist for it
	PartiallyAvailable            bool `json:"PartiallyAvailable"`            // part of the area has data
	PartiallyUncertaintyAvailable bool `json:"PartiallyUncertaintyAvailable"` // part has uncertainty layers
	PolygonInDataArea             bool `json:"PolygonInDataArea"`             // the area lies in the data area
	DataAvailableForUser          bool `json:"DataAvailableForUser"`          // the account may download it
	DataOnZoneDataFrequencyDate   bool `json:"DataOnZoneDataFrequencyDate"`   // the date is on the zone's cadence
	AllImagesPredicted            bool `json:"AllImagesPredicted"`            // every image is produced
	AnyImageWithinStorageMonths   bool `json:"AnyImageWithinStorageMonths"`   // still in storage
	OrdersCoverPolygon            bool `json:"OrdersCoverPolygon"`            // the account's orders cover the area
	// Unknown holds members this type does not know, as received.
	Unknown jsontext.Value `json:",embed"`
}

// Ready is the vendor's readiness test: FullyAvailable, OrdersCoverPolygon
// and DataAvailableForUser all hold.
func (a *CompositeAvailability) Ready() bool {
	return a.FullyAvailable && a.OrdersCoverPolygon && a.DataAvailableForUser
}

// NotReadyError is returned by Adapter.Assets when the availability check
// says the composite cannot be served yet; nothing was downloaded and no
// credit spent.
type NotReadyError struct {
	Date         Date                   // the image date
	Availability *CompositeAvailability // the check's answer
}

// Error names the flags that failed.
func (e *NotReadyError) Error() string {
	var missing []string
	a := e.Availability
	for _, f := range []struct {
		ok   bool
		name string
	}{{a.FullyAvailable, "FullyAvailable"}, {a.OrdersCoverPolygon, "OrdersCoverPolygon"}, {a.DataAvailableForUser, "DataAvailableForUser"}} {
		if !f.ok {
			missing = append(missing, f.name)
		}
	}
	return fmt.Sprintf("clearsky: the composite of %s is not ready (%s false)", e.Date, strings.Join(missing, ", "))
}

// EstimateComposite says how large a composite is and how many processing
// credits downloading it would spend
// (POST /api/satelliteimages/process/composite/estimate). It is free. See
// https://docs.clearsky.vision/api-reference/processing-download-endpoints.
func (s *ImagesService) EstimateComposite(ctx context.Context, r *CompositeRequest) (*CompositeEstimate, error) {
	p, err := r.payload(compositeEstimate)
	if err != nil {
		return nil, err
	}
	return call[CompositeEstimate](ctx, s.c, &transport.Request{Method: http.MethodPost, Path: pathCompositeEstimate, Body: p})
}

// CompositeEstimate is the answer of POST
// /api/satelliteimages/process/composite/estimate.
type CompositeEstimate struct {
	AreaEstimateKm2 float64 `json:"AreaEstimateKm2"` // the area billed
	CreditEstimate  float64 `json:"CreditEstimate"`  // processing credits one download spends
	// Unknown holds members this type does not know, as received.
	Unknown jsontext.Value `json:",embed"`
}

// CreditUnit is the unit of a download's price.
const CreditUnit = "processing credits"

// Price returns CreditEstimate in processing credits (not money: credits
// are bought at EUR 5 per 2,500, and eotask never converts).
func (e *CompositeEstimate) Price() *tasking.Price {
	return tasking.Units(e.CreditEstimate, CreditUnit)
}

// SourceOptions tune the download a Composite, Tile or MiniTile asset makes.
// Nil means the defaults.
type SourceOptions struct {
	// Resume lets a download that was cut resume: the request is POSTed
	// again with a Range header for the missing bytes. Each POST may spend
	// processing credits again if the API charges per request (UNCONFIRMED),
	// so by default a cut download is not resumed: tasking.Download fails
	// with an error matching ErrResumeRefused, and calling it again starts
	// over (ClearSKY gives no checksum, so no partial file is kept).
	Resume bool
}

// ErrResumeRefused is matched by the error a download gives when it was cut
// and SourceOptions.Resume (ProviderDefaults.ResumeDownloads for the
// adapter) does not allow POSTing it again.
var ErrResumeRefused = errors.New("clearsky: resuming a download re-POSTs it, which may spend processing credits again; not allowed by SourceOptions.Resume")

// ErrNotGeoTIFF is matched by the error a download gives when a 2xx answer
// is not a GeoTIFF (and not ClearSKY's error envelope either).
var ErrNotGeoTIFF = errors.New("clearsky: the download is not a GeoTIFF")

// Composite returns the composite GeoTIFF of r as an asset, for
// tasking.Download: its Source sends POST /api/satelliteimages/process/composite
// to the API host, with the API key. Nothing is sent until the asset is
// downloaded; r is validated at once. Each download spends processing
// credits (see EstimateComposite); a cut download is resumed only if opts
// allow it (see SourceOptions). The API gives no checksum and no size ahead
// of the answer: the download is checked against the answer's
// Content-Length. The file is named composite_<date>.tif (the API's
// Content-Disposition name is not read). See
// https://docs.clearsky.vision/api-reference/processing-download-endpoints.
func (s *ImagesService) Composite(r *CompositeRequest, opts *SourceOptions) (*tasking.Asset, error) {
	p, err := r.payload(compositeDownload)
	if err != nil {
		return nil, err
	}
	check := r.FileType == "" || strings.EqualFold(string(r.FileType), string(FileTypeTIF))
	return s.asset("composite_"+r.Date.String()+".tif", pathComposite, p, check, opts, r), nil
}

// TileImageRequest is one tile or minitile of the grid on a date, for
// ImagesService.Tile and MiniTile.
type TileImageRequest struct {
	// GUID is the tile's id (sent as TileGuid) or the minitile's (sent as
	// MiniTileGuid). Required.
	GUID string
	// Date is the image date, sent as midnight UTC. Required.
	Date Date
	// Model and SatelliteConstellations choose the product.
	Model                   Model
	SatelliteConstellations []SatelliteConstellation
	// Level is the processing level: 1 (L1C, top of atmosphere) or 2 (L2A,
	// bottom of atmosphere, the API's default); 0 leaves it to the API.
	Level int
	// Harmonize and ClipReflectance are sent when set.
	Harmonize       *bool
	ClipReflectance *bool
}

// tilePayload is the wire body of the tile and minitile downloads.
type tilePayload struct {
	TileGUID                *string                  `json:"TileGuid,omitempty"`
	MiniTileGUID            *string                  `json:"MiniTileGuid,omitempty"`
	Date                    string                   `json:"Date"`
	SatelliteConstellations []SatelliteConstellation `json:"SatelliteConstellations,omitempty"`
	Model                   Model                    `json:"Model,omitzero"`
	Level                   int                      `json:"Level,omitzero"`
	Harmonize               *bool                    `json:"Harmonize,omitempty"`
	ClipReflectance         *bool                    `json:"ClipReflectance,omitempty"`
}

func (r *TileImageRequest) payload(mini bool) (*tilePayload, error) {
	field := "TileGuid"
	if mini {
		field = "MiniTileGuid"
	}
	if r == nil {
		return nil, tasking.Invalid("", "no tile request")
	}
	if err := checkGUID(field, r.GUID); err != nil {
		return nil, err
	}
	if r.Date.IsZero() || !r.Date.Valid() {
		return nil, tasking.Invalid("Date", "a calendar image date is required")
	}
	if r.Level != 0 && r.Level != 1 && r.Level != 2 {
		return nil, tasking.Invalid("Level", "must be 1 (L1C) or 2 (L2A), got %d", r.Level)
	}
	if err := checkSelection(r.Model, r.SatelliteConstellations); err != nil {
		return nil, err
	}
	id := r.GUID
	p := &tilePayload{Date: timestamp(r.Date.Time()), SatelliteConstellations: slices.Clone(r.SatelliteConstellations),
		Model: r.Model, Level: r.Level, Harmonize: r.Harmonize, ClipReflectance: r.ClipReflectance}
	if mini {
		p.MiniTileGUID = &id
	} else {
		p.TileGUID = &id
	}
	return p, nil
}

// Tile returns one grid tile's GeoTIFF on a date as an asset: its Source
// sends POST /api/satelliteimages/process/tile (see Composite for credits,
// resuming and checks). The file is named tile_<guid>_<date>.tif.
func (s *ImagesService) Tile(r *TileImageRequest, opts *SourceOptions) (*tasking.Asset, error) {
	p, err := r.payload(false)
	if err != nil {
		return nil, err
	}
	return s.asset("tile_"+r.GUID+"_"+r.Date.String()+".tif", pathTile, p, true, opts, r), nil
}

// MiniTile returns one minitile's GeoTIFF on a date as an asset: its Source
// sends POST /api/satelliteimages/process/minitile (see Composite for credits,
// resuming and checks). The file is named minitile_<guid>_<date>.tif.
func (s *ImagesService) MiniTile(r *TileImageRequest, opts *SourceOptions) (*tasking.Asset, error) {
	p, err := r.payload(true)
	if err != nil {
		return nil, err
	}
	return s.asset("minitile_"+r.GUID+"_"+r.Date.String()+".tif", pathMiniTile, p, true, opts, r), nil
}

// asset makes a download asset for a validated body.
func (s *ImagesService) asset(name, path string, body any, checkTIFF bool, opts *SourceOptions, raw any) *tasking.Asset {
	src := &imageSource{
		// Create: a download spends credits, so it is not sent again after
		// a 5xx or a timeout; 429 and code 1003 (not acted on) are retried.
		src:    s.c.tc.Source(transport.Request{Method: http.MethodPost, Path: path, Body: body, Create: true}),
		resume: opts != nil && opts.Resume,
		tiff:   checkTIFF,
		name:   name,
	}
	return &tasking.Asset{Provider: Name, Name: name, MediaType: "image/tiff", Source: src, Raw: raw}
}

// imageSource is a download from the API host: it refuses to resume unless
// allowed, and checks that a body from byte 0 is a GeoTIFF.
type imageSource struct {
	src    tasking.Source
	resume bool
	tiff   bool
	name   string
}

// Open POSTs the request (with a Range header when offset > 0 and resuming
// is allowed).
func (s *imageSource) Open(ctx context.Context, offset int64) (*tasking.Content, error) {
	if offset > 0 && !s.resume {
		return nil, fmt.Errorf("%w (%s was cut after %d bytes; download it again to start over, or set Resume)",
			ErrResumeRefused, s.name, offset)
	}
	c, err := s.src.Open(ctx, offset)
	if err != nil || c.Start != 0 || !s.tiff {
		return c, err
	}
	br := bufio.NewReaderSize(c.Body, 512)
	head, _ := br.Peek(4)
	if isTIFF(head) {
		return &tasking.Content{Body: readCloser{br, c.Body}, Start: c.Start, Size: c.Size}, nil
	}
	defer c.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(br, tasking.APIErrorBodyCap))
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '{' && failed(http.StatusOK, trimmed) {
		e := &tasking.APIError{Provider: Name, StatusCode: http.StatusOK, Method: http.MethodPost, Body: body}
		decodeAPIError(e)
		return nil, e
	}
	return nil, fmt.Errorf("%w: %s starts with %q", ErrNotGeoTIFF, s.name, head)
}

// isTIFF reports whether b starts like a TIFF or BigTIFF file.
func isTIFF(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch string(b[:4]) {
	case "II*\x00", "MM\x00*", "II+\x00", "MM\x00+":
		return true
	}
	return false
}

// readCloser reads from r and closes c.
type readCloser struct {
	r io.Reader
	c io.Closer
}

func (rc readCloser) Read(p []byte) (int, error) { return rc.r.Read(p) }
func (rc readCloser) Close() error               { return rc.c.Close() }

// OrderImage is one image date of an order, complete for the order's whole
// area: what Adapter.Captures lists, and tasking.Capture.Raw points at.
type OrderImage struct {
	// Order is the order, as read when the dates were listed.
	Order *Order
	// Date is the image date.
	Date Date
	// AOI is the order's area (a polygon order's Wkt, or its cells'
	// footprints).
	AOI orb.Geometry
	// Availability is the search answer's entry the date comes from.
	Availability *ModelImageDates
}

// OrderImageID returns the capture id of an order's image date:
// "<order guid>_<YYYY-MM-DD>", stable across calls.
func OrderImageID(orderGUID string, d Date) string { return orderGUID + "_" + d.String() }

// ParseOrderImageID splits a capture id made by OrderImageID; it returns a
// *tasking.ValidationError for anything else.
func ParseOrderImageID(id string) (orderGUID string, d Date, err error) {
	guid, date, ok := strings.Cut(id, "_")
	if !ok {
		return "", Date{}, tasking.Invalid("Capture.ID", "%q is not <order guid>_<YYYY-MM-DD>", id)
	}
	if err := checkGUID("Capture.ID", guid); err != nil {
		return "", Date{}, err
	}
	if d, err = ParseDate(date); err != nil || d.String() != date {
		return "", Date{}, tasking.Invalid("Capture.ID", "%q does not end in a YYYY-MM-DD date", id)
	}
	return guid, d, nil
}

// Neutral returns the neutral capture: ID from OrderImageID, Status
// published (the date is complete for the whole area), AcquiredAt midnight
// UTC of the date, Footprint the order's area, Satellite the order's
// constellations joined by "+". Raw is i itself.
func (i *OrderImage) Neutral() *tasking.Capture {
	if i == nil {
		return nil
	}
	c := &tasking.Capture{Provider: Name, Status: tasking.CapturePublished, RawStatus: "available",
		AcquiredAt: i.Date.Time(), Footprint: i.AOI, Raw: i}
	if i.Order != nil {
		c.ID, c.TaskID = OrderImageID(i.Order.TaskOrderGUID, i.Date), i.Order.TaskOrderGUID
		c.Satellite = joinConstellations(i.Order.SatelliteConstellations, "+")
		c.Sensor = i.Order.Model.DisplayName()
	}
	return c
}

// CompositeRequest returns the request for this date's composite: the
// order's area, model and constellations, everything else left to the API.
func (i *OrderImage) CompositeRequest() *CompositeRequest {
	r := &CompositeRequest{AOI: i.AOI, Date: i.Date}
	if i.Order != nil {
		r.Model = i.Order.Model
		r.SatelliteConstellations = slices.Clone(i.Order.SatelliteConstellations)
	}
	return r
}

// OrderImages lists the image dates of an order that are complete for its whole
// area, earliest first: it reads the order (see OrdersService.Get: POST
// /api/tasking/orders/details), then asks POST
// /api/satelliteimages/search/available for its area, model and
// constellations over its window (up to now for a recurring order). A date
// counts only when it appears in every DatesByGeog entry. A tile order's
// cells are looked up (POST /api/tasking/search/tiles) when the order does
// not carry their footprints.
//
// See https://docs.clearsky.vision/ordering-data/define-area-with-tiles-and-minitiles.
func (s *ImagesService) OrderImages(ctx context.Context, orderGUID string) ([]*OrderImage, error) {
	o, err := s.c.Orders.Get(ctx, orderGUID)
	if err != nil {
		return nil, err
	}
	aoi, err := s.orderArea(ctx, o)
	if err != nil {
		return nil, err
	}
	if o.From.IsZero() {
		return nil, fmt.Errorf("clearsky: order %s has no From date", o.TaskOrderGUID)
	}
	last := DateOf(time.Now())
	if o.To != nil && !o.To.IsZero() {
		last = *o.To
	}
	// The window ends at the start of the day after the last one, so that
	// the last day counts whether the API reads the end as inclusive or
	// not; dates past it are dropped below.
	a, err := s.SearchAvailable(ctx, &AvailabilitySearch{AOI: aoi, From: o.From.Time(), Until: last.AddDays(1).Time(),
		Model: o.Model, SatelliteConstellations: o.SatelliteConstellations})
	if err != nil {
		return nil, err
	}
	m := a.ForModel(o.Model)
	if m == nil {
		return nil, nil
	}
	var out []*OrderImage
	for _, d := range m.CompleteDates() {
		if d.Before(o.From) || d.After(last) {
			continue
		}
		out = append(out, &OrderImage{Order: o, Date: d, AOI: aoi, Availability: m})
	}
	return out, nil
}

// orderArea returns an order's area: its polygon, its cells' footprints as
// sent, or those a tile search gives.
func (s *ImagesService) orderArea(ctx context.Context, o *Order) (orb.Geometry, error) {
	if g := orderGeometry(o); g != nil {
		return g, nil
	}
	var c orb.Collection
	for _, p := range []tileSearchPayload{{TileGUIDs: o.TileGUIDs()}, {MiniTileGUIDs: o.MiniTileGUIDs()}} {
		if len(p.TileGUIDs) == 0 && len(p.MiniTileGUIDs) == 0 {
			continue
		}
		r, err := s.c.Tiles.search(ctx, &p)
		if err != nil {
			return nil, fmt.Errorf("clearsky: looking up order %s's cells: %w", o.TaskOrderGUID, err)
		}
		for _, t := range r.Tiles {
			if t.DataGeogWKT.Geometry != nil {
				c = append(c, t.DataGeogWKT.Geometry)
			}
		}
	}
	if len(c) == 0 {
		return nil, fmt.Errorf("clearsky: order %s has no area to search", o.TaskOrderGUID)
	}
	return c, nil
}
