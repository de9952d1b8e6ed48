package capella

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// Capella's products are ordered and downloaded through its ordering
// service, which is not in the tasking OpenAPI documents. What this file
// uses comes from Capella's public docs
// (https://docs.capellaspace.com/accessing-data/ordering-and-downloading)
// and from its Python SDK (capella-console-client): POST /orders with items
// of collectionId and granuleId, GET /orders/{orderId}, and
// GET /orders/{orderId}/download answering the ordered STAC items with
// pre-signed asset hrefs. Names marked UNCONFIRMED below are not in those
// sources; a wrong guess shows as a typed error naming what was missing,
// never as a silent empty result.

// ErrOrderRejected is returned (wrapped) when Capella answers a product
// order with orderStatus "rejected", as it does when the account may not
// buy the products (Capella's SDK raises OrderRejectedError there).
var ErrOrderRejected = errors.New("capella: product order rejected")

// ProductOrder is an order for catalog products, as POST /orders and
// GET /orders/{orderId} answer it (fields from Capella's SDK fixtures).
// The tasking request's cost estimate is a different thing: [Order].
type ProductOrder struct {
	OrderID        string             `json:"orderId"`
	OrderStatus    OrderStatus        `json:"orderStatus"`
	OrderDate      time.Time          `json:"orderDate,omitzero"`
	ExpirationDate time.Time          `json:"expirationDate,omitzero"` // the download links are handed out until then
	UserID         string             `json:"userId,omitempty"`
	OrganizationID string             `json:"organizationId,omitempty"`
	Items          []ProductOrderItem `json:"items,omitempty"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// ProductOrderItem is one ordered product: a catalog collection and a
// granule (the STAC item id), with what Capella adds in its answer.
type ProductOrderItem struct {
	CollectionID      string    `json:"collectionId"`
	GranuleID         string    `json:"granuleId"`
	Type              string    `json:"type,omitempty"` // the collect mode ("stripmap", "spotlight" …)
	Size              *int64    `json:"size,omitzero"`  // bytes
	PreviouslyOrdered *bool     `json:"previouslyOrdered,omitzero"`
	CollectionDate    time.Time `json:"collectionDate,omitzero"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received; nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// OrderCreateRequest is the body of POST /orders.
type OrderCreateRequest struct {
	Items []ProductOrderItem // CollectionID and GranuleID of each product; the other fields are not sent
	// ContractID charges a specific contract (Capella's SDK sends it at the
	// top of the body); empty: the account's default contract.
	ContractID string
}

type orderItemBody struct {
	CollectionID string `json:"collectionId"`
	GranuleID    string `json:"granuleId"`
}

type orderCreateBody struct {
	Items      []orderItemBody `json:"items"`
	ContractID string          `json:"contractId,omitempty"`
}

// Validate checks the request before anything is sent: at least one item,
// each with a collection id and a granule id.
func (r *OrderCreateRequest) Validate() error {
	if r == nil || len(r.Items) == 0 {
		return tasking.Invalid("items", "at least one product is required")
	}
	for i, it := range r.Items {
		if strings.TrimSpace(it.CollectionID) == "" {
			return tasking.Invalid(fmt.Sprintf("items[%d].collectionId", i), "is required")
		}
		if strings.TrimSpace(it.GranuleID) == "" {
			return tasking.Invalid(fmt.Sprintf("items[%d].granuleId", i), "is required")
		}
	}
	return nil
}

func (r *OrderCreateRequest) body() *orderCreateBody {
	b := &orderCreateBody{Items: make([]orderItemBody, len(r.Items)), ContractID: r.ContractID}
	for i, it := range r.Items {
		b.Items[i] = orderItemBody{CollectionID: it.CollectionID, GranuleID: it.GranuleID}
	}
	return b
}

// StacItem is one product of Capella's catalog, a STAC Item: as
// POST /catalog/search lists it (asset links not signed) and as
// GET /orders/{orderId}/download answers it (asset links pre-signed).
type StacItem struct {
	Type       string                `json:"type,omitempty"` // "Feature"
	ID         string                `json:"id"`             // the granuleId to order
	Collection string                `json:"collection"`     // the collectionId to order ("capella-geo" …)
	Geometry   orb.Geometry          `json:"geometry,omitempty"`
	Properties StacProperties        `json:"properties"`
	Assets     map[string]*StacAsset `json:"assets,omitempty"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// StacProperties are the properties of a StacItem this package reads; the
// names are those Capella's SDK searches on.
type StacProperties struct {
	Datetime       time.Time      `json:"datetime,omitzero"`
	CollectID      string         `json:"capella:collect_id,omitempty"`
	ProductType    ProductType    `json:"sar:product_type,omitempty"`
	InstrumentMode string         `json:"sar:instrument_mode,omitempty"`
	Polarizations  []Polarization `json:"sar:polarizations,omitempty"`
	Platform       string         `json:"platform,omitempty"` // "capella-8" …
	// Unknown holds the other properties, kept as received; nil when there
	// were none.
	Unknown jsontext.Value `json:",embed"`
}

// StacAsset is one file of a StacItem. Size and Checksum use the STAC file
// extension (file:size, file:checksum): UNCONFIRMED for Capella's items,
// read when present, and a download without them is checked against
// nothing.
type StacAsset struct {
	Href  string   `json:"href"`
	Type  string   `json:"type,omitempty"` // media type
	Title string   `json:"title,omitempty"`
	Roles []string `json:"roles,omitempty"`
	Size  *int64   `json:"file:size,omitzero"`
	// Checksum is a multihash in hex: "1220" then a SHA-256 digest (see
	// StacAsset.Checksum for the neutral form).
	Checksum string `json:"file:checksum,omitempty"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received; nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// multihash codes of the digests tasking.Download verifies.
var multihashes = map[string]string{"d5": "md5", "11": "sha1", "12": "sha256", "13": "sha512"}

// NeutralChecksum reads file:checksum, a multihash in hex (code, length,
// digest; "1220…" is SHA-256), as a tasking.Checksum; zero when there is
// none or it is not a well-formed multihash of MD5, SHA-1, SHA-256 or
// SHA-512.
func (a *StacAsset) NeutralChecksum() tasking.Checksum {
	s := strings.ToLower(strings.TrimSpace(a.Checksum))
	if len(s) < 4 {
		return tasking.Checksum{}
	}
	algo, ok := multihashes[s[:2]]
	digest := s[4:]
	n, err := hex.DecodeString(s[2:4])
	if !ok || err != nil || len(digest) != 2*int(n[0]) {
		return tasking.Checksum{}
	}
	if _, err := hex.DecodeString(digest); err != nil {
		return tasking.Checksum{}
	}
	return tasking.Checksum{Algorithm: algo, Value: digest}
}

// fileName is the asset's key with the extension of its href's path
// ("HH" + ".tif").
func (a *StacAsset) fileName(key string) string {
	u, err := url.Parse(a.Href)
	if err != nil {
		return key
	}
	ext := path.Ext(u.Path)
	if ext == "" || strings.HasSuffix(key, ext) || len(ext) > 12 {
		return key
	}
	return key + ext
}

// OrdersService orders catalog products and hands out their download links:
// /orders/…. See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
type OrdersService struct{ c *Client }

// Create orders products: POST /orders. Ordering means paying for them
// (products already ordered, or free, cost nothing). It is never sent twice.
// An order Capella rejects is returned with OrderStatus rejected and no
// error; see ErrOrderRejected for the adapter's use.
//
// See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
func (s *OrdersService) Create(ctx context.Context, r *OrderCreateRequest) (*ProductOrder, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodPost, Path: "orders", Body: r.body(), Create: true},
		"order (orderId)", orderID)
}

