package clearsky_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simNow is the simulators' clock in these tests: mid-September 2025.
var simNow = time.Date(2025, 9, 15, 10, 0, 0, 0, time.UTC)

func newSim(t *testing.T, opts ...clearskytest.Option) (*clearskytest.Server, *clearsky.Client) {
	t.Helper()
	s := clearskytest.NewServer(append([]clearskytest.Option{clearskytest.WithNow(simNow)}, opts...)...)
	t.Cleanup(s.Close)
	return s, s.Client()
}

func fastWait() *tasking.WaitOptions {
	return &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 3 * time.Millisecond}
}

// historical is a fixed-window polygon order in the past (March–May 2025).
func historical() *clearsky.OrderRequest {
	r := validRequest()
	r.From = clearsky.MustParseDate("2025-03-01")
	r.To = datePtr("2025-05-31")
	r.ImageFrequency = 7
	return r
}

// watch records the raw statuses a Wait goes through and any move the
// lifecycle does not allow.
type watch struct {
	path       []clearsky.OrderingProcessStatus
	unexpected []string
}

func (w *watch) options(base *tasking.WaitOptions) *tasking.WaitOptions {
	o := *base
	o.OnChange = func(_, next tasking.StatusEvent) { w.path = append(w.path, clearsky.OrderingProcessStatus(next.Raw)) }
	o.OnUnexpected = func(prev, next tasking.StatusEvent) { w.unexpected = append(w.unexpected, prev.Raw+"→"+next.Raw) }
	return &o
}

func TestSimulatorHistoricalLifecycle(t *testing.T) {
	s, c := newSim(t)
	est, o, err := c.Orders.EstimateThenCreate(ctx, historical(), nil, func(e *clearsky.OrderEstimate) error {
		if e.CurrentMonthCost > 100 {
			return fmt.Errorf("too expensive: %v", e.CurrentMonthCost)
		}
		return nil
	})
	require.NoError(t, err)

	// The estimate is computed from the AOI's area and the options: three
	// months at €0.20/km², all charged now since the window is past.
	area := geo.AreaKm2(field())
	assert.InDelta(t, area, est.AreaKm2, 0.01)
	assert.InDelta(t, area*0.20*3, est.Costs.CurrentMonthOrderCostEstimate, 0.01)
	assert.InDelta(t, area*0.00001*2, est.Costs.CurrentMonthStorageCosts, 0.0001)
	assert.Zero(t, est.NextMonthCost, "nothing falls due next month")
	assert.Equal(t, clearsky.MustParseDate("2025-09-30"), est.CancellationDate)
	assert.Len(t, est.ImageDates, 13, "weekly from 2025-01-01 over March–May")
	assert.Equal(t, clearsky.MustParseDate("2025-03-05"), est.ImageDates[0])
	require.NotNil(t, est.AreasOfInterestWKT.Geometry)

	assert.Equal(t, clearsky.StatusReview, o.OrderingProcessStatus)
	assert.Equal(t, simNow, o.CreatedDate)
	assert.InDelta(t, area, o.TaskOrderAreaKm2, 0.01)
	require.NotNil(t, o.WKT.Geometry)
	assert.Equal(t, 1, s.OrderCount())

	w := &watch{}
	final, err := c.Orders.Wait(ctx, o.TaskOrderGUID, w.options(fastWait()))
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCompleted, final.OrderingProcessStatus)
	assert.Equal(t, []clearsky.OrderingProcessStatus{"Preparing", "AwaitingSatelliteProducts", "Processing", "Predicting", "Completed"}, w.path)
	assert.Empty(t, w.unexpected)

	// An accepted, finished order can no longer be cancelled.
	_, err = c.Orders.Cancel(ctx, o.TaskOrderGUID)
	code, ok := clearsky.ErrorCode(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, clearsky.CodeInvalidRequest, code)
	assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestSimulatorRecurringOrderReachesUpToDate(t *testing.T) {
	s, c := newSim(t)
	req := validRequest() // recurring from 2025-09-01, every 5 days
	o, err := c.Orders.Create(ctx, req, nil)
	require.NoError(t, err)
	assert.True(t, o.Recurring())

	// UpToDate is where a recurring order rests: Until can stop there.
	w := &watch{}
	opts := w.options(fastWait())
	opts.Until = clearsky.UntilUpToDate
	got, err := c.Orders.Wait(ctx, o.TaskOrderGUID, opts)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusUpToDate, got.OrderingProcessStatus)
	assert.Equal(t, tasking.StatusInProgress, got.OrderingProcessStatus.Neutral())
	assert.Equal(t, []clearsky.OrderingProcessStatus{"Preparing", "AwaitingSatelliteProducts", "ProcessingPredicting", "UpToDate"}, w.path)

	// It is not terminal: the default rule (stop at a terminal status) would
	// not stop here, so Wait keeps polling, and the order stays UpToDate
	// while no new date is due. Counting polls in Until shows it without a
	// deadline cutting a request off mid-flight.
	polls := 0
	keepGoing := fastWait()
	keepGoing.Until = func(e tasking.StatusEvent) bool {
		polls++
		return e.Status.IsTerminal() || polls == 5
	}
	got, err = c.Orders.Wait(ctx, o.TaskOrderGUID, keepGoing)
	require.NoError(t, err)
	assert.Equal(t, 5, polls, "UpToDate is not terminal")
	assert.Equal(t, clearsky.StatusUpToDate, got.OrderingProcessStatus)

	// A new month brings new dates: back into production, then UpToDate.
	s.SetNow(time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC))
	w = &watch{}
	opts = w.options(fastWait())
	opts.Until = clearsky.UntilUpToDate
	got, err = c.Orders.Wait(ctx, o.TaskOrderGUID, opts)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusUpToDate, got.OrderingProcessStatus)
	assert.Equal(t, []clearsky.OrderingProcessStatus{"AwaitingSatelliteProducts", "ProcessingPredicting", "UpToDate"}, w.path)
	assert.Empty(t, w.unexpected)

	// Recurring orders can be stopped after acceptance.
	l, err := c.Orders.List(ctx, &clearsky.OrderListOptions{RecurringOnly: true})
	require.NoError(t, err)
	require.Len(t, l.TaskOrders, 1)
	got, err = c.Orders.Cancel(ctx, o.TaskOrderGUID)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCanceled, got.OrderingProcessStatus, "Cancel returns the order as it stands")
	got, err = c.Orders.Get(ctx, o.TaskOrderGUID)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCanceled, got.OrderingProcessStatus)
	_, err = c.Orders.Cancel(ctx, o.TaskOrderGUID)
	require.NoError(t, err, "cancelling twice is harmless")
}

