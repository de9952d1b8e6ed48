package main

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWatchOnSimulators(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out, 10, 500, true))
	assert.Contains(t, out.String(), "all 40 tasks terminal")
	for _, p := range []string{"planet", "satellogic", "clearsky", "capella"} {
		assert.Contains(t, out.String(), fmt.Sprintf("%-10s", p))
		assert.Regexp(t, p+` +\d+ changes,   10 tasks finished`, out.String())
	}
}
