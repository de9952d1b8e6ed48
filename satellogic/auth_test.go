package satellogic_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokenRequestIsJSONWithAudience(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/products/", 200, fixture(t, "products.json"))
	_, err := env.c.Products.List(context.Background(), nil)
	require.NoError(t, err)
	require.Equal(t, 1, env.tokens.count())
	tok := env.tokens.last()
	assert.Equal(t, http.MethodPost, tok.Method)
	assert.Equal(t, tokenURL, tok.URL)
	assert.Equal(t, "application/json", tok.Header.Get("Content-Type"))
	assert.Empty(t, tok.Header.Get("authorizationToken"), "the token request carries no API credential")
	assert.Empty(t, tok.Header.Get("X-Satellogic-Contract-Id"))
	assert.JSONEq(t, `{"client_id": "`+testID+`", "client_secret": "`+testSecret+`",
		"audience": "https://api.satellogic.com/", "grant_type": "client_credentials"}`, string(tok.Body))
	checkAPIHeaders(t, env.api.last(), true)
}

func TestAudienceAndTokenURLOptions(t *testing.T) {
	mt := httpmock.NewMockTransport()
	tokens := &recorder{}
	mt.RegisterResponder(http.MethodPost, "https://auth.example.test/custom/token?tenant=x", tokens.respond(200, fixture(t, "token.json")))
	mt.RegisterResponder(http.MethodGet, apiBase+"contracts", (&recorder{}).respond(200, fixture(t, "contracts_array.json")))
	c, err := satellogic.New(testCreds(), satellogic.WithHTTPClient(&http.Client{Transport: mt}),
		satellogic.WithTokenURL("https://auth.example.test/custom/token?tenant=x"), satellogic.WithAudience("api"))
	require.NoError(t, err)
	_, err = c.Contracts.List(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, tokens.count())
	assert.Equal(t, "api", jsonBody(t, tokens.last().Body)["audience"])
}

func TestLegacyCredentialsUseTheLegacyHostAndNoContract(t *testing.T) {
	mt := httpmock.NewMockTransport()
	tokens, api := &recorder{}, &recorder{}
	mt.RegisterResponder(http.MethodPost, satellogic.LegacyTokenURL, tokens.respond(200, fixture(t, "token.json")))
	mt.RegisterResponder(http.MethodGet, apiBase+"tasking/tasks/", api.respond(200, fixture(t, "tasks_page3.json")))
	c, err := satellogic.New(satellogic.Credentials{ClientID: "legacy-id", ClientSecret: "legacy-secret"},
		satellogic.WithHTTPClient(&http.Client{Transport: mt}), satellogic.WithLegacyCredentials())
	require.NoError(t, err)
	_, err = c.Tasks.List(context.Background(), nil)
	require.NoError(t, err, "legacy credentials need no contract")
	assert.Equal(t, 1, tokens.count())
	assert.Equal(t, "Bearer "+testToken, api.last().Header.Get("authorizationToken"))
	assert.Empty(t, api.last().Header.Values("X-Satellogic-Contract-Id"))
}

func TestLegacyKeyHeaderAgainstSimulator(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c, err := satellogic.New(satellogic.Credentials{}, satellogic.WithBaseURL(srv.URL),
		satellogic.WithLegacyKey(srv.LegacyKeyID, srv.LegacyKeySecret))
	require.NoError(t, err)
	_, err = c.Tasks.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 0, srv.TokenRequests(), "the legacy key needs no token")
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "Key,Secret [REDACTED]", reqs[0].Header.Get("authorizationToken"))

	bad, err := satellogic.New(satellogic.Credentials{}, satellogic.WithBaseURL(srv.URL),
		satellogic.WithLegacyKey(srv.LegacyKeyID, "wrong-secret"))
	require.NoError(t, err)
	_, err = bad.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "wrong-secret")

	_, err = satellogic.New(satellogic.Credentials{}, satellogic.WithLegacyKey("id", ""))
	require.Error(t, err)
}

