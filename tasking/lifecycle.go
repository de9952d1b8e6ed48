package tasking

import (
	"fmt"
	"strings"
)

// Transition is one documented move in a [Lifecycle]: From to To, with an
// optional label that says what causes it (drawn on the diagram).
type Transition[S ~string] struct {
	From, To S
	Label    string
}

// Lifecycle is a provider's documented transition table for one kind of
// resource. Provider packages export theirs (planet.OrderLifecycle,
// satellogic.TaskLifecycle, …); simulators move resources only along them and
// [Wait] reports moves they do not allow.
//
// A Lifecycle is immutable once built and safe for concurrent use.
type Lifecycle[S ~string] struct {
	name     string
	initial  []S
	terminal map[S]bool
	states   []S // declaration order, for stable output
	edges    []Transition[S]
	next     map[S][]S
}

// NewLifecycle builds a lifecycle named name (the diagram's title) whose
// resources start in one of initial, end in one of terminal, and move along
// transitions. States are collected from all three lists in order.
func NewLifecycle[S ~string](name string, initial, terminal []S, transitions ...Transition[S]) *Lifecycle[S] {
	l := &Lifecycle[S]{
		name:     name,
		initial:  append([]S(nil), initial...),
		terminal: make(map[S]bool, len(terminal)),
		edges:    append([]Transition[S](nil), transitions...),
		next:     make(map[S][]S),
	}
	seen := map[S]bool{}
	add := func(s S) {
		if !seen[s] {
			seen[s] = true
			l.states = append(l.states, s)
		}
	}
	for _, s := range initial {
		add(s)
	}
	for _, t := range transitions {
		add(t.From)
		add(t.To)
		l.next[t.From] = append(l.next[t.From], t.To)
	}
	for _, s := range terminal {
		add(s)
		l.terminal[s] = true
	}
	return l
}

// Name returns the lifecycle's name.
func (l *Lifecycle[S]) Name() string { return l.name }

// Allows reports whether the table documents a move from one state to
// another. Staying in the same state is always allowed.
func (l *Lifecycle[S]) Allows(from, to S) bool {
	if from == to {
		return true
	}
	for _, n := range l.next[from] {
		if n == to {
			return true
		}
	}
	return false
}

// Next returns the states the table allows after from, in declaration order.
// The slice is a copy.
func (l *Lifecycle[S]) Next(from S) []S { return append([]S(nil), l.next[from]...) }

// Terminal reports whether s is one of the lifecycle's end states. A terminal
// state may still have documented moves out of it (a human review reversing a
// result); Terminal says only that the provider does not move on by itself.
func (l *Lifecycle[S]) Terminal(s S) bool { return l.terminal[s] }

// Initial reports whether a resource can start in s.
func (l *Lifecycle[S]) Initial(s S) bool {
	for _, i := range l.initial {
		if i == s {
			return true
		}
	}
	return false
}

// States returns every state named by the table, in declaration order.
func (l *Lifecycle[S]) States() []S { return append([]S(nil), l.states...) }

// Transitions returns the table's moves, in declaration order.
func (l *Lifecycle[S]) Transitions() []Transition[S] {
	return append([]Transition[S](nil), l.edges...)
}

// Mermaid draws the lifecycle as a Mermaid state diagram (stateDiagram-v2),
// which GitHub renders in Markdown: start arrows into the initial states, one
// arrow per transition (with its label), and an end arrow out of each terminal
// state.
func (l *Lifecycle[S]) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	if l.name != "" {
		fmt.Fprintf(&b, "    %%%% %s\n", l.name)
	}
	for _, s := range l.states {
		if id := mermaidID(string(s)); id != string(s) {
			fmt.Fprintf(&b, "    state %q as %s\n", string(s), id)
		}
	}
	for _, s := range l.initial {
		fmt.Fprintf(&b, "    [*] --> %s\n", mermaidID(string(s)))
	}
	for _, t := range l.edges {
		fmt.Fprintf(&b, "    %s --> %s", mermaidID(string(t.From)), mermaidID(string(t.To)))
		if t.Label != "" {
			fmt.Fprintf(&b, " : %s", strings.ReplaceAll(t.Label, "\n", " "))
		}
		b.WriteByte('\n')
	}
	for _, s := range l.states {
		if l.terminal[s] {
			fmt.Fprintf(&b, "    %s --> [*]\n", mermaidID(string(s)))
		}
	}
	return b.String()
}

// mermaidID turns a state name into a Mermaid identifier: letters, digits and
// underscores only.
func mermaidID(s string) string {
	if s == "" {
		return "unknown"
	}
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}
