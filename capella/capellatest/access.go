package capellatest

import (
	"math"
	"net/http"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/go-json-experiment/json"
	"github.com/paulmach/orb"
)

// maxAccessLatitude is how far north and south the simulated constellation
// sees (Capella's published imaging latitudes).
const maxAccessLatitude = 87.4

type simAccess struct {
	a        capella.AccessRequest
	accesses []capella.Access
}

func (s *Server) createAccess(_ *http.Request, _ []string, body []byte) (int, any, *apiError) {
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	root := v{m: m}
	g, err := geometry(root, "geometry", []string{"Point", "Polygon", "MultiPolygon"})
	if err != nil {
		return 0, nil, err
	}
	p, err := root.obj("properties", true)
	if err != nil {
		return 0, nil, err
	}
	sa := &simAccess{a: capella.AccessRequest{Type: "Feature", Geometry: g}}
	pr := &sa.a.Properties
	for _, f := range []struct {
		key      string
		dst      *string
		required bool
	}{{"accessrequestName", &pr.Name, false}, {"accessrequestDescription", &pr.Description, false},
		{"accessrequestType", &pr.RequestType, false}, {"orgId", &pr.OrgID, true}, {"userId", &pr.UserID, true}} {
		if *f.dst, _, err = p.str(f.key, f.required, false); err != nil {
			return 0, nil, err
		}
	}
	if pr.WindowOpen, err = p.dateTime("windowOpen", true); err != nil {
		return 0, nil, err
	}
	if pr.WindowClose, err = p.dateTime("windowClose", true); err != nil {
		return 0, nil, err
	}
	if !pr.WindowClose.After(pr.WindowOpen) {
		return 0, nil, invalid("properties.windowClose", "value_error", "windowClose must be after windowOpen")
	}
	c, err := p.obj("accessConstraints", false)
	if err != nil {
		return 0, nil, err
	}
	if c.m != nil {
		for key, vals := range map[string][]string{"lookDirection": enumLook, "ascDsc": enumAscDsc} {
			if _, err := c.enum(key, vals, false); err != nil {
				return 0, nil, err
			}
		}
		if err := localTime(c, false); err != nil {
			return 0, nil, err
		}
		if err := c.ranges(accessRanges); err != nil {
			return 0, nil, err
		}
		b, _ := json.Marshal(c.m, jsonOpts)
		pr.Constraints = &capella.AccessConstraints{}
		if err := json.Unmarshal(b, pr.Constraints, jsonOpts); err != nil {
			return 0, nil, invalid(c.path, "type_error", "accessConstraints: %v", err)
		}
	}
	pr.AccessRequestID = s.newID('a')
	pr.ProcessingStatus = capella.ProcessingQueued
	pr.AccessibilityStatus = capella.AccessibilityUnknown
	s.access[pr.AccessRequestID] = sa
	return http.StatusOK, sa.a, nil
}

func (s *Server) getAccess(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sa, err := lookup(s.access, "access request", args[0])
	if err != nil {
		return 0, nil, err
	}
	s.poll(func() { s.stepAccess(sa) })
	return http.StatusOK, sa.a, nil
}

func (s *Server) listAccesses(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sa, err := lookup(s.access, "access request", args[0])
	if err != nil {
		return 0, nil, err
	}
	out := sa.accesses
	if out == nil {
		out = []capella.Access{}
	}
	return http.StatusOK, out, nil
}

// stepAccess moves an access request along queued → processing → completed,
// computing its opportunities on completion.
func (s *Server) stepAccess(sa *simAccess) {
	p := &sa.a.Properties
	switch p.ProcessingStatus {
	case capella.ProcessingQueued:
		p.ProcessingStatus = capella.ProcessingProcessing
	case capella.ProcessingProcessing:
		p.ProcessingStatus = capella.ProcessingCompleted
		center := tileCenters(sa.a.Geometry)[0]
		if mp, ok := sa.a.Geometry.(orb.MultiPolygon); ok && len(mp) > 0 {
			center = mp[0].Bound().Center()
		}
		if math.Abs(center[1]) > maxAccessLatitude {
			p.AccessibilityStatus = capella.AccessibilityInaccessible
			p.AccessibilityMessage = "The target is outside the constellation's imaging latitudes."
			return
		}
		sa.accesses = s.opportunities(sa, center)
		if len(sa.accesses) == 0 {
			p.AccessibilityStatus = capella.AccessibilityInaccessible
			p.AccessibilityMessage = "No access in the window."
			return
		}
		p.AccessibilityStatus = capella.AccessibilityAccessible
	}
}

// opportunities lays out one access every 11 hours through the window, at
// most 20, cycling through the orbital planes and spacecraft.
func (s *Server) opportunities(sa *simAccess, center orb.Point) []capella.Access {
	p := sa.a.Properties
	planes := capella.OrbitalPlaneValues()
	var out []capella.Access
	for i := 0; i < 20; i++ {
		open := p.WindowOpen.Add(time.Hour + time.Duration(i)*11*time.Hour)
		if !open.Add(15 * time.Second).Before(p.WindowClose) {
			break
		}
		plane := planes[i%len(planes)]
		look := capella.LookRight
		if i%2 == 1 {
			look = capella.LookLeft
		}
		offset := time.Duration(center[0]/15*3600) * time.Second
		local := time.FixedZone("local", int(offset/time.Second))
		out = append(out, capella.Access{AccessID: s.newID('x'), AccessRequestID: p.AccessRequestID,
			TileID: s.newID('l'), SpacecraftID: 1 + i%9, Center: []float64{center[0], center[1]}, CenterECEF: ecef(center),
			WindowOpen: open, WindowClose: open.Add(15 * time.Second),
			WindowOpenLocal: open.In(local), WindowCloseLocal: open.Add(15 * time.Second).In(local),
			OrbitalPlane: plane,
			AccessProperties: capella.AccessProperties{AscDsc: capella.OrbitAscending, LookDirection: look,
				LocalTime:   capella.Float(float64((open.In(local).Hour()*3600 + open.In(local).Minute()*60) % 86400)),
				OffNadirMin: capella.Float(20), OffNadirMax: capella.Float(38),
				GrazingMin: capella.Float(48), GrazingMax: capella.Float(66)}})
	}
	return out
}

// bookedAccess returns the access the simulator offered whose window is
// exactly open to close (a task booking that pass), or nil.
func (s *Server) bookedAccess(open, close time.Time) *capella.Access {
	for _, id := range sortedKeys(s.access) {
		for i := range s.access[id].accesses {
			if a := &s.access[id].accesses[i]; a.WindowOpen.Equal(open) && a.WindowClose.Equal(close) {
				return a
			}
		}
	}
	return nil
}
