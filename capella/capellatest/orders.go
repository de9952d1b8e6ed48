package capellatest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/internal/simkit"
)

// The simulated catalog and ordering service. A collect that reaches
// delivered publishes one catalog product (a STAC item) per product type of
// its task (processingConfig.productTypes; SLC and GEO by default), whose
// files are stored on the simulator's storage host, a host apart from the
// API host that refuses the API key. POST /catalog/search finds the
// products by capella:collect_id, POST /orders orders them (answered
// completed at once, as Capella's SDK fixtures show), and
// GET /orders/{orderId}/download hands out the items with pre-signed links
// that expire with the order, an hour after it was placed, on the
// simulator's clock (then ORDER_EXPIRED).

// orderLifetime is how long an order's download links are handed out.
const orderLifetime = time.Hour

type simFile struct {
	key       string // the STAC asset key
	blob      *simkit.Blob
	title     string
	roles     []string
	mediaType string
}

type simProduct struct {
	item    capella.StacItem // properties and geometry; assets are built per answer
	collect string
	mode    string
	files   []simFile
}

type simOrder struct {
	o        capella.ProductOrder
	granules []string
}

// StorageRequest is one request the storage host received: a download of a
// product file through its pre-signed link.
type StorageRequest struct {
	Method string
	Path   string
	Range  string      // the Range header as sent
	Header http.Header // as sent; credential headers blanked
	Status int         // the answer's status
	Sent   int64       // body bytes written
}

// CutDownloads makes the next n downloads from the storage host break off
// after `after` bytes, as a dropped connection would.
func (s *Server) CutDownloads(n int, after int64) { s.storage.CutNext(n, after) }

// StorageRequests returns what the storage host received, oldest first.
func (s *Server) StorageRequests() []StorageRequest {
	return simkit.StorageRequestsAs[StorageRequest](s.storage.Files)
}

// StorageURL is the base URL of the storage host the download links point
// to.
func (s *Server) StorageURL() string { return s.storage.URL() }

// modeCode is the collect-mode part of Capella's product names.
func modeCode(m capella.CollectMode) string {
	switch m {
	case capella.ModeStripmap:
		return "SM"
	case capella.ModeSlidingSpotlight:
		return "SS"
	}
	return "SP"
}

// rasterFile is the main file of a product type: extension, media type and
// size (64 KiB to 1 MiB, so that tests stay fast).
func rasterFile(pt capella.ProductType) (ext, mediaType string, size int) {
	switch pt {
	case capella.ProductSLC:
		return ".tif", "image/tiff; application=geotiff", 448 << 10
	case capella.ProductGEO, capella.ProductGEC:
		return ".tif", "image/tiff; application=geotiff; profile=cloud-optimized", 320 << 10
	case capella.ProductSICD, capella.ProductSIDD:
		return ".ntf", "application/vnd.nitf", 384 << 10
	case capella.ProductCPHD:
		return ".cphd", "application/octet-stream", 512 << 10
	}
	return ".tif", "image/tiff; application=geotiff", 256 << 10
}

