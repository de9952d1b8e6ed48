package capella_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deliveredTask submits a pre-approved task on the simulator and waits for
// it to complete.
func deliveredTask(t *testing.T, srv *capellatest.Server, p *capella.Adapter) *tasking.Task {
	t.Helper()
	open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	task, err := p.Submit(ctx(t), &tasking.Request{Name: "deliver me", Geometry: orb.Point{-122.4163, 37.7612},
		Start: open, End: open.Add(8 * 24 * time.Hour)})
	require.NoError(t, err)
	task, err = tasking.WaitTask(ctx(t), p, task.ID, fastWait)
	require.NoError(t, err)
	require.Equal(t, tasking.StatusCompleted, task.Status)
	return task
}

// deliveredAssets lists the assets of the first capture of a completed task.
func deliveredAssets(t *testing.T, srv *capellatest.Server, p *capella.Adapter) (*tasking.Capture, []*tasking.Asset) {
	t.Helper()
	task := deliveredTask(t, srv, p)
	captures, err := tasking.Collect(p.Captures(ctx(t), task.ID))
	require.NoError(t, err)
	require.NotEmpty(t, captures)
	assets, err := p.Assets(ctx(t), captures[0])
	require.NoError(t, err)
	return captures[0], assets
}

func TestDeliverCapturesAndAssets(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{PreApproval: true})
	task := deliveredTask(t, srv, p)

	captures, err := tasking.Collect(p.Captures(ctx(t), task.ID))
	require.NoError(t, err)
	require.Len(t, captures, 1, "a point target is one collect")
	cp := captures[0]
	raw := cp.Raw.(*capella.Collect)
	assert.Equal(t, raw.CollectID, cp.ID)
	assert.Equal(t, task.ID, cp.TaskID)
	assert.Equal(t, tasking.CapturePublished, cp.Status)
	assert.Equal(t, "delivered", cp.RawStatus)
	assert.Equal(t, raw.WindowOpen, cp.AcquiredAt)
	assert.Equal(t, orb.Point{raw.Center[0], raw.Center[1]}, cp.Footprint)
	assert.Regexp(t, `^capella-[1-9]$`, cp.Satellite)
	assert.Equal(t, "HH", cp.Sensor)

	srv.ResetRequests()
	assets, err := p.Assets(ctx(t), cp)
	require.NoError(t, err)
	var names []string
	for _, a := range assets {
		names = append(names, a.Name)
		assert.Equal(t, cp.ID, a.CaptureID)
		assert.Equal(t, "capella", a.Provider)
		assert.Equal(t, "sha256", a.Checksum.Algorithm)
		assert.GreaterOrEqual(t, a.Size, int64(64<<10))
		assert.LessOrEqual(t, a.Size, int64(1<<20))
		assert.NotEmpty(t, a.MediaType)
	}
	assert.Equal(t, []string{"SLC_HH.tif", "SLC_metadata.json", "GEO_HH.tif", "GEO_metadata.json", "GEO_thumbnail.png"}, names)
	var calls []string
	for _, r := range srv.Requests() {
		calls = append(calls, r.Method+" "+r.Path)
	}
	require.Len(t, calls, 3)
	assert.Equal(t, "POST /catalog/search", calls[0])
	assert.Equal(t, "POST /orders", calls[1])
	assert.Regexp(t, `^GET /orders/[^/]+/download$`, calls[2])

	dir := t.TempDir()
	got, err := tasking.DownloadAll(ctx(t), assets, dir, &tasking.DownloadOptions{Concurrency: 3})
	require.NoError(t, err)
	require.Len(t, got, len(assets))
	for i, d := range got {
		assert.Equal(t, "sha256", d.Verified)
		assert.Equal(t, assets[i].Size, d.Size)
		data, err := os.ReadFile(d.Path)
		require.NoError(t, err)
		sum := sha256.Sum256(data)
		assert.Equal(t, assets[i].Checksum.Value, hex.EncodeToString(sum[:]))
		assert.Equal(t, filepath.Join(dir, cp.ID, assets[i].Name), d.Path)
	}

	// The typed API reaches the same files.
	items, err := c.Collects.Products(ctx(t), cp.ID)
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, capella.ProductSLC, items[0].Properties.ProductType)
	assert.Equal(t, cp.ID, items[0].Properties.CollectID)
	assert.NotContains(t, items[0].Assets["HH"].Href, "signature", "catalog links are not signed")
}