func TestSimulatorFutureWindowWaitsForScenes(t *testing.T) {
	s, c := newSim(t, clearskytest.WithAutoAccept())
	req := validRequest()
	req.From = clearsky.MustParseDate("2025-11-01")
	req.To = datePtr("2025-11-30")
	o, err := c.Orders.Create(ctx, req, nil)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusPreparing, o.OrderingProcessStatus, "automatic acceptance skips Review")

	for i := 0; i < 5; i++ {
		_, err := c.Orders.Get(ctx, o.TaskOrderGUID)
		require.NoError(t, err)
	}
	st := clearsky.OrderingProcessStatus(s.Status(o.TaskOrderGUID))
	assert.Equal(t, clearsky.StatusAwaitingSatelliteProducts, st, "no scene is due before the window opens")

	s.SetNow(time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC))
	opts := fastWait()
	opts.Until = clearsky.UntilUpToDate
	got, err := c.Orders.Wait(ctx, o.TaskOrderGUID, opts)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusUpToDate, got.OrderingProcessStatus, "a fixed window with dates still to come is UpToDate")

	s.SetNow(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC))
	got, err = c.Orders.Wait(ctx, o.TaskOrderGUID, fastWait())
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCompleted, got.OrderingProcessStatus)
}

func TestSimulatorCancelRules(t *testing.T) {
	s, c := newSim(t, clearskytest.WithStepsPerPoll(0))
	inReview, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	cancelled, err := c.Orders.Cancel(ctx, inReview.TaskOrderGUID)
	require.NoError(t, err, "an order in Review cancels completely")
	assert.Equal(t, clearsky.StatusCanceled, cancelled.OrderingProcessStatus)
	st := clearsky.OrderingProcessStatus(s.Status(inReview.TaskOrderGUID))
	assert.Equal(t, clearsky.StatusCanceled, st)
	assert.Equal(t, tasking.StatusCancelled, st.Neutral())

	accepted, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	_, err = s.AdvanceOrder(accepted.TaskOrderGUID)
	require.NoError(t, err)
	_, err = c.Orders.Cancel(ctx, accepted.TaskOrderGUID)
	code, _ := clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeInvalidRequest, code, "an accepted historical order cannot be cancelled")
	st = clearsky.OrderingProcessStatus(s.Status(accepted.TaskOrderGUID))
	assert.Equal(t, clearsky.StatusPreparing, st)

	_, err = c.Orders.Cancel(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, tasking.ErrNotFound)
}

