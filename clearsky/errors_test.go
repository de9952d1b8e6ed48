package clearsky_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/eotask/eotask/clearsky"
	"github.com/eotask/eotask/tasking"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnvelopeValidationError(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders/estimate", capture(&log, 400, fixture(t, "error_validation.json")))
	_, err := c.Orders.Estimate(ctx, validRequest(), nil)
	require.Error(t, err)
	assert.Len(t, log, 1, "400 is never retried")
	assert.ErrorIs(t, err, tasking.ErrInvalidRequest)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "clearsky", ae.Provider)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Equal(t, "992", ae.Code)
	assert.Equal(t, "One or more validation errors occurred.: ImageFrequency: ImageFrequency must be between 1 and 7.; Wkt: Only one of Wkt or GeoJson may be set.", ae.Message)
	code, ok := clearsky.ErrorCode(err)
	assert.True(t, ok)
	assert.Equal(t, clearsky.CodeMalformedRequest, code)
	assert.Equal(t, map[string][]string{
		"ImageFrequency": {"ImageFrequency must be between 1 and 7."},
		"Wkt":            {"Only one of Wkt or GeoJson may be set."},
	}, clearsky.FieldErrors(err))
	assert.False(t, clearsky.Retryable(err))
	assert.NotContains(t, err.Error(), testKey)
}

func TestProblemDetailsError(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders", func(r *http.Request) (*http.Response, error) {
		log = append(log, seen{Method: r.Method})
		resp := httpmock.NewBytesResponse(400, fixture(t, "error_problem.json"))
		resp.Header.Set("Content-Type", "application/problem+json; charset=utf-8")
		return resp, nil
	})
	_, err := c.Orders.Create(ctx, validRequest(), nil)
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Len(t, log, 1)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Empty(t, ae.Code, "ProblemDetails carries no ClearSKY code")
	assert.Equal(t, "One or more validation errors occurred.: From: The From field is required.", ae.Message)
	assert.Equal(t, map[string][]string{"From": {"The From field is required."}}, clearsky.FieldErrors(err))
	_, ok := clearsky.ErrorCode(err)
	assert.False(t, ok)
}

func TestSucceededFalseOnHTTP200IsAnError(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodDelete, apiBase+"api/tasking/orders/cancel", capture(&log, 200, fixture(t, "error_failed_ok.json")))
	_, err := c.Orders.Cancel(ctx, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70")
	var ae *tasking.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 200, ae.StatusCode)
	assert.Equal(t, "993", ae.Code, "a code sent as a string is kept")
	assert.Contains(t, ae.Message, "can no longer be cancelled")
	assert.Len(t, log, 1)
	assert.False(t, clearsky.Retryable(err))
}

func TestThrottledCode1003IsRetriedEvenOnCreate(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	n := 0
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders", func(r *http.Request) (*http.Response, error) {
		n++
		log = append(log, seen{Method: r.Method})
		if n == 1 {
			return respondJSON(400, string(fixture(t, "error_throttled.json"))), nil
		}
		if n == 2 {
			// The same refusal with HTTP 200.
			return respondJSON(200, string(fixture(t, "error_throttled.json"))), nil
		}
		return respondJSON(200, string(fixture(t, "create.json"))), nil
	})
	o, err := c.Orders.Create(ctx, validRequest(), nil)
	require.NoError(t, err)
	assert.Equal(t, "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70", o.TaskOrderGUID)
	assert.Equal(t, 3, n, "code 1003 means the server did not act: retried")

	// Always throttled: the error says so after the policy's attempts.
	mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/models", capture(&log, 400, fixture(t, "error_throttled.json")))
	log = nil
	_, err = c.Models.List(ctx)
	assert.True(t, clearsky.IsThrottled(err))
	assert.True(t, clearsky.Retryable(err))
	assert.Len(t, log, fastRetry.MaxAttempts)
}

