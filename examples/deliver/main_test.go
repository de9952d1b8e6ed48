package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeliverOnSimulators(t *testing.T) {
	var out, bars bytes.Buffer
	dir := t.TempDir()
	err := run(context.Background(), &out, func(string) string { return "" },
		options{dir: dir, concurrency: 3, timeout: time.Minute, progress: &bars})
	require.NoError(t, err, out.String())
	text := out.String()
	resumed := 0
	for _, p := range []string{"planet", "satellogic", "clearsky", "capella"} {
		rows := 0
		for _, l := range strings.Split(text, "\n") {
			f := strings.Fields(l)
			if len(f) < 8 || f[0] != p || f[1] != "simulator" {
				continue
			}
			rows++
			assert.NotContains(t, l, "error:", l)
			assert.NotEqual(t, "-", f[5], "every file is verified: %s", l)
			size, err := strconv.ParseInt(f[4], 10, 64)
			require.NoError(t, err, l)
			st, err := os.Stat(filepath.Join(dir, p, f[2], f[3]))
			require.NoError(t, err, l)
			assert.Equal(t, size, st.Size(), l)
			if f[6] != "0" {
				resumed++
				assert.Equal(t, f[4], f[7], "a resumed file fetched only what was missing: %s", l)
			}
		}
		assert.Positive(t, rows, "%s fetched files\n%s", p, text)
	}
	assert.GreaterOrEqual(t, resumed, 3, "one cut download a provider, resumed\n%s", text)
	assert.Contains(t, bars.String(), "100%", "progress bars were drawn")
	matches, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.part"))
	assert.Empty(t, matches, "no partial file left")
}
