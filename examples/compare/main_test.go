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

func TestCompareOnSimulators(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }, options{rule: "earliest", perProvider: 20 * time.Second}))
	text := out.String()
	assert.Contains(t, text, "(25.0 km²)")
	for _, p := range []string{"planet", "satellogic", "clearsky", "capella"} {
		var row string
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, p+" ") {
				row = l
			}
		}
		require.NotEmpty(t, row, p)
		assert.NotContains(t, row, "error:", row)
	}
	assert.Contains(t, text, "approve Capella's cost review")
	assert.Contains(t, text, "opportunities, best first by \"earliest\"")
	assert.Regexp(t, `booked on \w+ \(simulator\): task \S+`, text)
}

func TestCompareRules(t *testing.T) {
	for _, rule := range []string{"cloud", "viewing", "cheapest:USD", "cheapest:sqkm"} {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), &out, func(string) string { return "" }, options{rule: rule, perProvider: 20 * time.Second}), rule)
		assert.Contains(t, out.String(), "booked on ", rule)
	}
	var out bytes.Buffer
	err := run(context.Background(), &out, func(string) string { return "" }, options{rule: "prettiest"})
	assert.ErrorContains(t, err, "-rule")
	err = run(context.Background(), &out, func(string) string { return "" }, options{rule: "cheapest"})
	assert.ErrorContains(t, err, "cheapest:USD")
}
