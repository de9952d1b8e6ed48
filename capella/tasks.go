package capella

import (
	"context"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/eotask/eotask/internal/transport"
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

// GetID returns the taskingrequestId ("" for a nil task). Every provider's
// main resource has GetID, GetName and GetStatus.
func (t *Task) GetID() string {
	if t == nil {
		return ""
	}
	return t.Properties.TaskingRequestID
}

// GetName returns the taskingrequestName ("" for a nil task).
func (t *Task) GetName() string {
	if t == nil {
		return ""
	}
	return t.Properties.Name
}

// GetStatus returns the current status: the statusHistory entry with the
// newest time, not the first in the array ("" for a nil task).
func (t *Task) GetStatus() RequestStatus {
	if t == nil {
		return ""
	}
	return t.Properties.StatusHistory.Current()
}

// Neutral converts a Capella tasking request to the neutral view: the
// current status is the newest statusHistory entry; CreatedAt is the
// submission time (or the oldest history entry); UpdatedAt the newest entry.
// Raw is t itself (not a copy). A nil t gives nil.
func (t *Task) Neutral() *tasking.Task {
	if t == nil {
		return nil
	}
	p := t.Properties
	cur := t.GetStatus()
	nt := &tasking.Task{Provider: Name, ID: p.TaskingRequestID, Name: p.Name, Status: cur.Neutral(),
		RawStatus: string(cur), Geometry: t.Geometry, Start: p.WindowOpen, End: p.WindowClose,
		CreatedAt: p.SubmissionTime, History: t.History(), Raw: t}
	if len(nt.History) > 0 {
		if nt.CreatedAt.IsZero() {
			nt.CreatedAt = nt.History[0].Time
		}
		if e, ok := p.StatusHistory.Latest(); ok {
			nt.UpdatedAt = e.Time
		}
	}
	if nt.UpdatedAt.IsZero() {
		nt.UpdatedAt = nt.CreatedAt
	}
	return nt
}

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
	return money(total)
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
// Task.Cost reads them with tasking.ParsePrice.
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

// money reads one of Capella's money strings ("$1,000.00") with
// tasking.ParsePrice. A string it cannot read is kept as the price's Text
// alone, with no amount, currency or unit: shown, never compared. It returns
// nil for an empty string.
func money(s string) *tasking.Price {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	p, err := tasking.ParsePrice(s, "")
	if err != nil {
		return &tasking.Price{Text: strings.TrimSpace(s)}
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

// feature is a create body: the GeoJSON Feature POST /task,
// POST /repeat-requests and POST /ma/accessrequests/ send, marshalled in one
// pass by the transport (the geometry as GeoJSON, times in TimeFormat), with
// contractId at its top as Capella's SDK sends it.
type feature[P any] struct {
	Type       string       `json:"type"` // "Feature"
	Geometry   orb.Geometry `json:"geometry"`
	Properties P            `json:"properties"`
	ContractID string       `json:"contractId,omitempty"`
}

func (r *TaskCreateRequest) body(orgID, userID string) *feature[taskCreateProps] {
	p := taskCreateProps{
		Name: r.Name, Description: r.Description, OrgID: orgID, UserID: userID,
		WindowOpen: r.WindowOpen, WindowClose: r.WindowClose,
		CollectionTier: r.CollectionTier, CollectionType: r.CollectionType, ArchiveHoldback: r.ArchiveHoldback,
		Constraints: r.Constraints, PreApproval: r.PreApproval,
		CustomAttribute1: r.CustomAttribute1, CustomAttribute2: r.CustomAttribute2,
		ProcessingConfig: processing(r.ProductTypes),
	}
	return &feature[taskCreateProps]{Type: "Feature", Geometry: r.Geometry, Properties: p, ContractID: r.ContractID}
}

// processing is the processingConfig of the product types pt; nil (Capella's
// default) when pt is nil.
func processing(pt []ProductType) *ProcessingConfig {
	if pt == nil {
		return nil
	}
	return &ProcessingConfig{ProductTypes: pt}
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

// body is the PATCH body of a tasking request (repeat false) or of a repeat
// request (repeat true: the same fields, with the repeat request's names),
// or a *tasking.ValidationError when nothing is set.
func (r *TaskUpdateRequest) body(repeat bool) (*updateBody, error) {
	if r == nil || (r.Name == nil && r.Description == nil && r.CustomAttribute1 == nil && r.CustomAttribute2 == nil && r.ProductTypes == nil) {
		return nil, tasking.Invalid("properties", "nothing to update")
	}
	p := updateProps{CustomAttribute1: r.CustomAttribute1, CustomAttribute2: r.CustomAttribute2,
		ProcessingConfig: processing(r.ProductTypes)}
	if repeat {
		p.RepeatName, p.RepeatDesc = r.Name, r.Description
	} else {
		p.TaskName, p.TaskDescription = r.Name, r.Description
	}
	return &updateBody{Properties: p}, nil
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

// TasksService handles single tasking requests.
type TasksService struct{ c *Client }

// Create places a tasking request: POST /task (201). The request is
// validated first (see TaskCreateRequest) and is never sent twice. Without
// PreApproval it stops in review until approved (see Approve). See
// https://docs.capellaspace.com/constellation-tasking/tasking-requests.
func (s *TasksService) Create(ctx context.Context, r *TaskCreateRequest) (*Task, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	org, user, err := s.c.ids(ctx, r.OrgID, r.UserID)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodPost, Path: "task",
		Body: r.body(org, user), Create: true}, "task", (*Task).GetID)
}

// Get fetches one tasking request, with its status history and conflicting
// tasks: GET /task/{taskingRequestId}. See https://docs.capellaspace.com/constellation-tasking/tasking-request-status.
func (s *TasksService) Get(ctx context.Context, id string) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodGet, Path: "task/" + p}, "task", (*Task).GetID)
}