func TestSimulatorDeniedInReview(t *testing.T) {
	s, c := newSim(t)
	s.DenyNext(1)
	denied, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	ok, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	got, err := c.Orders.Wait(ctx, denied.TaskOrderGUID, fastWait())
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCanceled, got.OrderingProcessStatus)
	got, err = c.Orders.Wait(ctx, ok.TaskOrderGUID, fastWait())
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusCompleted, got.OrderingProcessStatus)
}

func TestSimulatorTileSearchAndDeduplication(t *testing.T) {
	s, c := newSim(t)
	res, err := c.Tiles.Search(ctx, clearsky.TilesIntersecting(field()))
	require.NoError(t, err)
	tiles, minis := res.TileGUIDs(), res.MiniTileGUIDs()
	require.Len(t, tiles, 1)
	assert.GreaterOrEqual(t, len(minis), 6)
	assert.Equal(t, clearsky.EPSG(32632), res.Tiles[0].EPSG)
	require.NotNil(t, res.Tiles[0].DataGeogWKT.Geometry)
	assert.True(t, res.Tiles[0].DataGeogWKT.Geometry.Bound().Contains(orb.Point{10.12, 55.61}))

	inside, err := c.Tiles.Search(ctx, clearsky.MiniTilesInTile(tiles[0]))
	require.NoError(t, err)
	assert.Len(t, inside.MiniTiles, clearskytest.MiniTilesPerSide*clearskytest.MiniTilesPerSide)
	byID, err := c.Tiles.Search(ctx, clearsky.MiniTilesByGUID(minis[0]))
	require.NoError(t, err)
	require.Len(t, byID.Tiles, 1)
	assert.True(t, byID.Tiles[0].MiniTile)
	gj, err := c.Tiles.Search(ctx, clearsky.TilesIntersectingGeoJSON(field()))
	require.NoError(t, err)
	assert.Equal(t, len(res.Tiles), len(gj.Tiles))

	_, err = c.Tiles.Search(ctx, clearsky.TilesByGUID("5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"))
	code, _ := clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeMalformedRequest, code, "an id the grid does not know")
	assert.Contains(t, clearsky.FieldErrors(err), "TileGuids")

	// Order one tile, then the same tile and its eastern neighbour with
	// deduplication: only the neighbour is ordered.
	east := clearskytest.TileAt(10.6, 55.6)
	first := historical()
	first.AOI = clearsky.Tiles(tiles[0])
	o1, err := c.Orders.Create(ctx, first, nil)
	require.NoError(t, err)
	assert.Equal(t, clearsky.OrderTypeTile, o1.Type())

	second := historical()
	second.AOI = clearsky.Tiles(tiles[0], east).Deduplicated()
	est, o2, err := c.Orders.EstimateThenCreate(ctx, second, nil, nil)
	require.NoError(t, err)
	assert.Len(t, est.Tiles, 2, "the estimate does not deduplicate")
	assert.Equal(t, []string{east}, o2.TileGUIDs(), "the tile already ordered is skipped")
	assert.Less(t, o2.TaskOrderAreaKm2, est.AreaKm2)

	// Without deduplication, or with another model, both are ordered.
	second.AOI = clearsky.Tiles(tiles[0], east)
	o3, err := c.Orders.Create(ctx, second, nil)
	require.NoError(t, err)
	assert.Len(t, o3.TileGUIDs(), 2)
	other := historical()
	other.Model = clearsky.ModelStratus2Fast
	other.SatelliteConstellations = clearsky.ModelStratus2Fast.RequiredConstellations()
	other.AOI = clearsky.Tiles(tiles[0]).Deduplicated()
	o4, err := c.Orders.Create(ctx, other, nil)
	require.NoError(t, err)
	assert.Len(t, o4.TileGUIDs(), 1)

	// Minitiles inside an ordered tile are covered too; when nothing is
	// left the API refuses.
	onlyMinis := historical()
	onlyMinis.AOI = clearsky.MiniTiles(minis[:2]...).Deduplicated()
	_, err = c.Orders.Create(ctx, onlyMinis, nil)
	code, _ = clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeInvalidRequest, code)
	assert.Equal(t, 4, s.OrderCount())

	// Tile orders read back with footprints from the details view, and
	// minitiles are priced at 50 % against tiles' 20 %.
	got, err := c.Orders.Get(ctx, o2.TaskOrderGUID)
	require.NoError(t, err)
	require.Len(t, got.Tiles, 1)
	assert.NotNil(t, got.Tiles[0].WKT.Geometry)
	miniReq := historical()
	miniReq.AOI = clearsky.MiniTiles(minis[0])
	miniEst, err := c.Orders.Estimate(ctx, miniReq, nil)
	require.NoError(t, err)
	tileReq := historical()
	tileReq.AOI = clearsky.Tiles(tiles[0])
	tileEst, err := c.Orders.Estimate(ctx, tileReq, nil)
	require.NoError(t, err)
	perKm2 := func(e *clearsky.OrderEstimate) float64 { return e.Costs.CurrentMonthOrderCostEstimate / e.AreaKm2 }
	assert.InDelta(t, 0.20*3*0.5, perKm2(miniEst), 0.01)
	assert.InDelta(t, 0.20*3*0.2, perKm2(tileEst), 0.001)
}

