package tasking

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestFilterMatch(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	task := &Task{Name: "Cairo North", Status: StatusInProgress, CreatedAt: day}
	assert.True(t, (*Filter)(nil).Match(task))
	assert.True(t, (&Filter{}).Match(task))
	assert.True(t, (&Filter{Status: []Status{StatusCompleted, StatusInProgress}}).Match(task))
	assert.False(t, (&Filter{Status: []Status{StatusCompleted}}).Match(task))
	assert.True(t, (&Filter{NameContains: "cairo"}).Match(task))
	assert.False(t, (&Filter{NameContains: "giza"}).Match(task))
	assert.True(t, (&Filter{CreatedAfter: day}).Match(task))
	assert.False(t, (&Filter{CreatedAfter: day.Add(time.Second)}).Match(task))
	assert.False(t, (&Filter{CreatedBefore: day}).Match(task))
	assert.True(t, (&Filter{CreatedBefore: day.Add(time.Second)}).Match(task))
}

func TestRetryPolicyDefaults(t *testing.T) {
	assert.Equal(t, DefaultRetryPolicy(), RetryPolicy{}.WithDefaults())
	p := RetryPolicy{MaxAttempts: 1, Jitter: -1}.WithDefaults()
	assert.Equal(t, 1, p.MaxAttempts)
	assert.Zero(t, p.Jitter)
	assert.Equal(t, 1, NoRetry().WithDefaults().MaxAttempts)
	assert.Equal(t, 30*time.Second, p.MaxInterval)
}
