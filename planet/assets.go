package planet

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
)

// A capture's imagery is not part of the Tasking API: it lives in Planet's
// Data API, on the same host, as items (one per strip or scene) whose assets
// (the files) must be activated before they can be downloaded. The client
// reaches the Data API at ../../data/v1/ from its base URL, that is
// https://api.planet.com/data/v1/ by default.

// dataPrefix is the Data API's root relative to the Tasking API base URL.
const dataPrefix = "../../data/v1/"

// skySatCollect is the Data API item type of a SkySat strip, the one
// Planet's tasking notebooks look strip_id up under.
const skySatCollect = "SkySatCollect"

// ItemRef names one Data API item holding a capture's imagery.
type ItemRef struct {
	ItemType string // such as "SkySatCollect"
	ItemID   string // the item's id
}

// Items returns the Data API items that hold c's imagery, from its item_ids
// and item_types (both UNCONFIRMED) or, failing those, its strip_id (the
// documented key: a SkySatCollect item). The rules, so that a wrong guess
// fails clearly rather than fetching the wrong files:
//
//   - item_ids and item_types of the same length are paired index by index;
//   - item_ids with exactly one item type are all of that type;
//   - without item_ids, strip_id is an item of type SkySatCollect when
//     item_types is empty or lists SkySatCollect, or of the one type listed;
//   - anything else (no ids and no strip, or lists that cannot be paired) is
//     an error saying why.
func (c *Capture) Items() ([]ItemRef, error) {
	if c == nil {
		return nil, errors.New("planet: no capture")
	}
	types := c.ItemTypes
	switch {
	case len(c.ItemIDs) > 0 && (len(types) == len(c.ItemIDs) || len(types) == 1):
		out := make([]ItemRef, len(c.ItemIDs))
		for i, id := range c.ItemIDs {
			out[i] = ItemRef{ItemType: types[min(i, len(types)-1)], ItemID: id}
		}
		return out, nil
	case len(c.ItemIDs) > 0:
		return nil, fmt.Errorf("planet: capture %s has %d item_ids but %d item_types: which item is of which type is not known",
			c.ID, len(c.ItemIDs), len(types))
	case c.StripID == "":
		return nil, fmt.Errorf("planet: capture %s (%s) names no Data API item: no item_ids and no strip_id", c.ID, c.Status)
	case len(types) == 0 || slices.Contains(types, skySatCollect):
		return []ItemRef{{ItemType: skySatCollect, ItemID: c.StripID}}, nil
	case len(types) == 1:
		return []ItemRef{{ItemType: types[0], ItemID: c.StripID}}, nil
	}
	return nil, fmt.Errorf("planet: capture %s: strip_id %s with item_types %v: which type the strip is of is not known",
		c.ID, c.StripID, types)
}

// ItemAsset is one file of a Data API item, as the item's asset listing
// gives it. It can be downloaded once Status is active: Location is then a
// link that needs no API key, valid until ExpiresAt, and MD5Digest the
// file's checksum. Fields confirmed by Planet's Data API material: type,
// status, _links (_self, activate, type), _permissions, location and
// md5_digest; expires_at is UNCONFIRMED. Unknown keeps the members not
// listed.
type ItemAsset struct {
	Type        string      `json:"type"`         // the asset type, such as "ortho_visual"
	Status      AssetStatus `json:"status"`       // inactive, activating or active
	Links       AssetLinks  `json:"_links"`       // where to activate and re-read it
	Permissions []string    `json:"_permissions"` // what the key may do: "download" when it may download it
	Location    string      `json:"location"`     // the download link, once active
	MD5Digest   string      `json:"md5_digest"`   // the file's MD5, lower-case hex, once active
	ExpiresAt   time.Time   `json:"expires_at"`   // when Location stops working (UNCONFIRMED)

	// ItemType and ItemID name the item the asset belongs to; they are not
	// sent by Planet but filled in by AssetsService.
	ItemType string `json:"-"`
	ItemID   string `json:"-"`

	// Unknown holds the members Planet sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// AssetLinks are an asset's links, on the API host.
type AssetLinks struct {
	Self     string `json:"_self"`    // the asset itself
	Activate string `json:"activate"` // where activation is asked for
	Type     string `json:"type"`     // the asset type's description
	// Unknown holds the links this type does not know, as received.
	Unknown jsontext.Value `json:",embed"`
}

// Downloadable reports whether the API key may download a: its
// _permissions list "download", or were not sent at all.
func (a *ItemAsset) Downloadable() bool {
	return a != nil && (a.Permissions == nil || slices.Contains(a.Permissions, "download"))
}

// Name is the asset's file name within its capture: "<item id>_<type>".
func (a *ItemAsset) Name() string { return a.ItemID + "_" + a.Type }

// AssetsService is Planet's Data API as far as a capture's files need it:
// an item's assets, their activation, and a way to their bytes. Reach it as
// Client.Assets.
type AssetsService struct{ c *Client }

// assetsURL is the absolute URL of an item's asset listing.
func (s *AssetsService) assetsURL(itemType, itemID string) (string, error) {
	if err := tasking.CheckID("item_type", itemType); err != nil {
		return "", err
	}
	if err := tasking.CheckID("item_id", itemID); err != nil {
		return "", err
	}
	return s.c.pageURL(dataPrefix+"item-types/"+url.PathEscape(itemType)+"/items/"+url.PathEscape(itemID)+"/assets/", nil)
}

// List reads every asset of one item, sorted by type. Planet answers with
// one object keyed by asset type, not a paged list.
//
// Endpoint: GET /data/v1/item-types/{item_type}/items/{item_id}/assets/; see https://docs.planet.com/develop/apis/data/items/.
func (s *AssetsService) List(ctx context.Context, itemType, itemID string) ([]*ItemAsset, error) {
	u, err := s.assetsURL(itemType, itemID)
	if err != nil {
		return nil, err
	}
	m, err := get(ctx, s.c, u, "asset listing", func(m *map[string]*ItemAsset) bool { return *m != nil })
	if err != nil {
		return nil, err
	}
	out := make([]*ItemAsset, 0, len(*m))
	for key, a := range *m {
		if a == nil {
			continue
		}
		if a.Type == "" {
			a.Type = key
		}
		a.ItemType, a.ItemID = itemType, itemID
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y *ItemAsset) int { return strings.Compare(x.Type, y.Type) })
	return out, nil
}

