package capella_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/eotask/eotask/tasking/providertest"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fastWait = &tasking.WaitOptions{MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

// simClient starts a simulator and a client for it, through the validating
// transport.
func simClient(t *testing.T, opts ...capellatest.Option) (*capellatest.Server, *capella.Client) {
	t.Helper()
	srv := capellatest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv, srv.Client(capella.WithHTTPClient(&http.Client{Transport: newValidatingTransport(t, nil)}))
}

func pointTask(srv *capellatest.Server, name string) *capella.TaskCreateRequest {
	open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	return &capella.TaskCreateRequest{Geometry: orb.Point{-122.4163, 37.7612}, Name: name, WindowOpen: open,
		WindowClose: open.Add(8 * 24 * time.Hour), CollectionType: capella.CollectionSpotlight}
}

// follow waits for a request recording every raw status it passes and
// failing on a move the lifecycle does not allow.
func follow(t *testing.T, c *capella.Client, id string) ([]string, *capella.Task, error) {
	t.Helper()
	var seen []string
	w := *fastWait
	w.OnChange = func(_, next tasking.StatusEvent) { seen = append(seen, next.Raw) }
	w.OnUnexpected = func(prev, next tasking.StatusEvent) { t.Errorf("undocumented move %s → %s", prev.Raw, next.Raw) }
	task, err := c.Tasks.Wait(ctx(t), id, &w)
	return seen, task, err
}

func TestLifecycleCostReviewApproval(t *testing.T) {
	srv, c := simClient(t)
	task, err := c.Tasks.Create(ctx(t), pointTask(srv, "review me"))
	require.NoError(t, err)
	assert.Equal(t, capella.RequestReceived, task.GetStatus())
	assert.Nil(t, task.Cost(), "no cost before the review")

	seen, task, err := follow(t, c, task.GetID())
	require.ErrorIs(t, err, tasking.ErrActionRequired, "review waits on the customer")
	assert.Equal(t, []string{"review"}, seen, "the create answered received; the first poll shows review")
	assert.Equal(t, capella.TransactionPendingCustomerApproval, task.Properties.TransactionStatus)
	cost := task.Cost()
	require.NotNil(t, cost)
	assert.Equal(t, 1000.0, cost.Amount)
	assert.Equal(t, "USD", cost.Currency)

	_, err = c.Tasks.Get(ctx(t), task.GetID())
	require.NoError(t, err)
	assert.Equal(t, string(capella.RequestReview), srv.Status(task.GetID()), "polling does not move a request in review")

	approved, err := c.Tasks.Approve(ctx(t), task.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestSubmitted, approved.GetStatus())
	_, err = c.Tasks.Approve(ctx(t), task.GetID())
	require.ErrorIs(t, err, tasking.ErrInvalidRequest, "only a request in review can be approved")

	seen, task, err = follow(t, c, task.GetID())
	require.NoError(t, err)
	assert.Equal(t, []string{"active", "accepted", "completed"}, seen, "Approve answered submitted")
	var raws []string
	for _, e := range task.History() {
		raws = append(raws, e.Raw)
	}
	assert.Equal(t, []string{"received", "review", "submitted", "active", "accepted", "completed"}, raws)
	assert.Equal(t, capella.TransactionCompleted, task.Properties.TransactionStatus)
	cols, err := c.Tasks.Collects(ctx(t), task.GetID(), nil)
	require.NoError(t, err)
	require.Len(t, cols, 1)
	assert.Equal(t, capella.CollectDelivered, cols[0].GetStatus())
	hist, err := c.Collects.Status(ctx(t), cols[0].CollectID)
	require.NoError(t, err)
	assert.Len(t, hist, 6, "predicted, tasked, collected, processing, qa, delivered")
	col, err := c.Collects.Wait(ctx(t), cols[0].CollectID, fastWait)
	require.NoError(t, err)
	assert.Equal(t, tasking.CapturePublished, col.GetStatus().Neutral())
}

func TestLifecycleRejectCost(t *testing.T) {
	srv, c := simClient(t)
	task, err := c.Tasks.Create(ctx(t), pointTask(srv, "too dear"))
	require.NoError(t, err)
	_, _, err = follow(t, c, task.GetID())
	require.ErrorIs(t, err, tasking.ErrActionRequired)
	rejected, err := c.Tasks.Reject(ctx(t), task.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestRejected, rejected.GetStatus())
	assert.Equal(t, capella.TransactionCustomerRejected, rejected.Properties.TransactionStatus)
	assert.Equal(t, capella.ConflictNone, rejected.ConflictMeaning())
}

