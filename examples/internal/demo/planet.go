package demo

import (
	"time"

	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/planet/planettest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// planetBackend orders a Flexible point order over Cairo. On the simulator
// the first capture comes back cloudy, so the order is retasked before it is
// fulfilled.
func planetBackend(getenv func(string) string) (*Backend, error) {
	b := &Backend{Name: planet.Name, Close: func() {}, Wait: realWait}
	now := time.Now
	var c *planet.Client
	if key := getenv("PLANET_API_KEY"); key != "" {
		var err error
		if c, err = planet.New(key); err != nil {
			return nil, err
		}
	} else {
		srv := planettest.NewServer(planettest.WithCloudyCaptures(1))
		c, now, b.Simulated, b.Close, b.Wait = srv.Client(), srv.Now, true, srv.Close, simWait
		b.CutDownloads = srv.CutDownloads
	}
	// Imaging windows (the passes an estimate offers) are searched for a
	// contract's Assured product: PLANET_PL_NUMBER names the contract on the
	// real API.
	pl := getenv("PLANET_PL_NUMBER")
	if b.Simulated {
		pl = "PL-123456"
	}
	b.Provider = c.Provider(planet.ProviderDefaults{EstimateWait: b.Wait, PLNumber: pl, SearchProduct: "Assured Tasking"})
	b.Request = func() *tasking.Request {
		// Planet keeps an order PENDING until its start time: start now.
		start := now().Truncate(time.Second)
		return &tasking.Request{Name: "eotask quickstart cairo", Geometry: orb.Point{31.2357, 30.0444},
			Start: start, End: start.Add(30 * 24 * time.Hour)}
	}
	return b, nil
}
