package clearsky_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deliveredOrder places the contract's April 2025 order (weekly from April
// 1st) through the adapter and waits until it is produced.
func deliveredOrder(t *testing.T, c *clearsky.Client, d clearsky.ProviderDefaults) (*clearsky.Adapter, *tasking.Task) {
	t.Helper()
	a := c.Provider(d)
	task, err := a.Submit(ctx, contractRequest()())
	require.NoError(t, err)
	task, err = tasking.WaitTask(ctx, a, task.ID, fastWait())
	require.NoError(t, err)
	require.Equal(t, "Completed", task.RawStatus)
	return a, task
}

// storageLog waits until the simulator has logged n downloads (a handler
// logs its request once it has returned, which may be just after the client
// has read the last byte) and returns them.
func storageLog(t *testing.T, s *clearskytest.Server, n int) []clearskytest.StorageRequest {
	t.Helper()
	require.Eventually(t, func() bool { return len(s.StorageRequests()) >= n }, 5*time.Second, time.Millisecond)
	log := s.StorageRequests()
	require.Len(t, log, n)
	return log
}

func captures(t *testing.T, a *clearsky.Adapter, id string) []*tasking.Capture {
	t.Helper()
	var out []*tasking.Capture
	for c, err := range a.Captures(ctx, id) {
		require.NoError(t, err)
		out = append(out, c)
	}
	return out
}

func firstAsset(t *testing.T, a *clearsky.Adapter, id string) *tasking.Asset {
	t.Helper()
	cs := captures(t, a, id)
	require.NotEmpty(t, cs)
	assets, err := a.Assets(ctx, cs[0])
	require.NoError(t, err)
	require.Len(t, assets, 1)
	return assets[0]
}

func TestDeliverEndToEnd(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})

	cs := captures(t, a, task.ID)
	require.Len(t, cs, 5, "weekly over April: 1, 8, 15, 22, 29")
	for i, day := range []int{1, 8, 15, 22, 29} {
		cp := cs[i]
		date := clearsky.NewDate(2025, time.April, day)
		assert.Equal(t, task.ID+"_"+date.String(), cp.ID)
		assert.Equal(t, clearsky.OrderImageID(task.ID, date), cp.ID)
		assert.Equal(t, task.ID, cp.TaskID)
		assert.Equal(t, "clearsky", cp.Provider)
		assert.Equal(t, tasking.CapturePublished, cp.Status)
		assert.Equal(t, date.Time(), cp.AcquiredAt)
		assert.Equal(t, "Sentinel1+Sentinel2+Landsat89", cp.Satellite)
		assert.InDelta(t, geo.AreaKm2(field()), geo.AreaKm2(cp.Footprint), 0.001)
		require.IsType(t, &clearsky.OrderImage{}, cp.Raw)
		assert.Equal(t, date, cp.Raw.(*clearsky.OrderImage).Date)
	}
	guid, d, err := clearsky.ParseOrderImageID(cs[2].ID)
	require.NoError(t, err)
	assert.Equal(t, task.ID, guid)
	assert.Equal(t, "2025-04-15", d.String())

	assets, err := a.Assets(ctx, cs[0])
	require.NoError(t, err)
	require.Len(t, assets, 1)
	asset := assets[0]
	assert.Equal(t, "composite_2025-04-01.tif", asset.Name)
	assert.Equal(t, cs[0].ID, asset.CaptureID)
	assert.Equal(t, "image/tiff", asset.MediaType)
	assert.Zero(t, asset.Size, "ClearSKY announces no size")
	assert.True(t, asset.Checksum.IsZero(), "ClearSKY gives no checksum")
	assert.Equal(t, 0, len(s.StorageRequests()), "Assets downloads nothing")
	assert.Zero(t, s.CreditsSpent())

	est, err := c.Images.EstimateComposite(ctx, asset.Raw.(*clearsky.CompositeRequest))
	require.NoError(t, err)
	assert.Equal(t, clearsky.CreditUnit, est.Price().Unit)

	path := filepath.Join(t.TempDir(), asset.Name)
	got, err := tasking.Download(ctx, asset, path, nil)
	require.NoError(t, err)
	assert.Equal(t, "size", got.Verified, "checked against the Content-Length")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("II*\x00")), "a TIFF")
	assert.GreaterOrEqual(t, len(b), clearskytest.MinFileSize)
	assert.LessOrEqual(t, len(b), clearskytest.MaxFileSize)
	assert.InDelta(t, est.CreditEstimate, s.CreditsSpent(), 1e-9, "the estimate tells the cost first")

	log := storageLog(t, s, 1)
	assert.Equal(t, "POST", log[0].Method)
	assert.Equal(t, "/api/satelliteimages/process/composite", log[0].Path)
	assert.Equal(t, int64(len(b)), log[0].Sent)
	assert.Equal(t, s.URL, s.StorageURL(), "ClearSKY has no storage host")

	// The same request gives the same bytes.
	again, err := tasking.Download(ctx, asset, filepath.Join(t.TempDir(), "again.tif"), nil)
	require.NoError(t, err)
	b2, _ := os.ReadFile(again.Path)
	assert.Equal(t, b, b2)

	// A capture rebuilt from its id alone gives the same asset.
	assets, err = a.Assets(ctx, &tasking.Capture{ID: cs[0].ID})
	require.NoError(t, err)
	assert.Equal(t, asset.Name, assets[0].Name)
}

