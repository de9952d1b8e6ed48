package transport

import (
	"fmt"
	"sync/atomic"

	"golang.org/x/oauth2"
)

// seqSource hands out tokens t1, t2, … counting each fetch.
type seqSource struct{ n atomic.Int32 }

func (s *seqSource) Token() (*oauth2.Token, error) {
	return &oauth2.Token{AccessToken: fmt.Sprintf("t%d", s.n.Add(1)), TokenType: "Bearer"}, nil
}
