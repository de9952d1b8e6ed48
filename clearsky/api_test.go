package clearsky_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

func TestModelsList(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/models", capture(&log, 200, fixture(t, "models.json")))

	ms, err := c.Models.List(ctx)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assert.Equal(t, http.MethodGet, log[0].Method)
	assert.Empty(t, log[0].Query)
	assertHeaders(t, log[0], false)

	require.Len(t, ms, 4)
	assert.Equal(t, clearsky.ModelStratus2, ms[0].Model)
	assert.Equal(t, clearsky.ModelStratus2.RequiredConstellations(), ms[0].Required())
	fast := ms[1]
	assert.Equal(t, []clearsky.SatelliteConstellation{clearsky.ConstellationSentinel1, clearsky.ConstellationSentinel2}, fast.Required())
	assert.True(t, fast.Supports(clearsky.ConstellationLandsat89))
	assert.NoError(t, fast.CheckConstellations([]clearsky.SatelliteConstellation{"Sentinel1", "Sentinel2"}))
	assert.NoError(t, fast.CheckConstellations([]clearsky.SatelliteConstellation{"Sentinel1", "Sentinel2", "Landsat89"}))
	var ve *tasking.ValidationError
	require.ErrorAs(t, fast.CheckConstellations([]clearsky.SatelliteConstellation{"Sentinel1"}), &ve)
	assert.Equal(t, "SatelliteConstellations", ve.Field)
	require.ErrorAs(t, ms[0].CheckConstellations([]clearsky.SatelliteConstellation{"Sentinel1", "Sentinel2", "Landsat89", "Sentinel3"}), &ve)
	assert.Equal(t, "SatelliteConstellations[3]", ve.Field)

	// Values this version does not know are kept.
	assert.Equal(t, clearsky.Model("Nimbus"), ms[3].Model)
	assert.False(t, ms[3].Model.Known())
	assert.Equal(t, clearsky.SatelliteConstellation("Sentinel3"), ms[3].SupportedSatelliteConstellations[1].SatelliteConstellation)
}

func TestTilesSearchByGeometry(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/search/tiles", capture(&log, 200, fixture(t, "search_tiles.json")))

	area := orb.Polygon{{{10.02, 55.71}, {10.31, 55.71}, {10.31, 55.52}, {10.02, 55.52}, {10.02, 55.71}}}
	res, err := c.Tiles.Search(ctx, clearsky.TilesIntersecting(area))
	require.NoError(t, err)
	require.Len(t, log, 1)
	assertHeaders(t, log[0], true)
	assert.JSONEq(t, string(fixture(t, "search_tiles_request.json")), string(log[0].Body))

	require.Len(t, res.Tiles, 2)
	assert.Equal(t, "5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13", res.Tiles[0].GUID)
	assert.False(t, res.Tiles[0].MiniTile)
	assert.Equal(t, clearsky.EPSG(32632), res.Tiles[0].EPSG)
	require.NotNil(t, res.Tiles[0].DataGeogWKT.Geometry)
	assert.Equal(t, "Polygon", res.Tiles[0].DataGeogWKT.Geometry.GeoJSONType())
	assert.Equal(t, []string{"5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"}, res.TileGUIDs())
	assert.Equal(t, []string{"c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"}, res.MiniTileGUIDs())
}

