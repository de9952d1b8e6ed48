package main

import (
	"context"
	"testing"
	"time"
)

// TestSimulated runs the example as `go run` does without credentials.
func TestSimulated(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := simulated(ctx); err != nil {
		t.Fatal(err)
	}
}
