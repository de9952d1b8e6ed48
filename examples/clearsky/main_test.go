package main

import (
	"context"
	"testing"
	"time"
)

// TestSimulated runs the example against the simulator, as `go run` does
// without credentials.
func TestSimulated(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := simulated(ctx); err != nil {
		t.Fatal(err)
	}
}