func TestTilesSearchSelectorsAndLenientDecoding(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/search/tiles", capture(&log, 200, fixture(t, "search_minitiles.json")))

	const tile = "5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"
	const mini = "c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"
	queries := []struct {
		q    clearsky.TileQuery
		body string
	}{
		{clearsky.TilesByGUID(tile), `{"TileGuids":["` + tile + `"]}`},
		{clearsky.MiniTilesByGUID(mini), `{"MiniTileGuids":["` + mini + `"]}`},
		{clearsky.MiniTilesInTile(tile), `{"TileGuidForMiniTiles":"` + tile + `"}`},
		{clearsky.TilesIntersectingGeoJSON(field()), `{"GeoJson":{"type":"Polygon","coordinates":[[[10.1,55.6],[10.16,55.6],[10.16,55.64],[10.1,55.64],[10.1,55.6]]]}}`},
	}
	for i, q := range queries {
		res, err := c.Tiles.Search(ctx, q.q)
		require.NoError(t, err)
		assert.JSONEq(t, q.body, string(log[i].Body))

		// Older camelCase answers, the tileGuid name, numeric and prefixed
		// EPSG codes, and an unreadable footprint all decode.
		require.Len(t, res.Tiles, 2)
		assert.Equal(t, mini, res.Tiles[0].GUID)
		assert.Equal(t, clearsky.EPSG(32633), res.Tiles[0].EPSG)
		assert.NotNil(t, res.Tiles[0].DataGeogWKT.Geometry)
		assert.Equal(t, clearsky.EPSG(32633), res.Tiles[1].EPSG)
		assert.Nil(t, res.Tiles[1].DataGeogWKT.Geometry)
		assert.Equal(t, "not wkt at all", res.Tiles[1].DataGeogWKT.Text)
		assert.Equal(t, []string{mini, "d1b2c3e4-0000-4a8e-9c61-2f7a0b9d4e13", "e5f6a7b8-1111-4a8e-9c61-2f7a0b9d4e13"}, res.MiniTileGUIDs())
		assert.Empty(t, res.TileGUIDs())
	}
}

func TestOrdersEstimate(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/estimate", capture(&log, 200, fixture(t, "estimate.json")))

	req := validRequest()
	req.AOI = clearsky.Polygon(exampleAOI(t))
	est, err := c.Orders.Estimate(ctx, req, nil)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assertHeaders(t, log[0], true)
	assert.JSONEq(t, string(fixture(t, "estimate_request.json")), string(log[0].Body))

	assert.Equal(t, 2, est.StorageMonths)
	assert.Equal(t, 3, est.APIRequests)
	assert.Equal(t, clearsky.ModelStratus2, est.Model)
	assert.Equal(t, clearsky.NewDate(2025, time.September, 30), est.CancellationDate)
	assert.Equal(t, 20.84, est.AreaKm2)
	assert.Equal(t, 20.61, est.AreaKm2BeforeMinimum)
	assert.Equal(t, 4.1704, est.CurrentMonthCost)
	assert.Equal(t, 4.1704, est.NextMonthCost)
	require.NotNil(t, est.Costs)
	assert.Equal(t, "EUR", est.Costs.CurrencyCode)
	assert.Equal(t, 4.17, est.Costs.CurrentMonthOrderCostEstimate)
	assert.Equal(t, 0.0004, est.Costs.NextMonthStorageCosts)
	require.NotNil(t, est.UsageUnits)
	assert.Equal(t, 20.84, est.UsageUnits.NextMonthOrderUsageUnitsEstimate)
	assert.Empty(t, est.Tiles)
	require.NotNil(t, est.AreasOfInterestWKT.Geometry)
	assert.Equal(t, "GeometryCollection", est.AreasOfInterestWKT.Geometry.GeoJSONType())
	require.Len(t, est.ImageDates, 6)
	assert.Equal(t, clearsky.NewDate(2025, time.September, 3), est.ImageDates[0])
	assert.Nil(t, est.Unknown, "every member is known")
	assert.Nil(t, est.CurrentMonthCosts)
	amount, cur, ok := est.Total()
	assert.True(t, ok)
	assert.Equal(t, 4.1704, amount)
	assert.Equal(t, "EUR", cur)

	// SimulatedEuroUsage is sent on estimates.
	usage := 250.0
	_, err = c.Orders.Estimate(ctx, req, &clearsky.EstimateOptions{SimulatedEuroUsage: &usage})
	require.NoError(t, err)
	assert.Equal(t, 250.0, jsonMap(t, log[1].Body)["SimulatedEuroUsage"])
}

