package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Auth puts credentials on a request.
type Auth interface {
	// Apply sets the credential headers on req. It may fetch a token, using
	// req.Context().
	Apply(req *http.Request) error
	// Headers names every header Apply sets; they are removed from a request
	// redirected to another host.
	Headers() []string
	// Secrets lists secret values to blank out of error messages and bodies.
	Secrets() []string
}

// Invalidator is an Auth holding a cached credential that can be dropped.
// When the server answers 401, the client calls Invalidate and replays the
// request once with fresh credentials; a second 401 is returned.
type Invalidator interface {
	Invalidate()
}

// HeaderAuth sets one header to a fixed value, such as "Authorization:
// api-key <key>" or "x-api-key: <key>".
type HeaderAuth struct {
	Name    string // header name
	Value   string // full header value
	Secret  string // the secret inside Value, for redaction
	Encoded string // the secret as Value holds it when encoded (Basic auth's base64), also redacted
}

// Apply sets the header.
func (a HeaderAuth) Apply(req *http.Request) error {
	req.Header.Set(a.Name, a.Value)
	return nil
}

// Headers returns the header's name.
func (a HeaderAuth) Headers() []string { return []string{a.Name} }

// Secrets returns the secret (and its encoded form).
func (a HeaderAuth) Secrets() []string {
	var s []string
	for _, v := range []string{a.Secret, a.Encoded} {
		if v != "" && !slices.Contains(s, v) {
			s = append(s, v)
		}
	}
	return s
}

// String never shows the value.
func (a HeaderAuth) String() string { return a.Name + ": [REDACTED]" }

// GoString never shows the value.
func (a HeaderAuth) GoString() string { return "transport.HeaderAuth{" + a.Name + ": [REDACTED]}" }

// Format keeps the value out of every fmt verb (%d, %x and %+v included).
func (a HeaderAuth) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, a.GoString())
		return
	}
	fmt.Fprint(f, a.String())
}

// Chain applies several Auths in order.
type Chain []Auth

// Apply applies each in turn, stopping at the first error.
func (c Chain) Apply(req *http.Request) error {
	for _, a := range c {
		if err := a.Apply(req); err != nil {
			return err
		}
	}
	return nil
}

// Headers returns the headers of all.
func (c Chain) Headers() []string {
	var h []string
	for _, a := range c {
		h = append(h, a.Headers()...)
	}
	return h
}

// Secrets returns the secrets of all.
func (c Chain) Secrets() []string {
	var s []string
	for _, a := range c {
		s = append(s, a.Secrets()...)
	}
	return s
}

// Invalidate invalidates every member that caches a credential.
func (c Chain) Invalidate() {
	for _, a := range c {
		if i, ok := a.(Invalidator); ok {
			i.Invalidate()
		}
	}
}

// ContextTokenSource is a token source that honours a context; TokenAuth uses
// it in preference to oauth2.TokenSource.Token when the source has it.
type ContextTokenSource interface {
	TokenContext(ctx context.Context) (*oauth2.Token, error)
}

// TokenAuth sends an OAuth2 token from a source, caching it and fetching a new
// one Early before it expires. It is safe for concurrent use: concurrent
// callers share one fetch.
type TokenAuth struct {
	Header string             // header to set, e.g. "Authorization" or "authorizationToken"
	Source oauth2.TokenSource // where tokens come from
	Early  time.Duration      // refresh this long before expiry (default 60 s)

	mu  sync.Mutex
	tok *oauth2.Token

	// seen holds the last maxSeenTokens access tokens handed out, for
	// redaction: a server may echo an old token as well as the current one.
	// It has its own lock so that redacting an error never waits on a token
	// fetch in progress.
	seenMu sync.Mutex
	seen   []string
}

// maxSeenTokens bounds how many past tokens TokenAuth keeps for redaction.
const maxSeenTokens = 8

// Apply sets Header to "<type> <token>", fetching a token when none is cached
// or the cached one is about to expire.
func (a *TokenAuth) Apply(req *http.Request) error {
	tok, err := a.Token(req.Context())
	if err != nil {
		return err
	}
	req.Header.Set(a.Header, tok.Type()+" "+tok.AccessToken)
	return nil
}

// Token returns the cached token, or a fresh one.
func (a *TokenAuth) Token(ctx context.Context) (*oauth2.Token, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	early := a.Early
	if early <= 0 {
		early = 60 * time.Second
	}
	if a.tok != nil && a.tok.AccessToken != "" && (a.tok.Expiry.IsZero() || time.Until(a.tok.Expiry) > early) {
		return a.tok, nil
	}
	var (
		tok *oauth2.Token
		err error
	)
	if cs, ok := a.Source.(ContextTokenSource); ok {
		tok, err = cs.TokenContext(ctx)
	} else {
		tok, err = a.Source.Token()
	}
	if err != nil {
		return nil, fmt.Errorf("fetching token: %w", err)
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, errors.New("fetching token: the token source returned no token")
	}
	a.tok = tok
	a.remember(tok.AccessToken)
	return tok, nil
}

// remember records a token handed out, so that Secrets can redact it.
func (a *TokenAuth) remember(tok string) {
	a.seenMu.Lock()
	defer a.seenMu.Unlock()
	for _, s := range a.seen {
		if s == tok {
			return
		}
	}
	if len(a.seen) == maxSeenTokens {
		a.seen = append(a.seen[:0], a.seen[1:]...)
	}
	a.seen = append(a.seen, tok)
}

// Invalidate drops the cached token.
func (a *TokenAuth) Invalidate() {
	a.mu.Lock()
	a.tok = nil
	a.mu.Unlock()
}

// Headers returns the token header.
func (a *TokenAuth) Headers() []string { return []string{a.Header} }

// Secrets returns the access tokens this Auth has handed out (the last few),
// so that a server echoing one back cannot put a live token into an error,
// an error body or a log line.
func (a *TokenAuth) Secrets() []string {
	a.seenMu.Lock()
	defer a.seenMu.Unlock()
	return append([]string(nil), a.seen...)
}

// String never shows the token.
func (a *TokenAuth) String() string { return a.Header + ": [REDACTED]" }

// GoString never shows the token.
func (a *TokenAuth) GoString() string { return "&transport.TokenAuth{" + a.Header + ": [REDACTED]}" }

// CheckAPIKey trims key and refuses it when it is empty or holds white
// space (a key pasted with a line break or a second word), naming the
// provider; the key itself is never put in the error.
func CheckAPIKey(provider, key string) (string, error) {
	key = strings.TrimSpace(key)
	switch {
	case key == "":
		return "", fmt.Errorf("%s: empty API key", provider)
	case strings.ContainsAny(key, " \t\r\n\v\f"):
		return "", fmt.Errorf("%s: the API key contains white space", provider)
	}
	return key, nil
}