func TestDownloadResumeOptIn(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{ResumeDownloads: true})
	asset := firstAsset(t, a, task.ID)
	const half = 40000
	s.CutDownloads(1, half)
	got, err := tasking.Download(ctx, asset, filepath.Join(t.TempDir(), asset.Name), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, got.Resumes)
	log := storageLog(t, s, 2)
	assert.Empty(t, log[0].Range)
	assert.Equal(t, int64(half), log[0].Sent)
	assert.Equal(t, "bytes="+strconv.Itoa(half)+"-", log[1].Range)
	assert.Equal(t, http.StatusPartialContent, log[1].Status)
	assert.Equal(t, got.Size-half, log[1].Sent, "only the missing bytes")
	// The simulator charges every POST: the resume spent credits again.
	est, err := c.Images.EstimateComposite(ctx, asset.Raw.(*clearsky.CompositeRequest))
	require.NoError(t, err)
	assert.InDelta(t, 2*est.CreditEstimate, s.CreditsSpent(), 1e-9)
}

func TestDownloadNoResumeByDefault(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})
	asset := firstAsset(t, a, task.ID)
	s.CutDownloads(1, 40000)
	path := filepath.Join(t.TempDir(), asset.Name)
	_, err := tasking.Download(ctx, asset, path, nil)
	require.ErrorIs(t, err, clearsky.ErrResumeRefused)
	assert.Contains(t, err.Error(), "download it again to start over")
	storageLog(t, s, 1) // not POSTed again
	_, err = os.Stat(path + ".part")
	assert.True(t, os.IsNotExist(err), "no checksum: the partial file could not be taken up again, so it is removed")
	_, err = os.Stat(path)
	assert.True(t, os.IsNotExist(err))
}

func TestDownloadIntegrity(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})
	asset := firstAsset(t, a, task.ID)
	asset.Size = 12345 // what a caller may know; the answer's Content-Length says otherwise
	path := filepath.Join(t.TempDir(), asset.Name)
	_, err := tasking.Download(ctx, asset, path, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)
	for _, p := range []string{path, path + ".part"} {
		_, err := os.Stat(p)
		assert.True(t, os.IsNotExist(err), p)
	}
	storageLog(t, s, 1)
}