func TestLifecyclePreApproval(t *testing.T) {
	srv, c := simClient(t)
	r := pointTask(srv, "pre-approved")
	r.PreApproval = true
	task, err := c.Tasks.Create(ctx(t), r)
	require.NoError(t, err)
	seen, task, err := follow(t, c, task.GetID())
	require.NoError(t, err)
	assert.Equal(t, []string{"submitted", "active", "accepted", "completed"}, seen)
	assert.Equal(t, "Request submitted through automatic approval", task.Properties.StatusHistory[3].Message)
}

func TestLifecycleConflicts(t *testing.T) {
	srv, c := simClient(t)
	other := pointTask(srv, "already scheduled")
	other.PreApproval = true
	blocker, err := c.Tasks.Create(ctx(t), other)
	require.NoError(t, err)
	for i := 0; i < 3; i++ { // submitted, active, accepted
		_, err = c.Tasks.Get(ctx(t), blocker.GetID())
		require.NoError(t, err)
	}

	srv.SetNextOutcome(capellatest.OutcomeConflictRejected, capellatest.OutcomeConflictWarning)
	doomed := pointTask(srv, "conflicted")
	doomed.PreApproval = true
	rej, err := c.Tasks.Create(ctx(t), doomed)
	require.NoError(t, err)
	warned := pointTask(srv, "warned")
	warned.PreApproval = true
	warn, err := c.Tasks.Create(ctx(t), warned)
	require.NoError(t, err)

	// active: the list is a warning.
	var active *capella.Task
	for i := 0; i < 2; i++ { // submitted, active
		active, err = c.Tasks.Get(ctx(t), rej.GetID())
		require.NoError(t, err)
	}
	assert.Equal(t, capella.RequestActive, active.GetStatus())
	assert.Equal(t, capella.MessageConflictWarning, active.Properties.StatusHistory[0].Message)
	assert.Equal(t, capella.ConflictWarning, active.ConflictMeaning())
	require.NotEmpty(t, active.Properties.ConflictingTasks)
	assert.Equal(t, blocker.GetID(), active.Properties.ConflictingTasks[0].TaskingRequestID)

	// rejected: the same list is the cause.
	seen, final, err := follow(t, c, rej.GetID())
	require.NoError(t, err)
	assert.Equal(t, []string{"rejected"}, seen)
	assert.Equal(t, capella.ConflictCause, final.ConflictMeaning())
	assert.Equal(t, capella.MessageConflictRejection, final.Properties.StatusHistory[0].Message)
	assert.Equal(t, blocker.GetID(), final.Properties.ConflictingTasks[0].TaskingRequestID)
	assert.Equal(t, tasking.StatusRejected, final.Neutral().Status)

	// A warning that does not turn into a rejection.
	seen, final, err = follow(t, c, warn.GetID())
	require.NoError(t, err)
	assert.Equal(t, []string{"submitted", "active", "accepted", "completed"}, seen)
	assert.Equal(t, capella.ConflictNone, final.ConflictMeaning(), "the list is gone once accepted")

	// With no other task in the organization, the simulator lists a
	// stand-in urgent task so that the conflict is real.
	srv2, c2 := simClient(t, capellatest.WithOutcome(capellatest.OutcomeConflictRejected))
	alone := pointTask(srv2, "alone")
	alone.PreApproval = true
	t2, err := c2.Tasks.Create(ctx(t), alone)
	require.NoError(t, err)
	_, final, err = follow(t, c2, t2.GetID())
	require.NoError(t, err)
	require.Len(t, final.Properties.ConflictingTasks, 1)
	standIn, err := c2.Tasks.Get(ctx(t), final.Properties.ConflictingTasks[0].TaskingRequestID)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestAccepted, standIn.GetStatus())
	assert.Equal(t, capella.TierUrgent, standIn.Properties.CollectionTier)
}