// publish puts a delivered collect's products into the catalog and their
// files on the storage host.
func (s *Server) publish(st *simTask, sc *simCollect) {
	c := sc.c
	products := []capella.ProductType{capella.ProductSLC, capella.ProductGEO}
	if pc := st.t.Properties.ProcessingConfig; pc != nil && len(pc.ProductTypes) > 0 {
		products = pc.ProductTypes
	}
	mode := capella.ModeSpotlight
	if cc := st.t.Properties.Constraints; cc != nil && cc.CollectMode != "" {
		mode = cc.CollectMode
	}
	pol := c.CollectProperties.Polarization
	if pol == "" {
		pol = capella.PolarizationHH
	}
	const stamp = "20060102150405"
	for _, pt := range products {
		granule := fmt.Sprintf("CAPELLA_C%02d_%s_%s_%s_%s_%s", c.SpacecraftID, modeCode(mode), pt, pol,
			c.WindowOpen.UTC().Format(stamp), c.WindowClose.UTC().Format(stamp))
		if _, dup := s.products[granule]; dup {
			continue
		}
		coll := "capella-" + strings.ToLower(string(pt))
		dir := fmt.Sprintf("%s/%d/%d/%d/%s/", coll, c.WindowOpen.Year(), c.WindowOpen.Month(), c.WindowOpen.Day(), granule)
		ext, mt, size := rasterFile(pt)
		files := []simFile{
			{key: string(pol), title: "Data file", roles: []string{"data"}, mediaType: mt,
				blob: s.storage.Put(dir+granule+ext, mt, simkit.Content(granule+ext, size))},
			{key: "metadata", title: "Extended metadata", roles: []string{"metadata"}, mediaType: "application/json",
				blob: s.storage.Put(dir+granule+"_extended.json", "application/json", simkit.Content(granule+".json", 64<<10))},
		}
		if pt == capella.ProductGEO || pt == capella.ProductGEC {
			files = append(files, simFile{key: "thumbnail", title: "Thumbnail", roles: []string{"thumbnail"}, mediaType: "image/png",
				blob: s.storage.Put(dir+granule+"_thumb.png", "image/png", simkit.Content(granule+".png", 64<<10+512))})
		}
		item := capella.StacItem{Type: "Feature", ID: granule, Collection: coll, Geometry: st.t.Geometry,
			Properties: capella.StacProperties{Datetime: c.WindowOpen, CollectID: c.CollectID, ProductType: pt,
				InstrumentMode: string(mode), Polarizations: []capella.Polarization{pol},
				Platform: fmt.Sprintf("capella-%d", c.SpacecraftID)}}
		s.products[granule] = &simProduct{item: item, collect: c.CollectID, mode: string(mode), files: files}
		s.productOrder = append(s.productOrder, granule)
	}
}

// view is the product as a STAC item: assets unsigned (the catalog) or
// signed until expires, with their sizes and SHA-256 multihashes.
func (s *Server) view(p *simProduct, signed bool, expires time.Time) capella.StacItem {
	it := p.item
	it.Assets = make(map[string]*capella.StacAsset, len(p.files))
	for _, f := range p.files {
		href := s.storage.URL() + "/" + f.blob.Name
		if signed {
			href = s.storage.Sign(f.blob.Name, expires)
		}
		size := int64(len(f.blob.Data))
		it.Assets[f.key] = &capella.StacAsset{Href: href, Type: f.mediaType, Title: f.title, Roles: f.roles,
			Size: &size, Checksum: "1220" + f.blob.SHA256}
	}
	return it
}

// searchCatalog answers POST /catalog/search: the STAC query
// capella:collect_id (eq or in), ids and collections, limit 1..10000.
func (s *Server) searchCatalog(_ *http.Request, _ []string, body []byte) (int, any, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	root := v{m: m}
	limit := int64(500)
	if n, present, err := root.integer("limit", 1); err != nil {
		return 0, nil, err
	} else if present {
		limit = min(n, 10000)
	}
	strs := func(raw any, path string) ([]string, *apiError) {
		arr, ok := raw.([]any)
		if !ok {
			return nil, invalid(path, "invalid_type", "%s must be an array of strings", path)
		}
		out := make([]string, 0, len(arr))
		for _, x := range arr {
			s, ok := x.(string)
			if !ok {
				return nil, invalid(path, "invalid_type", "%s must be an array of strings", path)
			}
			out = append(out, s)
		}
		return out, nil
	}
	var ids, colls, collects []string
	if raw, ok := m["ids"]; ok {
		if ids, err = strs(raw, "ids"); err != nil {
			return 0, nil, err
		}
	}
	if raw, ok := m["collections"]; ok {
		if colls, err = strs(raw, "collections"); err != nil {
			return 0, nil, err
		}
	}
	q, err := root.obj("query", false)
	if err != nil {
		return 0, nil, err
	}
	if q.m != nil {
		for key := range q.m {
			if key != "capella:collect_id" {
				return 0, nil, invalid(q.at(key), "unsupported", "the simulator filters on capella:collect_id only")
			}
		}
		f, err := q.obj("capella:collect_id", false)
		if err != nil {
			return 0, nil, err
		}
		if f.m != nil {
			if eq, present, err := f.str("eq", false, false); err != nil {
				return 0, nil, err
			} else if present {
				collects = append(collects, eq)
			}
			if raw, ok := f.m["in"]; ok {
				in, err := strs(raw, f.at("in"))
				if err != nil {
					return 0, nil, err
				}
				collects = append(collects, in...)
			}
			if collects == nil {
				return 0, nil, invalid(f.path, "unsupported", "capella:collect_id takes eq or in")
			}
		}
	}
	features := []capella.StacItem{}
	for _, g := range s.productOrder {
		p := s.products[g]
		switch {
		case ids != nil && !slices.Contains(ids, g),
			colls != nil && !slices.Contains(colls, p.item.Collection),
			collects != nil && !slices.Contains(collects, p.collect):
			continue
		}
		if int64(len(features)) == limit {
			break
		}
		features = append(features, s.view(p, false, time.Time{}))
	}
	return http.StatusOK, map[string]any{"type": "FeatureCollection", "features": features,
		"numberReturned": len(features), "links": []any{}}, nil
}