func TestOrdersEstimateNewerShape(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/estimate", capture(&log, 200, fixture(t, "estimate_newer.json")))

	est, err := c.Orders.Estimate(ctx, validRequest(), nil)
	require.NoError(t, err)
	assert.Equal(t, clearsky.NewDate(2025, time.October, 31), est.CancellationDate, "a timestamp is read as its date")
	require.NotNil(t, est.CurrentMonthCosts)
	v, ok := est.CurrentMonthCosts.Total()
	assert.True(t, ok)
	assert.Equal(t, 2.25, v, "a total sent as a string is read")
	require.NotNil(t, est.RecurringCostsEstimate)
	assert.Equal(t, 2.25, *est.RecurringCostsEstimate.TotalCost)
	assert.JSONEq(t, `{"PricingTier":{"Name":"Starter","Discount":0}}`, string(est.Unknown), "unknown members are kept")
	amount, cur, ok := est.Total()
	assert.True(t, ok)
	assert.Equal(t, 2.25, amount)
	assert.Equal(t, "EUR", cur)
}

func TestOrdersCreate(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders", capture(&log, 200, fixture(t, "create.json")))

	req := &clearsky.OrderRequest{
		AOI: clearsky.TilesAndMiniTiles([]string{"5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"},
			[]string{"c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"}).Deduplicated(),
		SatelliteConstellations: []clearsky.SatelliteConstellation{"Sentinel1", "Sentinel2", "Landsat89"},
		Model:                   clearsky.ModelStratus2,
		StorageMonths:           1,
		APIRequests:             1,
		ImageFrequency:          7,
		ReferenceDate:           clearsky.MustParseDate("2025-01-01"),
		From:                    clearsky.MustParseDate("2025-03-01"),
		To:                      datePtr("2025-05-31"),
	}
	o, err := c.Orders.Create(ctx, req, nil)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assertHeaders(t, log[0], true)
	assert.Empty(t, log[0].Query)
	assert.JSONEq(t, string(fixture(t, "create_request.json")), string(log[0].Body))

	assert.Equal(t, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", o.TaskOrderGUID)
	assert.Equal(t, clearsky.StatusReview, o.OrderingProcessStatus)
	assert.Equal(t, tasking.StatusPlanning, o.OrderingProcessStatus.Neutral())
	assert.Equal(t, clearsky.BillingMonthly, o.BillingCycle)
	assert.Equal(t, 2631.68, o.TaskOrderAreaKm2)
	assert.Equal(t, clearsky.MustParseDate("2025-05-31"), *o.To)
	assert.False(t, o.Recurring())
	assert.Equal(t, clearsky.OrderTypeTile, o.Type())
	assert.Equal(t, []string{"5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"}, o.TileGUIDs())
	assert.Equal(t, []string{"c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"}, o.MiniTileGUIDs())
	assert.Zero(t, o.WKT)
	assert.True(t, o.CreatedDate.IsZero(), "CreatedDate is unconfirmed and absent here")
	assert.Nil(t, o.Unknown, "every member is known")

	// automaticOrderGuid goes in the query.
	_, err = c.Orders.Create(ctx, req, &clearsky.CreateOptions{AutomaticOrderGUID: "11111111-2222-4333-8444-555555555555"})
	require.NoError(t, err)
	assert.Equal(t, []string{"11111111-2222-4333-8444-555555555555"}, log[1].Query["automaticOrderGuid"])
}

func TestEstimateThenCreateSendsTheSamePayload(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/estimate", capture(&log, 200, fixture(t, "estimate.json")))
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders", capture(&log, 200, fixture(t, "create.json")))

	req := validRequest()
	req.AOI = clearsky.Tiles("5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13").Deduplicated()
	var accepted *clearsky.OrderEstimate
	est, o, err := c.Orders.EstimateThenCreate(ctx, req, nil, func(e *clearsky.OrderEstimate) error {
		accepted = e
		return nil
	})
	require.NoError(t, err)
	require.Len(t, log, 2)
	assert.Same(t, est, accepted)
	assert.Equal(t, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", o.TaskOrderGUID)
	assert.Equal(t, "/api/tasking/orders/estimate", log[0].Path)
	assert.Equal(t, "/api/tasking/orders", log[1].Path)
	estimated, created := jsonMap(t, log[0].Body), jsonMap(t, log[1].Body)
	assert.Equal(t, true, created["TileDeduplication"], "create adds TileDeduplication")
	assert.NotContains(t, estimated, "TileDeduplication", "the estimate schema has no TileDeduplication")
	delete(created, "TileDeduplication")
	assert.Equal(t, estimated, created, "create sends exactly the estimated payload")

	// A refusal orders nothing.
	log = nil
	est, o, err = c.Orders.EstimateThenCreate(ctx, req, nil, func(e *clearsky.OrderEstimate) error {
		return errors.New("over budget")
	})
	require.ErrorIs(t, err, clearsky.ErrEstimateDeclined)
	assert.ErrorContains(t, err, "over budget")
	assert.NotNil(t, est)
	assert.Nil(t, o)
	require.Len(t, log, 1)
	assert.Equal(t, "/api/tasking/orders/estimate", log[0].Path)
}

func TestOrdersList(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/orders", capture(&log, 200, fixture(t, "list.json")))

	l, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assertHeaders(t, log[0], false)
	assert.Equal(t, map[string][]string{"recurringOnly": {"false"}, "getExpired": {"false"}}, log[0].Query)
	require.Len(t, l.TaskOrders, 2)

	rec := l.TaskOrders[0]
	assert.Equal(t, clearsky.StatusUpToDate, rec.OrderingProcessStatus)
	assert.True(t, rec.Recurring())
	assert.Nil(t, rec.To)
	assert.Equal(t, clearsky.OrderTypePolygon, rec.Type())
	require.NotNil(t, rec.WKT.Geometry)
	assert.Equal(t, "GeometryCollection", rec.WKT.Geometry.GeoJSONType())
	assert.Equal(t, 5, rec.ImageFrequency)
	assert.Equal(t, 3, rec.APIRequests)

	hist := l.TaskOrders[1]
	assert.Equal(t, clearsky.BillingYearly, hist.BillingCycle)
	assert.Equal(t, time.Date(2025, 2, 27, 9, 15, 0, 123456700, time.UTC), hist.CreatedDate, "a zone-less .NET timestamp is read as UTC")

	_, err = c.Orders.List(ctx, &clearsky.OrderListOptions{RecurringOnly: true, GetExpired: true})
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"recurringOnly": {"true"}, "getExpired": {"true"}}, log[1].Query)

	all, err := tasking.Collect(c.Orders.All(ctx, &clearsky.OrderListOptions{RecurringOnly: true}))
	require.NoError(t, err)
	assert.Len(t, all, 2)
	assert.Len(t, log, 3, "the list has no pages: All makes one request")
}

