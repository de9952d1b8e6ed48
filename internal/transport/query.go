package transport

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
)

// EncodeQuery turns a struct with go-querystring `url` tags into query
// values. A nil pointer gives no values.
func EncodeQuery(v any) (url.Values, error) {
	vals, err := query.Values(v)
	if err != nil {
		return nil, fmt.Errorf("encoding query: %w", err)
	}
	return vals, nil
}

// CommaList is a list sent as one comma-separated query value (a=x,y), the
// form Django-style filters such as status__in take. It implements
// go-querystring's Encoder.
type CommaList []string

// EncodeValues implements query.Encoder.
func (l CommaList) EncodeValues(key string, v *url.Values) error {
	if len(l) > 0 {
		v.Set(key, strings.Join(l, ","))
	}
	return nil
}

// Time is a time sent in a query as RFC 3339 in UTC, and left out when zero.
// It implements go-querystring's Encoder.
type Time time.Time

// EncodeValues implements query.Encoder.
func (t Time) EncodeValues(key string, v *url.Values) error {
	if !time.Time(t).IsZero() {
		v.Set(key, time.Time(t).UTC().Format(time.RFC3339Nano))
	}
	return nil
}
