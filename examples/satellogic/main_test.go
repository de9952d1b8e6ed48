package main

import (
	"bytes"
	"context"
	"testing"
	"time"
)

func TestSimulatedWalkthrough(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	if err := simulate(ctx, &out); err != nil {
		t.Fatalf("simulate: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"product 169 \"Multispectral 70cm\"",
		"can-add analysis",
		"in_progress          neutral in_progress",
		"pending              neutral scheduled",
		"ended completed (neutral completed)",
		"capture ", " failed (neutral failed)",
		"after cancel: canceled (neutral cancelled)",
	} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
