package capella

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
)

// Task is a single tasking request as Capella returns it: a GeoJSON Feature
// (schemas CAPICollectionTypeTaskingRequestResponse and, for GET /task/{id},
// CAPITaskingRequestIndividualResponse).
type Task struct {
	Geometry   orb.Geometry // Point or Polygon target; nil if the answer carried none
	Properties TaskProperties
	// Raw is the Feature exactly as Capella sent it.
	Raw json.RawMessage
}

// TaskProperties are a tasking request's properties. Fields after
// ConflictingTasks are not in Capella's OpenAPI document but are sent by the
// API (per its docs and recorded answers).
type TaskProperties struct {
	TaskingRequestID string              `json:"taskingrequestId,omitempty"`
	Name             string              `json:"taskingrequestName,omitempty"`
	Description      string              `json:"taskingrequestDescription,omitempty"`
	RequestType      string              `json:"taskingrequestType,omitempty"`
	SubmissionTime   time.Time           `json:"-"`
	OrgID            string              `json:"orgId,omitempty"`
	UserID           string              `json:"userId,omitempty"`
	RepeatRequestID  string              `json:"repeatrequestId,omitempty"` // set when a repeat request spawned the task (null otherwise)
	WindowOpen       time.Time           `json:"-"`
	WindowClose      time.Time           `json:"-"`
	WindowDuration   *float64            `json:"windowDuration,omitempty"` // seconds
	CollectionTier   CollectionTier      `json:"collectionTier,omitempty"`
	CollectionType   CollectionType      `json:"collectionType,omitempty"`
	ArchiveHoldback  ArchiveHoldback     `json:"archiveHoldback,omitempty"`
	StatusHistory    StatusHistory       `json:"statusHistory,omitempty"`
	Constraints      *CollectConstraints `json:"collectConstraints,omitempty"`
	ProcessingConfig *ProcessingConfig   `json:"processingConfig,omitempty"`
	CustomAttribute1 *string             `json:"customAttribute1,omitempty"`
	CustomAttribute2 *string             `json:"customAttribute2,omitempty"`
	// ConflictingTasks lists tasks of the caller's organization that may
	// prevent (status active) or did prevent (status rejected) this one; see
	// Task.ConflictMeaning. GET /task/{id} only; null when there are none.
	ConflictingTasks []ConflictingTask `json:"conflictingTasks,omitempty"`

	ImagingMode        CollectMode       `json:"type,omitempty"` // imaging mode, e.g. spotlight
	PreApproval        *bool             `json:"preApproval,omitempty"`
	Sandbox            *bool             `json:"sandbox,omitempty"`
	TransactionStatus  TransactionStatus `json:"transactionStatus,omitempty"`
	Order              *Order            `json:"order,omitempty"` // the cost estimate, once computed
	ContractID         string            `json:"contractId,omitempty"`
	BillingEnvironment string            `json:"billingEnvironment,omitempty"`
	UserName           string            `json:"userName,omitempty"`
	OrganizationName   string            `json:"organizationName,omitempty"`
}

type taskPropsAlias TaskProperties

// taskPropsWire is how the properties are decoded: in one pass, with the
// lenient parts as fields that encoding/json fills directly (no nested
// Unmarshal of the same bytes).
type taskPropsWire struct {
	taskPropsAlias
	SubmissionTime wireTime          `json:"submissionTime"`
	WindowOpen     wireTime          `json:"windowOpen"`
	WindowClose    wireTime          `json:"windowClose"`
	StatusHistory  []statusEntryWire `json:"statusHistory"`
}

// props returns the decoded properties.
func (w *taskPropsWire) props() TaskProperties {
	p := TaskProperties(w.taskPropsAlias)
	p.SubmissionTime = time.Time(w.SubmissionTime)
	p.WindowOpen = time.Time(w.WindowOpen)
	p.WindowClose = time.Time(w.WindowClose)
	p.StatusHistory = statusHistory(w.StatusHistory)
	return p
}

// UnmarshalJSON reads the properties leniently: times in any RFC 3339
// precision (or without a zone), nulls as empty values.
func (p *TaskProperties) UnmarshalJSON(b []byte) error {
	var w taskPropsWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = w.props()
	return nil
}

// MarshalJSON writes the properties in Capella's form, leaving out empty
// fields.
func (p TaskProperties) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		taskPropsAlias
		SubmissionTime *wireTime `json:"submissionTime,omitempty"`
		WindowOpen     *wireTime `json:"windowOpen,omitempty"`
		WindowClose    *wireTime `json:"windowClose,omitempty"`
	}{taskPropsAlias(p), optTime(p.SubmissionTime), optTime(p.WindowOpen), optTime(p.WindowClose)})
}

// taskWire is a tasking-request Feature as it is decoded, in one pass.
type taskWire struct {
	Type       string        `json:"type"`
	Geometry   wireGeometry  `json:"geometry"`
	Properties taskPropsWire `json:"properties"`
}

// task returns the decoded task; raw is the Feature w was decoded from.
func (w *taskWire) task(raw json.RawMessage) *Task {
	return &Task{Geometry: w.Geometry.Geometry, Properties: w.Properties.props(), Raw: raw}
}

// UnmarshalJSON reads a tasking-request Feature and keeps it in Raw. A
// geometry that is missing or cannot be read leaves Geometry nil.
func (t *Task) UnmarshalJSON(b []byte) error {
	var w taskWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = *w.task(append(json.RawMessage(nil), b...))
	return nil
}

