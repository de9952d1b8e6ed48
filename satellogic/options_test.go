package satellogic

import (
	"testing"
	"time"
)

// Option is this package's own type: a func(*options), so another
// provider's options (func(*planet.options), …) cannot be passed to New.
var _ func(*options) = (func(*options))(WithBaseURL("x"))

func TestOptionsGatherSharedAndOwnSettings(t *testing.T) {
	o := apply([]Option{WithBaseURL("http://127.0.0.1:1"), nil, WithPollDelays(time.Millisecond, 10*time.Millisecond),
		WithTokenURL("http://127.0.0.1:2/oauth/token"), WithAudience("aud"), WithLegacyCredentials(),
		WithPaths(Paths{Tasks: "v2/tasks"})})
	if o.BaseURL != "http://127.0.0.1:1" || o.PollMin != time.Millisecond || o.PollMax != 10*time.Millisecond ||
		*o.tokenURL != "http://127.0.0.1:2/oauth/token" || *o.audience != "aud" || !o.legacy {
		t.Fatalf("options = %+v", o)
	}
	if o.paths.Tasks != "v2/tasks/" || o.paths.Products != DefaultPaths().Products {
		t.Fatalf("paths = %+v", o.paths)
	}
	if d := apply(nil).paths; d != DefaultPaths() {
		t.Fatalf("default paths = %+v", d)
	}
	c, err := New(Credentials{ClientID: "id", ClientSecret: "s", ContractID: "c"}, WithPollDelays(time.Second, time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi := c.PollDelays(); lo != time.Second || hi != time.Minute {
		t.Fatalf("PollDelays = %v, %v", lo, hi)
	}
	if lo, hi := c.Provider(ProviderDefaults{}).PollDelays(); lo != time.Second || hi != time.Minute {
		t.Fatalf("Adapter.PollDelays = %v, %v", lo, hi)
	}
}
