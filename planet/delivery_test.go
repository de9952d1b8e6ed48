package planet_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/internal/simkit"
	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const dataBase = "https://api.planet.com/data/v1/"

// fulfilled places an order on the simulator through the adapter and waits
// for it to be fulfilled.
func fulfilled(t *testing.T, p *planet.Adapter) *tasking.Task {
	t.Helper()
	task, err := p.Submit(ctx, &tasking.Request{Name: "deliver", Geometry: orb.Point{13.35, 52.51}, Start: t0, End: t0.AddDate(0, 0, 7)})
	require.NoError(t, err)
	got, err := tasking.WaitTask(ctx, p, task.ID, fast)
	require.NoError(t, err)
	require.Equal(t, tasking.StatusCompleted, got.Status)
	return got
}

// publishedAssets returns the assets of a fulfilled order's published
// captures.
func publishedAssets(t *testing.T, p *planet.Adapter, taskID string) []*tasking.Asset {
	t.Helper()
	var out []*tasking.Asset
	for c, err := range p.Captures(ctx, taskID) {
		require.NoError(t, err)
		if c.Status != tasking.CapturePublished {
			continue
		}
		assets, err := p.Assets(ctx, c)
		require.NoError(t, err)
		out = append(out, assets...)
	}
	require.NotEmpty(t, out)
	return out
}

func TestAdapterDeliverEndToEnd(t *testing.T) {
	srv, c := newSim(t, planettest.WithCloudyCaptures(1))
	p := c.Provider(planet.ProviderDefaults{})
	task := fulfilled(t, p)

	caps, err := tasking.Collect(p.Captures(ctx, task.ID))
	require.NoError(t, err)
	require.Len(t, caps, 2, "a cloudy capture, then the one that fulfils")
	for _, x := range caps {
		assert.Equal(t, planet.Name, x.Provider)
		assert.Equal(t, task.ID, x.TaskID)
		assert.Equal(t, tasking.CapturePublished, x.Status)
		assert.Equal(t, "PUBLISHED", x.RawStatus)
		assert.Equal(t, "SKYSAT", x.Satellite)
		assert.False(t, x.AcquiredAt.IsZero())
		raw, ok := x.Raw.(*planet.Capture)
		require.True(t, ok, "Raw is the %T", x.Raw)
		assert.Equal(t, []string{raw.StripID}, raw.ItemIDs)
		assert.Equal(t, []string{"SkySatCollect"}, raw.ItemTypes)
	}
	require.NotNil(t, caps[0].CloudCover)
	assert.InDelta(t, 82, *caps[0].CloudCover, 1e-9, "percent, from Planet's fraction")
	assert.InDelta(t, 4, *caps[1].CloudCover, 1e-9)
	assert.True(t, caps[0].AcquiredAt.Before(caps[1].AcquiredAt) || caps[0].AcquiredAt.Equal(caps[1].AcquiredAt), "oldest first")

	srv.ResetRequests()
	assets, err := p.Assets(ctx, caps[1])
	require.NoError(t, err)
	require.Len(t, assets, 2, "ortho_analytic may not be downloaded and is left out")
	strip := caps[1].Raw.(*planet.Capture).StripID
	assert.Equal(t, strip+"_ortho_udm2", assets[0].Name)
	assert.Equal(t, strip+"_ortho_visual", assets[1].Name)
	var activations int
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/activate") {
			activations++
		}
	}
	assert.Equal(t, 2, activations, "each inactive asset was activated once")

	dir := t.TempDir()
	for _, a := range assets {
		assert.Equal(t, "md5", a.Checksum.Algorithm)
		assert.Equal(t, caps[1].ID, a.CaptureID)
		got, err := tasking.Download(ctx, a, filepath.Join(dir, a.Name), nil)
		require.NoError(t, err)
		assert.Equal(t, "md5", got.Verified)
		b, err := os.ReadFile(got.Path)
		require.NoError(t, err)
		typ := strings.TrimPrefix(a.Name, strip+"_")
		assert.Equal(t, simkit.Content("data/SkySatCollect/"+strip+"/"+typ, len(b)), b)
		assert.Contains(t, []int{256 << 10, 96 << 10}, len(b))
	}

	// Only asked-for asset types, and a second call finds them active
	// (nothing activated again).
	p = c.Provider(planet.ProviderDefaults{AssetTypes: []string{"ortho_visual"}})
	srv.ResetRequests()
	assets, err = p.Assets(ctx, caps[1])
	require.NoError(t, err)
	require.Len(t, assets, 1)
	assert.Equal(t, strip+"_ortho_visual", assets[0].Name)
	for _, r := range srv.Requests() {
		assert.NotEqual(t, http.MethodPost, r.Method, "an active asset is not activated again")
	}

	// Someone else's capture is refused before any request.
	_, err = p.Assets(ctx, &tasking.Capture{Provider: "capella", ID: "x"})
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Capture", ve.Field)
}