// Get fetches an order: GET /orders/{orderId}.
//
// See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
func (s *OrdersService) Get(ctx context.Context, id string) (*ProductOrder, error) {
	p, err := pathID("orderId", id)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodGet, Path: "orders/" + p}, "order (orderId)", orderID)
}

// orderID is the id fetch checks a product order by.
func orderID(o *ProductOrder) string { return o.OrderID }

// Wait polls an order until Capella has prepared it (orderStatus completed)
// or rejected it (or opts.Until holds): GET /orders/{orderId}. A status this
// version does not know is waited on, within ctx. Delays opts leaves zero
// come from WithPollDelays.
//
// See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
func (s *OrdersService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*ProductOrder, error) {
	return wait(ctx, s.c, "order", "orderId", id, s.Get, productOrderStatus, nil, opts)
}

// Watch is the iterator form of Wait: it yields the order each time its
// status changes, the first observation included: GET /orders/{orderId},
// polled.
//
// See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
func (s *OrdersService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*ProductOrder, error] {
	return watch(ctx, s.c, "orderId", id, s.Get, productOrderStatus, nil, opts)
}

func productOrderStatus(o *ProductOrder) OrderStatus { return o.OrderStatus }

// Download lists the ordered products with pre-signed asset links:
// GET /orders/{orderId}/download. The links expire (Capella's ORDER_EXPIRED
// once the order has); fetch them with Assets and tasking.Download. Each
// item must name its id and hold at least one asset with an href, or the
// answer is a *tasking.DecodeError saying which.
//
// See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
func (s *OrdersService) Download(ctx context.Context, id string) ([]*StacItem, error) {
	p, err := pathID("orderId", id)
	if err != nil {
		return nil, err
	}
	var out []*StacItem
	resp, err := s.c.tc.Get(ctx, "orders/"+p+"/download", nil, &out)
	if err != nil {
		return nil, err
	}
	for i, it := range out {
		if err := it.checkSigned(); err != nil {
			return nil, resp.DecodeError(fmt.Errorf("download item %d: %w", i, err))
		}
	}
	return out, nil
}

