package transport

import (
	"errors"
	"net/url"
	"strings"
)

const redacted = "[REDACTED]"

// secretParams are query parameter names whose values are never shown.
var secretParams = []string{"key", "api_key", "apikey", "api-key", "token", "access_token", "refresh_token",
	"id_token", "secret", "client_secret", "password", "signature", "sig", "x-amz-signature", "x-amz-credential",
	"x-amz-security-token", "code"}

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
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, redacted)
			if esc := url.QueryEscape(sec); esc != sec {
				s = strings.ReplaceAll(s, esc, redacted)
			}
		}
	}
	return s
}

// redactBody caps a body for an error and removes the API's secrets from it.
func (c *Client) redactBody(b []byte) []byte {
	if len(b) > 4<<10 {
		b = b[:4<<10]
	}
	return []byte(c.redactString(string(b)))
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