// TaskListOptions are the query of GET /tasks/paged. Capella does not say how
// it orders tasks without a sort key, so List always sends one: Sort defaults
// to submissionTime and Order to desc.
type TaskListOptions struct {
	CustomerID     string    `url:"customerId,omitempty"`     // a user id
	OrganizationID string    `url:"organizationId,omitempty"` //
	ResellerID     string    `url:"resellerId,omitempty"`     // all tasks of a reseller's hierarchy, if authorized
	Page           int       `url:"page,omitempty"`           // 1-based; default 1
	Limit          int       `url:"limit,omitempty"`          // 5..500, default 25; clamped
	Sort           string    `url:"sort,omitempty"`           // a property key, e.g. windowOpen
	Order          SortOrder `url:"order,omitempty"`          // asc or desc
}

// TaskPage is one page of tasks (schema TaskingRequestsPagedResponse).
type TaskPage struct {
	Tasks       []*Task `json:"results"`
	CurrentPage int     `json:"currentPage"`
	TotalPages  int     `json:"totalPages"`
}

// Next returns the number of the page after this one, or 0 on the last page.
func (p *TaskPage) Next() int { return nextPage(p.CurrentPage, p.TotalPages) }

func (p *TaskPage) place() (int, int) { return p.CurrentPage, p.TotalPages }

func clamp(v, lo, hi int) int {
	switch {
	case v == 0:
		return 0
	case v < lo:
		return lo
	case v > hi:
		return hi
	}
	return v
}

func (o *TaskListOptions) query(page int) TaskListOptions {
	var q TaskListOptions
	if o != nil {
		q = *o
	}
	if page > 0 {
		q.Page = page
	}
	if q.Page < 1 {
		q.Page = 1
	}
	q.Limit = clamp(q.Limit, 5, 500)
	if q.Sort == "" {
		q.Sort = "submissionTime"
	}
	if q.Order == "" {
		q.Order = SortDesc
	}
	return q
}

// List fetches one page of tasking requests: GET /tasks/paged.
func (s *TasksService) List(ctx context.Context, opts *TaskListOptions) (*TaskPage, error) {
	return s.list(ctx, opts, 0)
}