func TestOrdersDetailsAndGet(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", capture(&log, 200, fixture(t, "details.json")))

	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	orders, err := c.Orders.Details(ctx, id)
	require.NoError(t, err)
	require.Len(t, log, 1)
	assertHeaders(t, log[0], true)
	assert.JSONEq(t, string(fixture(t, "details_request.json")), string(log[0].Body))
	require.Len(t, orders, 1)
	o := orders[0]
	assert.Equal(t, clearsky.StatusAwaitingSatelliteProducts, o.OrderingProcessStatus)
	require.Len(t, o.Tiles, 1)
	assert.Equal(t, "5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13", o.Tiles[0].GUID, "tile objects decode")
	assert.NotNil(t, o.Tiles[0].WKT.Geometry)
	assert.Equal(t, []string{"c4a1f9e0-3b6d-4f27-8e55-91d2a7c0b6f8"}, o.MiniTileGUIDs())
	assert.Equal(t, time.Date(2025, 2, 27, 9, 15, 0, 0, time.UTC), o.CreatedDate)

	got, err := c.Orders.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, got.TaskOrderGUID)
	assert.Len(t, log, 2)

	// An id the account does not have.
	_, err = c.Orders.Get(ctx, "9f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70")
	require.ErrorIs(t, err, tasking.ErrNotFound)
	var nf *clearsky.OrderNotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "9f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", nf.GUID)
}