// ClearSKY serves files from the API host with the API key: there is no
// storage host to keep the key from. Every download went to the API host's
// download endpoints, with the key (redacted in the log), and nowhere else.
func TestDownloadCredentials(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})
	var assets []*tasking.Asset
	for _, cp := range captures(t, a, task.ID)[:2] {
		as, err := a.Assets(ctx, cp)
		require.NoError(t, err)
		assets = append(assets, as...)
	}
	_, err := tasking.DownloadAll(ctx, assets, t.TempDir(), nil)
	require.NoError(t, err)
	log := storageLog(t, s, 2)
	for _, r := range log {
		assert.True(t, strings.HasPrefix(r.Path, "/api/satelliteimages/process/"), r.Path)
		assert.Equal(t, "[REDACTED]", r.Header.Get("x-api-key"))
		assert.Empty(t, r.Header.Get("Authorization"))
	}
	assert.Equal(t, s.URL, s.StorageURL())
}

func TestDownloadCancel(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{ResumeDownloads: true})
	asset := firstAsset(t, a, task.ID)
	// The cut holds the transfer open until the cancel has happened, so the
	// file cannot be whole before it.
	s.CutDownloads(1, 40000)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := tasking.Download(cctx, asset, filepath.Join(t.TempDir(), asset.Name), &tasking.DownloadOptions{
		Progress: func(p tasking.Progress) {
			if p.Done > 0 {
				cancel()
			}
		},
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.Len(t, storageLog(t, s, 1), 1, "not resumed after the cancel")
}

func TestDownloadRefusals(t *testing.T) {
	s, c := newSim(t)
	_, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})
	_ = task
	elsewhere := orb.Polygon{{{12.0, 55.6}, {12.05, 55.6}, {12.05, 55.64}, {12.0, 55.64}, {12.0, 55.6}}}

	// No order covers the area: 1006.
	asset, err := c.Images.Composite(&clearsky.CompositeRequest{AOI: elsewhere, Date: clearsky.NewDate(2025, 4, 1)}, nil)
	require.NoError(t, err)
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, tasking.ErrForbidden)
	code, ok := clearsky.ErrorCode(err)
	require.True(t, ok)
	assert.Equal(t, clearsky.CodeNotCovered, code)

	// A date off the order's cadence: not covered either.
	asset, err = c.Images.Composite(&clearsky.CompositeRequest{AOI: field(), Date: clearsky.NewDate(2025, 4, 2)}, nil)
	require.NoError(t, err)
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	code, _ = clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeNotCovered, code)

	// Covered by an order that has not produced the date yet: 1002.
	req := contractRequest()()
	req.Start, req.End = time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC)
	_, err = c.Provider(clearsky.ProviderDefaults{}).Submit(ctx, req)
	require.NoError(t, err)
	asset, err = c.Images.Composite(&clearsky.CompositeRequest{AOI: field(), Date: clearsky.NewDate(2025, 10, 1)}, nil)
	require.NoError(t, err)
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, tasking.ErrNotFound)
	code, _ = clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeNoImagery, code)
	av, err := c.Images.CompositeAvailable(ctx, &clearsky.CompositeRequest{AOI: field(), Date: clearsky.NewDate(2025, 10, 1)})
	require.NoError(t, err)
	assert.False(t, av.Ready())
	assert.True(t, av.OrdersCoverPolygon)

	assert.Zero(t, s.CreditsSpent(), "refusals cost nothing")
	// A refused download is not sent twice (a create: not retried on 400).
	for _, r := range storageLog(t, s, 3) {
		assert.Equal(t, http.StatusBadRequest, r.Status)
	}
}

func TestDownloadCredits(t *testing.T) {
	s, c := newSim(t, clearskytest.WithCredits(0.5))
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})
	asset := firstAsset(t, a, task.ID)
	_, err := tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, tasking.ErrForbidden)
	code, _ := clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeInsufficientProcessingUnits, code)
	assert.InDelta(t, 0.5, s.Credits(), 1e-9)
}

