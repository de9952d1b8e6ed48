package capella

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// AccessRequest is a Mission Awareness feasibility check (schema
// CAPIAccessRequestResponse): when Capella's satellites could see a target in
// a window. It is processed asynchronously and carries no price.
type AccessRequest struct {
	Geometry   orb.Geometry
	Properties AccessRequestProperties
	Raw        json.RawMessage
}

// AccessRequestProperties are an access request's properties (schema
// CAPIAccessRequestPropertiesResponse).
type AccessRequestProperties struct {
	AccessRequestID      string              `json:"accessrequestId"`
	Name                 string              `json:"accessrequestName,omitempty"`
	Description          string              `json:"accessrequestDescription,omitempty"`
	RequestType          string              `json:"accessrequestType,omitempty"`
	OrgID                string              `json:"orgId"`
	UserID               string              `json:"userId"`
	WindowOpen           time.Time           `json:"-"`
	WindowClose          time.Time           `json:"-"`
	ProcessingStatus     ProcessingStatus    `json:"processingStatus"`
	AccessibilityStatus  AccessibilityStatus `json:"accessibilityStatus"`
	AccessibilityMessage string              `json:"accessibilityMessage,omitempty"`
	Constraints          *AccessConstraints  `json:"accessConstraints,omitempty"`
}

type accessReqPropsAlias AccessRequestProperties

// UnmarshalJSON reads the properties leniently.
func (p *AccessRequestProperties) UnmarshalJSON(b []byte) error {
	var aux struct {
		*accessReqPropsAlias
		WindowOpen  wireTime `json:"windowOpen"`
		WindowClose wireTime `json:"windowClose"`
	}
	*p = AccessRequestProperties{}
	aux.accessReqPropsAlias = (*accessReqPropsAlias)(p)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	p.WindowOpen, p.WindowClose = time.Time(aux.WindowOpen), time.Time(aux.WindowClose)
	return nil
}

// MarshalJSON writes the properties in Capella's form.
func (p AccessRequestProperties) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		accessReqPropsAlias
		WindowOpen  *wireTime `json:"windowOpen,omitempty"`
		WindowClose *wireTime `json:"windowClose,omitempty"`
	}{accessReqPropsAlias(p), optTime(p.WindowOpen), optTime(p.WindowClose)})
}

// UnmarshalJSON reads an access-request Feature and keeps it in Raw.
func (a *AccessRequest) UnmarshalJSON(b []byte) error {
	var f feature[AccessRequestProperties]
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*a = AccessRequest{Geometry: decodeGeometry(f.Geometry), Properties: f.Properties, Raw: append(json.RawMessage(nil), b...)}
	return nil
}

// MarshalJSON writes the access request as a GeoJSON Feature.
func (a AccessRequest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type       string                  `json:"type"`
		Geometry   wireGeometry            `json:"geometry"`
		Properties AccessRequestProperties `json:"properties"`
	}{"Feature", wireGeometry{a.Geometry}, a.Properties})
}

// ID returns the accessrequestId.
func (a *AccessRequest) ID() string { return a.Properties.AccessRequestID }

// AccessConstraints narrow a feasibility check (schema
// CAPIAccessConstraints). Unlike collect constraints, localTime takes only
// [start, end] pairs here.
type AccessConstraints struct {
	LookDirection LookDirection  `json:"lookDirection,omitempty"`
	AscDsc        OrbitDirection `json:"ascDsc,omitempty"`
	OrbitalPlanes []OrbitalPlane `json:"orbitalPlanes,omitempty"`
	LocalTime     [][2]float64   `json:"localTime,omitempty"`
	OffNadirMin   *float64       `json:"offNadirMin,omitempty"`     // 0..60
	OffNadirMax   *float64       `json:"offNadirMax,omitempty"`     // 0..90
	GrazingMin    *float64       `json:"grazingAngleMin,omitempty"` // 0..90
	GrazingMax    *float64       `json:"grazingAngleMax,omitempty"` // 0..90
	AzimuthMin    *float64       `json:"azimuthAngleMin,omitempty"` // 0..360
	AzimuthMax    *float64       `json:"azimuthAngleMax,omitempty"` // 0..360
	ImageLength   *float64       `json:"imageLength,omitempty"`     // 1000..210000
	ImageWidth    *float64       `json:"imageWidth,omitempty"`      // 5000..25000
}

// Access is one imaging opportunity found by an access request (schema
// CAPIAccess).
type Access struct {
	AccessID         string           `json:"accessId"`
	AccessRequestID  string           `json:"accessrequestId"`
	TileID           string           `json:"tileId"`
	SpacecraftID     int              `json:"spacecraftId"`
	Center           []float64        `json:"center"`
	CenterECEF       []float64        `json:"centerEcef"`
	WindowOpen       time.Time        `json:"-"`
	WindowClose      time.Time        `json:"-"`
	WindowOpenLocal  time.Time        `json:"-"`
	WindowCloseLocal time.Time        `json:"-"`
	AccessProperties AccessProperties `json:"accessProperties"`
	OrbitalPlane     OrbitalPlane     `json:"orbitalPlane,omitempty"`
}

type accessAlias Access

