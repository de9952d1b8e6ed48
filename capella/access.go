package capella

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/eotask/eotask/internal/transport"
	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// AccessRequest is a Mission Awareness feasibility check (schema
// CAPIAccessRequestResponse): when Capella's satellites could see a target in
// a window. It is processed asynchronously and carries no price.
type AccessRequest struct {
	Type       string                  `json:"type,omitempty"` // "Feature"
	Geometry   orb.Geometry            `json:"geometry"`
	Properties AccessRequestProperties `json:"properties"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
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
	WindowOpen           time.Time           `json:"windowOpen,omitzero"`
	WindowClose          time.Time           `json:"windowClose,omitzero"`
	ProcessingStatus     ProcessingStatus    `json:"processingStatus"`
	AccessibilityStatus  AccessibilityStatus `json:"accessibilityStatus"`
	AccessibilityMessage string              `json:"accessibilityMessage,omitempty"`
	Constraints          *AccessConstraints  `json:"accessConstraints,omitzero"`
	// Unknown holds properties the provider sent that this type does not
	// know yet, kept as received (forward compatibility); nil when there
	// were none.
	Unknown jsontext.Value `json:",embed"`
}

// GetID returns the accessrequestId.
func (a *AccessRequest) GetID() string { return a.Properties.AccessRequestID }

// AccessConstraints narrow a feasibility check (schema
// CAPIAccessConstraints). Unlike collect constraints, localTime takes only
// [start, end] pairs here.
type AccessConstraints struct {
	LookDirection LookDirection  `json:"lookDirection,omitempty"`
	AscDsc        OrbitDirection `json:"ascDsc,omitempty"`
	OrbitalPlanes []OrbitalPlane `json:"orbitalPlanes,omitempty"`
	LocalTime     [][2]float64   `json:"localTime,omitempty"`
	OffNadirMin   *float64       `json:"offNadirMin,omitzero"`     // 0..60
	OffNadirMax   *float64       `json:"offNadirMax,omitzero"`     // 0..90
	GrazingMin    *float64       `json:"grazingAngleMin,omitzero"` // 0..90
	GrazingMax    *float64       `json:"grazingAngleMax,omitzero"` // 0..90
	AzimuthMin    *float64       `json:"azimuthAngleMin,omitzero"` // 0..360
	AzimuthMax    *float64       `json:"azimuthAngleMax,omitzero"` // 0..360
	ImageLength   *float64       `json:"imageLength,omitzero"`     // 1000..210000
	ImageWidth    *float64       `json:"imageWidth,omitzero"`      // 5000..25000
}

// Access is one imaging opportunity found by an access request (schema
// CAPIAccess). The local window times keep their zone.
type Access struct {
	AccessID         string           `json:"accessId"`
	AccessRequestID  string           `json:"accessrequestId"`
	TileID           string           `json:"tileId"`
	SpacecraftID     int              `json:"spacecraftId"`
	Center           []float64        `json:"center"`
	CenterECEF       []float64        `json:"centerEcef"`
	WindowOpen       time.Time        `json:"windowOpen,omitzero"`
	WindowClose      time.Time        `json:"windowClose,omitzero"`
	WindowOpenLocal  time.Time        `json:"windowOpenLocal,omitzero"`
	WindowCloseLocal time.Time        `json:"windowCloseLocal,omitzero"`
	AccessProperties AccessProperties `json:"accessProperties"`
	OrbitalPlane     OrbitalPlane     `json:"orbitalPlane,omitempty"`
}

// AccessRequestCreateRequest is the body of POST /ma/accessrequests/ (schema
// CAPIAccessRequest), in Go terms.
type AccessRequestCreateRequest struct {
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
	WindowOpen  time.Time          `json:"windowOpen"`
	WindowClose time.Time          `json:"windowClose"`
	Constraints *AccessConstraints `json:"accessConstraints,omitzero"`
}

// AccessRequestsService runs Mission Awareness feasibility checks.
type AccessRequestsService struct{ c *Client }

// Create asks when a target can be seen: POST /ma/accessrequests/ (Capella
// answers 200, processing queued). Poll with Get or Wait, then read the
// opportunities with Accesses.
func (s *AccessRequestsService) Create(ctx context.Context, r *AccessRequestCreateRequest) (*AccessRequest, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	org, user, err := s.c.ids(ctx, r.OrgID, r.UserID)
	if err != nil {
		return nil, err
	}
	body := &feature[accessCreateProps]{Type: "Feature", Geometry: r.Geometry, Properties: accessCreateProps{Name: r.Name, Description: r.Description,
		RequestType: r.RequestType, OrgID: org, UserID: user, WindowOpen: r.WindowOpen, WindowClose: r.WindowClose,
		Constraints: r.Constraints}}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodPost, Path: "ma/accessrequests/",
		Body: body, Create: true}, "access request", (*AccessRequest).GetID)
}

// Get fetches an access request: GET /ma/accessrequests/{accessrequest_id}.
func (s *AccessRequestsService) Get(ctx context.Context, id string) (*AccessRequest, error) {
	p, err := pathID("accessrequestId", id)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodGet, Path: "ma/accessrequests/" + p},
		"access request", (*AccessRequest).GetID)
}

// Accesses lists the imaging opportunities an access request found:
// GET /ma/accesses/{accessrequest_id}.
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

// Wait polls an access request until its processing is completed or
// failed: GET /ma/accessrequests/{accessrequest_id}. Delays opts leaves zero
// come from WithPollDelays.
func (s *AccessRequestsService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*AccessRequest, error) {
	return wait(ctx, s.c, "access request", "accessrequestId", id, s.Get, accessProcessing, AccessLifecycle, opts)
}

// Watch is the iterator form of Wait: it yields the access request each time
// its processing status changes, the first observation included:
// GET /ma/accessrequests/{accessrequest_id}, polled.
func (s *AccessRequestsService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*AccessRequest, error] {
	return watch(ctx, s.c, "accessrequestId", id, s.Get, accessProcessing, AccessLifecycle, opts)
}

func accessProcessing(a *AccessRequest) ProcessingStatus { return a.Properties.ProcessingStatus }

// Opportunity converts an access to the neutral opportunity, a pass that
// Adapter.Submit can book: ID the accessId; Window its windowOpen and
// windowClose; Satellite "capella-<spacecraftId>"; OffNadir the best case,
// offNadirMin; Incidence the best case too, 90° minus grazingAngleMax (the
// incidence angle at the ground is the complement of the grazing angle;
// grazingAngleMin when only that is given); LookDirection "left" or
// "right". An access carries no price (Price is nil: Capella prices a
// tasking request at its cost review) and no expiry: ExpiresAt is the
// window's start, after which the pass cannot be booked. Raw is a itself. A
// nil a gives nil.
func (a *Access) Opportunity() *tasking.Opportunity {
	if a == nil {
		return nil
	}
	p := a.AccessProperties
	o := &tasking.Opportunity{Provider: Name, ID: a.AccessID, Kind: tasking.OpportunityPass,
		Window: tasking.Window{Start: a.WindowOpen, End: a.WindowClose}, Satellite: spacecraft(a.SpacecraftID),
		ExpiresAt: a.WindowOpen, Raw: a}
	if p.OffNadirMin != nil {
		o.OffNadir = Float(*p.OffNadirMin)
	} else if p.OffNadirMax != nil {
		o.OffNadir = Float(*p.OffNadirMax)
	}
	if g := p.GrazingMax; g != nil {
		o.Incidence = Float(90 - *g)
	} else if g := p.GrazingMin; g != nil {
		o.Incidence = Float(90 - *g)
	}
	if p.LookDirection == LookLeft || p.LookDirection == LookRight {
		o.LookDirection = string(p.LookDirection)
	}
	return o
}
