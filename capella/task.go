package capella

import (
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/paulmach/orb"
)

// Task is a single tasking request as Capella returns it: a GeoJSON Feature
// (schemas CAPICollectionTypeTaskingRequestResponse and, for GET /task/{id},
// CAPITaskingRequestIndividualResponse). It is decoded in one pass, straight
// from the answer; see the package documentation for what is strict.
type Task struct {
	Type       string         `json:"type,omitempty"` // "Feature"
	Geometry   orb.Geometry   `json:"geometry"`       // Point or Polygon target; nil if the answer carried none
	Properties TaskProperties `json:"properties"`
	// Unknown holds members the provider sent that this type does not know
	// yet, kept as received (forward compatibility); nil when there were
	// none.
	Unknown jsontext.Value `json:",embed"`
}

// TaskProperties are a tasking request's properties. Fields after
// ConflictingTasks are not in Capella's OpenAPI document but are sent by the
// API (per its docs and recorded answers).
type TaskProperties struct {
	TaskingRequestID string              `json:"taskingrequestId,omitempty"`
	Name             string              `json:"taskingrequestName,omitempty"`
	Description      string              `json:"taskingrequestDescription,omitempty"`
	RequestType      string              `json:"taskingrequestType,omitempty"`
	SubmissionTime   time.Time           `json:"submissionTime,omitzero"`
	OrgID            string              `json:"orgId,omitempty"`
	UserID           string              `json:"userId,omitempty"`
	RepeatRequestID  string              `json:"repeatrequestId,omitempty"` // set when a repeat request spawned the task (null otherwise)
	WindowOpen       time.Time           `json:"windowOpen,omitzero"`
	WindowClose      time.Time           `json:"windowClose,omitzero"`
	WindowDuration   *float64            `json:"windowDuration,omitzero"` // seconds
	CollectionTier   CollectionTier      `json:"collectionTier,omitempty"`
	CollectionType   CollectionType      `json:"collectionType,omitempty"`
	ArchiveHoldback  ArchiveHoldback     `json:"archiveHoldback,omitempty"`
	StatusHistory    StatusHistory       `json:"statusHistory,omitempty"`
	Constraints      *CollectConstraints `json:"collectConstraints,omitzero"`
	ProcessingConfig *ProcessingConfig   `json:"processingConfig,omitzero"`
	CustomAttribute1 *string             `json:"customAttribute1,omitzero"`
	CustomAttribute2 *string             `json:"customAttribute2,omitzero"`
	// ConflictingTasks lists tasks of the caller's organization that may
	// prevent (status active) or did prevent (status rejected) this one; see
	// Task.ConflictMeaning. GET /task/{id} only; null when there are none.
	ConflictingTasks []ConflictingTask `json:"conflictingTasks,omitempty"`

	ImagingMode        CollectMode       `json:"type,omitempty"` // imaging mode, e.g. spotlight
	PreApproval        *bool             `json:"preApproval,omitzero"`
	Sandbox            *bool             `json:"sandbox,omitzero"`
	TransactionStatus  TransactionStatus `json:"transactionStatus,omitempty"`
	Order              *Order            `json:"order,omitzero"` // the cost estimate, once computed
	ContractID         string            `json:"contractId,omitempty"`
	BillingEnvironment string            `json:"billingEnvironment,omitempty"`
	UserName           string            `json:"userName,omitempty"`
	OrganizationName   string            `json:"organizationName,omitempty"`

	// Unknown holds properties the provider sent that this type does not
	// know yet, kept as received (forward compatibility); nil when there
	// were none.
	Unknown jsontext.Value `json:",embed"`
}

// ID returns the taskingrequestId.
func (t *Task) ID() string { return t.Properties.TaskingRequestID }

// Status returns the current status: the statusHistory entry with the newest
// time, not the first in the array.
func (t *Task) Status() RequestStatus { return t.Properties.StatusHistory.Current() }

// History returns the status history as neutral events, oldest first.
func (t *Task) History() []tasking.StatusEvent { return t.Properties.StatusHistory.Events() }