// MarshalJSON writes the task as a GeoJSON Feature.
func (t Task) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type       string         `json:"type"`
		Geometry   wireGeometry   `json:"geometry"`
		Properties TaskProperties `json:"properties"`
	}{"Feature", wireGeometry{t.Geometry}, t.Properties})
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
// a request (schema CAPIConflictingTaskInfo). Capella's support article also
// mentions the conflicting task's status and type, which the schema lacks;
// any such key is kept in Extra.
type ConflictingTask struct {
	TaskingRequestID string                     `json:"taskingrequestId"`
	Name             string                     `json:"taskingrequestName,omitempty"`
	RepeatRequestID  string                     `json:"repeatrequestId,omitempty"`
	CollectionTier   CollectionTier             `json:"collectionTier"`
	WindowOpen       time.Time                  `json:"-"`
	WindowClose      time.Time                  `json:"-"`
	Extra            map[string]json.RawMessage `json:"-"`
}

type conflictAlias ConflictingTask

// conflictKeys are the keys ConflictingTask declares.
var conflictKeys = map[string]bool{"taskingrequestId": true, "taskingrequestName": true, "repeatrequestId": true,
	"collectionTier": true, "windowOpen": true, "windowClose": true}

// UnmarshalJSON reads an entry leniently (Capella sends the windows without
// a zone, meaning UTC) and keeps undeclared keys in Extra.
func (c *ConflictingTask) UnmarshalJSON(b []byte) error {
	var aux struct {
		*conflictAlias
		WindowOpen  wireTime `json:"windowOpen"`
		WindowClose wireTime `json:"windowClose"`
	}
	*c = ConflictingTask{}
	aux.conflictAlias = (*conflictAlias)(c)
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.WindowOpen, c.WindowClose = time.Time(aux.WindowOpen), time.Time(aux.WindowClose)
	c.TaskingRequestID = strings.TrimSpace(c.TaskingRequestID)
	c.CollectionTier = CollectionTier(strings.TrimSpace(string(c.CollectionTier)))
	c.Extra = extraMembers(b, conflictKeys)
	return nil
}

// MarshalJSON writes the entry in the spec's form.
func (c ConflictingTask) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		conflictAlias
		WindowOpen  *wireTime `json:"windowOpen,omitempty"`
		WindowClose *wireTime `json:"windowClose,omitempty"`
	}{conflictAlias(c), optTime(c.WindowOpen), optTime(c.WindowClose)})
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
	WindowOpen       wireTime            `json:"windowOpen"`
	WindowClose      wireTime            `json:"windowClose"`
	CollectionTier   CollectionTier      `json:"collectionTier,omitempty"`
	CollectionType   CollectionType      `json:"collectionType"`
	ArchiveHoldback  ArchiveHoldback     `json:"archiveHoldback,omitempty"`
	Constraints      *CollectConstraints `json:"collectConstraints,omitempty"`
	ProcessingConfig *ProcessingConfig   `json:"processingConfig,omitempty"`
	PreApproval      bool                `json:"preApproval"`
	CustomAttribute1 string              `json:"customAttribute1,omitempty"`
	CustomAttribute2 string              `json:"customAttribute2,omitempty"`
}

type taskCreateBody struct {
	Type       string          `json:"type"`
	Geometry   wireGeometry    `json:"geometry"`
	Properties taskCreateProps `json:"properties"`
	ContractID string          `json:"contractId,omitempty"`
}

func (r *TaskCreateRequest) body(orgID, userID string) *taskCreateBody {
	b := &taskCreateBody{Type: "Feature", Geometry: wireGeometry{r.Geometry}, ContractID: r.ContractID,
		Properties: taskCreateProps{
			Name: r.Name, Description: r.Description, OrgID: orgID, UserID: userID,
			WindowOpen: wireTime(r.WindowOpen), WindowClose: wireTime(r.WindowClose),
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
	TaskName         *string           `json:"taskingrequestName,omitempty"`
	TaskDescription  *string           `json:"taskingrequestDescription,omitempty"`
	RepeatName       *string           `json:"repeatrequestName,omitempty"`
	RepeatDesc       *string           `json:"repeatrequestDescription,omitempty"`
	CustomAttribute1 *string           `json:"customAttribute1,omitempty"`
	CustomAttribute2 *string           `json:"customAttribute2,omitempty"`
	ProcessingConfig *ProcessingConfig `json:"processingConfig,omitempty"`
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
	WindowOpen      *wireTime       `json:"windowOpen,omitempty"`
	WindowClose     *wireTime       `json:"windowClose,omitempty"`
	CollectionTier  CollectionTier  `json:"collectionTier,omitempty"`
	ArchiveHoldback ArchiveHoldback `json:"archiveHoldback,omitempty"`
	OffNadirMin     *float64        `json:"offNadirMin,omitempty"`
	OffNadirMax     *float64        `json:"offNadirMax,omitempty"`
	ContractID      string          `json:"contractId,omitempty"`
}

func (r *RetaskRequest) body() *retaskBody {
	if r == nil {
		return &retaskBody{}
	}
	return &retaskBody{Name: r.Name, Description: r.Description, WindowOpen: optTime(r.WindowOpen),
		WindowClose: optTime(r.WindowClose), CollectionTier: r.CollectionTier, ArchiveHoldback: r.ArchiveHoldback,
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
