package capellatest

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/paulmach/orb"
)

type simCollect struct {
	c    capella.Collect
	task string
}

// ecef returns the earth-centred, earth-fixed position of lon/lat on the
// WGS 84 ellipsoid, in metres.
func ecef(p orb.Point) []float64 {
	const a, e2 = 6378137.0, 6.69437999014e-3
	lon, lat := p[0]*math.Pi/180, p[1]*math.Pi/180
	n := a / math.Sqrt(1-e2*math.Sin(lat)*math.Sin(lat))
	return []float64{math.Round(n * math.Cos(lat) * math.Cos(lon)), math.Round(n * math.Cos(lat) * math.Sin(lon)),
		math.Round(n * (1 - e2) * math.Sin(lat))}
}

// tileCenters returns one point per collect: the target for a Point, two
// points inside a Polygon's bound otherwise.
func tileCenters(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case nil:
		return []orb.Point{{0, 0}}
	}
	b := g.Bound()
	c := b.Center()
	return []orb.Point{{(b.Min[0] + c[0]) / 2, c[1]}, {(b.Max[0] + c[0]) / 2, c[1]}}
}

// addCollects plans the collects of a task at its collection time.
func (s *Server) addCollects(st *simTask) {
	p := st.t.Properties
	group := s.newID('g')
	for i, center := range tileCenters(st.t.Geometry) {
		id := s.newID('c')
		open := st.collectAt.Add(time.Duration(i) * 90 * time.Second)
		sc := &simCollect{task: p.TaskingRequestID, c: capella.Collect{
			CollectID: id, TaskingRequestID: p.TaskingRequestID, RepeatRequestID: p.RepeatRequestID,
			TileID: s.newID('l'), TileGroupID: group, SpacecraftID: 1 + (s.seq % 9),
			Center: []float64{center[0], center[1]}, CenterECEF: ecef(center),
			WindowOpen: open, WindowClose: open.Add(10 * time.Second), WindowDuration: capella.Float(10),
			AccessProperties: capella.AccessProperties{AscDsc: capella.OrbitAscending, LookDirection: capella.LookRight,
				LocalTime:   capella.Float(float64((open.Hour()*3600 + open.Minute()*60) % 86400)),
				AzimuthOpen: capella.Float(80), AzimuthClose: capella.Float(100),
				GrazingMin: capella.Float(50), GrazingMax: capella.Float(55),
				OffNadirMin: capella.Float(30), OffNadirMax: capella.Float(35)},
			CollectProperties: capella.CollectProperties{CollectDuration: capella.Float(10),
				ImageLength: capella.Float(5000), ImageWidth: capella.Float(5000), GRR: capella.Float(0.8),
				AZR: capella.Float(0.5), Bandwidth: capella.Float(5e8), NESZ: capella.Float(-18), Squint: capella.Float(0),
				Polarization: capella.PolarizationHH},
		}}
		s.appendCollectStatus(sc, capella.CollectPredicted, "Collect predicted.")
		s.collects[id] = sc
		st.collects = append(st.collects, id)
	}
}

func (s *Server) appendCollectStatus(sc *simCollect, to capella.CollectStatus, msg string) bool {
	if cur := sc.c.StatusHistory.Current(); cur != "" && !capella.CollectLifecycle.Allows(cur, to) {
		return false
	}
	sc.c.StatusHistory = append(capella.CollectStatusHistory{{Time: s.stamp(), Code: to, Message: msg}}, sc.c.StatusHistory...)
	return true
}

// collectsTo moves the task's live collects to status to.
func (s *Server) collectsTo(st *simTask, to capella.CollectStatus, msg string) {
	for _, id := range st.collects {
		sc := s.collects[id]
		if !capella.CollectLifecycle.Terminal(sc.c.GetStatus()) {
			s.appendCollectStatus(sc, to, msg)
		}
	}
}

// deliver runs the task's live collects to delivered.
func (s *Server) deliver(st *simTask) {
	for _, id := range st.collects {
		sc := s.collects[id]
		if capella.CollectLifecycle.Terminal(sc.c.GetStatus()) {
			continue
		}
		if sc.c.GetStatus() == capella.CollectPredicted {
			s.appendCollectStatus(sc, capella.CollectTasked, "")
		}
		for _, to := range []capella.CollectStatus{capella.CollectCollected, capella.CollectProcessing,
			capella.CollectQA, capella.CollectDelivered} {
			s.appendCollectStatus(sc, to, "")
		}
		if sc.c.GetStatus() == capella.CollectDelivered {
			s.publish(st, sc)
		}
	}
}

func queryInt(r *http.Request, key string, def, min, max int64) (int64, *apiError) {
	raw := r.URL.Query().Get(key)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return 0, &apiError{status: http.StatusUnprocessableEntity, code: "type_error.integer",
			msg: "value is not a valid integer", path: "query." + key}
	}
	if n < min || n > max {
		return 0, &apiError{status: http.StatusUnprocessableEntity, code: "value_error.number",
			msg: "value is out of range", path: "query." + key}
	}
	return n, nil
}

