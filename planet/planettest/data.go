package planettest

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/planet"
)

// DataPath is the path prefix of the simulated Data API, where a capture's
// imagery (items and their assets) is served.
const DataPath = "/data/v1/"

// LinkLifetime is how long an active asset's location link stays valid on
// the simulator's clock: every read of an active asset signs a fresh one.
const LinkLifetime = time.Hour

// itemTypes maps a constellation to the Data API item type its captures are
// published as (SkySatCollect is Planet's; the others are the simulator's
// choice).
var itemTypes = map[string]string{
	string(planet.SatelliteSkySat):  "SkySatCollect",
	string(planet.SatellitePelican): "PelicanScene",
	string(planet.SatelliteTanager): "TanagerScene",
}

// assetSpecs are the assets every simulated item has: two the key may
// download and one it may not (no "download" permission).
var assetSpecs = []struct {
	typ, mediaType string
	size           int
	download       bool
}{
	{"ortho_visual", "image/tiff", 256 << 10, true},
	{"ortho_udm2", "image/tiff", 96 << 10, true},
	{"ortho_analytic", "image/tiff", 128 << 10, false},
}

// item is one Data API item holding a published capture's imagery.
type item struct {
	itemType, id string
	assets       []*asset
}

// asset is one file of an item, with its activation state.
type asset struct {
	id        string // opaque, as Planet's are
	item      *item
	typ       string
	mediaType string
	size      int
	download  bool
	status    planet.AssetStatus
	blob      *simkit.Blob // stored once active
}

func itemKey(itemType, id string) string { return itemType + "/" + id }

// publishItem makes the Data API item of a capture just published.
func (s *Server) publishItem(c *capture) {
	t := itemTypes[c.satelliteType]
	if t == "" {
		t = "SkySatCollect"
	}
	c.itemType = t
	it := &item{itemType: t, id: c.stripID}
	for _, sp := range assetSpecs {
		id := base64.RawURLEncoding.EncodeToString([]byte(t + "|" + c.stripID + "|" + sp.typ))
		a := &asset{id: id, item: it, typ: sp.typ, mediaType: sp.mediaType, size: sp.size, download: sp.download,
			status: planet.AssetInactive}
		it.assets = append(it.assets, a)
		s.assets[id] = a
	}
	s.items[itemKey(t, c.stripID)] = it
}

// stepAsset moves an activating asset on: active (its bytes stored) after
// one step.
func (s *Server) stepAsset(a *asset) {
	if a.status != planet.AssetActivating || !planet.AssetLifecycle.Allows(a.status, planet.AssetActive) {
		return
	}
	a.status = planet.AssetActive
	if a.blob == nil {
		name := a.storageName()
		a.blob = s.storage.Put(name, a.mediaType, simkit.Content(name, a.size))
	}
}

func (a *asset) storageName() string {
	return "data/" + a.item.itemType + "/" + a.item.id + "/" + a.typ
}

// assetWire is an asset as the Data API writes it.
type assetWire struct {
	Links       map[string]string `json:"_links"`
	Permissions []string          `json:"_permissions"`
	Status      string            `json:"status"`
	Type        string            `json:"type"`
	Location    *string           `json:"location,omitempty"`
	MD5Digest   *string           `json:"md5_digest,omitempty"`
	ExpiresAt   *string           `json:"expires_at,omitempty"`
}

func (s *Server) assetWire(c *call, a *asset) assetWire {
	self := "http://" + c.r.Host + DataPath + "assets/" + a.id + "/"
	w := assetWire{
		Links: map[string]string{"_self": self, "activate": self + "activate",
			"type": "http://" + c.r.Host + DataPath + "asset-types/" + a.typ},
		Permissions: []string{}, Status: string(a.status), Type: a.typ,
	}
	if a.download {
		w.Permissions = []string{"download"}
	}
	if a.status == planet.AssetActive && a.blob != nil {
		exp := s.now().Add(LinkLifetime)
		loc := s.storage.Sign(a.blob.Name, exp)
		w.Location, w.MD5Digest, w.ExpiresAt = &loc, &a.blob.MD5, ts(exp)
	}
	return w
}

// writeData answers a Data API error in the shape of Planet's other APIs.
func writeData(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"general": []map[string]string{{"message": msg}}, "field": map[string]any{}})
}

// routeData serves the Data API paths beneath DataPath.
func (s *Server) routeData(c *call) {
	p := strings.Split(strings.Trim(strings.TrimPrefix(c.r.URL.Path, DataPath), "/"), "/")
	type m = map[string]func()
	switch n := len(p); {
	case n == 5 && p[0] == "item-types" && p[2] == "items" && p[4] == "assets":
		c.methods(m{"GET": func() { s.listAssets(c, p[1], p[3]) }})
	case n == 2 && p[0] == "assets":
		c.methods(m{"GET": func() { s.getAsset(c, p[1]) }})
	case n == 3 && p[0] == "assets" && p[2] == "activate":
		// Planet's documentation POSTs; its older material GETs.
		c.methods(m{"POST": func() { s.activate(c, p[1]) }, "GET": func() { s.activate(c, p[1]) }})
	default:
		writeData(c.w, http.StatusNotFound, "Not found")
	}
}

func (s *Server) listAssets(c *call, itemType, id string) {
	it, ok := s.items[itemKey(itemType, id)]
	if !ok {
		writeData(c.w, http.StatusNotFound, "Item not found: "+itemType+"/"+id)
		return
	}
	out := make(map[string]assetWire, len(it.assets))
	for _, a := range it.assets {
		s.polled(func() { s.stepAsset(a) })
		out[a.typ] = s.assetWire(c, a)
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (s *Server) getAsset(c *call, id string) {
	a, ok := s.assets[id]
	if !ok {
		writeData(c.w, http.StatusNotFound, "Asset not found")
		return
	}
	s.polled(func() { s.stepAsset(a) })
	writeJSON(c.w, http.StatusOK, s.assetWire(c, a))
}

// activate answers 202 when activation starts, 204 when the asset is
// already active or activating, 403 without the download permission.
func (s *Server) activate(c *call, id string) {
	a, ok := s.assets[id]
	switch {
	case !ok:
		writeData(c.w, http.StatusNotFound, "Asset not found")
	case !a.download:
		writeData(c.w, http.StatusForbidden, "You do not have permission to activate this asset: "+a.typ)
	case a.status != planet.AssetInactive:
		c.w.WriteHeader(http.StatusNoContent)
	default:
		a.status = planet.AssetActivating
		c.w.WriteHeader(http.StatusAccepted)
	}
}

// StorageRequest is one request the simulator's storage host received (the
// host asset locations point at).
type StorageRequest struct {
	Method string      // HTTP method
	Path   string      // URL path
	Range  string      // the Range header as sent
	Header http.Header // as sent; credential headers are refused (403) and blanked here
	Status int         // the status answered
	Sent   int64       // body bytes written
}

// StorageRequests returns what the storage host received, oldest first.
func (s *Server) StorageRequests() []StorageRequest {
	return simkit.StorageRequestsAs[StorageRequest](s.storage.Files)
}

// ResetStorageRequests empties the storage host's request log.
func (s *Server) ResetStorageRequests() { s.storage.ResetRequests() }

// CutDownloads makes the next n downloads from the storage host break off
// after `after` bytes, as a network cut would.
func (s *Server) CutDownloads(n int, after int64) { s.storage.CutNext(n, after) }

// StorageURL returns the storage host's base URL (apart from the API host).
func (s *Server) StorageURL() string { return s.storage.URL() }
