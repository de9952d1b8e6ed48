package transport

import (
	"errors"
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

func sameHost(a, b string) bool { return strings.EqualFold(a, b) }

// defaultTransport is http.DefaultTransport's settings with an idle pool
// sized for concurrent use of one API host.
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	t.DialContext = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return t
}