// ConflictMeaning says what the listed conflicting tasks mean now: a warning
// while the request is being scheduled (active, accepted, submitted), the
// cause once it is rejected (Capella's status page), and ConflictNone when
// none are listed. A rejection whose current message is Capella's conflict
// rejection is the cause even when the list is null.
func (t *Task) ConflictMeaning() ConflictMeaning {
	cur, _ := t.Properties.StatusHistory.Latest()
	switch {
	case cur.Code == RequestRejected && (len(t.Properties.ConflictingTasks) > 0 ||
		strings.Contains(strings.ToLower(cur.Message), "conflicting tasks")):
		return ConflictCause
	case len(t.Properties.ConflictingTasks) == 0:
		return ConflictNone
	case cur.Code == RequestRejected || RequestLifecycle.Terminal(cur.Code):
		return ConflictNone
	}
	return ConflictWarning
}

// Cost returns the cost estimate of the request (order.summary.total) once
// Capella has computed it, or nil.
func (t *Task) Cost() *tasking.Price {
	if t.Properties.Order == nil {
		return nil
	}
	total := t.Properties.Order.Summary.Total
	if total == "" {
		total = t.Properties.Order.Summary.Subtotal
	}
	return ParseMoney(total)
}

// ConflictingTask is a task of the caller's organization that conflicts with
// a request (schema CAPIConflictingTaskInfo). Capella sends the windows
// without a zone (meaning UTC). Capella's support article also mentions the
// conflicting task's status and type, which the schema lacks; any such key
// is kept in Unknown.
type ConflictingTask struct {
	TaskingRequestID string         `json:"taskingrequestId"`
	Name             string         `json:"taskingrequestName,omitempty"`
	RepeatRequestID  string         `json:"repeatrequestId,omitempty"`
	CollectionTier   CollectionTier `json:"collectionTier"`
	WindowOpen       time.Time      `json:"windowOpen,omitzero"`
	WindowClose      time.Time      `json:"windowClose,omitzero"`
	// Unknown holds the keys this version does not know (the support
	// article shows status), kept as received; nil when there were none.
	Unknown jsontext.Value `json:",embed"`
}

// conflictAlias is ConflictingTask without its methods.
type conflictAlias ConflictingTask

// UnmarshalJSONFrom reads an entry in one pass and trims the white space
// Capella's own example carries in ids and tiers ("priority "; capella.md
// 4.4, the support article's seed), a documented drift.
func (c *ConflictingTask) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	*c = ConflictingTask{}
	if err := json.UnmarshalDecode(dec, (*conflictAlias)(c)); err != nil {
		return err
	}
	c.TaskingRequestID = strings.TrimSpace(c.TaskingRequestID)
	c.CollectionTier = CollectionTier(strings.TrimSpace(string(c.CollectionTier)))
	return nil
}

// Order is a request's cost estimate (properties.order; Capella's docs, not
// in the OpenAPI document). Amounts are Capella's money strings ("$1,000.00");
// [ParseMoney] reads them.
type Order struct {
	Summary                OrderSummary    `json:"summary"`
	LineItems              []OrderLineItem `json:"lineItems,omitempty"`
	ArchiveHoldback        ArchiveHoldback `json:"archiveHoldback,omitempty"`
	ManagedOrganizationIDs []string        `json:"managedOrganizationIds,omitempty"`
}

// OrderSummary holds the totals of an Order.
type OrderSummary struct {
	Total    string `json:"total,omitempty"`
	Subtotal string `json:"subtotal,omitempty"`
}

// OrderLineItem is one priced item of an Order.
type OrderLineItem struct {
	TaskID         string         `json:"taskId,omitempty"`
	AccountingSize AccountingSize `json:"accountingSize"`
}

// AccountingSize is the billed size of a line item, e.g. 25 "sqkm".
type AccountingSize struct {
	Unit  string  `json:"unit,omitempty"`
	Value float64 `json:"value"`
}

var currencySymbols = map[string]string{"$": "USD", "€": "EUR", "£": "GBP"}