func TestEveryErrorCode(t *testing.T) {
	codes := []struct {
		code  int
		retry bool
	}{
		{clearsky.CodeMalformedRequest, false},
		{clearsky.CodeInvalidRequest, false},
		{clearsky.CodeInsufficientProcessingUnits, false},
		{clearsky.CodeNoImagery, false},
		{clearsky.CodeTooManyConcurrentRequests, true},
		{clearsky.CodeMaxAreaExceeded, false},
		{clearsky.CodeMaxBandsExceeded, false},
		{clearsky.CodeNotCovered, false},
	}
	for _, tc := range codes {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			c, mt := mockClient(t)
			var log []seen
			body := fmt.Sprintf(`{"Succeeded":false,"Error":{"Message":"code %d","Code":%d},"Data":null}`, tc.code, tc.code)
			mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/search/tiles", capture(&log, 400, []byte(body)))
			_, err := c.Tiles.Search(ctx, clearsky.TilesByGUID("5b0e3c52-7d1f-4a8e-9c61-2f7a0b9d4e13"))
			got, ok := clearsky.ErrorCode(err)
			require.True(t, ok, "%v", err)
			assert.Equal(t, tc.code, got)
			assert.Equal(t, tc.retry, clearsky.Retryable(err))
			assert.Equal(t, tc.code == clearsky.CodeTooManyConcurrentRequests, clearsky.IsThrottled(err))
			want := 1
			if tc.retry {
				want = fastRetry.MaxAttempts
			}
			assert.Len(t, log, want)
		})
	}
}

func TestHTTPStatuses(t *testing.T) {
	cases := []struct {
		status   int
		sentinel error
		attempts int
	}{
		{400, tasking.ErrInvalidRequest, 1},
		{401, tasking.ErrUnauthorized, 1},
		{403, tasking.ErrForbidden, 1},
		{404, tasking.ErrNotFound, 1},
		{429, tasking.ErrRateLimited, fastRetry.MaxAttempts},
		{500, tasking.ErrServer, fastRetry.MaxAttempts},
		{502, tasking.ErrServer, fastRetry.MaxAttempts},
		{503, tasking.ErrServer, fastRetry.MaxAttempts},
		{504, tasking.ErrServer, fastRetry.MaxAttempts},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			c, mt := mockClient(t)
			var log []seen
			mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/orders", capture(&log, tc.status, nil))
			_, err := c.Orders.List(ctx, nil)
			require.ErrorIs(t, err, tc.sentinel)
			assert.Len(t, log, tc.attempts)
			assert.Equal(t, tc.status == 429 || tc.status >= 500, clearsky.Retryable(err))
			assert.Nil(t, clearsky.FieldErrors(err))
		})
	}
	// A 5xx on create is sent once.
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodPost, apiBase+"api/tasking/orders", capture(&log, 503, nil))
	_, err := c.Orders.Create(ctx, validRequest(), nil)
	require.ErrorIs(t, err, tasking.ErrServer)
	assert.Len(t, log, 1)
}

func TestSuccessWithoutDataIsADecodeError(t *testing.T) {
	c, mt := mockClient(t)
	var log []seen
	mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/models", capture(&log, 200, []byte(`{"Succeeded":true,"Error":null,"Data":null}`)))
	_, err := c.Models.List(ctx)
	var de *tasking.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "clearsky", de.Provider)
	assert.Equal(t, "https://api.clearsky.vision/api/tasking/models", de.URL)
}

func TestErrorHelpersOnOtherErrors(t *testing.T) {
	plain := errors.New("x")
	_, ok := clearsky.ErrorCode(plain)
	assert.False(t, ok)
	assert.False(t, clearsky.IsThrottled(plain))
	assert.False(t, clearsky.Retryable(plain))
	assert.Nil(t, clearsky.FieldErrors(plain))
	assert.Nil(t, clearsky.FieldErrors(&tasking.APIError{Body: []byte("<html>")}))
}

