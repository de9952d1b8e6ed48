package capella

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"golang.org/x/time/rate"
)

// Name is the provider's short name, as tasking.Provider.Name returns it and
// as it appears on every error this package returns.
const Name = "capella"

// DefaultBaseURL is Capella's API host. The OpenAPI documents list no server;
// the host comes from Capella's documentation.
const DefaultBaseURL = "https://api.capellaspace.com"

// Option configures a Client. The common options are the same in every eotask
// provider package; WithAccount is Capella's own.
type Option = transport.Option

// WithBaseURL points the client at another base URL: a simulator
// (capellatest), a proxy or a staging host. Plain http is accepted only for
// loopback hosts.
func WithBaseURL(u string) Option { return transport.WithBaseURL(u) }

// WithHTTPClient sends requests through hc. It is copied, never modified.
func WithHTTPClient(hc *http.Client) Option { return transport.WithHTTPClient(hc) }

// WithRetry sets the retry policy; tasking.NoRetry() turns retries off. Creates
// (POST /task, /repeat-requests, the retasks and access requests) are never
// sent twice unless the first attempt provably did not reach the server.
func WithRetry(p tasking.RetryPolicy) Option { return transport.WithRetry(p) }

// WithUserAgent puts ua in front of the User-Agent "eotask/<version>".
func WithUserAgent(ua string) Option { return transport.WithUserAgent(ua) }

// WithLogger logs each attempt at debug level and each retry at info level.
// The API key is never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger(l) }

// WithRateLimit limits the client to limit requests per second with the given
// burst, waiting within the caller's context rather than failing. Capella
// publishes no limits; its own SDK keeps at most 8 requests in flight.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return transport.WithRateLimit(limit, burst)
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

type accountKey struct{}

// Account names the organization and user a request is made for.
type Account struct {
	OrgID  string
	UserID string
}

// WithAccount sets the organization and user ids put into create bodies
// (orgId, userId). Capella's OpenAPI document requires both in the bodies of
// POST /task, POST /repeat-requests and POST /ma/accessrequests/; without this
// option the client reads them once from GET /user (the key's own user) and
// caches them. A request that names its own ids overrides both.
func WithAccount(orgID, userID string) Option {
	return transport.WithExt(accountKey{}, Account{OrgID: orgID, UserID: userID})
}

// Client is a Capella Space tasking API client. It is safe for concurrent use.
type Client struct {
	tc *transport.Client

	// Tasks are single tasking requests: POST /task, /task/{id}, /tasks/….
	Tasks *TasksService
	// RepeatRequests are repeat tasking series: /repeat-requests/….
	RepeatRequests *RepeatRequestsService
	// Collects are the images taken for a request: /collects/….
	Collects *CollectsService
	// CollectionTypes lists the valid collectionType values: /collectiontypes/.
	CollectionTypes *CollectionTypesService
	// AccessRequests are Mission Awareness feasibility checks:
	// /ma/accessrequests/ and /ma/accesses/.
	AccessRequests *AccessRequestsService
	// Users reads the caller's profile from the access service: GET /user.
	Users *UsersService

	account   Account
	accountMu sync.Mutex
	looked    *Account // ids read from GET /user, once found
}

// New returns a client that authenticates with apiKey ("Authorization:
// ApiKey <key>"). A key given with its "ApiKey " prefix is accepted. It fails
// for an empty key or a bad base URL.
func New(apiKey string, opts ...Option) (*Client, error) {
	fields := strings.Fields(apiKey)
	if len(fields) > 0 && strings.EqualFold(fields[0], "ApiKey") {
		fields = fields[1:]
	}
	switch {
	case len(fields) == 0:
		return nil, errors.New("capella: an API key is required")
	case len(fields) > 1:
		return nil, errors.New("capella: the API key contains white space")
	}
	key := fields[0]
	s := transport.Apply(opts...)
	api := transport.API{
		Name:        Name,
		BaseURL:     DefaultBaseURL,
		Auth:        transport.HeaderAuth{Name: "Authorization", Value: "ApiKey " + key, Secret: key},
		DecodeError: decodeError,
		Marshalers:  marshalers,
	}
	tc, err := transport.New(api, s)
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc}
	if v, ok := s.Ext(accountKey{}); ok {
		c.account = v.(Account)
	}
	c.Tasks = &TasksService{c: c}
	c.RepeatRequests = &RepeatRequestsService{c: c}
	c.Collects = &CollectsService{c: c}
	c.CollectionTypes = &CollectionTypesService{c: c}
	c.AccessRequests = &AccessRequestsService{c: c}
	c.Users = &UsersService{c: c}
	return c, nil
}

// String describes the client without its key.
func (c *Client) String() string { return c.tc.String() }

// GoString describes the client without its key.
func (c *Client) GoString() string { return "&capella.Client{" + c.tc.String() + "}" }

// BaseURL returns the base URL requests are sent to.
func (c *Client) BaseURL() *url.URL { return c.tc.BaseURL() }

// ids returns the orgId and userId to put into a create body: the request's
// own, else WithAccount's, else GET /user's (read once and cached).
func (c *Client) ids(ctx context.Context, orgID, userID string) (string, string, error) {
	if orgID != "" && userID != "" {
		return orgID, userID, nil
	}
	if orgID == "" {
		orgID = c.account.OrgID
	}
	if userID == "" {
		userID = c.account.UserID
	}
	if orgID != "" && userID != "" {
		return orgID, userID, nil
	}
	c.accountMu.Lock()
	defer c.accountMu.Unlock()
	if c.looked == nil {
		u, err := c.Users.Me(ctx)
		if err != nil {
			return "", "", fmt.Errorf("reading orgId and userId from GET /user: %w", err)
		}
		org := ""
		if u.OrganizationID != nil {
			org = *u.OrganizationID
		}
		c.looked = &Account{OrgID: org, UserID: u.ID}
	}
	if orgID == "" {
		orgID = c.looked.OrgID
	}
	if userID == "" {
		userID = c.looked.UserID
	}
	return orgID, userID, nil
}

// pathID escapes one id for a path segment. Every id this package puts into
// a path goes through it: it refuses, with a *tasking.ValidationError and
// before anything is sent, an id that is empty, "." or ".." (which would
// address the collection or its parent), or holds control characters or
// invalid UTF-8 (see tasking.CheckID).
func pathID(field, id string) (string, error) {
	if err := tasking.CheckID(field, id); err != nil {
		return "", err
	}
	return url.PathEscape(id), nil
}

// one returns v, the one resource a call answered, whose id is id. A 2xx
// answer that held none (an empty body, null, {} or an object of nulls, which
// decode to a value without an id whichever decoder read them) is a
// *tasking.DecodeError naming what was missing, never a success.
func one[T any](resp *transport.Response, v *T, id, what string) (*T, error) {
	if id == "" {
		return nil, resp.DecodeError(errors.New("the answer holds no " + what))
	}
	return v, nil
}
