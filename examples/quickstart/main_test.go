package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstartOnSimulators runs the quickstart as `go run` does without
// credentials, and checks each provider's lifecycle and the summary table.
func TestQuickstartOnSimulators(t *testing.T) {
	var out bytes.Buffer
	noEnv := func(string) string { return "" }
	err := run(context.Background(), &out, noEnv, options{timeout: 30 * time.Second})
	require.NoError(t, err, out.String())
	text := out.String()
	for _, want := range []string{
		"planet       IN_PROGRESS               → FULFILLED",
		"satellogic   in_progress               → completed",
		"clearsky     Predicting                → Completed",
		"capella      approved through tasking.Approver: review → submitted",
		"capella      accepted                  → completed",
	} {
		assert.Contains(t, text, want)
	}
	table := text[strings.Index(text, "provider  "):]
	for _, row := range []string{"planet", "satellogic", "clearsky", "capella"} {
		line := lineStarting(table, row+" ")
		require.NotEmpty(t, line, "summary row for %s", row)
		assert.Contains(t, line, "simulator")
		assert.Contains(t, line, " completed ")
		assert.Contains(t, line, " cancelled ")
	}
}

func TestQuickstartOnly(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), &out, func(string) string { return "" }, options{only: "capella", timeout: 30 * time.Second})
	require.NoError(t, err)
	assert.NotContains(t, out.String(), "planet")
	assert.Contains(t, out.String(), "capella    final: completed")
}

func lineStarting(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
