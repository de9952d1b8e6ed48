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

// Client talks to the Aleph Tasking, Analysis and Delivery APIs under one contract. It is
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
	// Scenes lists the delivered scenes of a capture and their files.
	Scenes *ScenesService

	tc           *transport.Client
	settings     transport.Settings
	baseAuth     transport.Auth // the credential without the contract header (its token cache included)
	contractID   string
	needContract bool
	paths        Paths
}

// New returns a client for creds. It fails at once on empty credentials and
// on a base or token URL that is not absolute https (plain http only on
// loopback).
func New(creds Credentials, opts ...Option) (*Client, error) {
	o := apply(opts)
	c := &Client{settings: o.Settings, needContract: true, paths: o.paths}
	if k := o.legacyKey; k != nil {
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
		if o.legacy {
			tokenURL = LegacyTokenURL
			c.needContract = false
		}
		if o.tokenURL != nil {
			tokenURL = *o.tokenURL
		}
		audience := DefaultAudience
		if o.audience != nil {
			audience = *o.audience
		}
		src, err := newTokenSource(creds.ClientID, creds.ClientSecret, audience, tokenURL, o.Settings)
		if err != nil {
			return nil, err
		}
		c.baseAuth = &transport.TokenAuth{Header: tokenHeader, Source: src}
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
	c.Scenes = &ScenesService{c: c}
	return nil
}

// WithContract returns a client that works under another contract. It shares
// the token cache with c.
func (c *Client) WithContract(contractID string) (*Client, error) {
	n := &Client{settings: c.settings, baseAuth: c.baseAuth, needContract: c.needContract, paths: c.paths}
	if err := n.connect(contractID); err != nil {
		return nil, err
	}
	return n, nil
}

// ContractID returns the contract the client works under ("" if none).
func (c *Client) ContractID() string { return c.contractID }

// PollDelays returns the poll delays set with WithPollDelays (zero when not
// set): what Wait and the adapter use where WaitOptions leave MinDelay or
// MaxDelay zero.
func (c *Client) PollDelays() (min, max time.Duration) { return c.tc.PollDelays() }

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
// a resource: a 2xx answer that is empty is not a success (see
// transport.Response.Holds). The check is on the decoded value, so it holds
// whichever decoder read it.
func (c *Client) doOne(ctx context.Context, r *transport.Request, out single, what string) error {
	resp, err := c.do(ctx, r, out)
	if err != nil {
		return err
	}
	return resp.Holds(what, !out.absent())
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