// Get reads one asset of an item; an item without that asset type gives an
// error matching tasking.ErrNotFound.
//
// Endpoint: GET /data/v1/item-types/{item_type}/items/{item_id}/assets/; see https://docs.planet.com/develop/apis/data/items/.
func (s *AssetsService) Get(ctx context.Context, itemType, itemID, assetType string) (*ItemAsset, error) {
	all, err := s.List(ctx, itemType, itemID)
	if err != nil {
		return nil, err
	}
	for _, a := range all {
		if a.Type == assetType {
			return a, nil
		}
	}
	return nil, fmt.Errorf("planet: item %s/%s has no asset %q: %w", itemType, itemID, assetType, tasking.ErrNotFound)
}

// Activate asks Planet to prepare an asset for download; an asset already
// active or activating is left alone (nothing is sent). Activation is
// harmless to repeat, so it is retried like a read. Planet's current
// documentation POSTs to the activate link; older material (and Planet's
// Python client) GETs it: a 405 answer to the POST is retried as a GET.
// The link must be on the API host.
//
// Endpoint: POST /data/v1/assets/{id}/activate (the asset's _links.activate); see https://docs.planet.com/develop/apis/data/items/.
func (s *AssetsService) Activate(ctx context.Context, a *ItemAsset) error {
	switch {
	case a == nil:
		return tasking.Invalid("asset", "no asset")
	case a.Status == AssetActive || a.Status == AssetActivating:
		return nil
	case a.Links.Activate == "":
		return tasking.Invalid("_links.activate", "asset %s of item %s has no activate link", a.Type, a.ItemID)
	}
	_, err := s.c.t.Do(ctx, &transport.Request{Method: http.MethodPost, Path: a.Links.Activate}, nil)
	var apiErr *tasking.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusMethodNotAllowed {
		_, err = s.c.t.Do(ctx, &transport.Request{Method: http.MethodGet, Path: a.Links.Activate}, nil)
	}
	return err
}

// Wait polls an asset until it is active, along AssetLifecycle (opts nil:
// the client's poll delays). An asset nobody activated stays inactive:
// Activate it first, or Wait runs until ctx ends.
//
// Endpoint: GET /data/v1/item-types/{item_type}/items/{item_id}/assets/, polled.
//
// See https://docs.planet.com/develop/apis/data/items/.
func (s *AssetsService) Wait(ctx context.Context, itemType, itemID, assetType string, opts *tasking.WaitOptions) (*ItemAsset, error) {
	return tasking.Wait(ctx, s.fetcher(itemType, itemID, assetType), assetStatus, AssetLifecycle, s.c.waitOptions(opts))
}

// Watch is the iterator form of Wait: it yields the asset each time its
// status changes (inactive, activating, active), the first observation
// included.
//
// Endpoint: GET /data/v1/item-types/{item_type}/items/{item_id}/assets/, polled.
//
// See https://docs.planet.com/develop/apis/data/items/.
func (s *AssetsService) Watch(ctx context.Context, itemType, itemID, assetType string, opts *tasking.WaitOptions) iter.Seq2[*ItemAsset, error] {
	return tasking.Watch(ctx, s.fetcher(itemType, itemID, assetType), assetStatus, AssetLifecycle, s.c.waitOptions(opts))
}

func (s *AssetsService) fetcher(itemType, itemID, assetType string) func(context.Context) (*ItemAsset, error) {
	return func(ctx context.Context) (*ItemAsset, error) { return s.Get(ctx, itemType, itemID, assetType) }
}

func assetStatus(a *ItemAsset) AssetStatus { return a.Status }

// Asset returns an active asset as a neutral tasking.Asset of capture
// captureID, to download with tasking.Download, DownloadTo or DownloadAll:
// its Source fetches Location without the API key (a pre-signed link), and
// its Checksum is md5_digest when Planet gave one. An asset that is not
// active, or has no location, is an error.
//
// Endpoint: GET /data/v1/download?token=… (the asset's location, sent without credentials), when downloaded.
func (s *AssetsService) Asset(captureID string, a *ItemAsset) (*tasking.Asset, error) {
	if a == nil {
		return nil, tasking.Invalid("asset", "no asset")
	}
	if a.Status != AssetActive || a.Location == "" {
		return nil, fmt.Errorf("planet: asset %s of item %s/%s is %q with no download link: activate it and wait for it first",
			a.Type, a.ItemType, a.ItemID, a.Status)
	}
	if u, err := url.Parse(a.Location); err != nil || !u.IsAbs() || u.Host == "" {
		return nil, fmt.Errorf("planet: asset %s of item %s/%s: location %q is not an absolute link", a.Type, a.ItemType, a.ItemID, a.Location)
	}
	out := &tasking.Asset{Provider: Name, CaptureID: captureID, Name: a.Name(),
		Source: s.c.t.Source(transport.Request{Method: http.MethodGet, Path: a.Location, Storage: true}), Raw: a}
	if a.MD5Digest != "" {
		out.Checksum = tasking.Checksum{Algorithm: "md5", Value: strings.ToLower(a.MD5Digest)}
	}
	return out, nil
}
