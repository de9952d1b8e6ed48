package tasking

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

type light string

func testLifecycle() *Lifecycle[light] {
	return NewLifecycle("traffic light",
		[]light{"red"},
		[]light{"off", "broken-down"},
		Transition[light]{From: "red", To: "green"},
		Transition[light]{From: "green", To: "amber"},
		Transition[light]{From: "amber", To: "red"},
		Transition[light]{From: "amber", To: "off", Label: "night"},
		Transition[light]{From: "off", To: "red", Label: "morning"},
		Transition[light]{From: "green", To: "broken-down"},
	)
}

func TestLifecycle(t *testing.T) {
	l := testLifecycle()
	assert.True(t, l.Allows("red", "green"))
	assert.True(t, l.Allows("green", "green"), "staying is allowed")
	assert.False(t, l.Allows("green", "red"))
	assert.False(t, l.Allows("nowhere", "red"))
	assert.Equal(t, []light{"amber", "broken-down"}, l.Next("green"))
	assert.Empty(t, l.Next("broken-down"))
	assert.True(t, l.Terminal("off"))
	assert.False(t, l.Terminal("amber"))
	assert.True(t, l.Initial("red"))
	assert.False(t, l.Initial("green"))
	assert.Equal(t, []light{"red", "green", "amber", "off", "broken-down"}, l.States())
	assert.Len(t, l.Transitions(), 6)
	assert.Equal(t, "traffic light", l.Name())
}

func TestLifecycleMermaid(t *testing.T) {
	want := `stateDiagram-v2
    %% traffic light
    state "broken-down" as broken_down
    [*] --> red
    red --> green
    green --> amber
    amber --> red
    amber --> off : night
    off --> red : morning
    green --> broken_down
    off --> [*]
    broken_down --> [*]
`
	assert.Equal(t, want, testLifecycle().Mermaid())
}