func TestDownloadResumeAfterCut(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(planet.ProviderDefaults{AssetTypes: []string{"ortho_visual"}})
	task := fulfilled(t, p)
	a := publishedAssets(t, p, task.ID)[0]

	const size, half = 256 << 10, 128 << 10
	srv.ResetStorageRequests()
	srv.CutDownloads(1, half)
	got, err := tasking.Download(ctx, a, filepath.Join(t.TempDir(), a.Name), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(size), got.Size)
	assert.Equal(t, 1, got.Resumes)
	assert.Equal(t, "md5", got.Verified)

	// The storage host logs a request once its handler returns, which may
	// be just after the client has read the last byte.
	require.Eventually(t, func() bool { return len(srv.StorageRequests()) == 2 }, 5*time.Second, time.Millisecond)
	reqs := srv.StorageRequests()
	assert.Empty(t, reqs[0].Range)
	assert.Equal(t, int64(half), reqs[0].Sent, "cut after half")
	assert.Equal(t, "bytes=131072-", reqs[1].Range)
	assert.Equal(t, http.StatusPartialContent, reqs[1].Status)
	assert.Equal(t, int64(size-half), reqs[1].Sent, "only the missing half is sent again")
}

func TestDownloadIntegrityAndCredentials(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(planet.ProviderDefaults{AssetTypes: []string{"ortho_udm2"}})
	task := fulfilled(t, p)
	a := publishedAssets(t, p, task.ID)[0]
	dir := t.TempDir()

	bad := *a
	bad.Checksum = tasking.Checksum{Algorithm: "md5", Value: strings.Repeat("0", 32)}
	path := filepath.Join(dir, "bad.tif")
	_, err := tasking.Download(ctx, &bad, path, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)
	assertNoFiles(t, dir)

	wrongSize := *a
	wrongSize.Checksum = tasking.Checksum{}
	wrongSize.Size = 1000
	_, err = tasking.Download(ctx, &wrongSize, path, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)
	assertNoFiles(t, dir)

	// No storage request carried the API key; the API requests all did.
	reqs := srv.StorageRequests()
	require.NotEmpty(t, reqs)
	assert.True(t, strings.HasPrefix(srv.StorageURL(), "http://127.0.0.1") || strings.HasPrefix(srv.StorageURL(), "http://[::1]"))
	for _, r := range reqs {
		assert.Empty(t, r.Header.Get("Authorization"), "%s %s", r.Method, r.Path)
		assert.NotContains(t, strings.Join(headerValues(r.Header), " "), srv.APIKey)
	}
	for _, r := range srv.Requests() {
		assert.NotEmpty(t, r.Header.Get("Authorization"), "%s %s", r.Method, r.Path)
	}

	// The storage host refuses the API key outright.
	loc := a.Raw.(*planet.ItemAsset).Location
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "api-key "+srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)

	// A link read more than LinkLifetime ago has expired.
	srv.SetNow(srv.Now().Add(planettest.LinkLifetime + time.Second))
	_, err = tasking.DownloadTo(ctx, a, io.Discard, nil)
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
}

func TestDownloadCancelled(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(planet.ProviderDefaults{AssetTypes: []string{"ortho_visual"}})
	task := fulfilled(t, p)
	a := publishedAssets(t, p, task.ID)[0]

	// The body stops after 64 KiB, so that the transfer is still under way
	// when the context is cancelled, whatever the connection buffered.
	srv.CutDownloads(1, 64<<10)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dir := t.TempDir()
	_, err := tasking.Download(cctx, a, filepath.Join(dir, a.Name), &tasking.DownloadOptions{
		Progress: func(pr tasking.Progress) {
			if pr.Done > 0 {
				cancel()
			}
		},
	})
	require.ErrorIs(t, err, context.Canceled)
	_, statErr := os.Stat(filepath.Join(dir, a.Name))
	assert.True(t, errors.Is(statErr, os.ErrNotExist), "no finished file after a cancel")
}

