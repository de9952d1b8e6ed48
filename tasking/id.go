package tasking

import (
	"strings"
	"unicode"
)

// MaxIDLength bounds an id accepted by CheckID. Provider ids are UUIDs,
// integers or short slugs; anything far longer is a mistake.
const MaxIDLength = 256

// CheckID checks an id the caller gives for a resource before it is put into
// a request path. It refuses, with a *ValidationError naming field:
//
//   - an empty or all-space id;
//   - "." and "..", which a path would resolve to the collection itself or
//     its parent (DELETE /orders/./ would address every order);
//   - control characters (including newlines and DEL) and invalid UTF-8;
//   - ids longer than MaxIDLength.
//
// Any other character is allowed: providers escape the id as one path
// segment, so "/" or "?" cannot leave it.
func CheckID(field, id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return Invalid(field, "an id is required")
	case id == "." || id == "..":
		return Invalid(field, "%q is not an id: it would address the collection, not one resource", id)
	case len(id) > MaxIDLength:
		return Invalid(field, "an id is at most %d bytes, got %d", MaxIDLength, len(id))
	}
	for i, r := range id {
		if r == unicode.ReplacementChar && !strings.HasPrefix(id[i:], "\uFFFD") {
			return Invalid(field, "the id is not valid UTF-8 (byte %d)", i)
		}
		if unicode.IsControl(r) {
			return Invalid(field, "the id holds the control character %U at byte %d", r, i)
		}
	}
	return nil
}
