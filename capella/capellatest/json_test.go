package capellatest

import (
	"reflect"
	"testing"
)

// TestReadBody pins the generic reading of request bodies the simulator's
// spec rules work on: numbers keep their text, a repeated name replaces its
// value (whatever its kind), invalid UTF-8 is accepted, and data after the
// value is refused.
func TestReadBody(t *testing.T) {
	got, err := readBody([]byte("{\"n\":1.50,\"a\":[2e3,null,true,\"s\"],\"d\":1,\"d\":{\"x\":7},\"d\":{\"y\":8},\"u\":\"\xff\"}"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"n": number("1.50"), "a": []any{number("2e3"), nil, true, "s"},
		"d": map[string]any{"y": number("8")}, "u": "\ufffd"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("readBody = %#v, want %#v", got, want)
	}
	for _, bad := range []string{`{} {}`, `{"a":1`, ``, `{"a":01}`} {
		if v, err := readBody([]byte(bad)); err == nil {
			t.Errorf("readBody(%q) = %#v, want an error", bad, v)
		}
	}
}
