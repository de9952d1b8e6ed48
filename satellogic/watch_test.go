package satellogic_test

import (
	"context"
	"testing"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Watch yields the resource once per status, the first observation
// included, and ends where Wait returns.
func TestWatchTasksAndAnalyses(t *testing.T) {
	srv, c, req := analysisSim(t, "watched", 1)
	ctx := context.Background()

	a, err := c.Analysis.Submit(ctx, satellogic.AnalysisCanAdd, req)
	require.NoError(t, err)
	var analyses []satellogic.AnalysisStatus
	for got, err := range c.Analysis.Watch(ctx, satellogic.AnalysisCanAdd, a.ID, fastWait) {
		require.NoError(t, err)
		analyses = append(analyses, got.Status)
	}
	require.NotEmpty(t, analyses)
	assert.True(t, analyses[len(analyses)-1].Ready(), "it ends when the analysis is ready: %v", analyses)

	task, err := c.Tasks.Create(ctx, req)
	require.NoError(t, err)
	var statuses []satellogic.TaskStatus
	for got, err := range c.Tasks.Watch(ctx, task.TaskID, fastWait) {
		require.NoError(t, err)
		require.NotEmpty(t, got.Status)
		if n := len(statuses); n > 0 {
			assert.NotEqual(t, statuses[n-1], got.Status, "one value per status")
		}
		statuses = append(statuses, got.Status)
	}
	require.Greater(t, len(statuses), 1)
	assert.True(t, statuses[len(statuses)-1].Neutral().IsTerminal(), "it ends at a terminal status: %v", statuses)

	srv.ResetRequests()
	n := 0
	for _, err := range c.Tasks.Watch(ctx, 0, nil) {
		var ve *tasking.ValidationError
		assert.ErrorAs(t, err, &ve, "an id that is not positive")
		n++
	}
	assert.Equal(t, 1, n)
	assert.Empty(t, srv.Requests(), "nothing sent")
}