func TestLifecycleOtherOutcomes(t *testing.T) {
	cases := map[capellatest.Outcome][]string{
		capellatest.OutcomeAnomalyRetry:  {"received", "submitted", "active", "accepted", "anomaly", "retrying", "accepted", "completed"},
		capellatest.OutcomeAnomalyFailed: {"received", "submitted", "active", "accepted", "anomaly", "failed"},
		capellatest.OutcomeExpired:       {"received", "submitted", "active", "expired"},
		capellatest.OutcomeError:         {"received", "error"},
	}
	for outcome, want := range cases {
		t.Run(string(outcome), func(t *testing.T) {
			srv, c := simClient(t, capellatest.WithOutcome(outcome))
			r := pointTask(srv, string(outcome))
			r.PreApproval = true
			task, err := c.Tasks.Create(ctx(t), r)
			require.NoError(t, err)
			var seen []string
			for i := 0; i < 12; i++ {
				got, err := c.Tasks.Get(ctx(t), task.GetID())
				require.NoError(t, err)
				seen = append(seen, string(got.GetStatus()))
				if capella.RequestLifecycle.Terminal(got.GetStatus()) {
					break
				}
			}
			seen = slices.Insert(seen, 0, "received")
			assert.Equal(t, want, slices.Compact(seen))
			if outcome == capellatest.OutcomeAnomalyRetry {
				cols, err := c.Collects.List(ctx(t), task.GetID(), &capella.CollectListOptions{All: true})
				require.NoError(t, err)
				require.Len(t, cols, 2, "the failed collect and the retry")
				assert.Equal(t, capella.CollectCollectionAnomaly, cols[0].GetStatus())
				assert.Equal(t, capella.CollectDelivered, cols[1].GetStatus())
			}
		})
	}
}

func TestLifecycleExpiryByClock(t *testing.T) {
	srv, c := simClient(t, capellatest.WithNow(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)))
	task, err := c.Tasks.Create(ctx(t), pointTask(srv, "late"))
	require.NoError(t, err)
	srv.SetNow(task.Properties.WindowClose.Add(time.Minute))
	got, err := c.Tasks.Get(ctx(t), task.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestExpired, got.GetStatus())
	assert.Equal(t, tasking.StatusExpired, got.GetStatus().Neutral())
}

func TestCancelCutoff(t *testing.T) {
	start := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	srv, c := simClient(t, capellatest.WithNow(start), capellatest.WithStepsPerPoll(0))
	mk := func(name string) string {
		r := pointTask(srv, name)
		r.PreApproval = true
		task, err := c.Tasks.Create(ctx(t), r)
		require.NoError(t, err)
		for i := 0; i < 3; i++ { // received → submitted → active → accepted
			_, err := srv.Step(task.GetID())
			require.NoError(t, err)
		}
		got, err := c.Tasks.Get(ctx(t), task.GetID())
		require.NoError(t, err)
		require.Equal(t, capella.RequestAccepted, got.GetStatus())
		return task.GetID()
	}
	early, late := mk("early"), mk("late")
	at, ok := srv.CollectTime(late)
	require.True(t, ok)
	assert.Equal(t, start.Add(24*time.Hour+6*time.Hour), at, "collection is planned 6 h after the window opens")

	srv.SetNow(at.Add(-capella.CancelCutoff - time.Minute))
	got, err := c.Tasks.Cancel(ctx(t), early)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCanceled, got.GetStatus())
	assert.Equal(t, capella.TransactionCustomerCancelled, got.Properties.TransactionStatus)

	srv.SetNow(at.Add(-2 * time.Hour))
	_, err = c.Tasks.Cancel(ctx(t), late)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusBadRequest, ae.StatusCode)
	assert.Contains(t, ae.Message, "3 hours prior")

	_, err = c.Tasks.Cancel(ctx(t), early)
	require.ErrorAs(t, err, &ae)
	assert.Contains(t, ae.Message, "finalized with a status of 'customer-cancelled'")
}

