package capella_test

import (
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestStatusNeutral(t *testing.T) {
	want := map[capella.RequestStatus]tasking.Status{
		capella.RequestReceived:       tasking.StatusReceived,
		capella.RequestReview:         tasking.StatusActionRequired,
		capella.RequestSubmitted:      tasking.StatusPlanning,
		capella.RequestActive:         tasking.StatusInProgress,
		capella.RequestAccepted:       tasking.StatusInProgress,
		capella.RequestRetrying:       tasking.StatusInProgress,
		capella.RequestAnomaly:        tasking.StatusOnHold,
		capella.RequestCompleted:      tasking.StatusCompleted,
		capella.RequestCanceled:       tasking.StatusCancelled,
		capella.RequestCancelledAlias: tasking.StatusCancelled,
		capella.RequestRejected:       tasking.StatusRejected,
		capella.RequestExpired:        tasking.StatusExpired,
		capella.RequestError:          tasking.StatusFailed,
		capella.RequestFailed:         tasking.StatusFailed,
	}
	for _, s := range capella.RequestStatusValues() {
		_, ok := want[s]
		assert.True(t, ok, "%s has an expected neutral status", s)
	}
	assert.Contains(t, capella.RequestStatusValues(), capella.RequestFailed)
	assert.Contains(t, capella.RequestStatusValues(), capella.RequestRetrying)
	for raw, neutral := range want {
		// Every value decodes from a status history entry and maps.
		var e capella.StatusEntry
		require.NoError(t, capella.Unmarshal([]byte(`{"time":"2026-01-01T00:00:00Z","code":"`+string(raw)+`","message":"m"}`), &e))
		assert.Equal(t, raw, e.Code)
		assert.Equal(t, neutral, e.Code.Neutral(), raw)
		assert.True(t, e.Code.Known())
		assert.True(t, neutral.Known())
	}
	var e capella.StatusEntry
	require.NoError(t, capella.Unmarshal([]byte(`{"code":"teleported","time":"2026-01-01T00:00:00.5"}`), &e))
	assert.Equal(t, capella.RequestStatus("teleported"), e.Code, "an unknown status is kept")
	assert.Equal(t, tasking.StatusUnknown, e.Code.Neutral())
	assert.False(t, e.Code.Known())
	assert.Equal(t, time.Date(2026, 1, 1, 0, 0, 0, 5e8, time.UTC), e.Time, "a time without a zone is UTC")
	// A time that cannot be read, or a member of the wrong type, is an
	// error naming the member, never a zero value.
	for _, bad := range []string{`{"code":"review","time":"not a time"}`, `{"code":"review","time":5}`, `{"code":7}`} {
		err := capella.Unmarshal([]byte(bad), &e)
		require.Error(t, err, bad)
		assert.Regexp(t, `/time|/code`, err.Error(), "the error names the member: %s", bad)
	}
}

func TestOtherStatusEnums(t *testing.T) {
	for s, want := range map[capella.CollectStatus]tasking.CaptureStatus{
		capella.CollectPredicted: tasking.CaptureScheduled, capella.CollectTasked: tasking.CaptureScheduled,
		capella.CollectCollected: tasking.CaptureQueued, capella.CollectProcessing: tasking.CaptureProcessing,
		capella.CollectQA: tasking.CaptureProcessing, capella.CollectDelivered: tasking.CapturePublished,
		capella.CollectAnomaly: tasking.CaptureFailed, capella.CollectStagnant: tasking.CaptureFailed,
		capella.CollectCollectionAnomaly: tasking.CaptureFailed, capella.CollectProcessingAnomaly: tasking.CaptureFailed,
	} {
		assert.Equal(t, want, s.Neutral(), s)
	}
	assert.Len(t, capella.CollectStatusValues(), 10)
	assert.Equal(t, tasking.CaptureUnknown, capella.CollectStatus("lost").Neutral())
	for s, want := range map[capella.ProcessingStatus]tasking.Status{
		capella.ProcessingQueued: tasking.StatusReceived, capella.ProcessingProcessing: tasking.StatusInProgress,
		capella.ProcessingCompleted: tasking.StatusCompleted, capella.ProcessingError: tasking.StatusFailed,
	} {
		assert.Equal(t, want, s.Neutral(), s)
	}
	for s, want := range map[capella.AccessibilityStatus]tasking.Feasibility{
		capella.AccessibilityUnknown: tasking.FeasibilityUnknown, capella.AccessibilityAccessible: tasking.Feasible,
		capella.AccessibilityInaccessible: tasking.Infeasible, capella.AccessibilityRejected: tasking.Infeasible,
	} {
		assert.Equal(t, want, s.Feasibility(), s)
	}
	// Every enum of the package decodes its values and keeps an unknown one.
	type enumCase struct {
		name   string
		values []string
		decode func([]byte) (string, error)
	}
	dec := func(target any) func([]byte) (string, error) {
		return func(b []byte) (string, error) {
			err := json.Unmarshal(b, target)
			out, _ := json.Marshal(target)
			return strings.Trim(string(out), `"`), err
		}
	}
	var (
		tier  capella.CollectionTier
		rt    capella.RepeatTier
		ct    capella.CollectionType
		look  capella.LookDirection
		orbit capella.OrbitDirection
		pol   capella.Polarization
		hb    capella.ArchiveHoldback
		sq    capella.Squint
		mode  capella.CollectMode
		lto   capella.LocalTimeOption
		prod  capella.ProductType
		gt    capella.GeometryType
		tx    capella.TransactionStatus
		role  capella.UserRole
	)
	for _, c := range []enumCase{
		{"tier", strs(capella.CollectionTierValues)(), dec(&tier)},
		{"repeat tier", strs(capella.RepeatTierValues)(), dec(&rt)},
		{"collection type", strs(capella.CollectionTypeValues)(), dec(&ct)},
		{"look", strs(capella.LookDirectionValues)(), dec(&look)},
		{"orbit", strs(capella.OrbitDirectionValues)(), dec(&orbit)},
		{"polarization", strs(capella.PolarizationValues)(), dec(&pol)},
		{"holdback", strs(capella.ArchiveHoldbackValues)(), dec(&hb)},
		{"squint", strs(capella.SquintValues)(), dec(&sq)},
		{"mode", strs(capella.CollectModeValues)(), dec(&mode)},
		{"local time", strs(capella.LocalTimeOptionValues)(), dec(&lto)},
		{"product", strs(capella.ProductTypeValues)(), dec(&prod)},
		{"geometry", strs(capella.GeometryTypeValues)(), dec(&gt)},
		{"transaction", strs(capella.TransactionStatusValues)(), dec(&tx)},
		{"role", strs(capella.UserRoleValues)(), dec(&role)},
	} {
		for _, v := range append(c.values, "from-a-later-version") {
			got, err := c.decode([]byte(`"` + v + `"`))
			require.NoError(t, err, c.name)
			assert.Equal(t, v, got, c.name)
		}
	}
	var plane capella.OrbitalPlane
	require.NoError(t, json.Unmarshal([]byte(`61`), &plane))
	assert.Equal(t, capella.OrbitalPlane(61), plane, "an unknown plane is kept")
	assert.True(t, capella.CollectionSpotlightWide.PointOnly())
	assert.False(t, capella.CollectionStripmap100.PointOnly())
	assert.False(t, capella.CollectionType("future_mode").PointOnly())
}

func TestRequestLifecycle(t *testing.T) {
	lc := capella.RequestLifecycle
	assert.True(t, lc.Initial(capella.RequestReceived))
	path := []capella.RequestStatus{capella.RequestReceived, capella.RequestReview, capella.RequestSubmitted,
		capella.RequestActive, capella.RequestAccepted, capella.RequestCompleted}
	for i := 1; i < len(path); i++ {
		assert.True(t, lc.Allows(path[i-1], path[i]), "%s → %s", path[i-1], path[i])
	}
	for _, m := range [][2]capella.RequestStatus{
		{capella.RequestReceived, capella.RequestSubmitted}, // pre-approval
		{capella.RequestReview, capella.RequestRejected},    // the customer declines
		{capella.RequestActive, capella.RequestRejected},    // conflicting tasks
		{capella.RequestActive, capella.RequestExpired},
		{capella.RequestAccepted, capella.RequestAnomaly},
		{capella.RequestAnomaly, capella.RequestRetrying},
		{capella.RequestRetrying, capella.RequestAccepted},
		{capella.RequestAnomaly, capella.RequestFailed},
		{capella.RequestAccepted, capella.RequestCanceled},
		{capella.RequestCompleted, capella.RequestAccepted}, // the documented backward move
	} {
		assert.True(t, lc.Allows(m[0], m[1]), "%s → %s", m[0], m[1])
	}
	for _, m := range [][2]capella.RequestStatus{
		{capella.RequestReceived, capella.RequestCompleted},
		{capella.RequestCanceled, capella.RequestActive},
		{capella.RequestReview, capella.RequestActive},
		{capella.RequestRejected, capella.RequestSubmitted},
	} {
		assert.False(t, lc.Allows(m[0], m[1]), "%s → %s", m[0], m[1])
	}
	for _, s := range capella.RequestStatusValues() {
		assert.Equal(t, s.Neutral().IsTerminal(), lc.Terminal(s), "terminal in the table iff terminal in the neutral view: %s", s)
		assert.Contains(t, lc.States(), s, "every status is in the table")
		assert.Equal(t, !lc.Terminal(s), s.Cancellable(), s)
	}
	assert.Contains(t, lc.Mermaid(), "review --> submitted : customer approves")
	assert.True(t, capella.CollectLifecycle.Allows(capella.CollectQA, capella.CollectDelivered))
	assert.True(t, capella.AccessLifecycle.Terminal(capella.ProcessingCompleted))
}

func decodeTask(t *testing.T, name string) *capella.Task {
	t.Helper()
	var task capella.Task
	require.NoError(t, capella.Unmarshal(readFixture(t, name), &task))
	return &task
}

func TestStatusHistoryNewestTimeWins(t *testing.T) {
	task := decodeTask(t, "task_history_unordered.json")
	assert.Equal(t, "received", string(task.Properties.StatusHistory[0].Code), "array position 0 is the oldest here")
	assert.Equal(t, capella.RequestAccepted, task.GetStatus(), "the newest time is current, not the first entry")
	ev := task.History()
	require.Len(t, ev, 4)
	var raws []string
	for i, e := range ev {
		raws = append(raws, e.Raw)
		if i > 0 {
			assert.False(t, e.Time.Before(ev[i-1].Time), "events are oldest first")
		}
	}
	assert.Equal(t, []string{"received", "submitted", "active", "accepted"}, raws)

	done := decodeTask(t, "task_completed.json")
	assert.Equal(t, capella.RequestCompleted, done.GetStatus())
	assert.Equal(t, "received", done.History()[0].Raw)
	nt := done.Neutral()
	assert.Equal(t, tasking.StatusCompleted, nt.Status)
	assert.Equal(t, time.Date(2022, 12, 5, 15, 12, 0, 811e6, time.UTC), nt.UpdatedAt)
	assert.Equal(t, capella.Name, nt.Provider)
	assert.Len(t, nt.History, 6)

	// Entries without times: Capella's documented order (newest first) is used.
	h := capella.StatusHistory{{Code: capella.RequestActive}, {Code: capella.RequestSubmitted}, {Code: capella.RequestReceived}}
	assert.Equal(t, capella.RequestActive, h.Current())
	assert.Equal(t, capella.RequestReceived, h.Ordered()[0].Code)
	// Ties keep the newest-first order.
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h = capella.StatusHistory{{Time: at, Code: capella.RequestCompleted}, {Time: at, Code: capella.RequestAccepted}}
	assert.Equal(t, capella.RequestCompleted, h.Current())
	assert.Equal(t, capella.RequestCompleted, h.Ordered()[1].Code)
	assert.Equal(t, capella.RequestStatus(""), capella.StatusHistory(nil).Current())
	assert.Nil(t, capella.StatusHistory(nil).Events())
}

func TestConflictingTasksMeaning(t *testing.T) {
	active := decodeTask(t, "task_conflict_active.json")
	assert.Equal(t, capella.RequestActive, active.GetStatus())
	assert.Equal(t, capella.ConflictWarning, active.ConflictMeaning(), "in active the list is a warning")
	require.Len(t, active.Properties.ConflictingTasks, 2)
	c := active.Properties.ConflictingTasks[0]
	assert.Equal(t, "9a1d3c52-2b7e-4f0a-8c11-6d5e4f3a2b10", c.TaskingRequestID)
	assert.Equal(t, capella.TierPriority, c.CollectionTier)
	assert.Equal(t, time.Date(2026, 6, 4, 0, 0, 0, 0, time.UTC), c.WindowClose)

	rejected := decodeTask(t, "task_conflict_rejected.json")
	assert.Equal(t, capella.ConflictCause, rejected.ConflictMeaning(), "in rejected the list is the cause")
	assert.Equal(t, tasking.StatusRejected, rejected.GetStatus().Neutral())

	// The seed's own shapes: zone-less windows, a tier with a trailing space,
	// a status key the schema lacks; decoded all the same.
	seed := decodeTask(t, "task_conflict_seed.offspec.json")
	require.Len(t, seed.Properties.ConflictingTasks, 2)
	s0 := seed.Properties.ConflictingTasks[0]
	assert.Equal(t, time.Date(2022, 11, 2, 8, 0, 4, 53e6, time.UTC), s0.WindowOpen)
	assert.JSONEq(t, `{"status":"accepted"}`, string(s0.Unknown))
	assert.Equal(t, capella.TierPriority, seed.Properties.ConflictingTasks[1].CollectionTier)
	assert.Equal(t, capella.ConflictCause, seed.ConflictMeaning())

	// Rejected with the conflict message is the cause even with a null list;
	// another rejection with a null list has no conflict meaning.
	nulled := decodeTask(t, "task_rejected_null_conflicts.offspec.json")
	assert.Nil(t, nulled.Properties.ConflictingTasks)
	assert.Equal(t, capella.ConflictNone, nulled.ConflictMeaning())
	nulled.Properties.StatusHistory[0].Message = capella.MessageConflictRejection
	assert.Equal(t, capella.ConflictCause, nulled.ConflictMeaning())
	// A completed request keeps no conflict meaning.
	done := decodeTask(t, "task_completed.json")
	done.Properties.ConflictingTasks = active.Properties.ConflictingTasks
	assert.Equal(t, capella.ConflictNone, done.ConflictMeaning())
}

func TestDecodeBothForms(t *testing.T) {
	task := decodeTask(t, "task_review_nullrepeat.offspec.json")
	assert.Empty(t, task.Properties.RepeatRequestID, "null reads as empty")
	var rr capella.RepeatRequest
	require.NoError(t, capella.Unmarshal(readFixture(t, "repeat_docs_example.offspec.json"), &rr))
	assert.True(t, rr.Properties.Repetition.RepeatEnd.IsZero())
	assert.Nil(t, rr.Properties.ProcessingConfig)
	assert.Empty(t, rr.Properties.ParentRepeatRequest)
	assert.Equal(t, capella.RequestReceived, rr.GetStatus())
	// Legacy values and constraint spellings.
	var cc capella.CollectConstraints
	require.NoError(t, capella.Unmarshal([]byte(`{"elevationMin":10,"elevationMax":80,"localTime":"anytime","collectMode":"spotlight"}`), &cc))
	assert.Equal(t, 10.0, *cc.GrazingMin)
	assert.Equal(t, 80.0, *cc.GrazingMax)
	assert.Equal(t, capella.LocalTimeAnytime, cc.LocalTime.Option)
	assert.Equal(t, [][2]float64{{0, 86400}}, cc.LocalTime.Seconds())
	var hb capella.ArchiveHoldback
	require.NoError(t, json.Unmarshal([]byte(`"1 year"`), &hb))
	assert.Equal(t, capella.ArchiveHoldback("1 year"), hb)
	// A constraint key this version does not know is sent back as it came.
	out, err := json.Marshal(cc)
	require.NoError(t, err)
	assert.JSONEq(t, `{"localTime":"anytime","collectMode":"spotlight","grazingAngleMin":10,"grazingAngleMax":80}`, string(out))
}

func TestMoneyAndLocalTime(t *testing.T) {
	for in, want := range map[string]tasking.Price{
		"$1,000.00":  {Amount: 1000, Currency: "USD", Text: "$1,000.00"},
		"$3,000.50":  {Amount: 3000.5, Currency: "USD", Text: "$3,000.50"},
		"€12":        {Amount: 12, Currency: "EUR", Text: "€12"},
		"USD 12.5":   {Amount: 12.5, Currency: "USD", Text: "USD 12.5"},
		"call sales": {Text: "call sales"},
		"$1,00.00":   {Text: "$1,00.00"}, // malformed: shown, never compared
	} {
		task := &capella.Task{Properties: capella.TaskProperties{Order: &capella.Order{Summary: capella.OrderSummary{Total: in}}}}
		got := task.Cost()
		require.NotNil(t, got, in)
		assert.Equal(t, want, *got, in)
	}
	assert.Nil(t, (&capella.Task{Properties: capella.TaskProperties{Order: &capella.Order{Summary: capella.OrderSummary{Total: " "}}}}).Cost())
	assert.Equal(t, [][2]float64{{21600, 64800}}, capella.LocalTime{Option: capella.LocalTimeDay}.Seconds())
	assert.Equal(t, [][2]float64{{0, 21600}, {64800, 86400}}, capella.LocalTime{Option: capella.LocalTimeNight}.Seconds())
	var lt capella.LocalTime
	require.NoError(t, json.Unmarshal([]byte(`[[3600],[7200,9000]]`), &lt))
	assert.Equal(t, [][2]float64{{3600, 3600}, {7200, 9000}}, lt.Ranges)
	for _, bad := range []string{`[["1",2]]`, `[null]`, `[[1e400,2]]`, `5`, `{}`, `[[1,2]`} {
		require.Error(t, json.Unmarshal([]byte(bad), &lt), "localTime %s", bad)
	}
	b, _ := json.Marshal(capella.LocalTime{Ranges: [][2]float64{{1, 2}}})
	assert.JSONEq(t, `[[1,2]]`, string(b))
	assert.Equal(t, 24*time.Hour, capella.TierUrgent.MinWindow())
	assert.Equal(t, 72*time.Hour, capella.TierPriority.MinWindow())
	assert.Equal(t, 7*24*time.Hour, capella.TierStandard.MinWindow())
	assert.Equal(t, 7*24*time.Hour, capella.CollectionTier("").MinWindow(), "Capella's default tier is standard")
	assert.Zero(t, capella.TierFlexible.MinWindow())
}