func TestOrdersGetFallsBackToTheList(t *testing.T) {
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	for name, status := range map[string]int{"405": http.StatusMethodNotAllowed, "bare 404": http.StatusNotFound} {
		t.Run(name, func(t *testing.T) {
			c, mt := mockClient(t)
			var log []seen
			mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", capture(&log, status, nil))
			mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/orders", capture(&log, 200, fixture(t, "list.json")))
			o, err := c.Orders.Get(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, clearsky.StatusCompleted, o.OrderingProcessStatus)
			require.Len(t, log, 2)
			assert.Equal(t, []string{"true"}, log[1].Query["getExpired"], "the fallback includes expired orders")
		})
	}

	// A 404 in ClearSKY's envelope is an answer about the order: no fallback.
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details",
		capture(&log, 404, []byte(`{"Succeeded":false,"Error":{"Message":"Task order not found.","Code":0},"Data":null}`)))
	_, err := c.Orders.Get(ctx, id)
	require.ErrorIs(t, err, tasking.ErrNotFound)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Task order not found.", ae.Message)
	assert.Empty(t, ae.Code, "code 0 means none")
	assert.Len(t, log, 1)
}

func TestOrdersCancel(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70" // the order details.json holds
	mt.RegisterResponder(http.MethodDelete, apiBase+"api/tasking/orders/cancel", capture(&log, 200, fixture(t, "cancel.json")))
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", capture(&log, 200, fixture(t, "details.json")))
	o, err := c.Orders.Cancel(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, o, "Cancel returns the order as it stands")
	assert.Equal(t, id, o.TaskOrderGUID)
	require.Len(t, log, 2, "the cancel, then the order read back")
	assertHeaders(t, log[0], false)
	assert.Equal(t, http.MethodDelete, log[0].Method)
	assert.Equal(t, map[string][]string{"taskOrderGuid": {id}}, log[0].Query)
	assert.Equal(t, http.MethodPost, log[1].Method)

	// An empty 200 is a success too (the answer's body is unconfirmed).
	mt.RegisterResponder(http.MethodDelete, apiBase+"api/tasking/orders/cancel", capture(&log, 200, nil))
	o, err = c.Orders.Cancel(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, o.TaskOrderGUID)

	// When the read-back fails, the error says the cancel went through.
	_, err = c.Orders.Cancel(ctx, "7e3a9c15-2d84-4b6f-b0e1-5a9c7d2f8e46")
	assert.ErrorIs(t, err, tasking.ErrNotFound)
	assert.Contains(t, err.Error(), "was cancelled; reading it back")
}

func TestWaitFollowsDetailsToTerminal(t *testing.T) {
	c, mt := mockClient(t)
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	steps := []clearsky.OrderingProcessStatus{clearsky.StatusReview, clearsky.StatusPreparing, clearsky.StatusPreparing,
		clearsky.StatusAwaitingSatelliteProducts, clearsky.StatusProcessing, clearsky.StatusPredicting, clearsky.StatusCompleted}
	n := 0
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", func(r *http.Request) (*http.Response, error) {
		st := steps[min(n, len(steps)-1)]
		n++
		return respondJSON(200, `{"Succeeded":true,"Error":null,"Data":{"TaskOrders":[{"TaskOrderGuid":"`+id+`","OrderingProcessStatus":"`+string(st)+`"}]}}`), nil
	})
	var changes []string
	unexpected := 0
	o, err := c.Orders.Wait(ctx, id, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond,
		OnChange:     func(_, next tasking.StatusEvent) { changes = append(changes, next.Raw+"="+next.Status.String()) },
		OnUnexpected: func(_, _ tasking.StatusEvent) { unexpected++ }})
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCompleted, o.OrderingProcessStatus)
	assert.Equal(t, []string{"Review=planning", "Preparing=scheduled", "AwaitingSatelliteProducts=scheduled",
		"Processing=in_progress", "Predicting=in_progress", "Completed=completed"}, changes)
	assert.Zero(t, unexpected, "the path follows OrderLifecycle")
	assert.Equal(t, len(steps), n)
}