// ParseMoney reads one of Capella's money strings ("$1,000.00", "USD 12.5")
// as a tasking.Price. Text always keeps the original; Amount is 0 when the
// text cannot be read as a number. It returns nil for an empty string.
func ParseMoney(s string) *tasking.Price {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	p := &tasking.Price{Text: s}
	num := s
	for sym, code := range currencySymbols {
		if strings.HasPrefix(num, sym) {
			p.Currency, num = code, strings.TrimPrefix(num, sym)
			break
		}
	}
	if p.Currency == "" {
		if f := strings.Fields(num); len(f) == 2 && len(f[0]) == 3 && strings.ToUpper(f[0]) == f[0] {
			p.Currency, num = f[0], f[1]
		}
	}
	if v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(num), ",", ""), 64); err == nil {
		p.Amount = v
	}
	return p
}

// TaskCreateRequest is the body of POST /task (schema
// CAPICollectionTypeTaskingRequest), in Go terms.
type TaskCreateRequest struct {
	// Geometry is the target: a Point, or a Polygon for an area task (one
	// ring, no holes, fewer than 250 vertices; strip-mapping collection
	// types only).
	Geometry    orb.Geometry
	Name        string // taskingrequestName
	Description string // taskingrequestDescription
	// OrgID and UserID are required by Capella's spec. Left empty, they come
	// from WithAccount, or else from GET /user.
	OrgID, UserID string
	// WindowOpen and WindowClose bound the collection (UTC). The window must
	// be at least the tier's minimum (CollectionTier.MinWindow).
	WindowOpen, WindowClose time.Time
	CollectionTier          CollectionTier // empty: Capella's default, standard
	CollectionType          CollectionType // required, e.g. CollectionSpotlight
	Constraints             *CollectConstraints
	ArchiveHoldback         ArchiveHoldback // empty: Capella's default, none
	// PreApproval skips the cost review: the request goes from received
	// straight to submitted.
	PreApproval      bool
	CustomAttribute1 string
	CustomAttribute2 string
	ProductTypes     []ProductType // processingConfig.productTypes; nil leaves Capella's default
	// ContractID charges a specific contract. The spec's create body has no
	// such field; like Capella's SDK it is sent at the top of the Feature.
	ContractID string
}

type taskCreateProps struct {
	Name             string              `json:"taskingrequestName,omitempty"`
	Description      string              `json:"taskingrequestDescription,omitempty"`
	OrgID            string              `json:"orgId,omitempty"`
	UserID           string              `json:"userId,omitempty"`
	WindowOpen       time.Time           `json:"windowOpen"`
	WindowClose      time.Time           `json:"windowClose"`
	CollectionTier   CollectionTier      `json:"collectionTier,omitempty"`
	CollectionType   CollectionType      `json:"collectionType"`
	ArchiveHoldback  ArchiveHoldback     `json:"archiveHoldback,omitempty"`
	Constraints      *CollectConstraints `json:"collectConstraints,omitzero"`
	ProcessingConfig *ProcessingConfig   `json:"processingConfig,omitzero"`
	PreApproval      bool                `json:"preApproval"`
	CustomAttribute1 string              `json:"customAttribute1,omitempty"`
	CustomAttribute2 string              `json:"customAttribute2,omitempty"`
}

// taskCreateBody is the Feature POST /task sends, marshalled in one pass by
// the transport (the geometry as GeoJSON, times in TimeFormat).
type taskCreateBody struct {
	Type       string          `json:"type"`
	Geometry   orb.Geometry    `json:"geometry"`
	Properties taskCreateProps `json:"properties"`
	ContractID string          `json:"contractId,omitempty"`
}

func (r *TaskCreateRequest) body(orgID, userID string) *taskCreateBody {
	b := &taskCreateBody{Type: "Feature", Geometry: r.Geometry, ContractID: r.ContractID,
		Properties: taskCreateProps{
			Name: r.Name, Description: r.Description, OrgID: orgID, UserID: userID,
			WindowOpen: r.WindowOpen, WindowClose: r.WindowClose,
			CollectionTier: r.CollectionTier, CollectionType: r.CollectionType, ArchiveHoldback: r.ArchiveHoldback,
			Constraints: r.Constraints, PreApproval: r.PreApproval,
			CustomAttribute1: r.CustomAttribute1, CustomAttribute2: r.CustomAttribute2,
		}}
	if r.ProductTypes != nil {
		b.Properties.ProcessingConfig = &ProcessingConfig{ProductTypes: r.ProductTypes}
	}
	return b
}

