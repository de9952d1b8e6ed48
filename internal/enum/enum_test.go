package enum

import (
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type (
	status  string
	neutral string
)

type wrapped struct{ S status }

func TestTable(t *testing.T) {
	tab := New(
		Of(status("a"), neutral("x")),
		Of(status("b"), neutral("y")),
		Of(status("c"), neutral("x")),
		AliasOf(status("aa"), neutral("x")),
	)
	assert.Equal(t, []status{"a", "b", "c"}, tab.Values(), "aliases are not listed")
	v := tab.Values()
	v[0] = "changed"
	assert.Equal(t, status("a"), tab.Values()[0], "Values returns a new slice")

	assert.Equal(t, neutral("x"), tab.Neutral("aa"))
	assert.Equal(t, neutral(""), tab.Neutral("zz"), "unknown: the zero value")
	assert.True(t, tab.Known("aa"))
	assert.False(t, tab.Known("zz"))
	assert.Equal(t, status("a"), tab.Raw("x"), "the first listed value")
	assert.Equal(t, status(""), tab.Raw("none"))
	assert.Equal(t, []status{"b", "a", "c"}, tab.Matching([]neutral{"y", "x"}))
	assert.Nil(t, tab.Matching([]neutral{"none"}))
}

func TestRead(t *testing.T) {
	tab := New(Of(status("known"), neutral("x")))
	read := json.WithUnmarshalers(json.UnmarshalFromFunc(func(dec *jsontext.Decoder, s *status) error {
		return tab.Read(dec, s)
	}))
	for in, want := range map[string]status{`{"S":"known"}`: "known", `{"S":"other"}`: "other", `{"S":null}`: ""} {
		w := wrapped{S: "before"}
		require.NoError(t, json.Unmarshal([]byte(in), &w, read), in)
		assert.Equal(t, want, w.S, in)
	}
	var w wrapped
	assert.Error(t, json.Unmarshal([]byte(`{"S":1}`), &w, read), "a number is not a status")
}