func TestDeliverCapturesFollowTheCollectLifecycle(t *testing.T) {
	srv, c := simClient(t, capellatest.WithStepsPerPoll(0))
	p := c.Provider(capella.ProviderDefaults{PreApproval: true})
	open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	task, err := p.Submit(ctx(t), &tasking.Request{Name: "slow", Geometry: orb.Point{2.35, 48.85}, Start: open, End: open.Add(8 * 24 * time.Hour)})
	require.NoError(t, err)
	var seen []tasking.CaptureStatus
	for i := 0; i < 6; i++ {
		srv.Advance()
		captures, err := tasking.Collect(p.Captures(ctx(t), task.ID))
		require.NoError(t, err)
		if len(captures) > 0 {
			if n := len(seen); n == 0 || seen[n-1] != captures[0].Status {
				seen = append(seen, captures[0].Status)
			}
			if captures[0].Status == tasking.CaptureScheduled {
				assert.True(t, captures[0].AcquiredAt.IsZero(), "not acquired before collection")
			}
		}
	}
	assert.Equal(t, []tasking.CaptureStatus{tasking.CaptureScheduled, tasking.CapturePublished}, seen)
	assert.Equal(t, "completed", srv.Status(task.ID))
}

func TestDeliverResumesAfterACut(t *testing.T) {
	srv, c := simClient(t)
	_, assets := deliveredAssets(t, srv, c.Provider(capella.ProviderDefaults{PreApproval: true}))
	a := assets[0]
	half := a.Size / 2
	srv.CutDownloads(1, half)
	before := len(srv.StorageRequests())
	path := filepath.Join(t.TempDir(), a.Name)
	got, err := tasking.Download(ctx(t), a, path, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, got.Resumes)
	assert.Equal(t, "sha256", got.Verified)
	// The storage host logs a request once its handler returns, which may
	// come just after the client has read the last byte.
	var reqs []capellatest.StorageRequest
	require.Eventually(t, func() bool { reqs = srv.StorageRequests()[before:]; return len(reqs) == 2 },
		time.Second, time.Millisecond)
	assert.Empty(t, reqs[0].Range)
	assert.Equal(t, half, reqs[0].Sent, "the first transfer was cut")
	assert.Equal(t, "bytes="+strconv.FormatInt(half, 10)+"-", reqs[1].Range)
	assert.Equal(t, a.Size-half, reqs[1].Sent, "the resume fetched only the missing half")
	assert.Equal(t, http.StatusPartialContent, reqs[1].Status)
}

func TestDeliverIntegrityFailureLeavesNoFile(t *testing.T) {
	srv, c := simClient(t)
	_, assets := deliveredAssets(t, srv, c.Provider(capella.ProviderDefaults{PreApproval: true}))
	dir := t.TempDir()

	bad := *assets[0]
	bad.Checksum.Value = strings.Repeat("0", 64)
	_, err := tasking.Download(ctx(t), &bad, filepath.Join(dir, "bad.tif"), nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)

	short := *assets[1]
	short.Checksum = tasking.Checksum{}
	short.Size++
	_, err = tasking.Download(ctx(t), &short, filepath.Join(dir, "short.json"), nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)

	left, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, left, "no file, partial or whole, is left")
}