func TestTokenIsCachedAcrossManyCalls(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	for i := 0; i < 20; i++ {
		_, err := c.Tasks.List(ctx, nil)
		require.NoError(t, err)
		_, err = c.Products.List(ctx, nil)
		require.NoError(t, err)
	}
	_, err := c.Contracts.List(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.TokenRequests(), "one token for 41 calls")
	other, err := c.WithContract(srv.ContractID)
	require.NoError(t, err)
	_, err = other.Tasks.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.TokenRequests(), "WithContract shares the token cache")
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	// Tokens live 61 s and the client refreshes 60 s early: after a second
	// the cached token is due, and the client fetches a new one before the
	// server would refuse the old one.
	srv := satellogictest.NewServer(satellogictest.WithTokenTTL(61 * time.Second))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	_, err := c.Products.List(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 1, srv.TokenRequests())
	time.Sleep(1200 * time.Millisecond)
	_, err = c.Products.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.TokenRequests(), "the token was refreshed ahead of expiry")
	var statuses []int
	tokens := map[string]bool{}
	for _, r := range srv.Requests() {
		if r.Path == "/tasking/products/" {
			statuses = append(statuses, r.Status)
			tokens[r.Header.Get("authorizationToken")] = true
		}
	}
	assert.Equal(t, []int{200, 200}, statuses, "no call was refused or replayed")
	assert.Equal(t, map[string]bool{"Bearer [REDACTED]": true}, tokens, "the log blanks tokens")
}

func TestExpiredTokenRefreshedOnceAndReplayed(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	_, err := c.Products.List(ctx, nil)
	require.NoError(t, err)
	// The server's clock passes the token's 24 h expiry: it answers 401.
	srv.SetNow(srv.Now().Add(25 * time.Hour))
	srv.ResetRequests()
	_, err = c.Products.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.TokenRequests(), "one refresh")
	var paths []string
	for _, r := range srv.Requests() {
		paths = append(paths, fmt.Sprint(r.Method, " ", r.Path, " ", r.Status))
	}
	assert.Equal(t, []string{"GET /tasking/products/ 401", "POST /oauth/token 200", "GET /tasking/products/ 200"}, paths,
		"refused once, refreshed once, replayed once")

	srv.RevokeTokens()
	_, err = c.Tasks.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 3, srv.TokenRequests())
}

func TestUnauthorizedIsReplayedOnceNeverLooped(t *testing.T) {
	var tokenCalls, apiCalls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			n := tokenCalls.Add(1)
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"access_token": "tok-%d", "expires_in": 86400, "token_type": "Bearer"}`, n)
			return
		}
		apiCalls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"message": "Unauthorized"}`))
	}))
	defer ts.Close()
	c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(ts.URL), satellogic.WithTokenURL(ts.URL+"/oauth/token"))
	require.NoError(t, err)
	_, err = c.Tasks.Get(context.Background(), 1)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	assert.EqualValues(t, 2, apiCalls.Load(), "the request and exactly one replay")
	assert.EqualValues(t, 2, tokenCalls.Load(), "the first token and exactly one refresh")
	assert.Contains(t, err.Error(), "Unauthorized")
}

func TestTokenEndpointFailures(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()

	bad := srv.Credentials()
	bad.ClientSecret = "not-the-secret-at-all"
	c, err := satellogic.New(bad, srv.Options()...)
	require.NoError(t, err)
	_, err = c.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "not-the-secret-at-all")
	assert.Contains(t, err.Error(), "fetching token")
	// The transport's 401 replay also fires on a token endpoint's 401 (see
	// the foundation note in the report): at most one more token request, and
	// no API request at all.
	assert.LessOrEqual(t, srv.TokenRequests(), 2, "a refused token request is never looped")
	for _, r := range srv.Requests() {
		assert.Equal(t, "/oauth/token", r.Path, "no API call without a token")
	}

	c2, err := satellogic.New(srv.Credentials(), append(srv.Options(), satellogic.WithAudience("https://elsewhere/"))...)
	require.NoError(t, err)
	_, err = c2.Tasks.List(context.Background(), nil)
	require.ErrorIs(t, err, tasking.ErrForbidden)

	// A flaky auth host is retried like any read.
	srv.FailNextToken(2, http.StatusServiceUnavailable)
	c3 := srv.Client()
	_, err = c3.Tasks.List(context.Background(), nil)
	require.NoError(t, err)
}

func TestConcurrentCallsShareOneTokenFetch(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var err error
			switch i % 3 {
			case 0:
				_, err = c.Tasks.List(ctx, nil)
			case 1:
				_, err = c.Products.List(ctx, nil)
			default:
				_, err = c.Contracts.List(ctx)
			}
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.TokenRequests())

	// Concurrent 401s after a revocation: every call succeeds, and the token
	// is fetched again far fewer times than there are calls.
	srv.RevokeTokens()
	var wg2 sync.WaitGroup
	var failed atomic.Int32
	for i := 0; i < 16; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			if _, err := c.Tasks.List(ctx, nil); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg2.Wait()
	assert.Zero(t, failed.Load())
	assert.LessOrEqual(t, srv.TokenRequests(), 1+16)
}