func (s *Server) listCollects(r *http.Request, args []string, _ []byte) (int, any, *apiError) {
	st, ok := s.tasks[args[0]]
	if !ok {
		return 0, nil, notFound("tasking request", args[0])
	}
	skip, err := queryInt(r, "skip", 0, 0, math.MaxInt32)
	if err != nil {
		return 0, nil, err
	}
	limit, err := queryInt(r, "limit", 100, 1, 1000)
	if err != nil {
		return 0, nil, err
	}
	all := false
	switch r.URL.Query().Get("all") {
	case "", "false":
	case "true":
		all = true
	default:
		return 0, nil, &apiError{status: http.StatusUnprocessableEntity, code: "type_error.bool",
			msg: "value could not be parsed to a boolean", path: "query.all"}
	}
	out := []capella.Collect{}
	for _, id := range st.collects {
		c := s.collects[id].c
		if !all && c.GetStatus() == capella.CollectPredicted {
			continue // not scheduled yet
		}
		out = append(out, c)
	}
	lo := min(int(skip), len(out))
	hi := min(lo+int(limit), len(out))
	return http.StatusOK, out[lo:hi], nil
}

func (s *Server) getCollect(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sc, err := lookup(s.collects, "collect", args[0])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, sc.c, nil
}

func (s *Server) collectStatus(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sc, err := lookup(s.collects, "collect", args[0])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, sc.c.StatusHistory, nil
}

func (s *Server) collectTask(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sc, err := lookup(s.collects, "collect", args[0])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.taskView(s.tasks[sc.task], false), nil
}

func (s *Server) retaskCollect(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	sc, err := lookup(s.collects, "collect", args[0])
	if err != nil {
		return 0, nil, err
	}
	f, err := parseRetask(body, true)
	if err != nil {
		return 0, nil, err
	}
	orig := s.tasks[sc.task]
	// The new request targets the collect's centre.
	cp := *orig
	cp.t.Geometry = orb.Point{sc.c.Center[0], sc.c.Center[1]}
	st, err := s.retaskFrom(&cp, f)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, s.taskView(st, false), nil
}

// collectionTypeList is the simulator's answer to GET /collectiontypes/.
var collectionTypeList = []map[string]any{
	{"name": "spotlight", "collectMode": "spotlight", "version": 1, "active": true},
	{"name": "spotlight_ultra", "collectMode": "spotlight", "version": 1, "active": true},
	{"name": "spotlight_wide", "collectMode": "sliding_spotlight", "version": 1, "active": true},
	{"name": "stripmap_20", "collectMode": "stripmap", "version": 1, "active": true},
	{"name": "stripmap_50", "collectMode": "stripmap", "version": 1, "active": true},
	{"name": "stripmap_100", "collectMode": "stripmap", "version": 1, "active": true},
	{"name": "parallel_stripmap_20", "collectMode": "stripmap", "version": 1, "active": true},
	{"name": "parallel_stripmap_50", "collectMode": "stripmap", "version": 1, "active": true},
	{"name": "parallel_stripmap_100", "collectMode": "stripmap", "version": 1, "active": true},
	{"name": "spotlight_legacy", "collectMode": "spotlight", "version": 0, "active": false},
}

func (s *Server) collectionTypes(r *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	q := r.URL.Query()
	page, err := queryInt(r, "page", 1, 1, math.MaxInt32)
	if err != nil {
		return 0, nil, err
	}
	limit, err := queryInt(r, "limit", 25, 5, 500)
	if err != nil {
		return 0, nil, err
	}
	version, err := queryInt(r, "version", 0, math.MinInt32, math.MaxInt32)
	if err != nil {
		return 0, nil, err
	}
	boolParam := func(key string, def bool) (bool, *apiError) {
		switch q.Get(key) {
		case "":
			return def, nil
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return false, &apiError{status: http.StatusUnprocessableEntity, code: "type_error.bool",
			msg: "value could not be parsed to a boolean", path: "query." + key}
	}
	activeOnly, err := boolParam("active_only", true)
	if err != nil {
		return 0, nil, err
	}
	namesOnly, err := boolParam("names_only", false)
	if err != nil {
		return 0, nil, err
	}
	var items []any
	for _, ct := range collectionTypeList {
		if activeOnly && ct["active"] != true {
			continue
		}
		if n := q.Get("name"); n != "" && ct["name"] != n {
			continue
		}
		if q.Get("version") != "" && int64(ct["version"].(int)) != version {
			continue
		}
		if namesOnly {
			items = append(items, ct["name"])
		} else {
			items = append(items, ct)
		}
	}
	total := (len(items) + int(limit) - 1) / int(limit)
	lo := min((int(page)-1)*int(limit), len(items))
	hi := min(lo+int(limit), len(items))
	res := items[lo:hi]
	if res == nil {
		res = []any{}
	}
	return http.StatusOK, map[string]any{"results": res, "current_page": page, "total_pages": total}, nil
}

func (s *Server) user(_ *http.Request, _ []string, _ []byte) (int, any, *apiError) {
	created := time.Date(2024, 1, 15, 9, 30, 0, 0, time.UTC).Format(time.RFC3339)
	return http.StatusOK, map[string]any{
		"id": s.cfg.userID, "email": "tasker@example.com", "givenName": "Test", "familyName": "Tasker",
		"organizationId": s.cfg.orgID, "roles": []string{"user", "tasker"}, "noaaVerified": true,
		"noaaWhitelisted": false, "createdAt": created, "updatedAt": created, "allowedToTaskOnBehalf": false,
	}, nil
}
