package transport

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

type applyOpts struct{ n []int }

type applyOption func(*applyOpts)

func TestApplyTo(t *testing.T) {
	add := func(i int) applyOption { return func(o *applyOpts) { o.n = append(o.n, i) } }
	got := ApplyTo(applyOpts{n: []int{0}}, []applyOption{add(1), nil, add(2)})
	assert.Equal(t, []int{0, 1, 2}, got.n, "over the defaults, in order, nil skipped")
	assert.Equal(t, applyOpts{}, ApplyTo(applyOpts{}, []applyOption(nil)))
}
