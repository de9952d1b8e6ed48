package planet

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeyAuthNeverPrintsTheKey(t *testing.T) {
	const key = "PLAK-secret-0123456789"
	for _, a := range []keyAuth{
		{key: key, value: "api-key " + key},
		{key: key, value: "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"))},
	} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			out := fmt.Sprintf(verb, a)
			assert.NotContains(t, out, key, verb)
			assert.NotContains(t, out, "UExBSy1zZWNyZXQ", verb) // the base64 form
		}
		assert.Contains(t, fmt.Sprintf("%#v", a), "REDACTED")
		assert.Equal(t, []string{"Authorization"}, a.Headers())
		req, err := http.NewRequest(http.MethodGet, "https://api.planet.com/", nil)
		require.NoError(t, err)
		require.NoError(t, a.Apply(req))
		assert.Equal(t, a.value, req.Header.Get("Authorization"))
	}
	// Both the key and its Basic encoding are redacted from errors.
	basic := keyAuth{key: key, value: "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"))}
	assert.Equal(t, []string{key, base64.StdEncoding.EncodeToString([]byte(key + ":"))}, basic.Secrets())
	assert.Equal(t, []string{key}, keyAuth{key: key, value: "api-key " + key}.Secrets())
}