func TestDeliverSendsNoCredentialToStorage(t *testing.T) {
	srv, c := simClient(t)
	_, assets := deliveredAssets(t, srv, c.Provider(capella.ProviderDefaults{PreApproval: true}))
	for _, a := range assets {
		_, err := tasking.DownloadTo(ctx(t), a, io.Discard, nil)
		require.NoError(t, err)
	}
	var reqs []capellatest.StorageRequest
	require.Eventually(t, func() bool { reqs = srv.StorageRequests(); return len(reqs) == len(assets) },
		time.Second, time.Millisecond)
	for _, r := range reqs {
		assert.Empty(t, r.Header.Get("Authorization"), "storage request %s carried the API's Authorization", r.Path)
		for name, vals := range r.Header {
			for _, v := range vals {
				assert.NotContains(t, v, srv.APIKey, "header %s carried the API key", name)
			}
		}
		assert.Equal(t, http.StatusOK, r.Status)
	}
	assert.True(t, strings.HasPrefix(assets[0].Raw.(*capella.StacAsset).Href, srv.StorageURL()+"/"),
		"links point to the storage host, not the API host")
	for _, r := range srv.Requests() {
		assert.NotContains(t, r.Path, ".tif", "no file was fetched from the API host")
	}
}

func TestDeliverCancelledMidDownload(t *testing.T) {
	srv, c := simClient(t)
	_, assets := deliveredAssets(t, srv, c.Provider(capella.ProviderDefaults{PreApproval: true}))
	// The files are small and the host is on loopback: the body may be read
	// whole before a cancel is noticed, so the transfer is also cut, and
	// the download must then stop with the cancel rather than resume.
	srv.CutDownloads(1, 64<<10)
	cctx, cancel := context.WithCancel(ctx(t))
	defer cancel()
	opts := &tasking.DownloadOptions{Progress: func(p tasking.Progress) {
		if p.Done > 0 {
			cancel()
		}
	}}
	path := filepath.Join(t.TempDir(), "x.tif")
	_, err := tasking.Download(cctx, assets[0], path, opts)
	require.ErrorIs(t, err, context.Canceled)
	_, statErr := os.Stat(path)
	assert.True(t, errors.Is(statErr, os.ErrNotExist), "no finished file")
}

func TestDeliverExpiredOrderAndLinks(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{PreApproval: true})
	_, assets := deliveredAssets(t, srv, p)
	srv.SetNow(srv.Now().Add(2 * time.Hour))
	defer srv.SetNow(time.Time{})
	_, err := tasking.DownloadTo(ctx(t), assets[0], io.Discard, nil)
	require.ErrorIs(t, err, tasking.ErrForbidden, "an expired link is refused by the storage host")

	var order string
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/download") {
			order = strings.Split(r.Path, "/")[2]
		}
	}
	_, err = c.Orders.Download(ctx(t), order)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, capella.CodeOrderExpired, ae.Code)
	_, err = c.Orders.Get(ctx(t), "00000000-0000-4000-8000-000000000000")
	require.ErrorIs(t, err, tasking.ErrNotFound)
}

func TestDeliverRefusesBadInput(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{})
	var ve *tasking.ValidationError
	_, err := p.Assets(ctx(t), nil)
	require.ErrorAs(t, err, &ve)
	_, err = p.Assets(ctx(t), &tasking.Capture{Provider: "planet", ID: "x"})
	require.ErrorAs(t, err, &ve)
	_, err = p.Assets(ctx(t), &tasking.Capture{Provider: "capella", ID: ".."})
	require.ErrorAs(t, err, &ve)
	_, err = c.Orders.Create(ctx(t), &capella.OrderCreateRequest{Items: []capella.ProductOrderItem{{CollectionID: "capella-geo"}}})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "items[0].granuleId", ve.Field)
	for _, err := range p.Captures(ctx(t), "") {
		require.ErrorAs(t, err, &ve)
	}
	assert.Empty(t, srv.Requests(), "nothing was sent")

	// A collect not yet delivered has no product in the catalog.
	_, err = p.Assets(ctx(t), &tasking.Capture{Provider: "capella", ID: "c0113c70-0000-4000-8000-000000000c01"})
	require.ErrorIs(t, err, tasking.ErrNotFound)
	// An order for a product the catalog does not hold is Capella's
	// ORDER_VALIDATION_ERROR.
	_, err = c.Orders.Create(ctx(t), &capella.OrderCreateRequest{Items: []capella.ProductOrderItem{{CollectionID: "capella-geo", GranuleID: "nope"}}})
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, capella.CodeOrderValidationError, ae.Code)
}

