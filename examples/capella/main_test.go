package main

import (
	"context"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// TestSimulated runs the example's simulator flow end to end.
func TestSimulated(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := simulated(ctx, orb.Point{2.35, 48.85}, "example test"); err != nil {
		t.Fatal(err)
	}
}