func TestRepeatSeries(t *testing.T) {
	srv, c := simClient(t)
	start := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	rr, err := c.RepeatRequests.Create(ctx(t), &capella.RepeatCreateRequest{Geometry: orb.Point{-110.39, 35.17}, Name: "weekly",
		CollectionType: capella.CollectionSpotlight, Repetition: capella.RepetitionProperties{RepeatStart: start,
			RepetitionInterval: 7, RepetitionCount: capella.Int(3)}})
	require.NoError(t, err)
	_, err = c.RepeatRequests.Wait(ctx(t), rr.GetID(), fastWait)
	require.ErrorIs(t, err, tasking.ErrActionRequired)
	got, err := c.RepeatRequests.Get(ctx(t), rr.GetID())
	require.NoError(t, err)
	assert.Equal(t, 3000.0, got.CostPerImage().Amount, "routine tier price")
	kids, err := c.RepeatRequests.Tasks(ctx(t), rr.GetID())
	require.NoError(t, err)
	assert.Empty(t, kids, "no tasks before approval")

	_, err = c.RepeatRequests.Approve(ctx(t), rr.GetID())
	require.NoError(t, err)
	got, err = c.RepeatRequests.Get(ctx(t), rr.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestActive, got.GetStatus())
	kids, err = c.RepeatRequests.Tasks(ctx(t), rr.GetID())
	require.NoError(t, err)
	require.Len(t, kids, 3)
	for i, k := range kids {
		assert.Equal(t, rr.GetID(), k.Properties.RepeatRequestID)
		assert.Equal(t, start.Add(time.Duration(i)*7*24*time.Hour), k.Properties.WindowOpen)
		assert.Equal(t, 7*24*time.Hour, k.Properties.WindowClose.Sub(k.Properties.WindowOpen), "back-to-back windows of the interval")
		assert.Equal(t, capella.RequestSubmitted, k.GetStatus(), "children come approved with the series")
	}
	// The search finds the children by their series; excluding them works.
	found, err := c.Tasks.Search(ctx(t), &capella.TaskSearchRequest{Query: capella.TaskSearchQuery{
		CommonQuery: capella.CommonQuery{RepeatRequestID: []string{rr.GetID()}}}})
	require.NoError(t, err)
	assert.Len(t, found.Tasks, 3)
	found, err = c.Tasks.Search(ctx(t), &capella.TaskSearchRequest{ExcludeRepeatChildren: true})
	require.NoError(t, err)
	assert.Empty(t, found.Tasks)

	got, err = c.RepeatRequests.Get(ctx(t), rr.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestActive, got.GetStatus(), "active until every child is final")
	for _, k := range kids {
		_, final, err := follow(t, c, k.GetID())
		require.NoError(t, err)
		assert.Equal(t, capella.RequestCompleted, final.GetStatus())
	}
	done, err := c.RepeatRequests.Wait(ctx(t), rr.GetID(), fastWait)
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCompleted, done.GetStatus())

	// Retasking a child of a routine series defaults to urgent, as Console does.
	re, err := c.Tasks.Retask(ctx(t), kids[0].GetID(), nil)
	require.NoError(t, err)
	assert.Equal(t, capella.TierUrgent, re.Properties.CollectionTier)

	// An open-ended series stays active; cancelling it cancels its children.
	open, err := c.RepeatRequests.Create(ctx(t), &capella.RepeatCreateRequest{Geometry: orb.Point{1, 2}, Name: "forever",
		CollectionType: capella.CollectionSpotlight, CollectionTier: capella.RepeatTierFlexible, PreApproval: true,
		Repetition: capella.RepetitionProperties{RepeatStart: start, RepetitionInterval: 2}})
	require.NoError(t, err)
	for i := 0; i < 4; i++ {
		got, err = c.RepeatRequests.Get(ctx(t), open.GetID())
		require.NoError(t, err)
	}
	assert.Equal(t, capella.RequestActive, got.GetStatus())
	kids, err = c.RepeatRequests.Tasks(ctx(t), open.GetID())
	require.NoError(t, err)
	assert.Len(t, kids, 11, "a 21-day horizon of 2-day intervals")
	assert.Equal(t, capella.TierFlexible, kids[0].Properties.CollectionTier)
	cancelled, err := c.RepeatRequests.Cancel(ctx(t), open.GetID())
	require.NoError(t, err)
	assert.Equal(t, capella.RequestCanceled, cancelled.GetStatus())
	kids, err = c.RepeatRequests.Tasks(ctx(t), open.GetID())
	require.NoError(t, err)
	for _, k := range kids {
		assert.Equal(t, capella.RequestCanceled, k.GetStatus())
	}
	_, err = c.RepeatRequests.Cancel(ctx(t), open.GetID())
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestPaginationAcrossPages(t *testing.T) {
	srv, c := simClient(t)
	srv.Seed(11)
	srv.ResetRequests()
	var names []string
	for task, err := range c.Tasks.All(ctx(t), &capella.TaskListOptions{Limit: 5, Sort: "submissionTime", Order: capella.SortAsc}) {
		require.NoError(t, err)
		names = append(names, task.Properties.Name)
	}
	require.Len(t, names, 11)
	assert.Equal(t, "seeded 0", names[0])
	assert.Equal(t, "seeded 10", names[10])
	assert.Len(t, srv.Requests(), 3, "three pages of 5, 5 and 1")

	srv.Seed(600)
	srv.ResetRequests()
	n := 0
	for _, err := range c.Tasks.SearchAll(ctx(t), &capella.TaskSearchRequest{Query: capella.TaskSearchQuery{
		Name: &capella.TextFilter{StartsWith: "seeded"}}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 611, n)
	assert.Len(t, srv.Requests(), 3, "three search pages of 250")

	// Breaking out early fetches no more pages.
	srv.ResetRequests()
	for range c.Tasks.SearchAll(ctx(t), nil) {
		break
	}
	assert.Len(t, srv.Requests(), 1)
}

func TestProviderContract(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{})
	n := 0
	providertest.Run(t, providertest.Config{
		Provider: p,
		Request: func() *tasking.Request {
			n++
			open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
			return &tasking.Request{Name: fmt.Sprintf("contract %d", n), Geometry: orb.Point{12.49, 41.89},
				Start: open, End: open.Add(8 * 24 * time.Hour)}
		},
		Act: func(ctx context.Context, id string) error {
			_, err := p.Client().Tasks.Approve(ctx, id)
			return err
		},
		Success: func(s tasking.Status) bool { return s == tasking.StatusCompleted },
	})
}

