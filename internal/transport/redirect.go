package transport

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// maxRedirects is how many redirects one request may follow.
const maxRedirects = 10

// httpClient copies hc (or builds a default) and installs the redirect
// policy: at most maxRedirects hops, and no credential header on a hop to
// another host or from https down to http.
func (c *Client) httpClient(hc *http.Client) *http.Client {
	var out http.Client
	if hc != nil {
		out = *hc
	} else {
		out.Transport = defaultTransport()
	}
	userCheck := out.CheckRedirect
	var credHeaders []string
	if c.api.Auth != nil {
		credHeaders = c.api.Auth.Headers()
	}
	out.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if c.api.NoRedirects {
			return &RedirectError{Provider: c.api.Name, Status: req.Response.StatusCode, Host: req.URL.Host}
		}
		if len(via) >= maxRedirects {
			return errors.New("stopped after 10 redirects")
		}
		orig := via[0].URL
		if !sameHost(orig.Host, req.URL.Host) || (orig.Scheme == "https" && req.URL.Scheme != "https") {
			for _, h := range credHeaders {
				req.Header.Del(h)
			}
			req.Header.Del("Authorization")
			req.Header.Del("Cookie")
		}
		if userCheck != nil {
			return userCheck(req, via)
		}
		return nil
	}
	return &out
}

// RedirectError is a redirect the client refused to follow (see
// API.NoRedirects). It names the host only: the target's path and query are
// left out, as they may carry a token. It is never retried: the server gave
// an answer, just not one the client may act on.
type RedirectError struct {
	Provider string
	Status   int    // the redirect's status code (301, 302, 303, 307, 308)
	Host     string // the host the server pointed at
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s: refused to follow a %d redirect to host %q: this endpoint's request carries a secret and follows no redirect",
		e.Provider, e.Status, e.Host)
}

func sameHost(a, b string) bool { return strings.EqualFold(a, b) }

// maxResponseHeaderBytes caps a response's header block: provider headers
// are a few KiB; net/http's own default is 10 MiB.
const maxResponseHeaderBytes = 1 << 20

// defaultTransport is http.DefaultTransport's settings with an idle pool
// sized for concurrent use of one API host.
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	t.MaxResponseHeaderBytes = maxResponseHeaderBytes
	t.DialContext = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return t
}