func TestWaitCanStopAtUpToDate(t *testing.T) {
	c, mt := mockClient(t)
	const id = "7e3a9c15-2d84-4b6f-b0e1-5a9c7d2f8e46"
	steps := []clearsky.OrderingProcessStatus{clearsky.StatusPreparing, clearsky.StatusProcessingPredicting, clearsky.StatusUpToDate}
	var n atomic.Int32
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", func(r *http.Request) (*http.Response, error) {
		st := steps[min(int(n.Add(1))-1, len(steps)-1)]
		return respondJSON(200, `{"Succeeded":true,"Data":{"TaskOrders":[{"TaskOrderGuid":"`+id+`","OrderingProcessStatus":"`+string(st)+`","To":null}]}}`), nil
	})
	o, err := c.Orders.Wait(ctx, id, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, Until: clearsky.UntilUpToDate})
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusUpToDate, o.OrderingProcessStatus)
	assert.True(t, o.Recurring())

	// Without Until, UpToDate is not the end: Wait keeps polling until the
	// context says stop.
	short, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	n.Store(0)
	o, err = c.Orders.Wait(short, id, &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, clearsky.StatusUpToDate, o.OrderingProcessStatus)
	assert.Greater(t, int(n.Load()), len(steps))
}

func TestOrderRoundTrip(t *testing.T) {
	c, mt := mockClient(t)
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", capture(new([]seen), 200, fixture(t, "details.json")))
	orders, err := c.Orders.Details(ctx, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70")
	require.NoError(t, err)
	o := orders[0]
	b, err := json.Marshal(o)
	require.NoError(t, err)
	m := jsonMap(t, b)
	assert.Equal(t, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", m["TaskOrderGuid"])
	assert.Equal(t, "2025-05-31", m["To"])
	assert.Equal(t, "2025-02-27T09:15:00Z", m["CreatedDate"])
	assert.Nil(t, m["Wkt"], "a tile order has no Wkt")
	assert.NotContains(t, m, "Geometry")
	assert.NotContains(t, m, "Unknown")
	var back clearsky.Order
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, o.TaskOrderGUID, back.TaskOrderGUID)
	assert.Equal(t, o.Tiles[0].GUID, back.Tiles[0].GUID)
	assert.Equal(t, o.Tiles[0].WKT, back.Tiles[0].WKT)
	assert.Equal(t, o.CreatedDate, back.CreatedDate)
	assert.Equal(t, o.To, back.To)

	// A Go-built order writes its geometry as Wkt and plain tile ids.
	built := clearsky.Order{TaskOrderGUID: "x", WKT: clearsky.WKT{Geometry: field()}, Tiles: []clearsky.TileRef{{GUID: "t"}}}
	b, err = json.Marshal(built)
	require.NoError(t, err)
	m = jsonMap(t, b)
	assert.Equal(t, "POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6))", m["Wkt"])
	assert.Equal(t, []any{"t"}, m["Tiles"])
	assert.Nil(t, m["To"])
	assert.NotContains(t, m, "CreatedDate")
	b, err = json.Marshal(clearsky.TileRef{GUID: "g", WKT: clearsky.NewWKT(field())})
	require.NoError(t, err)
	assert.JSONEq(t, `{"Guid":"g","Wkt":"POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6))"}`, string(b))
}

// TestUnknownMembersAreKept checks forward compatibility: members the SDK
// does not know are kept in Unknown as received and written back out, and
// the neutral task's Raw is the order itself.
func TestUnknownMembersAreKept(t *testing.T) {
	c, mt := mockClient(t)
	body := `{"Succeeded":true,"Error":null,"TraceId":"abc","Data":{"TaskOrders":[{"TaskOrderGuid":"7e3a9c15-2d84-4b6f-b0e1-5a9c7d2f8e46",` +
		`"OrderingProcessStatus":"Archived","Priority":{"Level":2},"Wkt":"POLYGON((10.1 55.6,10.16 55.6,10.16 55.64,10.1 55.64,10.1 55.6))",` +
		`"Notes":["a","b"]}]}}`
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", capture(new([]seen), 200, []byte(body)))
	task, err := c.Provider(clearsky.ProviderDefaults{}).Task(ctx, "7e3a9c15-2d84-4b6f-b0e1-5a9c7d2f8e46")
	require.NoError(t, err)
	o, ok := task.Raw.(*clearsky.Order)
	require.True(t, ok, "Raw is the *clearsky.Order")
	assert.Equal(t, clearsky.OrderingProcessStatus("Archived"), o.OrderingProcessStatus)
	assert.Equal(t, tasking.StatusUnknown, task.Status)
	assert.JSONEq(t, `{"Priority":{"Level":2},"Notes":["a","b"]}`, string(o.Unknown))
	require.NotNil(t, task.Geometry)
	b, err := json.Marshal(o)
	require.NoError(t, err)
	m := jsonMap(t, b)
	assert.Equal(t, map[string]any{"Level": float64(2)}, m["Priority"])
	assert.Equal(t, []any{"a", "b"}, m["Notes"])
}

// TestWrongTypesAreDecodeErrors checks the strictness rule: a member of the
// wrong JSON type is a *tasking.DecodeError naming its JSON path, except
// where the API is documented to drift (Epsg, Error.Code, the newer cost
// objects).
func TestWrongTypesAreDecodeErrors(t *testing.T) {
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	for _, tc := range []struct{ name, order, path string }{
		{"number as a string", `"ImageFrequency":"7"`, "/Data/TaskOrders/0/ImageFrequency"},
		{"status as a number", `"OrderingProcessStatus":3`, "/Data/TaskOrders/0/OrderingProcessStatus"},
		{"date as a number", `"From":20250301`, "/Data/TaskOrders/0/From"},
		{"malformed date", `"To":"31.05.2025"`, "/Data/TaskOrders/0/To"},
		{"Wkt as an object", `"Wkt":{"type":"Polygon"}`, "/Data/TaskOrders/0/Wkt"},
		{"tile as a number", `"Tiles":["5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13",7]`, "/Data/TaskOrders/0/Tiles/1"},
		{"time as a number", `"CreatedDate":1740647700`, "/Data/TaskOrders/0/CreatedDate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := mockClient(t)
			body := `{"Succeeded":true,"Data":{"TaskOrders":[{"TaskOrderGuid":"` + id + `",` + tc.order + `}]}}`
			var log []seen
			mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/details", capture(&log, 200, []byte(body)))
			_, err := c.Orders.Get(ctx, id)
			var de *tasking.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, err.Error(), tc.path)
			assert.Len(t, log, 1, "a malformed answer is not retried")
		})
	}

	// Documented drift decodes.
	c, mt := mockClient(t)
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/search/tiles", capture(new([]seen), 200,
		[]byte(`{"Succeeded":true,"Data":{"Tiles":[{"Guid":"a","Epsg":"32632"},{"Guid":"b","Epsg":32633.0},{"Guid":"c","Epsg":null}]}}`)))
	res, err := c.Tiles.Search(ctx, clearsky.TilesByGUID(id))
	require.NoError(t, err)
	assert.Equal(t, []clearsky.EPSG{32632, 32633, 0}, []clearsky.EPSG{res.Tiles[0].EPSG, res.Tiles[1].EPSG, res.Tiles[2].EPSG})
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/search/tiles", capture(new([]seen), 200,
		[]byte(`{"Succeeded":true,"Data":{"Tiles":[{"Guid":"a","Epsg":[32632]}]}}`)))
	_, err = c.Tiles.Search(ctx, clearsky.TilesByGUID(id))
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de, "an EPSG code of another type is not drift")
	assert.Contains(t, err.Error(), "/Data/Tiles/0/Epsg")
}
