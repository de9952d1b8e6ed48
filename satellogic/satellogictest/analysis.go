package satellogictest

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/eotask/eotask/satellogic"
)

// analysisRetention is how long an analysis result is kept.
const analysisRetention = 24 * time.Hour

type simAnalysis struct {
	id        string
	kind      satellogic.AnalysisKind
	contract  string
	req       taskPayload
	submitted time.Time
	polls     int
	status    satellogic.AnalysisStatus
	fail      bool
	result    map[string]any
}

// submitAnalysis is POST /tasking/analysis/{can-add-order,opportunities}/: the
// task payload, checked like a task, answered 202 with the analysis id.
func (s *Server) submitAnalysis(w http.ResponseWriter, body []byte, kind satellogic.AnalysisKind, contract string) {
	p, errs := parsePayload(body)
	if errs != nil {
		writeJSON(w, http.StatusBadRequest, errs)
		return
	}
	s.analysisSeq++
	a := &simAnalysis{id: uuidFor("analysis", s.analysisSeq), kind: kind, contract: contract, req: p,
		submitted: s.kit.Now(), status: satellogic.AnalysisPending}
	if s.failAnalyses > 0 {
		s.failAnalyses--
		a.fail = true
	}
	s.analyses[a.id] = a
	writeJSON(w, http.StatusAccepted, a.json())
}

func (a *simAnalysis) json() map[string]any {
	m := map[string]any{"id": a.id, "type": string(a.kind), "status": string(a.status),
		"created_time": a.submitted.UTC().Format("2006-01-02T15:04:05.000000Z07:00"), "result": nil}
	if a.result != nil {
		m["result"] = a.result
	}
	if a.status == satellogic.AnalysisFailed {
		m["error"] = "The analysis could not be computed."
	}
	return m
}

// getAnalysis is GET /tasking/analysis/{id}/. Each poll moves a pending
// analysis on; results are gone after 24 h.
func (s *Server) getAnalysis(w http.ResponseWriter, id, contract string) {
	a, ok := s.analyses[id]
	if ok && !s.kit.Now().Before(a.submitted.Add(analysisRetention)) {
		delete(s.analyses, id)
		ok = false
	}
	if !ok || a.contract != contract {
		notFound(w)
		return
	}
	s.pollAnalysis(a)
	writeJSON(w, http.StatusOK, a.json())
}

func (s *Server) pollAnalysis(a *simAnalysis) {
	if a.status == satellogic.AnalysisCompleted || a.status == satellogic.AnalysisFailed {
		return
	}
	a.polls++
	if a.polls < s.cfg.analysisPolls && s.kit.Now().Before(a.submitted.Add(s.cfg.analysisDelay)) {
		a.status = satellogic.AnalysisRunning
		return
	}
	if a.fail {
		a.status = satellogic.AnalysisFailed
		return
	}
	a.status = satellogic.AnalysisCompleted
	a.result = s.analysisResult(a)
}

// analysisResult lists one opportunity per day of the window at about 10:30
// local solar time over the target. A can-add analysis leaves out every third
// opportunity (taken by higher-priority demand) and lists at most
// max_captures (default 1) of the rest.
func (s *Server) analysisResult(a *simAnalysis) map[string]any {
	lon := 0.0
	if a.req.geom != nil {
		lon = a.req.geom.Bound().Center().Lon()
	}
	dur := 10 * time.Second
	if a.req.product == satellogic.ProductNEI {
		dur = 6 * time.Second
	}
	var opps []map[string]any
	day := a.req.start.UTC().Truncate(24 * time.Hour)
	limit := max(a.req.maxCaptures, 1)
	for i := 0; !day.After(a.req.end); i, day = i+1, day.Add(24*time.Hour) {
		offset := time.Duration((10.5 - lon/15) * float64(time.Hour))
		at := day.Add(offset).Truncate(time.Second)
		if at.Before(a.req.start) || at.Add(dur).After(a.req.end) {
			continue
		}
		if a.kind == satellogic.AnalysisCanAdd && i%3 == 2 {
			continue
		}
		opps = append(opps, map[string]any{
			"start":     at.Format(time.RFC3339),
			"end":       at.Add(dur).Format(time.RFC3339),
			"satellite": fmt.Sprintf("newsat%d", 28+int(math.Abs(float64(i*7+int(lon))))%20),
			"off_nadir": float64((i*7)%25) + 0.5,
		})
		if a.kind == satellogic.AnalysisCanAdd && len(opps) >= limit {
			break
		}
	}
	if opps == nil {
		opps = []map[string]any{}
	}
	out := map[string]any{"opportunities": opps}
	if a.kind == satellogic.AnalysisCanAdd {
		out["can_add"] = len(opps) > 0
	}
	return out
}
