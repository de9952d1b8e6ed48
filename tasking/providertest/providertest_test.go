package providertest

import (
	"testing"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

func TestContractOnFake(t *testing.T) {
	start := time.Now().Add(time.Hour).UTC()
	Run(t, Config{
		Provider: &Fake{PageSize: 2},
		Request: func() *tasking.Request {
			return &tasking.Request{Name: "contract", Geometry: orb.Point{31.2, 30.0}, Start: start, End: start.Add(48 * time.Hour)}
		},
		Success: tasking.Status.IsSuccess,
	})
}