func TestProviderSubmitAndFilters(t *testing.T) {
	srv, c := simClient(t)
	p := c.Provider(capella.ProviderDefaults{PreApproval: true, CollectionTier: capella.TierUrgent,
		ArchiveHoldback: capella.HoldbackOneYear, Description: "from the adapter",
		ProductTypes: []capella.ProductType{capella.ProductGEO}})
	assert.Equal(t, "capella", p.Name())
	open := srv.Now().Add(time.Hour).Truncate(time.Second)
	area, err := p.Submit(ctx(t), &tasking.Request{Name: "Coast area", Geometry: square, Start: open, End: open.Add(25 * time.Hour)})
	require.NoError(t, err)
	raw, err := c.Tasks.Get(ctx(t), area.ID)
	require.NoError(t, err)
	assert.Equal(t, capella.CollectionStripmap100, raw.Properties.CollectionType, "an area gets a stripmap type")
	assert.Equal(t, capella.TierUrgent, raw.Properties.CollectionTier)
	assert.Equal(t, "from the adapter", raw.Properties.Description)
	assert.Equal(t, tasking.StatusPlanning, raw.Neutral().Status, "pre-approved: submitted")
	assert.Equal(t, "capella", area.Provider)
	assert.Equal(t, square, area.Geometry)
	assert.Equal(t, open, area.Start)
	assert.False(t, area.CreatedAt.IsZero())

	_, err = p.Submit(ctx(t), &tasking.Request{Name: "short", Geometry: orb.Point{1, 2}, Start: open, End: open.Add(time.Hour)})
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve, "urgent needs 24 h")
	assert.Equal(t, "End", ve.Field, "the neutral field, not properties.windowClose")

	_, err = p.Submit(ctx(t), &tasking.Request{Name: "point", Geometry: orb.Point{1, 2}, Start: open, End: open.Add(30 * time.Hour)})
	require.NoError(t, err)
	srv.ResetRequests()
	var got []string
	for task, err := range p.Tasks(ctx(t), &tasking.Filter{Status: []tasking.Status{tasking.StatusPlanning, tasking.StatusInProgress},
		NameContains: "coast", CreatedAfter: open.Add(-2 * time.Hour)}) {
		require.NoError(t, err)
		got = append(got, task.Name)
	}
	assert.Equal(t, []string{"Coast area"}, got)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	body := string(reqs[0].Body)
	for _, s := range []string{`"lastStatusCode":["submitted","active","accepted","retrying"]`, `"taskingrequestName":{"contains":"coast"}`, `"submissionTime":"`} {
		assert.Contains(t, body, s, "the filter is applied on the server")
	}
	for range p.Tasks(ctx(t), &tasking.Filter{Status: []tasking.Status{tasking.StatusCancelling}}) {
		t.Error("no Capella status is cancelling")
	}
	require.NoError(t, p.Cancel(ctx(t), area.ID))
	cancelled, err := p.Task(ctx(t), area.ID)
	require.NoError(t, err)
	assert.True(t, cancelled.Status.IsCancelled())
}

