package capella_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	vOpen  = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	square = orb.Polygon{{{10, 10}, {10.1, 10}, {10.1, 10.1}, {10, 10.1}, {10, 10}}}
)

func validTask() *capella.TaskCreateRequest {
	return &capella.TaskCreateRequest{Geometry: orb.Point{10, 20}, WindowOpen: vOpen, WindowClose: vOpen.AddDate(0, 0, 7),
		CollectionType: capella.CollectionSpotlight}
}

func validRepeat() *capella.RepeatCreateRequest {
	return &capella.RepeatCreateRequest{Geometry: orb.Point{10, 20}, CollectionType: capella.CollectionSpotlight,
		Repetition: capella.RepetitionProperties{RepeatStart: vOpen, RepetitionInterval: 7}}
}

func TestValidationRules(t *testing.T) {
	c, mt := mock(t)
	many := orb.Ring{}
	for i := 0; i < 260; i++ {
		a := float64(i) / 260 * 6.283
		many = append(many, orb.Point{10 + 0.1*cos(a), 10 + 0.1*sin(a)})
	}
	many = append(many, many[0])

	cases := []struct {
		name  string
		call  func() error
		field string
		geo   bool
	}{
		{"task without geometry", func() error { r := validTask(); r.Geometry = nil; _, err := c.Tasks.Create(ctx(t), r); return err }, "geometry", false},
		{"task with a line", func() error {
			r := validTask()
			r.Geometry = orb.LineString{{1, 2}, {3, 4}}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "geometry", true},
		{"task with a multipolygon", func() error {
			r := validTask()
			r.Geometry, r.CollectionType = orb.MultiPolygon{square}, capella.CollectionStripmap100
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "geometry", true},
		{"task point out of range", func() error {
			r := validTask()
			r.Geometry = orb.Point{200, 20}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "geometry.coordinates", true},
		{"area with spotlight", func() error { r := validTask(); r.Geometry = square; _, err := c.Tasks.Create(ctx(t), r); return err }, "geometry", false},
		{"area with a hole", func() error {
			r := validTask()
			r.CollectionType = capella.CollectionStripmap100
			r.Geometry = orb.Polygon{square[0], {{10.02, 10.02}, {10.03, 10.02}, {10.03, 10.03}, {10.02, 10.02}}}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "geometry.coordinates", false},
		{"area with 260 vertices", func() error {
			r := validTask()
			r.CollectionType, r.Geometry = capella.CollectionStripmap100, orb.Polygon{many}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "geometry", true},
		{"self-intersecting area", func() error {
			r := validTask()
			r.CollectionType = capella.CollectionStripmap100
			r.Geometry = orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "geometry.coordinates[0]", true},
		{"no collection type", func() error { r := validTask(); r.CollectionType = ""; _, err := c.Tasks.Create(ctx(t), r); return err }, "properties.collectionType", false},
		{"no window open", func() error {
			r := validTask()
			r.WindowOpen = time.Time{}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.windowOpen", false},
		{"no window close", func() error {
			r := validTask()
			r.WindowClose = time.Time{}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.windowClose", false},
		{"close before open", func() error {
			r := validTask()
			r.WindowClose = r.WindowOpen.Add(-time.Hour)
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.windowClose", false},
		{"standard window under 7 days", func() error {
			r := validTask()
			r.WindowClose = r.WindowOpen.Add(6 * 24 * time.Hour)
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.windowClose", false},
		{"urgent window under 24 h", func() error {
			r := validTask()
			r.CollectionTier, r.WindowClose = capella.TierUrgent, r.WindowOpen.Add(23*time.Hour)
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.windowClose", false},
		{"priority window under 72 h", func() error {
			r := validTask()
			r.CollectionTier, r.WindowClose = capella.TierPriority, r.WindowOpen.Add(71*time.Hour)
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.windowClose", false},
		{"off-nadir out of range", func() error {
			r := validTask()
			r.Constraints = &capella.CollectConstraints{OffNadirMax: capella.Float(91)}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.collectConstraints.offNadirMax", false},
		{"off-nadir min above max", func() error {
			r := validTask()
			r.Constraints = &capella.CollectConstraints{OffNadirMin: capella.Float(40), OffNadirMax: capella.Float(30)}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.collectConstraints.offNadirMax", false},
		{"image width", func() error {
			r := validTask()
			r.Constraints = &capella.CollectConstraints{ImageWidth: capella.Float(1000)}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.collectConstraints.imageWidth", false},
		{"local time range", func() error {
			r := validTask()
			r.Constraints = &capella.CollectConstraints{LocalTime: &capella.LocalTime{Ranges: [][2]float64{{0, 90000}}}}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.collectConstraints.localTime[0]", false},
		{"local time both forms", func() error {
			r := validTask()
			r.Constraints = &capella.CollectConstraints{LocalTime: &capella.LocalTime{Option: "day", Ranges: [][2]float64{{0, 1}}}}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.collectConstraints.localTime", false},
		{"num looks", func() error {
			r := validTask()
			r.Constraints = &capella.CollectConstraints{NumLooks: capella.Int(0)}
			_, err := c.Tasks.Create(ctx(t), r)
			return err
		}, "properties.collectConstraints.numLooks", false},
		{"repeat with an area", func() error {
			r := validRepeat()
			r.Geometry = square
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "geometry", true},
		{"repeat without start", func() error {
			r := validRepeat()
			r.Repetition.RepeatStart = time.Time{}
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.repetitionProperties.repeatStart", false},
		{"repeat interval 0", func() error {
			r := validRepeat()
			r.Repetition.RepetitionInterval = 0
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.repetitionProperties.repetitionInterval", false},
		{"repeat count 0", func() error {
			r := validRepeat()
			r.Repetition.RepetitionCount = capella.Int(0)
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.repetitionProperties.repetitionCount", false},
		{"repeat end and count", func() error {
			r := validRepeat()
			r.Repetition.RepetitionCount, r.Repetition.RepeatEnd = capella.Int(3), vOpen.AddDate(0, 1, 0)
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.repetitionProperties.repeatEnd", false},
		{"repeat end before start", func() error {
			r := validRepeat()
			r.Repetition.RepeatEnd = vOpen.Add(-time.Hour)
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.repetitionProperties.repeatEnd", false},
		{"repeat window longer than the interval", func() error {
			r := validRepeat()
			r.WindowDuration = 8 * 24 * time.Hour
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.windowDuration", false},
		{"repeat negative tolerance", func() error {
			r := validRepeat()
			r.Repetition.LookAngleTolerance = capella.Float(-1)
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.repetitionProperties.lookAngleTolerance", false},
		{"repeat without type", func() error {
			r := validRepeat()
			r.CollectionType = ""
			_, err := c.RepeatRequests.Create(ctx(t), r)
			return err
		}, "properties.collectionType", false},
		{"task retask with off-nadir", func() error {
			_, err := c.Tasks.Retask(ctx(t), taskID, &capella.RetaskRequest{OffNadirMin: capella.Float(10)})
			return err
		}, "offNadirMin", false},
		{"retask window order", func() error {
			_, err := c.Tasks.Retask(ctx(t), taskID, &capella.RetaskRequest{WindowOpen: vOpen, WindowClose: vOpen})
			return err
		}, "windowClose", false},
		{"retask tier window", func() error {
			_, err := c.Collects.Retask(ctx(t), collID, &capella.RetaskRequest{WindowOpen: vOpen, WindowClose: vOpen.Add(time.Hour),
				CollectionTier: capella.TierUrgent})
			return err
		}, "windowClose", false},
		{"collect retask off-nadir range", func() error {
			_, err := c.Collects.Retask(ctx(t), collID, &capella.RetaskRequest{OffNadirMin: capella.Float(70)})
			return err
		}, "offNadirMin", false},
		{"repeat retask end and count", func() error {
			_, err := c.RepeatRequests.Retask(ctx(t), repeatID, &capella.RepeatRetaskRequest{RepetitionCount: 2, RepeatEnd: vOpen})
			return err
		}, "repeatEnd", false},
		{"repeat retask negative interval", func() error {
			_, err := c.RepeatRequests.Retask(ctx(t), repeatID, &capella.RepeatRetaskRequest{RepetitionInterval: -1})
			return err
		}, "repetitionInterval", false},
		{"access without geometry", func() error {
			_, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{WindowOpen: vOpen, WindowClose: vOpen.Add(time.Hour)})
			return err
		}, "geometry", false},
		{"access window order", func() error {
			_, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{Geometry: orb.Point{1, 2}, WindowOpen: vOpen, WindowClose: vOpen})
			return err
		}, "properties.windowClose", false},
		{"access constraint range", func() error {
			_, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{Geometry: orb.Point{1, 2}, WindowOpen: vOpen,
				WindowClose: vOpen.Add(time.Hour), Constraints: &capella.AccessConstraints{ImageLength: capella.Float(10)}})
			return err
		}, "properties.accessConstraints.imageLength", false},
		{"access local time", func() error {
			_, err := c.AccessRequests.Create(ctx(t), &capella.AccessRequestCreateRequest{Geometry: orb.Point{1, 2}, WindowOpen: vOpen,
				WindowClose: vOpen.Add(time.Hour), Constraints: &capella.AccessConstraints{LocalTime: [][2]float64{{5, 1}}}})
			return err
		}, "properties.accessConstraints.localTime[0]", false},
		{"empty id", func() error { _, err := c.RepeatRequests.Get(ctx(t), ""); return err }, "repeatrequestId", false},
		{"empty collect id", func() error { _, err := c.Collects.Status(ctx(t), ""); return err }, "collectId", false},
		{"empty access id", func() error { _, err := c.AccessRequests.Accesses(ctx(t), ""); return err }, "accessrequestId", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ve *tasking.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field, ve.Error())
			assert.NotEmpty(t, ve.Reason)
			assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
			if tc.geo {
				var ge *geo.Error
				assert.True(t, errors.As(err, &ge), "the geo error is kept: %v", err)
			}
		})
	}
	assert.Equal(t, 0, mt.GetTotalCallCount(), "no request was sent")

	// The valid requests pass every rule.
	require.NoError(t, validTask().Validate())
	r := validTask()
	r.Geometry, r.CollectionType, r.CollectionTier, r.WindowClose = square, capella.CollectionStripmap100, capella.TierFlexible, vOpen.Add(time.Hour)
	require.NoError(t, r.Validate(), "flexible has no minimum window; an area with a stripmap type")
	require.NoError(t, validRepeat().Validate())
	var nilTask *capella.TaskCreateRequest
	require.Error(t, nilTask.Validate())
}

func cos(a float64) float64 { return math.Cos(a) }
func sin(a float64) float64 { return math.Sin(a) }
