package demo

import (
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/capella/capellatest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// capellaBackend requests a spotlight collect over San Francisco. Capella puts
// a new request in cost review: the quickstart approves it when asked.
func capellaBackend(getenv func(string) string) (*Backend, error) {
	b := &Backend{Name: capella.Name, Close: func() {}, Wait: realWait}
	now := time.Now
	var c *capella.Client
	if key := getenv("CAPELLA_API_KEY"); key != "" {
		var err error
		if c, err = capella.New(key); err != nil {
			return nil, err
		}
	} else {
		srv := capellatest.NewServer()
		c, now, b.Simulated, b.Close, b.Wait = srv.Client(), srv.Now, true, srv.Close, simWait
		b.CutDownloads = srv.CutDownloads
	}
	b.Provider = c.Provider(capella.ProviderDefaults{EstimateWait: b.Wait})
	b.Request = func() *tasking.Request {
		start := now().Add(24 * time.Hour).Truncate(time.Second)
		return &tasking.Request{Name: "eotask quickstart sf", Geometry: orb.Point{-122.4163, 37.7612},
			Start: start, End: start.Add(8 * 24 * time.Hour)}
	}
	return b, nil
}