func TestTileDownloads(t *testing.T) {
	s, c := newSim(t)
	tile := clearskytest.TileAt(10.12, 55.61)
	mini := clearskytest.MiniTileAt(10.12, 55.61)
	r := historical()
	r.AOI = clearsky.TilesAndMiniTiles([]string{tile}, nil)
	o, err := c.Orders.Create(ctx, r, nil)
	require.NoError(t, err)
	_, err = c.Orders.Wait(ctx, o.TaskOrderGUID, fastWait())
	require.NoError(t, err)

	// The order's area is looked up from its cells.
	a := c.Provider(clearsky.ProviderDefaults{})
	cs := captures(t, a, o.TaskOrderGUID)
	require.NotEmpty(t, cs)
	date := cs[0].Raw.(*clearsky.OrderImage).Date

	for i, get := range []func(*clearsky.TileImageRequest, *clearsky.SourceOptions) (*tasking.Asset, error){c.Images.Tile, c.Images.MiniTile} {
		id := tile
		if i > 0 {
			id = mini
		}
		asset, err := get(&clearsky.TileImageRequest{GUID: id, Date: date, Level: 2}, nil)
		require.NoError(t, err)
		got, err := tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
		require.NoError(t, err)
		assert.Positive(t, got.Size)
	}
	log := storageLog(t, s, 2)
	assert.Equal(t, "/api/satelliteimages/process/tile", log[0].Path)
	assert.Equal(t, "/api/satelliteimages/process/minitile", log[1].Path)
	body := jsonMap(t, s.Requests()[len(s.Requests())-1].Body)
	assert.Equal(t, mini, body["MiniTileGuid"])
	assert.Equal(t, date.String()+"T00:00:00Z", body["Date"])
	assert.Equal(t, float64(2), body["Level"])

	// A GUID that is no grid cell: 404.
	asset, err := c.Images.Tile(&clearsky.TileImageRequest{GUID: "5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13", Date: date}, nil)
	require.NoError(t, err)
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	assert.ErrorIs(t, err, tasking.ErrNotFound)
}

func TestImagesValidation(t *testing.T) {
	c, mt := mockClient(t)
	var ve *tasking.ValidationError
	_, err := c.Images.Composite(&clearsky.CompositeRequest{Date: clearsky.NewDate(2025, 4, 1)}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Wkt", ve.Field)
	_, err = c.Images.Composite(&clearsky.CompositeRequest{AOI: field()}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Date", ve.Field)
	_, err = c.Images.CompositeAvailable(ctx, &clearsky.CompositeRequest{AOI: field(), Date: clearsky.NewDate(2025, 2, 30)})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Date", ve.Field)
	_, err = c.Images.EstimateComposite(ctx, &clearsky.CompositeRequest{AOI: field(), Resolution: -10})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Resolution", ve.Field)
	_, err = c.Images.Tile(&clearsky.TileImageRequest{GUID: "../x", Date: clearsky.NewDate(2025, 4, 1)}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "TileGuid", ve.Field)
	_, err = c.Images.MiniTile(&clearsky.TileImageRequest{GUID: "5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13", Date: clearsky.NewDate(2025, 4, 1), Level: 3}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Level", ve.Field)
	_, err = c.Images.SearchAvailable(ctx, &clearsky.AvailabilitySearch{AOI: field(), From: time.Now()})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Until", ve.Field)
	_, err = c.Images.SearchAvailable(ctx, &clearsky.AvailabilitySearch{AOI: field(), From: time.Now(), Until: time.Now().Add(-time.Hour), EndField: clearsky.EndTo})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "To", ve.Field)
	_, err = c.Images.SearchAvailable(ctx, &clearsky.AvailabilitySearch{AOI: field(), From: time.Now(), Until: time.Now(), Model: "Stratus-2"})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Model", ve.Field)
	a := c.Provider(clearsky.ProviderDefaults{})
	_, err = a.Assets(ctx, &tasking.Capture{ID: "not-an-image"})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, 0, mt.GetTotalCallCount(), "nothing sent")

	_, err = clearsky.New(testKey, clearsky.WithWindowEndField("End"))
	assert.Error(t, err)
}

// The digest's §9.9 example: the request the client sends and the answer
// it reads.
func TestCompositeAvailableExample(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/process/composite/available",
		capture(&log, http.StatusOK, fixture(t, "composite_available.json")))
	g, err := geo.ParseWKT("POLYGON((10.10 55.60, 10.16 55.60, 10.16 55.64, 10.10 55.64, 10.10 55.60))")
	require.NoError(t, err)
	av, err := c.Images.CompositeAvailable(ctx, &clearsky.CompositeRequest{
		AOI: g, Date: clearsky.NewDate(2025, 9, 13), UtmDataSelectionMode: clearsky.UtmCombined,
		SatelliteConstellations: clearsky.ModelStratus2.RequiredConstellations(), Model: clearsky.ModelStratus2,
		EpsgProjection: 32632, Bandnames: "all",
	})
	require.NoError(t, err)
	assert.True(t, av.Ready())
	assert.True(t, av.AnyImageWithinStorageMonths)
	assert.Nil(t, av.Unknown)

	require.Len(t, log, 1)
	assertHeaders(t, log[0], true)
	sent, want := jsonMap(t, log[0].Body), jsonMap(t, fixture(t, "composite_available_request.json"))
	for k, v := range want {
		switch k {
		case "GeoJson":
			assert.NotContains(t, sent, k, "only Wkt is sent")
		case "Wkt":
			sg, err := geo.ParseWKT(sent[k].(string))
			require.NoError(t, err)
			assert.Equal(t, g, sg)
		default:
			assert.Equal(t, v, sent[k], k)
		}
	}
	assert.Len(t, sent, len(want)-1, "nothing else: %v", sent)

	av.FullyAvailable = false
	assert.False(t, av.Ready())
	assert.Contains(t, (&clearsky.NotReadyError{Date: clearsky.NewDate(2025, 9, 13), Availability: av}).Error(), "FullyAvailable")
}