func (s *TasksService) list(ctx context.Context, opts *TaskListOptions, page int) (*TaskPage, error) {
	var p TaskPage
	if _, err := s.c.tc.Get(ctx, "tasks/paged", opts.query(page), &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// All iterates over every tasking request GET /tasks/paged lists, starting
// at opts.Page (or 1), fetching one page at a time.
func (s *TasksService) All(ctx context.Context, opts *TaskListOptions) iter.Seq2[*Task, error] {
	return numberedPages(ctx, func(ctx context.Context, page int) (*TaskPage, error) { return s.list(ctx, opts, page) },
		func(p *TaskPage) []*Task { return p.Tasks })
}

// TaskListByCustomerOptions are the optional query of GET /tasks.
type TaskListByCustomerOptions struct {
	OrganizationID string    `url:"organizationId,omitempty"`
	ResellerID     string    `url:"resellerId,omitempty"`
	Sort           string    `url:"sort,omitempty"`
	Order          SortOrder `url:"order,omitempty"`
}

// ListByCustomer fetches every tasking request of a customer in one unpaged
// answer: GET /tasks?customerId=…. Prefer All or SearchAll for large
// accounts.
func (s *TasksService) ListByCustomer(ctx context.Context, customerID string, opts *TaskListByCustomerOptions) ([]*Task, error) {
	if err := tasking.CheckID("customerId", customerID); err != nil {
		return nil, err
	}
	q := struct {
		CustomerID string `url:"customerId"`
		TaskListByCustomerOptions
	}{CustomerID: customerID}
	if opts != nil {
		q.TaskListByCustomerOptions = *opts
	}
	var out []*Task
	if _, err := s.c.tc.Get(ctx, "tasks", q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Search runs one page of an advanced search: POST /tasks/search. Paging
// and sorting go both in the URL and in the body, as the spec declares them
// in both places. See https://docs.capellaspace.com/constellation-tasking/searching-tasking-and-repeat-requests.
func (s *TasksService) Search(ctx context.Context, r *TaskSearchRequest) (*TaskPage, error) {
	return s.search(ctx, r, 0)
}

func (s *TasksService) search(ctx context.Context, r *TaskSearchRequest, page int) (*TaskPage, error) {
	if r == nil {
		r = &TaskSearchRequest{}
	}
	var p TaskPage
	if err := s.c.search(ctx, "tasks/search", r.Query.wire, r.Paging, page, &p); err != nil {
		return nil, err
	}
	if r.ExcludeRepeatChildren {
		kept := p.Tasks[:0]
		for _, t := range p.Tasks {
			if t != nil && t.Properties.RepeatRequestID == "" {
				kept = append(kept, t)
			}
		}
		p.Tasks = kept
	}
	return &p, nil
}

// SearchAll iterates over every result of a search, one page at a time:
// POST /tasks/search.
//
// See https://docs.capellaspace.com/constellation-tasking/searching-tasking-and-repeat-requests.
func (s *TasksService) SearchAll(ctx context.Context, r *TaskSearchRequest) iter.Seq2[*Task, error] {
	return numberedPages(ctx, func(ctx context.Context, page int) (*TaskPage, error) { return s.search(ctx, r, page) },
		func(p *TaskPage) []*Task { return p.Tasks })
}

// Update changes a request's name, description, custom attributes or
// products and returns the updated request: PATCH /task/{taskingRequestId}.
func (s *TasksService) Update(ctx context.Context, id string, r *TaskUpdateRequest) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	body, err := r.body(false)
	if err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodPatch, Path: "task/" + p, Body: body}, "task", (*Task).GetID)
}

// SetStatus sends {"status": change}: PATCH /task/{taskingRequestId}/status.
// It is safe to retry (the status is absolute). Capella answers with the
// updated request; when the answer is not a request (the SDK has seen
// {"status":"canceled"}: members other than a Feature's, not all null), the
// change was accepted and SetStatus reads the request with Get, so that a nil
// error always comes with the task. An answer holding nothing (empty, null,
// {}, members all null) is a *tasking.DecodeError, and so is a request with
// a member of the wrong type. See https://docs.capellaspace.com/constellation-tasking/cost-review-and-approval.
func (s *TasksService) SetStatus(ctx context.Context, id string, change TaskStatusChange) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	if change == "" {
		return nil, tasking.Invalid("status", "a status change is required")
	}
	var t Task
	resp, err := s.c.tc.Do(ctx, &transport.Request{Method: http.MethodPatch, Path: "task/" + p + "/status",
		Body: taskStatusBody{change}}, &t)
	if err != nil {
		return nil, err
	}
	if t.GetID() == "" && t.Geometry == nil && holdsValues(t.Unknown) {
		return s.Get(ctx, id) // accepted, but the answer is not the request
	}
	if err := resp.Holds("task", t.GetID() != ""); err != nil {
		return nil, err
	}
	return &t, nil
}

