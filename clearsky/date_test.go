package clearsky_test

import (
	"testing"
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDate(t *testing.T) {
	d := clearsky.NewDate(2025, time.February, 28)
	assert.True(t, d.Valid())
	assert.Equal(t, "2025-02-28", d.String())
	assert.False(t, clearsky.NewDate(2025, time.February, 29).Valid())
	assert.True(t, clearsky.NewDate(2024, time.February, 29).Valid())
	assert.False(t, clearsky.NewDate(2025, 13, 1).Valid())
	assert.False(t, clearsky.Date{}.Valid())
	assert.True(t, clearsky.Date{}.IsZero())

	assert.Equal(t, clearsky.NewDate(2025, time.March, 1), d.AddDays(1))
	assert.Equal(t, clearsky.NewDate(2025, time.February, 1), d.FirstOfMonth())
	assert.Equal(t, clearsky.NewDate(2025, time.February, 28), clearsky.NewDate(2025, time.February, 3).LastOfMonth())
	assert.Equal(t, clearsky.NewDate(2026, time.January, 1), clearsky.NewDate(2025, time.November, 30).AddMonths(2))
	assert.Equal(t, 243, clearsky.NewDate(2025, time.September, 1).DaysSince(clearsky.NewDate(2025, time.January, 1)))
	assert.True(t, d.Before(d.AddDays(1)))
	assert.True(t, d.AddDays(1).After(d))
	assert.Equal(t, time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC), d.Time())
	assert.Equal(t, d, clearsky.DateOf(time.Date(2025, 2, 28, 23, 30, 0, 0, time.FixedZone("x", -3600))).AddDays(-1))

	for in, want := range map[string]clearsky.Date{
		"2025-04-03":           clearsky.NewDate(2025, 4, 3),
		"2025-04-03T00:00:00Z": clearsky.NewDate(2025, 4, 3),
		"2025-04-03T00:00:00":  clearsky.NewDate(2025, 4, 3),
		" 2025-04-03 ":         clearsky.NewDate(2025, 4, 3),
	} {
		got, err := clearsky.ParseDate(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "2025-4-3", "03/04/2025", "2025-02-30", "tomorrow"} {
		_, err := clearsky.ParseDate(bad)
		assert.Error(t, err, bad)
	}
	assert.Panics(t, func() { clearsky.MustParseDate("x") })
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		A clearsky.Date
		B *clearsky.Date
		C clearsky.Date
	}
	d := clearsky.NewDate(2025, 9, 1)
	b, err := json.Marshal(wrap{A: d})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"2025-09-01","B":null,"C":null}`, string(b), "a zero Date and a nil *Date are null")

	var w wrap
	require.NoError(t, json.Unmarshal([]byte(`{"A":"2025-09-01","B":null,"C":""}`), &w))
	assert.Equal(t, d, w.A)
	assert.Nil(t, w.B)
	assert.True(t, w.C.IsZero())
	assert.Error(t, json.Unmarshal([]byte(`{"A":20250901}`), &w))
	assert.Error(t, json.Unmarshal([]byte(`{"A":"01.09.2025"}`), &w))

	txt, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2025-09-01", string(txt))
	var back clearsky.Date
	require.NoError(t, back.UnmarshalText(txt))
	assert.Equal(t, d, back)
	require.NoError(t, back.UnmarshalText(nil))
	assert.True(t, back.IsZero())
	assert.Error(t, back.UnmarshalText([]byte("x")))
	empty, err := clearsky.Date{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, empty)
}