func TestSimulatorSearchLimit(t *testing.T) {
	_, c := newSim(t, clearskytest.WithSearchLimit(50))
	big := orb.Polygon{{{9, 55}, {11, 55}, {11, 56}, {9, 56}, {9, 55}}}
	_, err := c.Tiles.Search(ctx, clearsky.TilesIntersecting(big))
	code, _ := clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeMaxAreaExceeded, code)
}

func TestSimulatorModelsAndRules(t *testing.T) {
	_, c := newSim(t)
	ms, err := c.Models.List(ctx)
	require.NoError(t, err)
	require.Len(t, ms, 3)
	for _, m := range ms {
		assert.Equal(t, m.Model.RequiredConstellations(), m.Required(), "the simulator agrees with the documented table for %s", m.Model)
	}

	// Rules only the server knows: the model needs constellations the
	// request left out.
	r := historical()
	r.SatelliteConstellations = []clearsky.SatelliteConstellation{clearsky.ConstellationSentinel2}
	_, err = c.Orders.Estimate(ctx, r, nil)
	code, _ := clearsky.ErrorCode(err)
	assert.Equal(t, clearsky.CodeMalformedRequest, code)
	assert.Equal(t, []string{"Stratus2 requires Sentinel1.", "Stratus2 requires Landsat89."}, clearsky.FieldErrors(err)["SatelliteConstellations"])

	// A model the server does not know is a binding error (ProblemDetails).
	r = historical()
	r.Model = "Stratus3"
	_, err = c.Orders.Estimate(ctx, r, nil)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Empty(t, ae.Code)
	assert.Contains(t, clearsky.FieldErrors(err), "$.Model")
}

func TestSimulatorListAndExpiry(t *testing.T) {
	s, c := newSim(t, clearskytest.WithStepsPerPoll(6), clearskytest.WithNow(time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)))
	var ids []string
	for i := 0; i < 7; i++ {
		r := historical()
		if i%2 == 1 {
			r = validRequest()
			r.From = clearsky.MustParseDate("2025-06-01")
		}
		o, err := c.Orders.Create(ctx, r, nil)
		require.NoError(t, err)
		ids = append(ids, o.TaskOrderGUID)
	}
	var listed []string
	for o, err := range c.Orders.All(ctx, nil) {
		require.NoError(t, err)
		listed = append(listed, o.TaskOrderGUID)
	}
	assert.Equal(t, ids, listed, "every order, oldest first")
	rec, err := c.Orders.List(ctx, &clearsky.OrderListOptions{RecurringOnly: true})
	require.NoError(t, err)
	assert.Len(t, rec.TaskOrders, 3)

	// Finish the first order, then let its storage run out: data produced
	// up to May stays downloadable for StorageMonths (2) months after, to
	// the end of July.
	got, err := c.Orders.Get(ctx, ids[0])
	require.NoError(t, err)
	require.Equal(t, clearsky.StatusCompleted, got.OrderingProcessStatus)
	s.SetNow(time.Date(2025, 7, 31, 23, 0, 0, 0, time.UTC))
	l, err := c.Orders.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, l.TaskOrders, 7, "still downloadable at the end of July")
	s.SetNow(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC))
	l, err = c.Orders.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, l.TaskOrders, 6, "expired orders are hidden by default")
	l, err = c.Orders.List(ctx, &clearsky.OrderListOptions{GetExpired: true})
	require.NoError(t, err)
	assert.Len(t, l.TaskOrders, 7)
	got, err = c.Orders.Get(ctx, ids[0])
	require.NoError(t, err, "details still find an expired order")
	assert.Equal(t, ids[0], got.TaskOrderGUID)
}

