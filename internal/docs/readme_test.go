package docs

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/planet"
	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/tasking"
)

var update = flag.Bool("update", false, "rewrite the diagrams in README.md from the Lifecycle tables")

const readme = "../../README.md"

// diagrams are the README's state diagrams, by marker name.
func diagrams() map[string]string {
	return map[string]string{
		"planet.OrderLifecycle":     planet.OrderLifecycle.Mermaid(),
		"planet.CaptureLifecycle":   planet.CaptureLifecycle.Mermaid(),
		"satellogic.TaskLifecycle":  satellogic.TaskLifecycle.Mermaid(),
		"clearsky.OrderLifecycle":   clearsky.OrderLifecycle.Mermaid(),
		"capella.RequestLifecycle":  capella.RequestLifecycle.Mermaid(),
		"tasking.Status (terminal)": neutralTerminal(),
	}
}

// neutralTerminal lists the neutral statuses as a diagram note: which end a
// task and how.
func neutralTerminal() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	for _, s := range tasking.Statuses() {
		switch {
		case s.IsSuccess():
			fmt.Fprintf(&b, "    %s --> [*] : success\n", s)
		case s.IsFailure():
			fmt.Fprintf(&b, "    %s --> [*] : failure\n", s)
		case s.IsCancelled():
			fmt.Fprintf(&b, "    %s --> [*] : cancelled\n", s)
		}
	}
	return b.String()
}

// TestReadmeDiagramsMatchLifecycles checks every
//
//	<!-- mermaid:NAME -->
//	```mermaid
//	…
//	```
//
// block against the code.
func TestReadmeDiagramsMatchLifecycles(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for name, want := range diagrams() {
		marker := "<!-- mermaid:" + name + " -->\n```mermaid\n"
		i := strings.Index(text, marker)
		if i < 0 {
			t.Errorf("README.md has no diagram %q (marker %q)", name, strings.TrimSpace(marker))
			continue
		}
		start := i + len(marker)
		end := strings.Index(text[start:], "```")
		if end < 0 {
			t.Fatalf("diagram %q is not closed", name)
		}
		got := text[start : start+end]
		if got == want {
			continue
		}
		if *update {
			text = text[:start] + want + text[start+end:]
			continue
		}
		t.Errorf("README.md diagram %q is out of date; run go test ./internal/docs -update\n got:\n%s\nwant:\n%s", name, got, want)
	}
	if *update {
		if err := os.WriteFile(readme, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadmeCommands keeps the README's set-up true to CI.
func TestReadmeCommands(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"go run ./examples/quickstart", "go test ./..."} {
		if !strings.Contains(string(data), cmd) {
			t.Errorf("README.md does not give %q", cmd)
		}
	}
}
