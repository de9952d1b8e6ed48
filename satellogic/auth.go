package satellogic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"golang.org/x/oauth2"
)

// tokenSource fetches client-credentials tokens from the auth host, following
// no redirect (the request body carries the client secret). It holds
// no mutable state, so it is safe for concurrent use; caching and early
// refresh are transport.TokenAuth's job.
type tokenSource struct {
	tc       *transport.Client // on the auth host, with no credential headers
	path     string            // the token endpoint's path (and query) on that host
	id       string
	secret   string
	audience string
	now      func() time.Time
}

var (
	_ oauth2.TokenSource           = (*tokenSource)(nil)
	_ transport.ContextTokenSource = (*tokenSource)(nil)
)

// secretOnly is an Auth that sets no header and only tells the transport
// which value to blank out of errors (the client secret travels in the body).
type secretOnly string

func (s secretOnly) Apply(*http.Request) error { return nil }
func (s secretOnly) Headers() []string         { return nil }
func (s secretOnly) Secrets() []string         { return []string{string(s)} }

func newTokenSource(id, secret, audience, tokenURL string, s transport.Settings) (*tokenSource, error) {
	u, err := url.Parse(tokenURL)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, fmt.Errorf("satellogic: invalid token URL %q", tokenURL)
	}
	path := strings.TrimPrefix(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	host := *u
	host.Path, host.RawPath, host.RawQuery, host.Fragment = "/", "", "", ""
	ts := s
	ts.BaseURL = ""
	// The client secret travels in the body, which a 307 or 308 would replay
	// to wherever the token host points: follow no redirect at all.
	tc, err := transport.New(transport.API{Name: Name, BaseURL: host.String(), Auth: secretOnly(secret),
		NoRedirects: true}, ts)
	if err != nil {
		return nil, fmt.Errorf("satellogic: token URL: %w", err)
	}
	return &tokenSource{tc: tc, path: path, id: id, secret: secret, audience: audience, now: time.Now}, nil
}

// tokenRequest is the JSON body of a client-credentials token request.
type tokenRequest struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Audience     string `json:"audience"`
	GrantType    string `json:"grant_type"`
}

// tokenResponse is the auth host's answer.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	Scope       string `json:"scope"`
	ExpiresIn   int64  `json:"expires_in"`
	TokenType   string `json:"token_type"`
}

// Token fetches a token without a deadline; prefer TokenContext.
func (s *tokenSource) Token() (*oauth2.Token, error) { return s.TokenContext(context.Background()) }

// TokenContext fetches a new token from the auth host.
func (s *tokenSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	var out tokenResponse
	start := s.now()
	_, err := s.tc.Do(ctx, &transport.Request{
		Method: http.MethodPost,
		Path:   s.path,
		Body: tokenRequest{ClientID: s.id, ClientSecret: s.secret, Audience: s.audience,
			GrantType: "client_credentials"},
	}, &out)
	if err != nil {
		return nil, err
	}
	if out.AccessToken == "" {
		return nil, errors.New("satellogic: the token endpoint returned no access_token")
	}
	tok := &oauth2.Token{AccessToken: out.AccessToken, TokenType: out.TokenType}
	if tok.TokenType == "" || strings.EqualFold(tok.TokenType, "bearer") {
		tok.TokenType = "Bearer"
	}
	if out.ExpiresIn > 0 {
		tok.Expiry = start.Add(time.Duration(out.ExpiresIn) * time.Second)
	}
	if out.Scope != "" {
		tok = tok.WithExtra(map[string]any{"scope": out.Scope})
	}
	return tok, nil
}

func (s *tokenSource) String() string   { return "satellogic token source (" + s.id + ")" }
func (s *tokenSource) GoString() string { return "&satellogic.tokenSource{" + s.id + "}" }