func TestSimulatorDetailsFallback(t *testing.T) {
	s, c := newSim(t, clearskytest.WithoutDetailsPOST())
	o, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	for i := 0; i < 2; i++ {
		_, err := s.AdvanceOrder(o.TaskOrderGUID)
		require.NoError(t, err)
	}
	got, err := c.Orders.Get(ctx, o.TaskOrderGUID)
	require.NoError(t, err)
	assert.Equal(t, clearsky.StatusAwaitingSatelliteProducts, got.OrderingProcessStatus)
	_, err = c.Orders.Details(ctx, o.TaskOrderGUID)
	assert.ErrorContains(t, err, "405")
	_, err = c.Orders.Get(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, tasking.ErrNotFound)
	log := s.Requests()
	assert.Equal(t, "GET", log[len(log)-1].Method, "the fallback lists")
	assert.Equal(t, "true", log[len(log)-1].Query.Get("getExpired"))
}

func TestSimulatorFailuresAsOK(t *testing.T) {
	s, c := newSim(t, clearskytest.WithFailuresAsOK(), clearskytest.WithStepsPerPoll(0))
	o, err := c.Orders.Create(ctx, historical(), nil)
	require.NoError(t, err)
	_, err = s.AdvanceOrder(o.TaskOrderGUID)
	require.NoError(t, err)
	_, err = c.Orders.Cancel(ctx, o.TaskOrderGUID)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 200, ae.StatusCode, "Succeeded:false with HTTP 200 is still an error")
	assert.Equal(t, "993", ae.Code)
}