func TestAssetServiceTyped(t *testing.T) {
	srv, c := newSim(t)
	p := c.Provider(planet.ProviderDefaults{})
	task := fulfilled(t, p)
	caps := srv.Captures(task.ID)
	require.Len(t, caps, 1)
	items, err := caps[0].Items()
	require.NoError(t, err)
	require.Equal(t, []planet.ItemRef{{ItemType: "SkySatCollect", ItemID: caps[0].StripID}}, items)

	list, err := c.Assets.List(ctx, items[0].ItemType, items[0].ItemID)
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, []string{"ortho_analytic", "ortho_udm2", "ortho_visual"}, []string{list[0].Type, list[1].Type, list[2].Type})
	for _, x := range list {
		assert.Equal(t, planet.AssetInactive, x.Status)
		assert.Empty(t, x.Location)
	}
	assert.False(t, list[0].Downloadable())
	assert.True(t, list[2].Downloadable())

	_, err = c.Assets.Asset("cap", list[2])
	require.Error(t, err, "an inactive asset has no link yet")

	// Without the download permission, activation is refused by Planet.
	err = c.Assets.Activate(ctx, list[0])
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "permission")

	require.NoError(t, c.Assets.Activate(ctx, list[2]))
	got, err := c.Assets.Wait(ctx, items[0].ItemType, items[0].ItemID, "ortho_visual", fast)
	require.NoError(t, err)
	assert.Equal(t, planet.AssetActive, got.Status)
	assert.NotEmpty(t, got.MD5Digest)
	assert.True(t, strings.HasPrefix(got.Location, srv.StorageURL()), "location %s is on the storage host", got.Location)
	assert.Equal(t, srv.Now().Add(planettest.LinkLifetime), got.ExpiresAt)
	n, err := c.Assets.Asset("cap", got)
	require.NoError(t, err)
	d, err := tasking.DownloadTo(ctx, n, io.Discard, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(256<<10), d.Size)

	_, err = c.Assets.Get(ctx, items[0].ItemType, items[0].ItemID, "nope")
	assert.ErrorIs(t, err, tasking.ErrNotFound)
	_, err = c.Assets.List(ctx, "SkySatCollect", "no-such-item")
	assert.ErrorIs(t, err, tasking.ErrNotFound)
	_, err = c.Assets.List(ctx, "SkySatCollect", "..")
	require.ErrorAs(t, err, new(*tasking.ValidationError))
}

func TestAssetsFixture(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, dataBase+"item-types/SkySatCollect/items/s103_20250604T102105Z/assets/", 200, fixture(t, "data_assets.json"))
	list, err := c.Assets.List(ctx, "SkySatCollect", "s103_20250604T102105Z")
	require.NoError(t, err)
	require.Len(t, list, 3)
	an, udm, vis := list[0], list[1], list[2]
	assert.Equal(t, "ortho_analytic", an.Type)
	assert.False(t, an.Downloadable())
	assert.JSONEq(t, `{"processing_level": "L3"}`, string(an.Unknown))
	assert.Equal(t, planet.AssetInactive, udm.Status)
	assert.Empty(t, udm.MD5Digest)
	assert.Equal(t, planet.AssetActive, vis.Status)
	assert.Equal(t, "3f2a0b9c8d7e6f5a4b3c2d1e0f9a8b7c", vis.MD5Digest)
	assert.Equal(t, time.Date(2025, 6, 5, 11, 21, 10, 0, time.UTC), vis.ExpiresAt)
	assert.Equal(t, "https://api.planet.com/data/v1/assets/eyJpIjogInMxMDMifQ/activate", vis.Links.Activate)
	assert.Equal(t, "SkySatCollect", vis.ItemType)

	a, err := c.Assets.Asset("e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10", vis)
	require.NoError(t, err)
	assert.Equal(t, "s103_20250604T102105Z_ortho_visual", a.Name)
	assert.Equal(t, tasking.Checksum{Algorithm: "md5", Value: "3f2a0b9c8d7e6f5a4b3c2d1e0f9a8b7c"}, a.Checksum)

	// The location is fetched without the API key.
	m.reply(http.MethodGet, "https://api.planet.com/data/v1/download?token=eyJhbGciOiJIUzUxMiJ9.e30.c2ln", 200, []byte("bytes"))
	_, err = tasking.DownloadTo(ctx, a, io.Discard, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity, "the fixture's MD5 is not of these bytes")
	assert.Empty(t, m.last(t).Header.Get("Authorization"))

	// Activation: POST, and GET when Planet answers 405 to the POST.
	m.reply(http.MethodPost, "https://api.planet.com/data/v1/assets/eyJpIjogInMxMDQifQ/activate", 405, []byte(`{"general": [{"message": "Method not allowed"}]}`))
	m.reply(http.MethodGet, "https://api.planet.com/data/v1/assets/eyJpIjogInMxMDQifQ/activate", 202, nil)
	require.NoError(t, c.Assets.Activate(ctx, udm))
	assert.Equal(t, http.MethodGet, m.last(t).Method)
	assert.NotEmpty(t, m.last(t).Header.Get("Authorization"))
	n := len(m.log())
	require.NoError(t, c.Assets.Activate(ctx, vis), "an active asset")
	assert.Len(t, m.log(), n, "nothing sent for an active asset")

	// An activate link off the API host is refused: the key would go with it.
	off := *udm
	off.Links.Activate = "https://evil.example/activate"
	require.Error(t, c.Assets.Activate(ctx, &off))
	assert.Len(t, m.log(), n)
}