func TestCredentialsNeverPrintTheSecret(t *testing.T) {
	creds := testCreds()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%10v", "%-v", "%t", "%e", "%U"} {
		out := fmt.Sprintf(verb, creds)
		assert.NotContains(t, out, testSecret, verb)
		out = fmt.Sprintf(verb, &creds)
		assert.NotContains(t, out, testSecret, "pointer "+verb)
	}
	// %p is for pointers: on a pointer it prints the address. (On a struct
	// value fmt reports a bad verb and dumps the fields without consulting
	// Format; no method can prevent that, see Credentials' doc.)
	assert.NotContains(t, fmt.Sprintf("%p", &creds), testSecret)
	assert.Contains(t, fmt.Sprintf("%v", creds), testID)
	assert.Contains(t, fmt.Sprintf("%+v", creds), "[REDACTED]")
	assert.Contains(t, fmt.Sprintf("%#v", creds), "satellogic.Credentials{")
	b, err := json.Marshal(creds)
	require.NoError(t, err)
	assert.NotContains(t, string(b), testSecret)
	odd, err := json.Marshal(satellogic.Credentials{ClientID: "a\x00\"b", ClientSecret: "s", ContractID: "\u2028"})
	require.NoError(t, err)
	assert.True(t, json.Valid(odd), "%s", odd)
	assert.NotContains(t, fmt.Sprint([]any{creds, struct{ C satellogic.Credentials }{creds}}), testSecret)

	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("creds", "c", creds)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("creds", "c", creds)
	assert.NotContains(t, logs.String(), testSecret)
	assert.Contains(t, logs.String(), testID)
}

func TestClientNeverPrintsCredentials(t *testing.T) {
	c, err := satellogic.New(testCreds())
	require.NoError(t, err)
	legacy, err := satellogic.New(satellogic.Credentials{}, satellogic.WithLegacyKey("key-id", "legacy-key-secret"))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x"} {
		assert.NotContains(t, fmt.Sprintf(verb, c), testSecret, verb)
		assert.NotContains(t, fmt.Sprintf(verb, legacy), "legacy-key-secret", verb)
		assert.NotContains(t, fmt.Sprintf(verb, *legacy), "legacy-key-secret", "value "+verb)
		assert.NotContains(t, fmt.Sprintf(verb, *c.Tasks), testSecret, verb)
	}
	assert.Contains(t, c.String(), "api.satellogic.com")
	assert.Equal(t, testCont, c.ContractID())
}

func TestSecretsNotInLogs(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	var logs bytes.Buffer
	l := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := srv.Client(satellogic.WithLogger(l))
	_, err := c.Tasks.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "/oauth/token")
	assert.NotContains(t, logs.String(), srv.ClientSecret)
	assert.NotContains(t, logs.String(), "simtok-")
}

func TestNewRejectsBadInput(t *testing.T) {
	for name, tc := range map[string]struct {
		creds satellogic.Credentials
		opts  []satellogic.Option
		want  string
	}{
		"empty credentials": {satellogic.Credentials{}, nil, "ClientID"},
		"no secret":         {satellogic.Credentials{ClientID: "x"}, nil, "ClientSecret"},
		"blank id":          {satellogic.Credentials{ClientID: "  ", ClientSecret: "s"}, nil, "ClientID"},
		"plain http base":   {testCreds(), []satellogic.Option{satellogic.WithBaseURL("http://api.example.com")}, "plain http"},
		"relative base":     {testCreds(), []satellogic.Option{satellogic.WithBaseURL("/api")}, "base URL"},
		"plain http token":  {testCreds(), []satellogic.Option{satellogic.WithTokenURL("http://auth.example.com/oauth/token")}, "plain http"},
		"bad token URL":     {testCreds(), []satellogic.Option{satellogic.WithTokenURL("::nope")}, "token URL"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := satellogic.New(tc.creds, tc.opts...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.False(t, strings.Contains(err.Error(), testSecret))
		})
	}
	c, err := satellogic.New(testCreds(), satellogic.WithBaseURL("http://127.0.0.1:1"), satellogic.WithTokenURL("http://localhost:1/oauth/token"))
	require.NoError(t, err, "loopback may be plain http")
	assert.Equal(t, "127.0.0.1:1", c.BaseURL().Host)
}