func TestSimulatorRequestLogAndHeaders(t *testing.T) {
	s, c := newSim(t)
	_, err := c.Orders.Create(ctx, validRequest(), nil)
	require.NoError(t, err)
	log := s.Requests()
	require.Len(t, log, 1)
	assert.Equal(t, "POST", log[0].Method)
	assert.Equal(t, "/api/tasking/orders", log[0].Path)
	assert.Equal(t, "[REDACTED]", log[0].Header.Get("x-api-key"))
	assert.Equal(t, "application/json", log[0].Header.Get("Content-Type"))
	assert.Contains(t, string(log[0].Body), `"ImageFrequency":5`)

	bad, err := clearsky.New("wrong-key", clearsky.WithBaseURL(s.URL), clearsky.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = bad.Models.List(ctx)
	assert.ErrorIs(t, err, tasking.ErrUnauthorized)
	assert.Len(t, s.Requests(), 2, "401 is never retried")
}

// contractRequest returns a valid neutral request for a past window.
func contractRequest() func() *tasking.Request {
	n := 0
	return func() *tasking.Request {
		n++
		start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
		return &tasking.Request{Name: fmt.Sprintf("field %d", n), Geometry: field(),
			Start: start, End: start.AddDate(0, 1, -1)}
	}
}

func TestProviderContract(t *testing.T) {
	_, c := newSim(t)
	providertest.Run(t, providertest.Config{
		Provider: c.Provider(clearsky.ProviderDefaults{}),
		Request:  contractRequest(),
		Success:  tasking.Status.IsSuccess,
		NoNames:  true,
	})
}

func TestProviderContractGeoJSON(t *testing.T) {
	_, c := newSim(t)
	providertest.Run(t, providertest.Config{
		Provider: c.Provider(clearsky.ProviderDefaults{Model: clearsky.ModelStratus2Fast, Encoding: clearsky.EncodeGeoJSON, ImageFrequency: 3}),
		Request:  contractRequest(),
		Success:  tasking.Status.IsSuccess,
		NoNames:  true,
	})
}

func TestAdapterMapping(t *testing.T) {
	s, c := newSim(t, clearskytest.WithStepsPerPoll(0))
	a := c.Provider(clearsky.ProviderDefaults{})
	assert.Equal(t, "clearsky", a.Name())
	req := contractRequest()()

	est, err := a.Estimate(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "clearsky", est.Provider)
	assert.Equal(t, tasking.Feasible, est.Feasibility)
	require.NotNil(t, est.Price)
	assert.Equal(t, "EUR", est.Price.Currency)
	assert.InDelta(t, geo.AreaKm2(field())*0.20+geo.AreaKm2(field())*0.00001, est.Price.Amount, 0.01)
	require.Len(t, est.Opportunities, 5, "weekly from April 1st over April")
	assert.Equal(t, req.Start, est.Earliest, "the cadence is anchored at the window start")
	assert.Equal(t, 24*time.Hour, est.Opportunities[0].End.Sub(est.Opportunities[0].Start))
	assert.IsType(t, &clearsky.OrderEstimate{}, est.Raw)

	// A window that holds no image date of a cadence anchored elsewhere
	// (weekly from 2025-01-01: April 2nd, 9th, …).
	short := contractRequest()()
	short.Start = time.Date(2025, 4, 3, 0, 0, 0, 0, time.UTC)
	short.End = time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC)
	anchored := c.Provider(clearsky.ProviderDefaults{ReferenceDate: clearsky.MustParseDate("2025-01-01")})
	est, err = anchored.Estimate(ctx, short)
	require.NoError(t, err)
	assert.Equal(t, tasking.Infeasible, est.Feasibility)
	assert.NotEmpty(t, est.Needs)

	task, err := a.Submit(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "clearsky", task.Provider)
	assert.Empty(t, task.Name, "ClearSKY orders have no name")
	assert.Equal(t, tasking.StatusPlanning, task.Status)
	assert.Equal(t, "Review", task.RawStatus)
	assert.False(t, task.Revisable)
	require.NotNil(t, task.Geometry)
	assert.InDelta(t, geo.AreaKm2(field()), geo.AreaKm2(task.Geometry), 0.001)
	assert.Equal(t, req.Start, task.Start)
	assert.Equal(t, time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), task.End, "the end of the last day")
	assert.Equal(t, simNow, task.CreatedAt)
	assert.IsType(t, &clearsky.Order{}, task.Raw)

	sent := jsonMap(t, s.Requests()[len(s.Requests())-1].Body)
	assert.Equal(t, "2025-04-01", sent["From"])
	assert.Equal(t, "2025-04-30", sent["To"])
	assert.Equal(t, "2025-04-01", sent["ReferenceDate"], "the cadence is anchored at the window start")
	assert.Equal(t, float64(7), sent["ImageFrequency"])
	assert.Equal(t, "Stratus2", sent["Model"])

	// A request without an end is a recurring order.
	open := contractRequest()()
	open.End = time.Time{}
	rt, err := a.Submit(ctx, open)
	require.NoError(t, err)
	assert.True(t, rt.End.IsZero())
	sent = jsonMap(t, s.Requests()[len(s.Requests())-1].Body)
	assert.Contains(t, sent, "To")
	assert.Nil(t, sent["To"])

	// Tasks filters here: Review is planning.
	var ids []string
	for tk, err := range a.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusPlanning}}) {
		require.NoError(t, err)
		ids = append(ids, tk.ID)
	}
	assert.Equal(t, []string{task.ID, rt.ID}, ids)
	_, err = s.AdvanceOrder(task.ID)
	require.NoError(t, err)
	n := 0
	for _, err := range a.Tasks(ctx, &tasking.Filter{Status: []tasking.Status{tasking.StatusPlanning}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)

	// Another adapter on the same client does not know the names.
	other := c.Provider(clearsky.ProviderDefaults{})
	tk, err := other.Task(ctx, task.ID)
	require.NoError(t, err)
	assert.Empty(t, tk.Name)
	assert.Equal(t, tasking.StatusScheduled, tk.Status)

	require.NoError(t, a.Cancel(ctx, rt.ID))
	tk, err = a.Task(ctx, rt.ID)
	require.NoError(t, err)
	assert.True(t, tk.Status.IsCancelled())
	assert.False(t, math.IsNaN(est.Price.Amount))
}