// UnmarshalJSON reads an access leniently.
func (a *Access) UnmarshalJSON(b []byte) error {
	var aux struct {
		*accessAlias
		WindowOpen       wireTime `json:"windowOpen"`
		WindowClose      wireTime `json:"windowClose"`
		WindowOpenLocal  wireTime `json:"windowOpenLocal"`
		WindowCloseLocal wireTime `json:"windowCloseLocal"`
	}
	*a = Access{}
	aux.accessAlias = (*accessAlias)(a)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	a.WindowOpen, a.WindowClose = time.Time(aux.WindowOpen), time.Time(aux.WindowClose)
	a.WindowOpenLocal, a.WindowCloseLocal = time.Time(aux.WindowOpenLocal), time.Time(aux.WindowCloseLocal)
	return nil
}

// MarshalJSON writes the access in Capella's form. The local times keep
// their zone.
func (a Access) MarshalJSON() ([]byte, error) {
	local := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	}
	return json.Marshal(struct {
		accessAlias
		WindowOpen       *wireTime `json:"windowOpen,omitempty"`
		WindowClose      *wireTime `json:"windowClose,omitempty"`
		WindowOpenLocal  string    `json:"windowOpenLocal,omitempty"`
		WindowCloseLocal string    `json:"windowCloseLocal,omitempty"`
	}{accessAlias(a), optTime(a.WindowOpen), optTime(a.WindowClose), local(a.WindowOpenLocal), local(a.WindowCloseLocal)})
}

// AccessRequestCreate is the body of POST /ma/accessrequests/ (schema
// CAPIAccessRequest), in Go terms.
type AccessRequestCreate struct {
	Geometry    orb.Geometry // Point or Polygon
	Name        string
	Description string
	RequestType string
	// OrgID and UserID are required by the spec; see TaskCreateRequest.
	OrgID, UserID           string
	WindowOpen, WindowClose time.Time
	Constraints             *AccessConstraints
}

type accessCreateProps struct {
	Name        string             `json:"accessrequestName,omitempty"`
	Description string             `json:"accessrequestDescription,omitempty"`
	RequestType string             `json:"accessrequestType,omitempty"`
	OrgID       string             `json:"orgId,omitempty"`
	UserID      string             `json:"userId,omitempty"`
	WindowOpen  wireTime           `json:"windowOpen"`
	WindowClose wireTime           `json:"windowClose"`
	Constraints *AccessConstraints `json:"accessConstraints,omitempty"`
}

// AccessRequestsService runs Mission Awareness feasibility checks.
type AccessRequestsService struct{ c *Client }

// Create asks when a target can be seen (POST /ma/accessrequests/; Capella
// answers 200, processing queued). Poll with Get or Wait, then read the
// opportunities with Accesses.
func (s *AccessRequestsService) Create(ctx context.Context, r *AccessRequestCreate) (*AccessRequest, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	org, user, err := s.c.ids(ctx, r.OrgID, r.UserID)
	if err != nil {
		return nil, err
	}
	body := struct {
		Type       string            `json:"type"`
		Geometry   wireGeometry      `json:"geometry"`
		Properties accessCreateProps `json:"properties"`
	}{"Feature", wireGeometry{r.Geometry}, accessCreateProps{Name: r.Name, Description: r.Description,
		RequestType: r.RequestType, OrgID: org, UserID: user, WindowOpen: wireTime(r.WindowOpen),
		WindowClose: wireTime(r.WindowClose), Constraints: r.Constraints}}
	var out AccessRequest
	resp, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "ma/accessrequests/",
		Body: body, Create: true}, &out)
	if err != nil {
		return nil, err
	}
	return one(resp, &out, out.ID(), "access request")
}

// Get fetches an access request (GET /ma/accessrequests/{id}).
func (s *AccessRequestsService) Get(ctx context.Context, id string) (*AccessRequest, error) {
	p, err := pathID("accessrequestId", id)
	if err != nil {
		return nil, err
	}
	var out AccessRequest
	resp, err := s.c.tc.Get(ctx, "ma/accessrequests/"+p, nil, &out)
	if err != nil {
		return nil, err
	}
	return one(resp, &out, out.ID(), "access request")
}

// Accesses lists the imaging opportunities an access request found (GET
// /ma/accesses/{id}).
func (s *AccessRequestsService) Accesses(ctx context.Context, id string) ([]*Access, error) {
	p, err := pathID("accessrequestId", id)
	if err != nil {
		return nil, err
	}
	var out []*Access
	if _, err := s.c.tc.Get(ctx, "ma/accesses/"+p, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Wait polls an access request until its processing is completed or failed.
func (s *AccessRequestsService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*AccessRequest, error) {
	if _, err := pathID("accessrequestId", id); err != nil {
		return nil, err
	}
	a, err := tasking.Wait(ctx, func(ctx context.Context) (*AccessRequest, error) { return s.Get(ctx, id) },
		func(a *AccessRequest) ProcessingStatus { return a.Properties.ProcessingStatus }, AccessLifecycle, opts)
	if err != nil {
		return a, fmt.Errorf("capella: waiting for access request %s: %w", id, err)
	}
	return a, nil
}
