package demo

import (
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// satellogicBackend tasks a point of interest (product 169) over Rosario.
func satellogicBackend(getenv func(string) string) (*Backend, error) {
	b := &Backend{Name: satellogic.Name, Close: func() {}, Wait: realWait}
	now := time.Now
	var c *satellogic.Client
	if id := getenv("SATELLOGIC_CLIENT_ID"); id != "" {
		var err error
		c, err = satellogic.New(satellogic.Credentials{ClientID: id, ClientSecret: getenv("SATELLOGIC_CLIENT_SECRET"),
			ContractID: getenv("SATELLOGIC_CONTRACT_ID")})
		if err != nil {
			return nil, err
		}
	} else {
		srv := satellogictest.NewServer()
		c, now, b.Simulated, b.Close, b.Wait = srv.Client(), srv.Now, true, srv.Close, simWait
		b.CutDownloads = srv.CutDownloads
	}
	b.Provider = c.Provider(satellogic.ProviderDefaults{ProjectName: "eotask-examples", EstimateWait: b.Wait})
	b.Request = func() *tasking.Request {
		start := now().Add(time.Hour).Truncate(time.Second)
		return &tasking.Request{Name: "eotask quickstart rosario", Geometry: orb.Point{-60.6393, -32.9468},
			Start: start, End: start.Add(7 * 24 * time.Hour)}
	}
	return b, nil
}
