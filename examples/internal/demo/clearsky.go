package demo

import (
	"time"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/clearsky/clearskytest"
	"github.com/eotask/eotask/geo"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// clearskyBackend orders a 4×4 km polygon west of Odense over last month: a
// historical order, which completes once its imagery is processed.
func clearskyBackend(getenv func(string) string) (*Backend, error) {
	b := &Backend{Name: clearsky.Name, Close: func() {}, Wait: realWait}
	now := time.Now
	var c *clearsky.Client
	if key := getenv("CLEARSKY_API_KEY"); key != "" {
		var err error
		if c, err = clearsky.New(key); err != nil {
			return nil, err
		}
	} else {
		srv := clearskytest.NewServer()
		c, now, b.Simulated, b.Close, b.Wait = srv.Client(), srv.Now, true, srv.Close, simWait
		b.CutDownloads = srv.CutDownloads
	}
	// A cut download is resumed on the simulator; on the real API each
	// resume may cost processing credits again, so it is left off there.
	b.Provider = c.Provider(clearsky.ProviderDefaults{ResumeDownloads: b.Simulated})
	field, err := geo.Footprint(orb.Point{10.13, 55.62}, 4, 4)
	if err != nil {
		return nil, err
	}
	b.Request = func() *tasking.Request {
		t := now().UTC()
		lastMonth := time.Date(t.Year(), t.Month()-1, 1, 0, 0, 0, 0, time.UTC)
		return &tasking.Request{Name: "eotask quickstart", Geometry: field,
			Start: lastMonth, End: lastMonth.AddDate(0, 1, 0).Add(-time.Second)}
	}
	return b, nil
}