func TestCaptureItems(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    planet.Capture
		want []planet.ItemRef
		err  string
	}{
		{"paired", planet.Capture{ItemIDs: []string{"a", "b"}, ItemTypes: []string{"SkySatScene", "SkySatCollect"}},
			[]planet.ItemRef{{"SkySatScene", "a"}, {"SkySatCollect", "b"}}, ""},
		{"one type", planet.Capture{ItemIDs: []string{"a", "b"}, ItemTypes: []string{"PelicanScene"}},
			[]planet.ItemRef{{"PelicanScene", "a"}, {"PelicanScene", "b"}}, ""},
		{"strip", planet.Capture{StripID: "s1", ItemTypes: []string{"SkySatCollect", "SkySatScene"}},
			[]planet.ItemRef{{"SkySatCollect", "s1"}}, ""},
		{"strip only", planet.Capture{StripID: "s1"}, []planet.ItemRef{{"SkySatCollect", "s1"}}, ""},
		{"strip of one type", planet.Capture{StripID: "s1", ItemTypes: []string{"TanagerScene"}},
			[]planet.ItemRef{{"TanagerScene", "s1"}}, ""},
		{"unpairable", planet.Capture{ItemIDs: []string{"a", "b", "c"}, ItemTypes: []string{"X", "Y"}}, nil, "3 item_ids but 2 item_types"},
		{"strip of unknown type", planet.Capture{StripID: "s1", ItemTypes: []string{"X", "Y"}}, nil, "which type"},
		{"nothing", planet.Capture{Status: planet.CaptureQueued}, nil, "no item_ids and no strip_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.c.Items()
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestCaptureNeutralFixture(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"captures/", 200, fixture(t, "capture_list.json"))
	p := c.Provider(planet.ProviderDefaults{})
	got, err := tasking.Collect(p.Captures(ctx, "9d79b9ba-efa3-4e6d-bc08-407b545875a1"))
	require.NoError(t, err)
	require.Len(t, got, 1)
	x := got[0]
	assert.Equal(t, "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10", x.ID)
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", x.TaskID)
	assert.Equal(t, tasking.CapturePublished, x.Status)
	assert.Equal(t, time.Date(2025, 6, 4, 10, 21, 10, 0, time.UTC), x.AcquiredAt)
	assert.InDelta(t, 4, *x.CloudCover, 1e-9)
	assert.Equal(t, "SKYSAT", x.Satellite)
	q := m.last(t).URL.Query()
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", q.Get("order_id"))

	_, err = tasking.Collect(p.Captures(ctx, ".."))
	require.ErrorAs(t, err, new(*tasking.ValidationError))
}

func TestDeliveriesFixtures(t *testing.T) {
	c, m := newMock(t)
	m.reply(http.MethodGet, base+"delivery-tasks/", 200, fixture(t, "delivery_tasks.json"))
	m.reply(http.MethodGet, base+"deliveries/", 200, fixture(t, "deliveries.json"))
	tasks, err := tasking.Collect(c.DeliveryTasks.All(ctx, &planet.DeliveryTaskListOptions{OrderID: "9d79b9ba-efa3-4e6d-bc08-407b545875a1"}))
	require.NoError(t, err)
	require.Len(t, tasks, 1)
	assert.Equal(t, planet.DeliveryInProgress, tasks[0].Status)
	assert.Equal(t, tasking.StatusInProgress, tasks[0].Status.Neutral())
	assert.JSONEq(t, `{"ref": "pl:destinations/my-s3-destination-CKxV9io", "path_prefix": "planet-scenes"}`, string(tasks[0].Destination))
	assert.JSONEq(t, `{"delivery_count": 1}`, string(tasks[0].Unknown))
	assert.Equal(t, "9d79b9ba-efa3-4e6d-bc08-407b545875a1", m.last(t).URL.Query().Get("order_id"))

	ds, err := tasking.Collect(c.Deliveries.All(ctx, &planet.DeliveryListOptions{CaptureID: "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10"}))
	require.NoError(t, err)
	require.Len(t, ds, 2)
	assert.Equal(t, planet.DeliveryCompleted, ds[0].Status)
	assert.Equal(t, "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10", ds[0].CaptureID)
	assert.Equal(t, planet.DeliveryStatus("REDELIVERY_REQUESTED"), ds[1].Status, "an unknown status is kept")
	assert.False(t, ds[1].Status.Known())
	assert.Equal(t, tasking.StatusUnknown, ds[1].Status.Neutral())
	assert.Equal(t, "e5c9a0f4-1f53-4a3e-9f3c-3c7d3b0b9a10", m.last(t).URL.Query().Get("capture_id"))
}

func TestDeliveriesOnSimulator(t *testing.T) {
	_, c := newSim(t)
	p := c.Provider(planet.ProviderDefaults{})
	task, err := p.Submit(ctx, &tasking.Request{Name: "d", Geometry: orb.Point{1, 2}, Start: t0, End: t0.AddDate(0, 0, 7)})
	require.NoError(t, err)
	page, err := c.DeliveryTasks.List(ctx, &planet.DeliveryTaskListOptions{OrderID: task.ID})
	require.NoError(t, err)
	require.Len(t, page.Results, 1)
	assert.Equal(t, planet.DeliveryPending, page.Results[0].Status)

	_, err = tasking.WaitTask(ctx, p, task.ID, fast)
	require.NoError(t, err)
	_, err = c.Orders.Get(ctx, task.ID) // one more step: the delivery completes
	require.NoError(t, err)
	page, err = c.DeliveryTasks.List(ctx, &planet.DeliveryTaskListOptions{OrderID: task.ID})
	require.NoError(t, err)
	assert.Equal(t, planet.DeliveryCompleted, page.Results[0].Status)

	caps, err := tasking.Collect(p.Captures(ctx, task.ID))
	require.NoError(t, err)
	require.Len(t, caps, 1)
	ds, err := tasking.Collect(c.Deliveries.All(ctx, &planet.DeliveryListOptions{CaptureID: caps[0].ID}))
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, planet.DeliveryCompleted, ds[0].Status)
	assert.Equal(t, page.Results[0].ID, ds[0].DeliveryTaskID)
	assert.Equal(t, task.ID, ds[0].OrderID)
}

func assertNoFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is left behind")
}

func headerValues(h http.Header) []string {
	var out []string
	for _, vs := range h {
		out = append(out, vs...)
	}
	return out
}

func TestAssetsMalformedAnswers(t *testing.T) {
	u := dataBase + "item-types/SkySatCollect/items/s1/assets/"
	for name, body := range map[string]string{
		"null":          `null`,
		"array":         `[]`,
		"wrong type":    `{"ortho_visual": {"type": "ortho_visual", "status": 3}}`,
		"asset not obj": `{"ortho_visual": "active"}`,
		"bad time":      `{"ortho_visual": {"type": "ortho_visual", "expires_at": 12}}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, m := newMock(t)
			m.reply(http.MethodGet, u, 200, []byte(body))
			_, err := c.Assets.List(ctx, "SkySatCollect", "s1")
			var de *tasking.DecodeError
			require.ErrorAs(t, err, &de, "%v", err)
		})
	}
	c, m := newMock(t)
	m.reply(http.MethodGet, u, 200, []byte(`{}`))
	list, err := c.Assets.List(ctx, "SkySatCollect", "s1")
	require.NoError(t, err, "an item with no assets")
	assert.Empty(t, list)
}

func TestSimulatorDataAPIErrors(t *testing.T) {
	srv, c := newSim(t)
	_, err := c.Assets.List(ctx, "SkySatCollect", "s999")
	var apiErr *tasking.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "Item not found")
	assert.JSONEq(t, `{"general": [{"message": "Item not found: SkySatCollect/s999"}], "field": {}}`, string(apiErr.Body))

	// Unauthenticated Data API calls are refused like tasking ones.
	resp, err := http.Get(strings.TrimSuffix(srv.URL, planettest.BasePath) + planettest.DataPath + "item-types/SkySatCollect/items/s1/assets/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}
