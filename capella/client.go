package capella

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/eotask/eotask/internal/adapter"
	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
)

// Name is the provider's short name, as tasking.Provider.Name returns it and
// as it appears on every error this package returns.
const Name = "capella"

// DefaultBaseURL is Capella's API host. The OpenAPI documents list no server;
// the host comes from Capella's documentation.
const DefaultBaseURL = "https://api.capellaspace.com"

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
	// Orders buys catalog products and hands out their pre-signed download
	// links: /orders/… (Capella's ordering service, outside the tasking
	// OpenAPI documents).
	Orders *OrdersService

	account   Account
	accountMu sync.Mutex
	looked    *Account // ids read from GET /user, once found

}

// New returns a client that authenticates with apiKey ("Authorization:
// ApiKey <key>"). A key given with its "ApiKey " prefix is accepted. It fails
// for an empty key or a bad base URL.
func New(apiKey string, opts ...Option) (*Client, error) {
	if f := strings.Fields(apiKey); len(f) > 0 && strings.EqualFold(f[0], "ApiKey") {
		apiKey = strings.Join(f[1:], " ")
	}
	key, err := transport.CheckAPIKey(Name, apiKey)
	if err != nil {
		return nil, err
	}
	o := apply(opts)
	api := transport.API{
		Name:        Name,
		BaseURL:     DefaultBaseURL,
		Auth:        transport.HeaderAuth{Name: "Authorization", Value: "ApiKey " + key, Secret: key},
		DecodeError: decodeError,
		Marshalers:  marshalers,
	}
	tc, err := transport.New(api, o.Settings)
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc}
	if o.account != nil {
		c.account = *o.account
	}
	c.Tasks = &TasksService{c: c}
	c.RepeatRequests = &RepeatRequestsService{c: c}
	c.Collects = &CollectsService{c: c}
	c.CollectionTypes = &CollectionTypesService{c: c}
	c.AccessRequests = &AccessRequestsService{c: c}
	c.Users = &UsersService{c: c}
	c.Orders = &OrdersService{c: c}
	return c, nil
}

// String describes the client without its key.
func (c *Client) String() string { return c.tc.String() }

// GoString describes the client without its key.
func (c *Client) GoString() string { return "&capella.Client{" + c.tc.String() + "}" }

// BaseURL returns the base URL requests are sent to.
func (c *Client) BaseURL() *url.URL { return c.tc.BaseURL() }

// PollDelays returns the default delays between two polls set by
// WithPollDelays (zero when not set: tasking's defaults apply). Every Wait
// uses them where its tasking.WaitOptions leave MinDelay or MaxDelay zero.
func (c *Client) PollDelays() (min, max time.Duration) { return c.tc.PollDelays() }

// waitOptions fills opts' zero delays from the client's poll delays.
func (c *Client) waitOptions(opts *tasking.WaitOptions) *tasking.WaitOptions {
	return opts.WithPollDelays(c.PollDelays())
}

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

// fetch is transport.One on c: it sends r and decodes the one resource it
// answers, streamed from the connection; id reads the resource's id (empty:
// the answer held none, a *tasking.DecodeError naming what).
func fetch[T any](ctx context.Context, c *Client, r *transport.Request, what string, id func(*T) string) (*T, error) {
	return transport.One(ctx, c.tc, r, what, func(v *T) bool { return id(v) != "" })
}

// wait polls get until the resource id names reaches a terminal status of
// lc (or opts.Until holds), at the client's poll delays where opts leaves
// them zero (WithPollDelays). field names the id for tasking.CheckID, what
// the resource in the error.
func wait[T any, S tasking.RawStatus](ctx context.Context, c *Client, what, field, id string,
	get func(context.Context, string) (*T, error), status func(*T) S, lc *tasking.Lifecycle[S],
	opts *tasking.WaitOptions) (*T, error) {
	if _, err := pathID(field, id); err != nil {
		return nil, err
	}
	v, err := tasking.Wait(ctx, func(ctx context.Context) (*T, error) { return get(ctx, id) }, status, lc,
		c.waitOptions(opts))
	if err != nil {
		return v, fmt.Errorf("capella: waiting for %s %s: %w", what, id, err)
	}
	return v, nil
}

// watch is wait's iterator form: it yields the resource each time its
// status changes, the first observation included, until wait would return.
// An id pathID refuses is yielded as the only error, before any request.
func watch[T any, S tasking.RawStatus](ctx context.Context, c *Client, field, id string,
	get func(context.Context, string) (*T, error), status func(*T) S, lc *tasking.Lifecycle[S],
	opts *tasking.WaitOptions) iter.Seq2[*T, error] {
	if _, err := pathID(field, id); err != nil {
		return adapter.Fail[*T](err)
	}
	return tasking.Watch(ctx, func(ctx context.Context) (*T, error) { return get(ctx, id) }, status, lc,
		c.waitOptions(opts))
}
