package main

import (
	"time"

	"github.com/eotask/eotask/tasking"
)

// backends lists the providers in the order the quickstart runs them.
var backends = []func(getenv func(string) string) (backend, error){
	planetBackend,
	satellogicBackend,
	clearskyBackend,
	capellaBackend,
}

// simWait polls a simulator quickly; realWait polls a real API patiently.
var (
	simWait  = &tasking.WaitOptions{MinDelay: 2 * time.Millisecond, MaxDelay: 20 * time.Millisecond}
	realWait = &tasking.WaitOptions{MinDelay: 5 * time.Second, MaxDelay: time.Minute}
)