func TestSearchAvailableDecoding(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/search/available",
		capture(&log, http.StatusOK, fixture(t, "search_available.json")))
	from := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	a, err := c.Images.SearchAvailable(ctx, &clearsky.AvailabilitySearch{AOI: field(), From: from, Until: from.AddDate(0, 0, 29),
		Model: clearsky.ModelStratus2})
	require.NoError(t, err)
	m := a.ForModel(clearsky.ModelStratus2)
	require.NotNil(t, m)
	require.Len(t, m.DatesByGeog, 2)
	assert.NotNil(t, m.DatesByGeog[0].WKT.Geometry)
	assert.Equal(t, []clearsky.Date{clearsky.NewDate(2025, 9, 8), clearsky.NewDate(2025, 9, 13)}, m.CompleteDates(),
		"a date counts only when every piece has it")
	assert.Nil(t, a.ForModel(clearsky.ModelStratus2Fast))

	sent := jsonMap(t, log[0].Body)
	assert.Equal(t, "2025-09-01T00:00:00Z", sent["From"])
	assert.Equal(t, "2025-09-30T00:00:00Z", sent["Until"], "the vendor code's name, tried first")
	assert.NotContains(t, sent, "To")
	assert.Equal(t, "Stratus2", sent["Model"])
}

// The window end's name is UNCONFIRMED: a wrong guess fails clearly, in
// both ways it can go wrong.
func TestSearchAvailableEndField(t *testing.T) {
	from := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	q := func() *clearsky.AvailabilitySearch {
		return &clearsky.AvailabilitySearch{AOI: field(), From: from, Until: from.AddDate(0, 1, 0)}
	}

	// The API wants To and refuses a body without it.
	s := clearskytest.NewServer(clearskytest.WithNow(simNow), clearskytest.WithWindowEndField("To"))
	t.Cleanup(s.Close)
	_, err := s.Client().Images.SearchAvailable(ctx, q())
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	assert.Contains(t, err.Error(), `sent as "Until"`)
	assert.Contains(t, err.Error(), `try EndField "To"`)
	// Told so, the client sends To.
	_, err = s.Client(clearsky.WithWindowEndField(clearsky.EndTo)).Images.SearchAvailable(ctx, q())
	require.NoError(t, err)
	r := q()
	r.EndField = clearsky.EndTo
	_, err = s.Client().Images.SearchAvailable(ctx, r)
	require.NoError(t, err)
	assert.Contains(t, jsonMap(t, s.Requests()[len(s.Requests())-1].Body), "To")

	// The API ignores the end it does not know and answers later dates.
	c, mt := mockClient(t)
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/search/available", httpmock.NewStringResponder(http.StatusOK,
		`{"Succeeded":true,"Data":{"ModelImageDates":[{"Model":"Stratus2","DatesByGeog":[{"Wkt":null,"Dates":["2025-04-08","2025-06-03"]}]}]}}`))
	_, err = c.Images.SearchAvailable(ctx, q())
	require.ErrorIs(t, err, clearsky.ErrWindowEndIgnored)
	assert.Contains(t, err.Error(), "2025-06-03")
}