func TestOrdersDecodeFixtures(t *testing.T) {
	c, mt := mock(t)
	const orderID = "9d1c6a7e-4b2f-4e10-9a3c-5f6e7d8c9b0a"
	expect{method: "POST", path: "/catalog/search", status: 200, fixture: "orders/catalog_search.json",
		body: `{"query":{"capella:collect_id":{"eq":"` + collID + `"}},"limit":100}`}.register(t, mt)
	expect{method: "POST", path: "/orders", status: 200, fixture: "orders/order_submitted.json",
		body: `{"items":[{"collectionId":"capella-geo","granuleId":"CAPELLA_C08_SP_GEO_HH_20260603141049_20260603141053"}],"contractId":"k"}`}.register(t, mt)
	expect{method: "GET", path: "/orders/" + orderID + "/download", status: 200, fixture: "orders/order_download.json"}.register(t, mt)

	items, err := c.Collects.Products(ctx(t), collID)
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, "capella-geo", items[0].Collection)
	assert.Equal(t, capella.ProductGEO, items[0].Properties.ProductType)
	assert.Equal(t, "capella-8", items[0].Properties.Platform)
	assert.Equal(t, []capella.Polarization{capella.PolarizationHH}, items[0].Properties.Polarizations)
	assert.Contains(t, string(items[0].Properties.Unknown), `"constellation"`)
	assert.Contains(t, string(items[0].Unknown), `"stac_version"`)
	assert.Equal(t, orb.Point{-122.4163, 37.7612}, items[0].Geometry)

	order, err := c.Orders.Create(ctx(t), &capella.OrderCreateRequest{ContractID: "k",
		Items: []capella.ProductOrderItem{{CollectionID: items[0].Collection, GranuleID: items[0].ID}}})
	require.NoError(t, err)
	assert.Equal(t, orderID, order.OrderID)
	assert.Equal(t, capella.OrderCompleted, order.OrderStatus)
	assert.Equal(t, tasking.StatusCompleted, order.OrderStatus.Neutral())
	assert.Equal(t, time.Date(2026, 6, 9, 20, 22, 23, 849e6, time.UTC), order.ExpirationDate)
	require.Len(t, order.Items, 1)
	assert.Equal(t, int64(100000000), *order.Items[0].Size)
	assert.False(t, *order.Items[0].PreviouslyOrdered)
	assert.Contains(t, string(order.Items[0].Unknown), "billingReference")

	signed, err := c.Orders.Download(ctx(t), orderID)
	require.NoError(t, err)
	require.Len(t, signed, 2)
	assets, err := c.Orders.Assets(signed)
	require.NoError(t, err)
	require.Len(t, assets, 3)
	assert.Equal(t, "GEO_HH.tif", assets[0].Name)
	assert.Equal(t, int64(327680), assets[0].Size)
	assert.Equal(t, tasking.Checksum{Algorithm: "sha256", Value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}, assets[0].Checksum)
	assert.Equal(t, "GEO_thumbnail.png", assets[1].Name)
	assert.Equal(t, "image/png", assets[1].MediaType)
	assert.Zero(t, assets[1].Size, "no file:size given")
	assert.True(t, assets[1].Checksum.IsZero())
	assert.Equal(t, "SLC_HH.tif", assets[2].Name)
	assert.Equal(t, tasking.Checksum{Algorithm: "md5", Value: "0123456789abcdef0123456789abcdef"}, assets[2].Checksum)
	assert.Equal(t, collID, assets[2].CaptureID)
	assert.NotNil(t, assets[2].Source)
}

