package satellogic

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"golang.org/x/time/rate"
)

// Name is the provider's short name, as it appears on errors and neutral tasks.
const Name = "satellogic"

// Hosts, audience and header names of the Aleph API.
const (
	// DefaultBaseURL is the Aleph API host.
	DefaultBaseURL = "https://api.satellogic.com/"
	// DefaultTokenURL is where current API credentials get their token.
	DefaultTokenURL = "https://auth.platform.satellogic.com/oauth/token"
	// LegacyTokenURL is where legacy API credentials get their token.
	LegacyTokenURL = "https://login.satellogic.com/oauth/token"
	// DefaultAudience is the token audience of the Tasking, Archive, Delivery
	// and Analysis APIs.
	DefaultAudience = "https://api.satellogic.com/"
	// HeaderToken carries "Bearer <token>" (or the deprecated "Key,Secret
	// <id>,<secret>"). It is not the standard Authorization header.
	HeaderToken = "authorizationToken"
	// HeaderContract carries the contract id on every call except the
	// contracts listing.
	HeaderContract = "X-Satellogic-Contract-Id"
)

// tokenHeader is HeaderToken in the canonical form net/http sends anyway
// ("Authorizationtoken"; names are case-insensitive): setting it so costs no
// allocation per request.
var tokenHeader = http.CanonicalHeaderKey(HeaderToken)

// ErrNoContract is returned, before any request is sent, by calls that need a
// contract when the client has none. List the contracts with
// [ContractsService.List] and use [Client.WithContract].
var ErrNoContract = errors.New("satellogic: no contract id: set Credentials.ContractID or use Client.WithContract")

// Credentials are the API credentials created in the Aleph web app, and the
// contract to work under. Formatting Credentials with fmt (%v, %+v, %#v, %s,
// %d, %x and every other verb that consults a Formatter), logging them with
// slog or encoding them as JSON never shows ClientSecret. The one exception
// is fmt's own: %p applied to a struct value (not a pointer) is a bad verb
// that fmt answers by dumping the fields without asking the type.
type Credentials struct {
	ClientID     string // the API credential id
	ClientSecret string // the API credential secret
	// ContractID is sent as X-Satellogic-Contract-Id. It may be empty at first
	// (ContractsService.List needs none); calls that need it then fail with
	// ErrNoContract.
	ContractID string
}

const redacted = "[REDACTED]"

func (c Credentials) redactedSecret() string {
	if c.ClientSecret == "" {
		return ""
	}
	return redacted
}

// String shows the client id and contract, never the secret.
func (c Credentials) String() string {
	return fmt.Sprintf("{ClientID:%s ClientSecret:%s ContractID:%s}", c.ClientID, c.redactedSecret(), c.ContractID)
}

// GoString shows the client id and contract, never the secret.
func (c Credentials) GoString() string {
	return fmt.Sprintf("satellogic.Credentials{ClientID:%q, ClientSecret:%q, ContractID:%q}",
		c.ClientID, c.redactedSecret(), c.ContractID)
}

// Format implements fmt.Formatter so that no verb (%v, %+v, %#v, %s, %d, %x,
// …) can print the secret.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(c.GoString()))
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// LogValue implements slog.LogValuer without the secret.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", c.ClientID), slog.String("client_secret", c.redactedSecret()),
		slog.String("contract_id", c.ContractID))
}

// credentialsJSON is how Credentials are written as JSON.
type credentialsJSON struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	ContractID   string `json:"contract_id"`
}

// MarshalJSON writes the credentials with the secret blanked, so that they
// cannot leak through a JSON log or dump (encoding/json v1 and v2 both call
// it).
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(credentialsJSON{c.ClientID, c.redactedSecret(), c.ContractID})
}

// Option configures a Client.
type Option = transport.Option

// WithBaseURL points the client at another API host: a simulator, a proxy or
// a staging copy. Plain http is accepted only for loopback hosts. The token
// host is set separately, with WithTokenURL.
func WithBaseURL(u string) Option { return transport.WithBaseURL(u) }