func TestDownloadAnswerNotAFile(t *testing.T) {
	c, mt := mockClient(t)
	asset, err := c.Images.Composite(&clearsky.CompositeRequest{AOI: field(), Date: clearsky.NewDate(2025, 4, 1)}, nil)
	require.NoError(t, err)

	// A failure with HTTP 200 is the error it says, not a file.
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/process/composite", httpmock.NewStringResponder(http.StatusOK,
		`{"Succeeded":false,"Error":{"Message":"Not covered by any order.","Code":1006},"Data":null}`))
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, tasking.ErrForbidden)
	assert.Contains(t, err.Error(), "Not covered")

	// Anything else that is not a TIFF.
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/process/composite", httpmock.NewStringResponder(http.StatusOK, "<html>"))
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, clearsky.ErrNotGeoTIFF)

	// A 4xx envelope is an API error; the download is not retried on 5xx.
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/process/composite", httpmock.NewStringResponder(http.StatusInternalServerError, ""))
	mt.ZeroCallCounters()
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "a download spends credits: not sent again after a 5xx")

	// The request body is the documented download body.
	var log []seen
	mt.RegisterResponder("POST", apiBase+"api/satelliteimages/process/composite", capture(&log, http.StatusBadRequest,
		[]byte(`{"Succeeded":false,"Error":{"Message":"Not enough processing units.","Code":994},"Data":null}`)))
	_, err = tasking.DownloadTo(ctx, asset, &bytes.Buffer{}, nil)
	require.ErrorIs(t, err, tasking.ErrForbidden)
	sent := jsonMap(t, log[0].Body)
	assert.Equal(t, "2025-04-01T00:00:00Z", sent["Date"])
	assert.Equal(t, false, sent["AutomaticOrderCreation"], "never orders by surprise")
	assert.Contains(t, sent, "Wkt")
	assert.NotContains(t, sent, "GeoJson")
	assert.Equal(t, testKey, log[0].Header.Get("x-api-key"), "files come from the API host, with the key")
	assert.Equal(t, "application/json", log[0].Header.Get("Content-Type"))
	assert.Equal(t, "*/*", log[0].Header.Get("Accept"))
}

