package clearskytest

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Requests, resets of the log and answers may come from many goroutines at
// once (run with -race): the log stays consistent.
func TestConcurrentRequestsAndLog(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	c := srv.Client()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				_, err := c.Models.List(context.Background())
				assert.NoError(t, err)
				_ = srv.Requests()
				if j%7 == 0 {
					srv.ResetRequests()
				}
			}
		}()
	}
	wg.Wait()
	for _, r := range srv.Requests() {
		assert.Equal(t, http.StatusOK, r.Status)
	}
}
