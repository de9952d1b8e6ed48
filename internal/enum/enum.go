// Package enum holds what the provider packages' string enums share: a Table
// of the documented values, in their documented order, each with the neutral
// value it maps onto (a tasking.Status, a tasking.CaptureStatus …), and the
// lenient JSON reading of an open enum. A provider package keeps its own
// exported type, constants, <Enum>Values, Neutral and Known; their bodies are
// one-liners over an unexported Table.
package enum

import (
	"fmt"

	"github.com/go-json-experiment/json/jsontext"
)

// Entry is one row of a Table: a value and the neutral value it maps onto.
// An alias is known and maps, but is not listed by Table.Values (a second
// spelling the provider accepts, such as Capella's "cancelled").
type Entry[V ~string, N comparable] struct {
	Value   V
	Neutral N
	Alias   bool
}

// Of is an entry of a listed value.
func Of[V ~string, N comparable](v V, n N) Entry[V, N] { return Entry[V, N]{Value: v, Neutral: n} }

// AliasOf is an entry of an alias: known and mapped, but not listed.
func AliasOf[V ~string, N comparable](v V, n N) Entry[V, N] {
	return Entry[V, N]{Value: v, Neutral: n, Alias: true}
}

// Table maps an enum's values onto neutral ones. It is built once, by New,
// and never changed afterwards, so it is safe for concurrent use.
type Table[V ~string, N comparable] struct {
	values  []V          // the listed values, in order
	neutral map[V]N      // every known value, aliases included
	byName  map[string]V // every known value by its wire text, for Read
}

// New builds a table from its entries, in the order Values lists them.
func New[V ~string, N comparable](entries ...Entry[V, N]) *Table[V, N] {
	t := &Table[V, N]{neutral: make(map[V]N, len(entries)), byName: make(map[string]V, len(entries))}
	for _, e := range entries {
		if !e.Alias {
			t.values = append(t.values, e.Value)
		}
		t.neutral[e.Value] = e.Neutral
		t.byName[string(e.Value)] = e.Value
	}
	return t
}

// Values returns the listed values, in order, as a new slice.
func (t *Table[V, N]) Values() []V { return append([]V(nil), t.values...) }

// Neutral returns the neutral value v maps onto; an unknown v gives N's zero
// value (the neutral "unknown").
func (t *Table[V, N]) Neutral(v V) N { return t.neutral[v] }

// Known reports whether v is in the table, aliases included.
func (t *Table[V, N]) Known(v V) bool { _, ok := t.neutral[v]; return ok }

// Raw returns the first listed value that maps onto n, or "" when none does.
func (t *Table[V, N]) Raw(n N) V {
	for _, v := range t.values {
		if t.neutral[v] == n {
			return v
		}
	}
	return ""
}

// Matching returns the listed values that map onto one of want: for each
// wanted neutral value in turn, the values mapping onto it in table order.
// It is how an adapter turns a neutral status filter into the provider's own.
func (t *Table[V, N]) Matching(want []N) []V {
	var out []V
	for _, n := range want {
		for _, v := range t.values {
			if t.neutral[v] == n {
				out = append(out, v)
			}
		}
	}
	return out
}

// Read reads a JSON string into e leniently: the table's own value when the
// text is known (no allocation), the text as sent otherwise; null leaves "".
func (t *Table[V, N]) Read(dec *jsontext.Decoder, e *V) error { return read(dec, e, t.byName) }

// read reads a JSON string into e: the constant when the value is in known,
// the value as sent otherwise; null leaves "". Invalid UTF-8 is replaced, as
// in any other string the SDK reads.
func read[E ~string](dec *jsontext.Decoder, e *E, known map[string]E) error {
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case 'n':
		*e = ""
		return nil
	case '"':
	default:
		return fmt.Errorf("want a string, got %v", v.Kind())
	}
	var buf [64]byte
	u, _ := jsontext.AppendUnquote(buf[:0], v) // v is valid JSON: only invalid UTF-8 is reported
	if k, ok := known[string(u)]; ok {
		*e = k
	} else {
		*e = E(u)
	}
	return nil
}
