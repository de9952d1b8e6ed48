package satellogic_test

import (
	"strings"
	"testing"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryTaskStatusDecodesAndMaps(t *testing.T) {
	var page satellogic.Page[*satellogic.Task]
	require.NoError(t, satellogic.Decode(fixture(t, "tasks_statuses.json"), &page))
	want := map[satellogic.TaskStatus]tasking.Status{
		"received":            tasking.StatusReceived,
		"planning":            tasking.StatusPlanning,
		"pending":             tasking.StatusScheduled,
		"in_progress":         tasking.StatusInProgress,
		"canceled":            tasking.StatusCancelled,
		"failed":              tasking.StatusFailed,
		"completed":           tasking.StatusCompleted,
		"partially_completed": tasking.StatusPartiallyCompleted,
		"rejected":            tasking.StatusRejected,
		"on_hold_by_ops":      tasking.StatusUnknown,
	}
	require.Len(t, page.Results, len(want))
	for _, task := range page.Results {
		neutral, ok := want[task.Status]
		require.True(t, ok, "unexpected status %q", task.Status)
		assert.Equal(t, neutral, task.Status.Neutral(), task.Status)
		n := task.Neutral()
		assert.Equal(t, neutral, n.Status)
		assert.Equal(t, string(task.Status), n.RawStatus, "the raw value is kept")
	}
	// The fixture covers every known value.
	for _, s := range satellogic.TaskStatusValues() {
		_, ok := want[s]
		assert.True(t, ok, "no fixture for %s", s)
		assert.True(t, s.Known())
		assert.True(t, s.Neutral().Known())
		assert.NotEqual(t, tasking.StatusUnknown, s.Neutral())
	}
	assert.Len(t, satellogic.TaskStatusValues(), 9, "8 documented values and rejected")
	assert.False(t, satellogic.TaskStatus("on_hold_by_ops").Known())
}

func TestTerminalStatusesAgreeWithNeutral(t *testing.T) {
	for _, s := range satellogic.TaskStatusValues() {
		assert.Equal(t, s.Neutral().IsTerminal(), s.Terminal(), s)
	}
}

func TestEveryCaptureStatusDecodesAndMaps(t *testing.T) {
	var page satellogic.Page[*satellogic.Capture]
	require.NoError(t, satellogic.Decode(fixture(t, "captures_statuses.json"), &page))
	want := map[satellogic.CaptureStatus]tasking.CaptureStatus{
		"queued":         tasking.CaptureQueued,
		"processing":     tasking.CaptureProcessing,
		"published":      tasking.CapturePublished,
		"failed":         tasking.CaptureFailed,
		"removed_by_ops": tasking.CaptureUnknown,
	}
	require.Len(t, page.Results, len(want))
	for _, c := range page.Results {
		neutral, ok := want[c.Status]
		require.True(t, ok, c.Status)
		assert.Equal(t, neutral, c.Status.Neutral(), c.Status)
		assert.JSONEq(t, `{"satellite": "newsat40"}`, string(c.Unknown), "unknown members are kept")
	}
	for _, s := range satellogic.CaptureStatusValues() {
		assert.True(t, s.Known())
		assert.NotEqual(t, tasking.CaptureUnknown, s.Neutral())
	}
	assert.Len(t, satellogic.CaptureStatusValues(), 4)
}

func TestTaskLifecycleTable(t *testing.T) {
	lc := satellogic.TaskLifecycle
	assert.True(t, lc.Initial(satellogic.TaskReceived))
	for _, m := range [][2]satellogic.TaskStatus{
		{"received", "planning"}, {"planning", "pending"}, {"pending", "in_progress"},
		{"pending", "planning"}, {"in_progress", "planning"}, // the documented backward moves
		{"in_progress", "completed"}, {"in_progress", "partially_completed"}, {"in_progress", "failed"},
		{"planning", "failed"}, {"planning", "partially_completed"},
		{"received", "canceled"}, {"planning", "canceled"}, {"pending", "canceled"}, {"in_progress", "canceled"},
	} {
		assert.True(t, lc.Allows(m[0], m[1]), "%s -> %s", m[0], m[1])
	}
	for _, m := range [][2]satellogic.TaskStatus{
		{"received", "completed"}, {"completed", "planning"}, {"canceled", "planning"}, {"failed", "in_progress"},
		{"pending", "completed"},
	} {
		assert.False(t, lc.Allows(m[0], m[1]), "%s -> %s", m[0], m[1])
	}
	for _, s := range []satellogic.TaskStatus{"completed", "partially_completed", "failed", "canceled", "rejected"} {
		assert.True(t, lc.Terminal(s), s)
		assert.Empty(t, lc.Next(s), "nothing leaves %s", s)
	}
	for _, s := range satellogic.TaskStatusValues() {
		assert.Contains(t, lc.States(), s, "the table names %s", s)
	}
	m := lc.Mermaid()
	assert.True(t, strings.HasPrefix(m, "stateDiagram-v2"))
	assert.Contains(t, m, "in_progress --> planning : capture failed, re-scheduling")
	assert.Contains(t, m, "pending --> planning : allocated capture lost")
}

func TestCaptureLifecycleTable(t *testing.T) {
	lc := satellogic.CaptureLifecycle
	assert.True(t, lc.Initial(satellogic.CaptureQueued))
	assert.True(t, lc.Allows(satellogic.CaptureQueued, satellogic.CaptureProcessing))
	assert.True(t, lc.Allows(satellogic.CaptureQueued, satellogic.CaptureFailed))
	assert.True(t, lc.Allows(satellogic.CaptureProcessing, satellogic.CapturePublished))
	assert.True(t, lc.Allows(satellogic.CaptureProcessing, satellogic.CaptureFailed))
	assert.False(t, lc.Allows(satellogic.CaptureQueued, satellogic.CapturePublished))
	assert.False(t, lc.Allows(satellogic.CapturePublished, satellogic.CaptureQueued))
	assert.True(t, lc.Terminal(satellogic.CapturePublished))
	assert.True(t, lc.Terminal(satellogic.CaptureFailed))
	for _, s := range satellogic.CaptureStatusValues() {
		assert.Equal(t, s.Neutral().IsTerminal(), lc.Terminal(s), s)
	}
}

func TestProducts(t *testing.T) {
	assert.EqualValues(t, 169, satellogic.ProductPOI)
	assert.EqualValues(t, 178, satellogic.ProductAOI)
	assert.EqualValues(t, 186, satellogic.ProductNEI)
	assert.Equal(t, []satellogic.ProductID{169, 178, 186}, satellogic.ProductIDValues())
	assert.Equal(t, "Point", satellogic.ProductPOI.TargetType())
	assert.Equal(t, "Polygon", satellogic.ProductAOI.TargetType())
	assert.Equal(t, "", satellogic.ProductNEI.TargetType())
	assert.Equal(t, "Multispectral 70cm (169)", satellogic.ProductPOI.String())
	assert.Equal(t, "90", satellogic.ProductID(90).String())
	assert.Equal(t, []satellogic.NEIMode{"spotlight", "evo_stripe"}, satellogic.NEIModeValues())
}

func TestAnalysisStatusClasses(t *testing.T) {
	for raw, want := range map[string]struct {
		pending, failed bool
		neutral         tasking.Status
	}{
		"":          {true, false, tasking.StatusInProgress},
		"pending":   {true, false, tasking.StatusInProgress},
		"RUNNING":   {true, false, tasking.StatusInProgress},
		"queued":    {true, false, tasking.StatusInProgress},
		"completed": {false, false, tasking.StatusCompleted},
		"SUCCESS":   {false, false, tasking.StatusCompleted},
		"done":      {false, false, tasking.StatusCompleted},
		"failed":    {false, true, tasking.StatusFailed},
		"error":     {false, true, tasking.StatusFailed},
		"expired":   {false, true, tasking.StatusExpired},
		"whatever":  {false, false, tasking.StatusUnknown},
	} {
		s := satellogic.AnalysisStatus(raw)
		assert.Equal(t, want.pending, s.Pending(), raw)
		assert.Equal(t, !want.pending, s.Ready(), raw)
		assert.Equal(t, want.failed, s.Failed(), raw)
		assert.Equal(t, want.neutral, s.Neutral(), raw)
	}
	for _, s := range satellogic.AnalysisStatusValues() {
		assert.NotEqual(t, tasking.StatusUnknown, s.Neutral(), s)
	}
	assert.Equal(t, []satellogic.AnalysisKind{"can-add-order", "opportunities"}, satellogic.AnalysisKindValues())
}