// TaskUpdateRequest is the body of PATCH /task/{id} (schema
// UpdateTaskingRequestBody): only the set fields change.
type TaskUpdateRequest struct {
	Name             *string
	Description      *string
	CustomAttribute1 *string
	CustomAttribute2 *string
	ProductTypes     []ProductType // nil: unchanged
}

type updateProps struct {
	TaskName         *string           `json:"taskingrequestName,omitzero"`
	TaskDescription  *string           `json:"taskingrequestDescription,omitzero"`
	RepeatName       *string           `json:"repeatrequestName,omitzero"`
	RepeatDesc       *string           `json:"repeatrequestDescription,omitzero"`
	CustomAttribute1 *string           `json:"customAttribute1,omitzero"`
	CustomAttribute2 *string           `json:"customAttribute2,omitzero"`
	ProcessingConfig *ProcessingConfig `json:"processingConfig,omitzero"`
}

type updateBody struct {
	Properties updateProps `json:"properties"`
}

func (r *TaskUpdateRequest) body() *updateBody {
	b := &updateBody{Properties: updateProps{TaskName: r.Name, TaskDescription: r.Description,
		CustomAttribute1: r.CustomAttribute1, CustomAttribute2: r.CustomAttribute2}}
	if r.ProductTypes != nil {
		b.Properties.ProcessingConfig = &ProcessingConfig{ProductTypes: r.ProductTypes}
	}
	return b
}

// RetaskRequest is the flat body of POST /task/{id}/retask and POST
// /collects/{id}/retask: a new request copying the original's target,
// collection type and constraints, with the fields set here changed.
type RetaskRequest struct {
	Name            string          // retaskRequestName
	Description     string          // retaskRequestDescription
	WindowOpen      time.Time       // zero: Capella's choice
	WindowClose     time.Time       // zero: Capella's choice
	CollectionTier  CollectionTier  // urgent, priority, standard, flexible or internal
	ArchiveHoldback ArchiveHoldback //
	ContractID      string          // the contract to charge
	// OffNadirMin and OffNadirMax are accepted by the collect retask only.
	OffNadirMin, OffNadirMax *float64
}

type retaskBody struct {
	Name            string          `json:"retaskRequestName,omitempty"`
	Description     string          `json:"retaskRequestDescription,omitempty"`
	WindowOpen      time.Time       `json:"windowOpen,omitzero"`
	WindowClose     time.Time       `json:"windowClose,omitzero"`
	CollectionTier  CollectionTier  `json:"collectionTier,omitempty"`
	ArchiveHoldback ArchiveHoldback `json:"archiveHoldback,omitempty"`
	OffNadirMin     *float64        `json:"offNadirMin,omitzero"`
	OffNadirMax     *float64        `json:"offNadirMax,omitzero"`
	ContractID      string          `json:"contractId,omitempty"`
}

func (r *RetaskRequest) body() *retaskBody {
	if r == nil {
		return &retaskBody{}
	}
	return &retaskBody{Name: r.Name, Description: r.Description, WindowOpen: r.WindowOpen,
		WindowClose: r.WindowClose, CollectionTier: r.CollectionTier, ArchiveHoldback: r.ArchiveHoldback,
		OffNadirMin: r.OffNadirMin, OffNadirMax: r.OffNadirMax, ContractID: r.ContractID}
}

// MinWindow returns the documented minimum collection window of the tier:
// 24 h urgent, 72 h priority, 7 days standard (and the empty tier, which
// Capella reads as standard). Flexible, internal and unknown tiers have none
// (0).
func (t CollectionTier) MinWindow() time.Duration {
	switch t {
	case TierUrgent:
		return 24 * time.Hour
	case TierPriority:
		return 72 * time.Hour
	case TierStandard, "":
		return 7 * 24 * time.Hour
	}
	return 0
}
