package capella

import "sync"

// testClient decodes and encodes as every Client does.
var testClient = sync.OnceValue(func() *Client {
	c, err := New("export-test-key")
	if err != nil {
		panic(err)
	}
	return c
})

// Unmarshal decodes data into v as a Client reads answers (the transport's
// JSON options: GeoJSON geometries, lenient times, case-insensitive names).
// For tests only.
func Unmarshal(data []byte, v any) error { return testClient().tc.Unmarshal(data, v) }

// Marshal encodes v as a Client writes request bodies. For tests only.
func Marshal(v any) ([]byte, error) { return testClient().tc.Marshal(v) }

// ErrorDetail is errorDetail, for tests only.
type ErrorDetail = errorDetail

// Details is details, for tests only.
func Details(err error) []ErrorDetail { return details(err) }
