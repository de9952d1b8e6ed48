package satellogic_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
)

// BenchmarkGetTask gets one task and decodes it, through the SDK and by hand
// with net/http and encoding/json, against the same local server and body.
func BenchmarkGetTask(b *testing.B) {
	body, err := os.ReadFile("testdata/task_poi.json")
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/oauth/token" {
			_, _ = w.Write([]byte(`{"access_token": "bench-token", "expires_in": 86400, "token_type": "Bearer"}`))
			return
		}
		if r.Header.Get("authorizationToken") != "Bearer bench-token" || r.Header.Get("X-Satellogic-Contract-Id") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write(body)
	}))
	defer ts.Close()
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		c, err := satellogic.New(testCreds(), satellogic.WithBaseURL(ts.URL), satellogic.WithTokenURL(ts.URL+"/oauth/token"))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			task, err := c.Tasks.Get(ctx, 301877)
			if err != nil || task.TaskID != 301877 {
				b.Fatal(err)
			}
		}
	})

	b.Run("nethttp", func(b *testing.B) {
		type target struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		}
		type task struct {
			TaskID      int64     `json:"task_id"`
			TaskName    string    `json:"task_name"`
			ProjectName string    `json:"project_name"`
			Product     int       `json:"product"`
			Start       time.Time `json:"start"`
			End         time.Time `json:"end"`
			Priority    int       `json:"priority"`
			Client      string    `json:"client"`
			Target      target    `json:"target"`
			CreatedTime time.Time `json:"created_time"`
			Status      string    `json:"status"`
			MaxCaptures *int      `json:"max_captures"`
			ExpectedAge string    `json:"expected_age"`
		}
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		url := ts.URL + "/tasking/tasks/301877/"
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("User-Agent", "bench eotask/0.1.0")
			req.Header.Set("Accept", "application/json")
			req.Header.Set("authorizationToken", "Bearer bench-token")
			req.Header.Set("X-Satellogic-Contract-Id", testCont)
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(err, resp.StatusCode)
			}
			var t task
			if err := json.Unmarshal(data, &t); err != nil || t.TaskID != 301877 {
				b.Fatal(fmt.Errorf("decode: %w", err))
			}
		}
	})
}