func TestOrdersWrongGuessesFailClearly(t *testing.T) {
	c, mt := mock(t)
	const id = "9d1c6a7e-4b2f-4e10-9a3c-5f6e7d8c9b0a"
	// A download item without an href.
	expect{method: "GET", path: "/orders/" + id + "/download", status: 200,
		fixture: `[{"id":"g","collection":"capella-geo","properties":{},"assets":{"HH":{"type":"image/tiff"}}}]`}.register(t, mt)
	_, err := c.Orders.Download(ctx(t), id)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), `asset "HH" has no href`)

	// An order answer without an orderId.
	expect{method: "POST", path: "/orders", status: 200, fixture: `{"status":"ok"}`,
		body: `{"items":[{"collectionId":"c","granuleId":"g"}]}`}.register(t, mt)
	_, err = c.Orders.Create(ctx(t), &capella.OrderCreateRequest{Items: []capella.ProductOrderItem{{CollectionID: "c", GranuleID: "g"}}})
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "orderId")

	// Catalog features without their ids.
	expect{method: "POST", path: "/catalog/search", status: 200, fixture: `{"features":[{"properties":{}}]}`,
		body: `{"query":{"capella:collect_id":{"eq":"` + collID + `"}},"limit":100}`}.register(t, mt)
	_, err = c.Collects.Products(ctx(t), collID)
	require.ErrorAs(t, err, &de)
}

func TestAdapterAssetsWaitsAndRejects(t *testing.T) {
	c, mt := mock(t, capella.WithPollDelays(time.Millisecond, 2*time.Millisecond))
	p := c.Provider(capella.ProviderDefaults{})
	const id = "9d1c6a7e-4b2f-4e10-9a3c-5f6e7d8c9b0a"
	search := `{"query":{"capella:collect_id":{"eq":"` + collID + `"}},"limit":100}`
	order := `{"items":[{"collectionId":"capella-geo","granuleId":"CAPELLA_C08_SP_GEO_HH_20260603141049_20260603141053"},{"collectionId":"capella-slc","granuleId":"CAPELLA_C08_SP_SLC_HH_20260603141049_20260603141053"}]}`
	expect{method: "POST", path: "/catalog/search", status: 200, fixture: "orders/catalog_search.json", body: search}.register(t, mt)
	// An order status this version does not know is waited on.
	expect{method: "POST", path: "/orders", status: 200, body: order,
		fixture: `{"orderId":"` + id + `","orderStatus":"preparing"}`}.register(t, mt)
	gets := 0
	mt.RegisterResponder("GET", testBase+"/orders/"+id, func(r *http.Request) (*http.Response, error) {
		gets++
		status := "preparing"
		if gets > 2 {
			status = "completed"
		}
		resp := &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader([]byte(`{"orderId":"` + id + `","orderStatus":"` + status + `"}`)))}
		return resp, nil
	})
	expect{method: "GET", path: "/orders/" + id + "/download", status: 200, fixture: "orders/order_download.json"}.register(t, mt)
	assets, err := p.Assets(ctx(t), &tasking.Capture{Provider: "capella", ID: collID})
	require.NoError(t, err)
	assert.Len(t, assets, 3)
	assert.Equal(t, 3, gets)

	// A rejected order.
	expect{method: "POST", path: "/orders", status: 200, body: order, fixture: "orders/order_rejected.json"}.register(t, mt)
	_, err = p.Assets(ctx(t), &tasking.Capture{Provider: "capella", ID: collID})
	require.ErrorIs(t, err, capella.ErrOrderRejected)
}

func TestStacAssetChecksum(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	for in, want := range map[string]tasking.Checksum{
		"1220" + sha:                      {Algorithm: "sha256", Value: sha},
		"1220" + strings.ToUpper(sha):     {Algorithm: "sha256", Value: sha},
		"d510" + strings.Repeat("01", 16): {Algorithm: "md5", Value: strings.Repeat("01", 16)},
		"1114" + strings.Repeat("02", 20): {Algorithm: "sha1", Value: strings.Repeat("02", 20)},
		"1340" + strings.Repeat("03", 64): {Algorithm: "sha512", Value: strings.Repeat("03", 64)},
		"1220" + sha[:10]:                 {}, // too short for its length byte
		"1220" + strings.Repeat("zz", 32): {},
		"0020" + sha:                      {}, // identity: not a digest
		sha:                               {}, // a bare digest is not a multihash
		"":                                {},
	} {
		a := &capella.StacAsset{Checksum: in}
		assert.Equal(t, want, a.NeutralChecksum(), "%q", in)
	}
}