// WithHTTPClient sends requests (token requests included) through hc. The
// client is copied, never modified.
func WithHTTPClient(hc *http.Client) Option { return transport.WithHTTPClient(hc) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off.
func WithRetry(p tasking.RetryPolicy) Option { return transport.WithRetry(p) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithLogger logs each attempt at debug level and each retry at info level.
// Secrets and tokens are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithRateLimit limits the client to limit requests per second with the given
// burst, waiting (within the context) rather than failing.
func WithRateLimit(limit rate.Limit, burst int) Option { return transport.WithRateLimit(limit, burst) }

type extKey int

const (
	keyTokenURL extKey = iota
	keyAudience
	keyLegacy
	keyLegacyKey
	keyPaths
)

// WithTokenURL fetches tokens from u instead of DefaultTokenURL (for example
// a simulator's "<url>/oauth/token"). Plain http is accepted only for
// loopback hosts.
func WithTokenURL(u string) Option { return transport.WithExt(keyTokenURL, u) }

// WithAudience requests tokens for another audience than DefaultAudience.
func WithAudience(aud string) Option { return transport.WithExt(keyAudience, aud) }

// WithLegacyCredentials marks Credentials as legacy API credentials: their
// token comes from LegacyTokenURL (unless WithTokenURL says otherwise) and
// they cannot select a contract, so no contract header is required or sent
// unless Credentials.ContractID is set.
func WithLegacyCredentials() Option { return transport.WithExt(keyLegacy, true) }

type legacyKey struct{ id, secret string }

// WithLegacyKey authenticates with the deprecated scheme that puts the raw key
// in the header, "authorizationToken: Key,Secret <keyID>,<keySecret>", instead
// of an OAuth2 token. Credentials.ClientID and ClientSecret may then be empty,
// and no contract is required. Prefer OAuth2 credentials: Satellogic lists
// this scheme as deprecated.
func WithLegacyKey(keyID, keySecret string) Option {
	return transport.WithExt(keyLegacyKey, legacyKey{keyID, keySecret})
}

// WithTimeout bounds each attempt, body included, when the caller's context
// has no deadline (default 2 min; d <= 0 turns it off). An attempt that runs
// out fails with a *tasking.TimeoutError matching context.DeadlineExceeded; a
// read is then retried within the policy, a create is not sent again.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout(d) }

// WithHeaderTimeout bounds how long each attempt waits for the response's
// headers, whatever the context's deadline (default 60 s; d <= 0 turns it
// off).
func WithHeaderTimeout(d time.Duration) Option { return transport.WithHeaderTimeout(d) }

// WithMaxResponseBytes caps how much of a response body is read (default
// 32 MiB); a larger body fails with a *tasking.DecodeError matching
// tasking.ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes(n) }

// Paths are the API paths, relative to the base URL. The defaults are the
// documented ones; the Analysis paths other than CanAddOrder are not confirmed
// by Satellogic's public documentation, so they can be changed with WithPaths.
type Paths struct {
	Contracts     string // default "contracts"
	Products      string // default "tasking/products/"
	Tasks         string // default "tasking/tasks/"; a task is Tasks+"<id>/"
	CanAddOrder   string // default "tasking/analysis/can-add-order/" (confirmed)
	Opportunities string // default "tasking/analysis/opportunities/" (UNCONFIRMED)
	// AnalysisResult is where an analysis is polled (UNCONFIRMED). "{id}" is
	// replaced by the analysis id and "{collection}" by the path it was
	// submitted to, so "{collection}{id}/" polls beneath the submission path.
	// Default "tasking/analysis/{id}/".
	AnalysisResult string
}

// DefaultPaths returns the paths the client uses unless told otherwise.
func DefaultPaths() Paths {
	return Paths{
		Contracts:      "contracts",
		Products:       "tasking/products/",
		Tasks:          "tasking/tasks/",
		CanAddOrder:    "tasking/analysis/can-add-order/",
		Opportunities:  "tasking/analysis/opportunities/",
		AnalysisResult: "tasking/analysis/{id}/",
	}
}

func (p Paths) withDefaults() Paths {
	d := DefaultPaths()
	for _, f := range []struct{ v, def *string }{
		{&p.Contracts, &d.Contracts}, {&p.Products, &d.Products}, {&p.Tasks, &d.Tasks},
		{&p.CanAddOrder, &d.CanAddOrder}, {&p.Opportunities, &d.Opportunities},
		{&p.AnalysisResult, &d.AnalysisResult},
	} {
		if strings.TrimSpace(*f.v) == "" {
			*f.v = *f.def
		}
	}
	if !strings.HasSuffix(p.Tasks, "/") {
		p.Tasks += "/"
	}
	return p
}

// WithPaths overrides API paths; empty fields keep their defaults.
func WithPaths(p Paths) Option { return transport.WithExt(keyPaths, p) }

// Client talks to the Aleph Tasking and Analysis APIs under one contract. It is
// safe for concurrent use.
type Client struct {
	// Contracts lists the contracts the credentials may use.
	Contracts *ContractsService
	// Products lists the products the contract may task.
	Products *ProductsService
	// Tasks creates, lists, follows and cancels tasks.
	Tasks *TasksService
	// Analysis runs feasibility analyses (can-add and opportunities).
	Analysis *AnalysisService

	tc           *transport.Client
	settings     transport.Settings
	baseAuth     transport.Auth // the credential without the contract header
	token        *transport.TokenAuth
	clientID     string
	contractID   string
	needContract bool
	paths        Paths
}

// New returns a client for creds. It fails at once on empty credentials and
// on a base or token URL that is not absolute https (plain http only on
// loopback).
func New(creds Credentials, opts ...Option) (*Client, error) {
	s := transport.Apply(opts...)
	c := &Client{settings: s, clientID: creds.ClientID, needContract: true, paths: DefaultPaths()}
	if v, ok := s.Ext(keyPaths); ok {
		c.paths = v.(Paths).withDefaults()
	}
	legacy := false
	if v, ok := s.Ext(keyLegacy); ok {
		legacy, _ = v.(bool)
	}
	if v, ok := s.Ext(keyLegacyKey); ok {
		k := v.(legacyKey)
		if strings.TrimSpace(k.id) == "" || strings.TrimSpace(k.secret) == "" {
			return nil, errors.New("satellogic: WithLegacyKey needs a key id and a key secret")
		}
		c.baseAuth = transport.HeaderAuth{Name: tokenHeader, Value: "Key,Secret " + k.id + "," + k.secret, Secret: k.secret}
		c.needContract = false
	} else {
		if strings.TrimSpace(creds.ClientID) == "" || strings.TrimSpace(creds.ClientSecret) == "" {
			return nil, errors.New("satellogic: Credentials need a ClientID and a ClientSecret")
		}
		tokenURL := DefaultTokenURL
		if legacy {
			tokenURL = LegacyTokenURL
			c.needContract = false
		}
		if v, ok := s.Ext(keyTokenURL); ok {
			tokenURL, _ = v.(string)
		}
		audience := DefaultAudience
		if v, ok := s.Ext(keyAudience); ok {
			audience, _ = v.(string)
		}
		src, err := newTokenSource(creds.ClientID, creds.ClientSecret, audience, tokenURL, s)
		if err != nil {
			return nil, err
		}
		c.token = &transport.TokenAuth{Header: tokenHeader, Source: src}
		c.baseAuth = c.token
	}
	if err := c.connect(creds.ContractID); err != nil {
		return nil, err
	}
	return c, nil
}

// connect builds the transport client for contract and attaches the services.
func (c *Client) connect(contract string) error {
	c.contractID = strings.TrimSpace(contract)
	auth := c.baseAuth
	if c.contractID != "" {
		// It goes into a header on every call: a newline there would fail
		// every request, after the retries, without anything being sent.
		if err := tasking.CheckID("contract_id", c.contractID); err != nil {
			return err
		}
		auth = transport.Chain{c.baseAuth, transport.HeaderAuth{Name: HeaderContract, Value: c.contractID}}
	}
	tc, err := transport.New(transport.API{Name: Name, BaseURL: DefaultBaseURL, Auth: auth,
		Unmarshalers: json.UnmarshalFromFunc(readTarget)}, c.settings)
	if err != nil {
		return err
	}
	c.tc = tc
	c.Contracts = &ContractsService{c: c}
	c.Products = &ProductsService{c: c}
	c.Tasks = &TasksService{c: c}
	c.Analysis = &AnalysisService{c: c}
	return nil
}

// WithContract returns a client that works under another contract. It shares
// the token cache with c.
func (c *Client) WithContract(contractID string) (*Client, error) {
	n := &Client{settings: c.settings, baseAuth: c.baseAuth, token: c.token, clientID: c.clientID,
		needContract: c.needContract, paths: c.paths}
	if err := n.connect(contractID); err != nil {
		return nil, err
	}
	return n, nil
}

// ContractID returns the contract the client works under ("" if none).
func (c *Client) ContractID() string { return c.contractID }

// BaseURL returns the API base URL the client sends requests to.
func (c *Client) BaseURL() *url.URL { return c.tc.BaseURL() }

// String describes the client without credentials.
func (c Client) String() string {
	return fmt.Sprintf("satellogic client (%s, contract %q)", c.tc.BaseURL().Redacted(), c.contractID)
}

// GoString describes the client without credentials.
func (c Client) GoString() string { return "&satellogic.Client{" + c.String() + "}" }

// Format implements fmt.Formatter so that no verb can print a credential.
func (c Client) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(c.GoString()))
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// do sends r under the client's contract, refusing before any request when a
// contract is needed and missing.
func (c *Client) do(ctx context.Context, r *transport.Request, out any) (*transport.Response, error) {
	if c.needContract && c.contractID == "" && !omits(r, HeaderContract) {
		return nil, ErrNoContract
	}
	return c.tc.Do(ctx, r, out)
}

// single is what a call returning one resource decodes into.
type single interface {
	// absent reports whether the decoded value holds no resource, as an
	// empty body, null, {} or an object whose members are all null leave it.
	absent() bool
}

// doOne sends r like do and decodes the answer into out, which must then hold
// a resource: see requireOne.
func (c *Client) doOne(ctx context.Context, r *transport.Request, out single, what string) error {
	resp, err := c.do(ctx, r, out)
	if err != nil {
		return err
	}
	return requireOne(resp, out, what)
}

// requireOne returns a *tasking.DecodeError ("the answer holds no <what>")
// when out, decoded from resp, holds no resource: a 2xx answer that is empty
// is not a success. The check is on the decoded value, not the body, so it
// holds whichever decoder read it (transport.Client.Do does not decode an
// empty body at all).
func requireOne(resp *transport.Response, out single, what string) error {
	if !out.absent() {
		return nil
	}
	return resp.DecodeError(errors.New("the answer holds no " + what))
}

func omits(r *transport.Request, h string) bool {
	for _, o := range r.OmitHeaders {
		if strings.EqualFold(o, h) {
			return true
		}
	}
	return false
}

// follow turns a "next" link into what to request: the link itself when it is
// on the API host, otherwise its query on path (a proxy or gateway may report
// another host in its links).
func (c *Client) follow(next, path string) string {
	u, err := url.Parse(next)
	if err != nil || !u.IsAbs() {
		return next
	}
	base := c.tc.BaseURL()
	if strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Host, base.Host) {
		return next
	}
	if u.RawQuery == "" {
		return path
	}
	return path + "?" + u.RawQuery
}