// createOrder answers POST /orders: every item must name a product of the
// catalog in its collection (else 400 ORDER_VALIDATION_ERROR).
func (s *Server) createOrder(_ *http.Request, _ []string, body []byte) (int, any, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	if _, _, err := (v{m: m}).str("contractId", false, true); err != nil {
		return 0, nil, err
	}
	raw, ok := m["items"].([]any)
	if !ok || len(raw) == 0 {
		return 0, nil, badRequest(capella.CodeOrderValidationError, "items must be a non-empty array of {collectionId, granuleId}")
	}
	now := s.stamp()
	so := &simOrder{o: capella.ProductOrder{OrderID: s.newID('o'), OrderStatus: capella.OrderCompleted,
		OrderDate: now, ExpirationDate: now.Add(orderLifetime), UserID: s.cfg.userID, OrganizationID: s.cfg.orgID}}
	for i, x := range raw {
		im, ok := x.(map[string]any)
		if !ok {
			return 0, nil, badRequest(capella.CodeOrderValidationError, "items[%d] must be an object", i)
		}
		it := v{m: im, path: fmt.Sprintf("items[%d]", i)}
		coll, _, err := it.str("collectionId", true, false)
		if err != nil {
			return 0, nil, badRequest(capella.CodeOrderValidationError, "%s", err.msg)
		}
		g, _, err := it.str("granuleId", true, false)
		if err != nil {
			return 0, nil, badRequest(capella.CodeOrderValidationError, "%s", err.msg)
		}
		p, ok := s.products[g]
		if !ok || p.item.Collection != coll {
			return 0, nil, badRequest(capella.CodeOrderValidationError, "granule %s not found in collection %s", g, coll)
		}
		var size int64
		for _, f := range p.files {
			size += int64(len(f.blob.Data))
		}
		before := s.ordered[g]
		s.ordered[g] = true
		so.o.Items = append(so.o.Items, capella.ProductOrderItem{CollectionID: coll, GranuleID: g, Type: p.mode,
			Size: &size, PreviouslyOrdered: &before, CollectionDate: p.item.Properties.Datetime})
		so.granules = append(so.granules, g)
	}
	s.orders[so.o.OrderID] = so
	return http.StatusOK, so.o, nil
}

func (s *Server) getOrder(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	so, err := lookup(s.orders, "order", args[0])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, so.o, nil
}

// downloadOrder answers GET /orders/{orderId}/download: the ordered items
// with links signed until the order expires; an expired order is 400
// ORDER_EXPIRED.
func (s *Server) downloadOrder(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	so, err := lookup(s.orders, "order", args[0])
	if err != nil {
		return 0, nil, err
	}
	if !s.now().Before(so.o.ExpirationDate) {
		return 0, nil, badRequest(capella.CodeOrderExpired, "order expired")
	}
	out := make([]capella.StacItem, 0, len(so.granules))
	for _, g := range so.granules {
		out = append(out, s.view(s.products[g], true, so.o.ExpirationDate))
	}
	return http.StatusOK, out, nil
}