func TestOpportunitiesCannotBeBooked(t *testing.T) {
	s, c := newSim(t)
	a := c.Provider(clearsky.ProviderDefaults{})
	req := contractRequest()()
	est, err := a.Estimate(ctx, req)
	require.NoError(t, err)
	require.Len(t, est.Opportunities, 5)
	for i, o := range est.Opportunities {
		assert.Equal(t, tasking.OpportunityProductionDate, o.Kind)
		assert.Equal(t, "Sentinel1+Sentinel2+Landsat89", o.Satellite)
		assert.Nil(t, o.Price, "ClearSKY prices the order (est.Price), not a date")
		assert.IsType(t, clearsky.Date{}, o.Raw)
		assert.False(t, o.Bookable(time.Now()))
		if i > 0 {
			assert.True(t, o.Start.After(est.Opportunities[i-1].Start))
		}
	}

	s.ResetRequests()
	req.Opportunity = est.Opportunities[0]
	_, err = a.Submit(ctx, req)
	require.ErrorIs(t, err, tasking.ErrUnsupported)

	other := *est.Opportunities[0]
	other.Provider, other.Kind = "planet", tasking.OpportunityPass
	req.Opportunity = &other
	_, err = a.Submit(ctx, req)
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Opportunity", ve.Field)

	expired := tasking.Opportunity{Provider: "clearsky", Kind: tasking.OpportunityPass, ExpiresAt: time.Now().Add(-time.Minute),
		Window: tasking.Window{Start: time.Now().Add(time.Hour), End: time.Now().Add(2 * time.Hour)}}
	req.Opportunity = &expired
	_, err = a.Submit(ctx, req)
	require.ErrorIs(t, err, tasking.ErrOpportunityExpired)

	pass := expired
	pass.ExpiresAt = time.Time{}
	req.Opportunity = &pass
	_, err = a.Submit(ctx, req)
	require.ErrorIs(t, err, tasking.ErrUnsupported, "ClearSKY books no passes")

	assert.Empty(t, s.Requests(), "nothing was sent")
	assert.Equal(t, 0, s.OrderCount())
}

func TestAssetsNotReady(t *testing.T) {
	s, c := newSim(t)
	a, task := deliveredOrder(t, c, clearsky.ProviderDefaults{})
	cs := captures(t, a, task.ID)
	img := *cs[0].Raw.(*clearsky.OrderImage)
	img.Date = clearsky.NewDate(2025, 4, 2) // off the cadence
	_, err := a.Assets(ctx, img.Neutral())
	var nr *clearsky.NotReadyError
	require.ErrorAs(t, err, &nr)
	assert.False(t, nr.Availability.OrdersCoverPolygon)
	assert.Empty(t, s.StorageRequests())

	// Rebuilt from an id whose date is not an image: not found.
	_, err = a.Assets(ctx, &tasking.Capture{ID: clearsky.OrderImageID(task.ID, img.Date)})
	assert.ErrorIs(t, err, tasking.ErrNotFound)
	assert.True(t, errors.Is(err, tasking.ErrNotFound))
}

// Dates that cover only part of the area come back in a second piece, so
// that they do not count as complete.
func TestSearchAvailablePieces(t *testing.T) {
	_, c := newSim(t)
	west := orb.Polygon{{{10.10, 55.60}, {10.13, 55.60}, {10.13, 55.64}, {10.10, 55.64}, {10.10, 55.60}}}
	whole := historical() // weekly (from the 2025-01-01 reference) over March to May 2025
	part := historical()
	part.AOI = clearsky.Polygon(west)
	part.ImageFrequency = 1
	for _, r := range []*clearsky.OrderRequest{whole, part} {
		o, err := c.Orders.Create(ctx, r, nil)
		require.NoError(t, err)
		_, err = c.Orders.Wait(ctx, o.TaskOrderGUID, fastWait())
		require.NoError(t, err)
	}
	from := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	a, err := c.Images.SearchAvailable(ctx, &clearsky.AvailabilitySearch{AOI: field(), From: from, Until: from.AddDate(0, 0, 13)})
	require.NoError(t, err)
	m := a.ForModel("")
	require.NotNil(t, m)
	require.Len(t, m.DatesByGeog, 2)
	assert.Len(t, m.DatesByGeog[1].Dates, 14, "the daily order's dates, on part of the area")
	assert.Equal(t, []clearsky.Date{clearsky.NewDate(2025, 4, 2), clearsky.NewDate(2025, 4, 9)}, m.CompleteDates(),
		"only the weekly order covers the whole area")

	// The west half alone is complete every day.
	a, err = c.Images.SearchAvailable(ctx, &clearsky.AvailabilitySearch{AOI: west, From: from, Until: from.AddDate(0, 0, 13)})
	require.NoError(t, err)
	assert.Len(t, a.ForModel(clearsky.ModelStratus2).CompleteDates(), 14)
}
