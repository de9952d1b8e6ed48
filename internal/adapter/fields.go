package adapter

import (
	"errors"
	"strings"

	"github.com/eotask/eotask/tasking"
)

// Fields maps the wire fields an adapter fills from a tasking.Request onto
// the neutral fields they come from, such as "end_time" onto "End" or
// "properties.windowClose" onto "End".
type Fields map[string]string

// Rename returns err with the Field of the *tasking.ValidationError it
// carries renamed from the wire path to the neutral field it comes from, so
// that a caller of the neutral API reads the names it wrote: the longest key
// that is the whole path or its head ("geometry.coordinates[0]" becomes
// "Geometry.coordinates[0]"). Other errors, and fields no key matches (a
// setting from the adapter's ProviderDefaults), are returned as they are.
func (f Fields) Rename(err error) error {
	var ve *tasking.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	key := ""
	for k := range f {
		if len(k) > len(key) && under(ve.Field, k) {
			key = k
		}
	}
	if key == "" {
		return err
	}
	return &tasking.ValidationError{Field: f[key] + ve.Field[len(key):], Reason: ve.Reason, Err: ve.Err}
}

// under reports whether path is key or a member or element of it.
func under(path, key string) bool {
	rest, ok := strings.CutPrefix(path, key)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}
