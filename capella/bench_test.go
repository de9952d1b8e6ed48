package capella_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// handTask is what a hand-written client would decode GET /task/{id} into:
// the same fields as capella.Task, with encoding/json's own rules.
type handTask struct {
	Type     string          `json:"type"`
	Geometry json.RawMessage `json:"geometry"`
	Geom     orb.Geometry    `json:"-"`
	Props    struct {
		TaskingRequestID  string    `json:"taskingrequestId"`
		Name              string    `json:"taskingrequestName"`
		Description       string    `json:"taskingrequestDescription"`
		RequestType       string    `json:"taskingrequestType"`
		SubmissionTime    time.Time `json:"submissionTime"`
		OrgID             string    `json:"orgId"`
		UserID            string    `json:"userId"`
		RepeatRequestID   *string   `json:"repeatrequestId"`
		WindowOpen        time.Time `json:"windowOpen"`
		WindowClose       time.Time `json:"windowClose"`
		WindowDuration    *float64  `json:"windowDuration"`
		CollectionTier    string    `json:"collectionTier"`
		CollectionType    string    `json:"collectionType"`
		ArchiveHoldback   string    `json:"archiveHoldback"`
		ImagingMode       string    `json:"type"`
		PreApproval       *bool     `json:"preApproval"`
		Sandbox           *bool     `json:"sandbox"`
		TransactionStatus string    `json:"transactionStatus"`
		ContractID        string    `json:"contractId"`
		Billing           string    `json:"billingEnvironment"`
		CustomAttribute1  *string   `json:"customAttribute1"`
		CustomAttribute2  *string   `json:"customAttribute2"`
		StatusHistory     []struct {
			Time    time.Time `json:"time"`
			Code    string    `json:"code"`
			Message string    `json:"message"`
		} `json:"statusHistory"`
		Constraints      map[string]any  `json:"collectConstraints"`
		Order            json.RawMessage `json:"order"`
		ConflictingTasks []struct {
			TaskingRequestID string    `json:"taskingrequestId"`
			CollectionTier   string    `json:"collectionTier"`
			WindowOpen       time.Time `json:"windowOpen"`
			WindowClose      time.Time `json:"windowClose"`
		} `json:"conflictingTasks"`
		ProcessingConfig *struct {
			ProductTypes []string `json:"productTypes"`
			IsSandbox    *bool    `json:"isSandbox"`
		} `json:"processingConfig"`
	} `json:"properties"`
}

// BenchmarkGetTask compares "get one task and decode it" through the SDK and
// by hand with net/http and encoding/json, against one local server.
func BenchmarkGetTask(b *testing.B) {
	body := readFixture(b, "task_review.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "ApiKey "+testKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		c, err := capella.New(testKey, capella.WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			t, err := c.Tasks.Get(ctx, taskID)
			if err != nil || t.Status() != capella.RequestReview {
				b.Fatal(err)
			}
		}
	})
	b.Run("nethttp", func(b *testing.B) {
		hc := &http.Client{}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/task/"+taskID, nil)
			req.Header.Set("Authorization", "ApiKey "+testKey)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", "eotask/bench")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var t handTask
			err = json.NewDecoder(resp.Body).Decode(&t)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(err, resp.StatusCode)
			}
			g, err := geojson.UnmarshalGeometry(t.Geometry)
			if err != nil {
				b.Fatal(err)
			}
			t.Geom = g.Geometry()
			if len(t.Props.StatusHistory) == 0 {
				b.Fatal(fmt.Errorf("no history"))
			}
		}
	})
}