// TestErrorCodesMatchTheirSentinel checks that every error code the digest
// documents (§8.2) matches the tasking sentinel it stands for, and only that
// one, whether it comes with HTTP 400 or in a Succeeded:false answer with
// HTTP 200. An unknown code falls back to the sentinel of the HTTP status.
func TestErrorCodesMatchTheirSentinel(t *testing.T) {
	sentinels := []error{tasking.ErrInvalidRequest, tasking.ErrUnauthorized, tasking.ErrForbidden,
		tasking.ErrNotFound, tasking.ErrConflict, tasking.ErrRateLimited, tasking.ErrServer, tasking.ErrActionRequired}
	cases := []struct {
		code int
		want error // nil: the HTTP status decides
	}{
		{clearsky.CodeMalformedRequest, tasking.ErrInvalidRequest},
		{clearsky.CodeInvalidRequest, tasking.ErrInvalidRequest},
		{clearsky.CodeInsufficientProcessingUnits, tasking.ErrForbidden},
		{clearsky.CodeNoImagery, tasking.ErrNotFound},
		{clearsky.CodeTooManyConcurrentRequests, tasking.ErrRateLimited},
		{clearsky.CodeMaxAreaExceeded, tasking.ErrInvalidRequest},
		{clearsky.CodeMaxBandsExceeded, tasking.ErrInvalidRequest},
		{clearsky.CodeNotCovered, tasking.ErrForbidden},
		{1234, nil}, // not documented
	}
	for _, tc := range cases {
		for _, status := range []int{http.StatusOK, http.StatusBadRequest} {
			t.Run(fmt.Sprintf("%d/%d", tc.code, status), func(t *testing.T) {
				c, mt := mockClient(t)
				body := fmt.Sprintf(`{"Succeeded":false,"Error":{"Message":"code %d","Code":%d},"Data":null}`, tc.code, tc.code)
				mt.RegisterResponder(http.MethodGet, apiBase+"api/tasking/models", capture(new([]seen), status, []byte(body)))
				_, err := c.Models.List(ctx)

				var ae *tasking.APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, status, ae.StatusCode)
				assert.Equal(t, fmt.Sprint(tc.code), ae.Code)
				want := tc.want
				if want == nil {
					assert.Nil(t, ae.Kind, "an unknown code names no sentinel")
					if status == http.StatusBadRequest {
						want = tasking.ErrInvalidRequest
					}
				}
				for _, s := range sentinels {
					assert.Equal(t, s == want, errors.Is(err, s), "errors.Is(err, %q)", s)
				}
			})
		}
	}
}

// TestEmptySuccessIsADecodeError checks that a 2xx answer holding no Data
// (an empty or blank body, null, an empty object, or an envelope whose Data
// is null) is a *tasking.DecodeError for every call that returns what Data
// holds, never a zero value and nil.
func TestEmptySuccessIsADecodeError(t *testing.T) {
	const id = "0f6d2b7a-91c4-4e3b-a8d5-6c2e9f1b3a70"
	calls := []struct {
		name, method, path string
		call               func(c *clearsky.Client) error
	}{
		{"Get", http.MethodPost, "api/tasking/orders/details", func(c *clearsky.Client) error {
			_, err := c.Orders.Get(ctx, id)
			return err
		}},
		{"Details", http.MethodPost, "api/tasking/orders/details", func(c *clearsky.Client) error {
			_, err := c.Orders.Details(ctx, id)
			return err
		}},
		{"Create", http.MethodPost, "api/tasking/orders", func(c *clearsky.Client) error {
			_, err := c.Orders.Create(ctx, validRequest(), nil)
			return err
		}},
		{"Estimate", http.MethodPost, "api/tasking/orders/estimate", func(c *clearsky.Client) error {
			_, err := c.Orders.Estimate(ctx, validRequest(), nil)
			return err
		}},
		{"List", http.MethodGet, "api/tasking/orders", func(c *clearsky.Client) error {
			_, err := c.Orders.List(ctx, nil)
			return err
		}},
		{"Models", http.MethodGet, "api/tasking/models", func(c *clearsky.Client) error {
			_, err := c.Models.List(ctx)
			return err
		}},
		{"Search", http.MethodPost, "api/tasking/search/tiles", func(c *clearsky.Client) error {
			_, err := c.Tiles.Search(ctx, clearsky.TilesByGUID(id))
			return err
		}},
	}
	bodies := []string{"", "  ", "null", "{}", `{"Succeeded":true,"Error":null,"Data":null}`}
	for _, tc := range calls {
		for _, body := range bodies {
			t.Run(tc.name+"/"+body, func(t *testing.T) {
				c, mt := mockClient(t)
				var log []seen
				mt.RegisterResponder(tc.method, apiBase+tc.path, capture(&log, 200, []byte(body)))
				err := tc.call(c)
				var de *tasking.DecodeError
				require.ErrorAs(t, err, &de)
				assert.Equal(t, 200, de.StatusCode)
				assert.Len(t, log, 1, "an empty answer is not retried")
			})
		}
	}
}