// checkSigned says what a download item lacks.
func (it *StacItem) checkSigned() error {
	switch {
	case it == nil:
		return errors.New("null item")
	case it.ID == "":
		return errors.New("the item has no id")
	case len(it.Assets) == 0:
		return fmt.Errorf("item %s has no assets", it.ID)
	}
	for _, k := range sortedAssetKeys(it) {
		if a := it.Assets[k]; a == nil || strings.TrimSpace(a.Href) == "" {
			return fmt.Errorf("item %s: asset %q has no href", it.ID, k)
		}
	}
	return nil
}

func sortedAssetKeys(it *StacItem) []string {
	keys := make([]string, 0, len(it.Assets))
	for k := range it.Assets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Assets turns signed items, as GET /orders/{orderId}/download answers them,
// into neutral assets, sending no request: each asset's Source fetches its
// pre-signed href with no API credential (tasking.Download resumes and
// verifies it). Name is the STAC asset key with the extension of the href's
// path ("HH.tif"), prefixed by the item's product type ("GEO_HH.tif"; the
// item id when the type is not given) when there are several items, so that
// names are unique; MediaType is the asset's type; Size and Checksum come
// from file:size and file:checksum when the item gives them. CaptureID is
// the item's capella:collect_id. An item without an id or assets, or an
// asset without an href, is a *tasking.ValidationError naming it.
//
// See https://docs.capellaspace.com/accessing-data/ordering-and-downloading.
func (s *OrdersService) Assets(items []*StacItem) ([]*tasking.Asset, error) {
	var out []*tasking.Asset
	seen := map[string]bool{}
	for i, it := range items {
		if err := it.checkSigned(); err != nil {
			return nil, tasking.Invalid(fmt.Sprintf("items[%d]", i), "%v", err)
		}
		prefix := ""
		if len(items) > 1 {
			prefix = string(it.Properties.ProductType)
			if prefix == "" {
				prefix = it.ID
			}
			prefix += "_"
		}
		for _, k := range sortedAssetKeys(it) {
			a := it.Assets[k]
			name := prefix + a.fileName(k)
			if seen[name] {
				name = it.ID + "_" + a.fileName(k)
			}
			seen[name] = true
			na := &tasking.Asset{Provider: Name, CaptureID: it.Properties.CollectID, Name: name, MediaType: a.Type,
				Checksum: a.NeutralChecksum(), Raw: a,
				Source: s.c.tc.Source(transport.Request{Method: http.MethodGet, Path: a.Href, Storage: true})}
			if a.Size != nil && *a.Size > 0 {
				na.Size = *a.Size
			}
			out = append(out, na)
		}
	}
	return out, nil
}