type taskStatusBody struct {
	Status TaskStatusChange `json:"status"`
}

// Cancel cancels a request and returns it as it stands:
// PATCH /task/{taskingRequestId}/status with {"status":"canceled"}. Capella
// allows it until the request is final, and until CancelCutoff before a
// scheduled collection; cancellation fees may apply. See https://docs.capellaspace.com/constellation-tasking/cancel-task.
func (s *TasksService) Cancel(ctx context.Context, id string) (*Task, error) {
	return s.SetStatus(ctx, id, ChangeCanceled)
}

// Approve approves the cost of a request in review, which moves on to
// submitted: PATCH /task/{taskingRequestId}/status with
// {"status":"approved"}. See https://docs.capellaspace.com/constellation-tasking/cost-review-and-approval.
func (s *TasksService) Approve(ctx context.Context, id string) (*Task, error) {
	return s.SetStatus(ctx, id, ChangeApproved)
}

// Reject declines the cost of a request in review:
// PATCH /task/{taskingRequestId}/status with {"status":"rejected"}. See
// https://docs.capellaspace.com/constellation-tasking/cost-review-and-approval.
func (s *TasksService) Reject(ctx context.Context, id string) (*Task, error) {
	return s.SetStatus(ctx, id, ChangeRejected)
}

// Retask creates a new request from an existing one, copying its target,
// collection type and constraints: POST /task/{taskingRequestId}/retask
// (201). It is never sent twice. See
// https://support.capellaspace.com/hc/en-us/articles/18559920725524-Retask-an-existing-tasking-request-in-Console.
func (s *TasksService) Retask(ctx context.Context, id string, r *RetaskRequest) (*Task, error) {
	p, err := pathID("taskingrequestId", id)
	if err != nil {
		return nil, err
	}
	if err := r.validate(false); err != nil {
		return nil, err
	}
	return fetch(ctx, s.c, &transport.Request{Method: http.MethodPost, Path: "task/" + p + "/retask",
		Body: r.body(), Create: true}, "task", (*Task).GetID)
}

// Collects lists the collects of a request: GET /collects/list/{taskingrequest_id}
// (see CollectsService.List).
func (s *TasksService) Collects(ctx context.Context, id string, opts *CollectListOptions) ([]*Collect, error) {
	return s.c.Collects.List(ctx, id, opts)
}

// Wait polls a request until it reaches a terminal status (or opts.Until
// holds), following RequestLifecycle: GET /task/{taskingRequestId}. A
// request in review waits on the customer: Wait returns it with an error
// matching tasking.ErrActionRequired; Approve it (or Reject it) and wait
// again. Delays opts leaves zero come from WithPollDelays. See
// https://docs.capellaspace.com/constellation-tasking/tasking-request-status.
func (s *TasksService) Wait(ctx context.Context, id string, opts *tasking.WaitOptions) (*Task, error) {
	return wait(ctx, s.c, "task", "taskingrequestId", id, s.Get, (*Task).GetStatus, RequestLifecycle, opts)
}

// Watch is the iterator form of Wait: it yields the request each time its
// status changes, the first observation included, and ends where Wait
// returns (a request in review ends it with an error matching
// tasking.ErrActionRequired): GET /task/{taskingRequestId}, polled.
//
// See https://docs.capellaspace.com/constellation-tasking/tasking-request-status.
func (s *TasksService) Watch(ctx context.Context, id string, opts *tasking.WaitOptions) iter.Seq2[*Task, error] {
	return watch(ctx, s.c, "taskingrequestId", id, s.Get, (*Task).GetStatus, RequestLifecycle, opts)
}