func TestProviderEstimate(t *testing.T) {
	srv, c := simClient(t)
	open := srv.Now().Add(24 * time.Hour).Truncate(time.Second)
	req := &tasking.Request{Name: "feasible?", Geometry: orb.Point{-122.4, 37.7}, Start: open, End: open.Add(8 * 24 * time.Hour)}
	p := c.Provider(capella.ProviderDefaults{EstimateWait: fastWait,
		Constraints: &capella.CollectConstraints{OffNadirMax: capella.Float(45), LocalTime: &capella.LocalTime{Option: capella.LocalTimeDay}}})
	est, err := p.Estimate(ctx(t), req)
	require.NoError(t, err)
	assert.Equal(t, tasking.FeasibilityConditional, est.Feasibility, "feasible once the cost review is approved")
	assert.NotEmpty(t, est.Needs)
	require.NotEmpty(t, est.Opportunities)
	assert.Equal(t, est.Opportunities[0].Start, est.Earliest)
	assert.True(t, slices.IsSortedFunc(est.Opportunities, func(a, b *tasking.Opportunity) int { return a.Start.Compare(b.Start) }))
	assert.Nil(t, est.Price, "an access request has no price")
	ar, ok := est.Raw.(*capella.AccessRequest)
	require.True(t, ok, "Raw holds the access request: %T", est.Raw)
	assert.NotEmpty(t, ar.GetID())
	assert.Equal(t, 0, srv.TaskCount(), "a feasibility check places no order")

	pre := c.Provider(capella.ProviderDefaults{EstimateWait: fastWait, PreApproval: true})
	est, err = pre.Estimate(ctx(t), req)
	require.NoError(t, err)
	assert.Equal(t, tasking.Feasible, est.Feasibility)
	polar := *req
	polar.Geometry = orb.Point{0, 89}
	est, err = pre.Estimate(ctx(t), &polar)
	require.NoError(t, err)
	assert.Equal(t, tasking.Infeasible, est.Feasibility)
	assert.Empty(t, est.Opportunities)

	cost := c.Provider(capella.ProviderDefaults{EstimateWait: fastWait, EstimateMode: capella.EstimateByCostReview, CollectionTier: capella.TierPriority})
	est, err = cost.Estimate(ctx(t), req)
	require.NoError(t, err)
	require.NotNil(t, est.Price)
	assert.Equal(t, 2000.0, est.Price.Amount, "the priority tier's price from the cost review")
	assert.Equal(t, tasking.Feasible, est.Feasibility)
	var id string
	for task, err := range c.Tasks.SearchAll(ctx(t), nil) {
		require.NoError(t, err)
		id = task.GetID()
	}
	assert.Equal(t, string(capella.RequestRejected), srv.Status(id), "the estimate's request was declined after reading the price")

	_, err = p.Estimate(ctx(t), &tasking.Request{Geometry: orb.Point{1, 2}, Start: open, End: open.Add(-time.Hour)})
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestSimulatorAuthAndNotFound(t *testing.T) {
	srv, _ := simClient(t)
	bad, err := capella.New("wrong-key", capella.WithBaseURL(srv.URL), capella.WithRetry(tasking.NoRetry()),
		capella.WithHTTPClient(&http.Client{Transport: newValidatingTransport(t, nil)}))
	require.NoError(t, err)
	_, err = bad.Tasks.Get(ctx(t), "x")
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Unauthorized", ae.Message)
	assert.False(t, strings.Contains(err.Error(), "wrong-key"))
	for _, r := range srv.Requests() {
		assert.Equal(t, "[REDACTED]", r.Header.Get("Authorization"), "the log blanks credentials")
	}
}
