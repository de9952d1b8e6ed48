package transport

import (
	"errors"
	"net/url"
	"strings"

	"github.com/eotask/eotask/tasking"
)

const redacted = "[REDACTED]"

// secretParams are query parameter names whose values are never shown.
var secretParams = []string{"key", "api_key", "apikey", "api-key", "token", "access_token", "refresh_token",
	"id_token", "secret", "client_secret", "password", "signature", "sig", "x-amz-signature", "x-amz-credential",
	"x-amz-security-token", "code", "x-goog-signature", "x-goog-credential", "policy", "key-pair-id"}

// redactURL returns u as a string with user info and secret query values
// blanked, and any known secret removed.
func (c *Client) redactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	v := *u
	v.User = nil
	if v.RawQuery != "" {
		q := v.Query()
		for k := range q {
			if isSecretParam(k) {
				q[k] = []string{redacted}
			}
		}
		v.RawQuery = q.Encode()
	}
	return c.redactString(v.String())
}

func isSecretParam(k string) bool {
	k = strings.ToLower(k)
	for _, s := range secretParams {
		if k == s {
			return true
		}
	}
	return false
}

// redactString removes the API's secrets from s.
func (c *Client) redactString(s string) string {
	if c.api.Auth == nil {
		return s
	}
	for _, sec := range c.api.Auth.Secrets() {
		if len(sec) >= minSecretLen {
			s = strings.ReplaceAll(s, sec, redacted)
			if esc := url.QueryEscape(sec); esc != sec {
				s = strings.ReplaceAll(s, esc, redacted)
			}
		}
	}
	return s
}

// minSecretLen is the shortest value treated as a secret: shorter ones would
// blank out ordinary text. Real keys and tokens are far longer.
const minSecretLen = 4

// minEdgePrefix is the shortest start of a secret that is blanked when a body
// ends in the middle of one.
const minEdgePrefix = 3

// redactBody removes the API's secrets from a body and caps it at
// tasking.APIErrorBodyCap bytes, in that order: a secret that straddles the
// cap is removed whole, not cut first and left half visible. A body that
// itself ends in the middle of a secret (a connection cut short, a body over
// the size cap) has that start of the secret removed too.
func (c *Client) redactBody(b []byte) []byte {
	var secrets []string
	if c.api.Auth != nil {
		secrets = c.api.Auth.Secrets()
	}
	// Any secret that starts before the cap ends within this window.
	window := tasking.APIErrorBodyCap
	for _, sec := range secrets {
		window = max(window, tasking.APIErrorBodyCap+3*len(sec)) // 3×: the query-escaped form
	}
	if len(b) > window {
		b = b[:window]
	}
	out := c.redactString(string(b))
	if len(out) > tasking.APIErrorBodyCap {
		out = out[:tasking.APIErrorBodyCap]
	}
	return []byte(redactEdge(out, secrets))
}

// redactEdge blanks the start of a secret that s ends with.
func redactEdge(s string, secrets []string) string {
	for _, sec := range secrets {
		if len(sec) < minSecretLen {
			continue
		}
		for k := min(len(sec)-1, len(s)); k >= minEdgePrefix; k-- {
			if strings.HasSuffix(s, sec[:k]) {
				return s[:len(s)-k] + redacted
			}
		}
	}
	return s
}

// redactErr removes secrets from a transport error, in particular the URL
// net/http puts into *url.Error.
func (c *Client) redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			ue.URL = c.redactURL(u)
		}
	}
	if msg := err.Error(); c.redactString(msg) != msg {
		return errors.New(c.redactString(msg))
	}
	return err
}
