package capella_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/eotask/eotask/capella"
	"github.com/eotask/eotask/internal/benchkit"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The benchmarks measure each call through the SDK ("sdk") and the same call
// written by hand with net/http and encoding/json v1 into equivalent typed
// structs ("nethttp"), against the same local server and bodies:
//
//	go test ./capella -run '^$' -bench 'Benchmark(Get|List|Create)$' -benchmem -count 6

// handTask is what a careful hand-written client decodes a tasking request
// into: the members Capella documents, times as time.Time, the geometry as
// GeoJSON, enums as strings.
type handTask struct {
	Type       string            `json:"type"`
	Geometry   *geojson.Geometry `json:"geometry"`
	Properties handProps         `json:"properties"`
}

type handProps struct {
	TaskingRequestID   string           `json:"taskingrequestId"`
	Name               string           `json:"taskingrequestName"`
	Description        string           `json:"taskingrequestDescription"`
	RequestType        string           `json:"taskingrequestType"`
	SubmissionTime     time.Time        `json:"submissionTime"`
	OrgID              string           `json:"orgId"`
	UserID             string           `json:"userId"`
	RepeatRequestID    *string          `json:"repeatrequestId"`
	WindowOpen         time.Time        `json:"windowOpen"`
	WindowClose        time.Time        `json:"windowClose"`
	WindowDuration     *float64         `json:"windowDuration"`
	CollectionTier     string           `json:"collectionTier"`
	CollectionType     string           `json:"collectionType"`
	ArchiveHoldback    string           `json:"archiveHoldback"`
	StatusHistory      []handStatus     `json:"statusHistory"`
	Constraints        *handConstraints `json:"collectConstraints"`
	ProcessingConfig   *handProcessing  `json:"processingConfig"`
	CustomAttribute1   *string          `json:"customAttribute1"`
	CustomAttribute2   *string          `json:"customAttribute2"`
	ConflictingTasks   []handConflict   `json:"conflictingTasks"`
	ImagingMode        string           `json:"type"`
	PreApproval        *bool            `json:"preApproval"`
	Sandbox            *bool            `json:"sandbox"`
	TransactionStatus  string           `json:"transactionStatus"`
	Order              *handOrder       `json:"order"`
	ContractID         string           `json:"contractId"`
	BillingEnvironment string           `json:"billingEnvironment"`
	UserName           string           `json:"userName"`
	OrganizationName   string           `json:"organizationName"`
}

type handOrder struct {
	Summary struct {
		Total    string `json:"total"`
		Subtotal string `json:"subtotal"`
	} `json:"summary"`
	LineItems []struct {
		TaskID         string `json:"taskId"`
		AccountingSize struct {
			Unit  string  `json:"unit"`
			Value float64 `json:"value"`
		} `json:"accountingSize"`
	} `json:"lineItems"`
	ArchiveHoldback        string   `json:"archiveHoldback"`
	ManagedOrganizationIDs []string `json:"managedOrganizationIds"`
}

type handStatus struct {
	Time    time.Time `json:"time"`
	Code    string    `json:"code"`
	Message string    `json:"message"`
}

type handConstraints struct {
	LookDirection            string      `json:"lookDirection,omitempty"`
	AscDsc                   string      `json:"ascDsc,omitempty"`
	OrbitalPlanes            []int       `json:"orbitalPlanes,omitempty"`
	LocalTime                [][]float64 `json:"localTime,omitempty"`
	OffNadirMin              *float64    `json:"offNadirMin,omitempty"`
	OffNadirMax              *float64    `json:"offNadirMax,omitempty"`
	ImageWidth               *float64    `json:"imageWidth,omitempty"`
	ImageLength              *float64    `json:"imageLength,omitempty"`
	Polarization             string      `json:"polarization,omitempty"`
	AzimuthMin               *float64    `json:"azimuthAngleMin,omitempty"`
	AzimuthMax               *float64    `json:"azimuthAngleMax,omitempty"`
	GrazingMin               *float64    `json:"grazingAngleMin,omitempty"`
	GrazingMax               *float64    `json:"grazingAngleMax,omitempty"`
	Squint                   string      `json:"squint,omitempty"`
	MaxSquintAngle           *float64    `json:"maxSquintAngle,omitempty"`
	CollectMode              string      `json:"collectMode,omitempty"`
	NumLooks                 *int        `json:"numLooks,omitempty"`
	SRRMin                   *float64    `json:"srrMin,omitempty"`
	SRRMax                   *float64    `json:"srrMax,omitempty"`
	AZRMin                   *float64    `json:"azrMin,omitempty"`
	AZRMax                   *float64    `json:"azrMax,omitempty"`
	GRRMin                   *float64    `json:"grrMin,omitempty"`
	GRRMax                   *float64    `json:"grrMax,omitempty"`
	PRFMin                   *int        `json:"prfMin,omitempty"`
	Duration                 *float64    `json:"duration,omitempty"`
	PrescribedCollectMidtime *time.Time  `json:"prescribedCollectMidtime,omitempty"`
	RadarParameters          *struct {
		Bandwidth       *float64 `json:"bandwidth,omitempty"`
		CenterFrequency *int64   `json:"centerFrequency,omitempty"`
		Upchirp         *bool    `json:"upchirp,omitempty"`
		Method          string   `json:"method,omitempty"`
		Mode            string   `json:"mode,omitempty"`
	} `json:"radarParameters,omitempty"`
}

type handProcessing struct {
	ProductTypes []string `json:"productTypes,omitempty"`
	IsSandbox    *bool    `json:"isSandbox,omitempty"`
}

type handConflict struct {
	TaskingRequestID string    `json:"taskingrequestId"`
	Name             string    `json:"taskingrequestName"`
	RepeatRequestID  string    `json:"repeatrequestId"`
	CollectionTier   string    `json:"collectionTier"`
	WindowOpen       time.Time `json:"windowOpen"`
	WindowClose      time.Time `json:"windowClose"`
}

// handPage is the envelope of GET /tasks/paged.
type handPage struct {
	Results     []*handTask `json:"results"`
	CurrentPage int         `json:"currentPage"`
	TotalPages  int         `json:"totalPages"`
}

// handCreate is a POST /task body as written by hand.
type handCreate struct {
	Type       string            `json:"type"`
	Geometry   *geojson.Geometry `json:"geometry"`
	Properties struct {
		Name             string           `json:"taskingrequestName,omitempty"`
		OrgID            string           `json:"orgId"`
		UserID           string           `json:"userId"`
		WindowOpen       time.Time        `json:"windowOpen"`
		WindowClose      time.Time        `json:"windowClose"`
		CollectionTier   string           `json:"collectionTier,omitempty"`
		CollectionType   string           `json:"collectionType"`
		ArchiveHoldback  string           `json:"archiveHoldback,omitempty"`
		Constraints      *handConstraints `json:"collectConstraints,omitempty"`
		ProcessingConfig *handProcessing  `json:"processingConfig,omitempty"`
		PreApproval      bool             `json:"preApproval"`
	} `json:"properties"`
}

// benchPageSize is the largest page size Capella documents for listing
// tasking requests: limit 5..500 on GET /tasks/paged (and 250..500 on the
// search), capella.md 8.1 and 8.2.
const benchPageSize = 500

// benchSetup starts a local server answering body and returns an SDK client
// and a hand-written one pointed at it, and the base URL.
func benchSetup(b *testing.B, status int, body []byte) (*capella.Client, *benchkit.Hand, string) {
	b.Helper()
	srv := benchkit.Server(b, status, body)
	c, err := capella.New(testKey, capella.WithBaseURL(srv.URL), capella.WithAccount(testOrg, testUser))
	if err != nil {
		b.Fatal(err)
	}
	hand := benchkit.NewHand(http.Header{"Authorization": {"ApiKey " + testKey}, "User-Agent": {"hand/1.0"}})
	return c, hand, srv.URL + "/"
}

// BenchmarkGet reads one tasking request in review: a Point, its cost
// estimate, constraints and history (GET /task/{id}).
func BenchmarkGet(b *testing.B) {
	c, hand, base := benchSetup(b, http.StatusOK, readFixture(b, "task_review.json"))
	benchkit.Pair(b, func(ctx context.Context) error {
		t, err := c.Tasks.Get(ctx, taskID)
		if err == nil && (t.GetID() != taskID || t.Geometry == nil || t.GetStatus() != capella.RequestReview) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	}, func(ctx context.Context) error {
		var t handTask
		err := hand.Do(ctx, http.MethodGet, base+"task/"+taskID, nil, &t)
		if err == nil && (t.Properties.TaskingRequestID != taskID || t.Geometry == nil || len(t.Properties.StatusHistory) == 0) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	})
}

var idMember = regexp.MustCompile(`"taskingrequestId": "[^"]*"`)

// benchPage builds a page of n tasking requests from the list-shaped
// fixtures (Points and Polygons, completed, accepted and in review), each
// with its own id.
func benchPage(b *testing.B, n int) []byte {
	b.Helper()
	var items [][]byte
	for _, name := range []string{"tasks_paged.json", "tasks_search_mixed.json", "tasks_array.json"} {
		var raw json.RawMessage = readFixture(b, name)
		var page struct{ Results []json.RawMessage }
		if json.Unmarshal(raw, &page) != nil || page.Results == nil {
			var arr []json.RawMessage
			if err := json.Unmarshal(raw, &arr); err != nil {
				b.Fatal(name, err)
			}
			page.Results = arr
		}
		for _, it := range page.Results {
			var out bytes.Buffer
			if err := json.Indent(&out, it, "", "  "); err != nil {
				b.Fatal(err)
			}
			items = append(items, out.Bytes())
		}
	}
	var page bytes.Buffer
	page.WriteString(`{"results": [`)
	for i := range n {
		if i > 0 {
			page.WriteString(",\n")
		}
		item := idMember.ReplaceAll(items[i%len(items)], []byte(fmt.Sprintf(`"taskingrequestId": "%08x-0000-4000-8000-%012x"`, i, i)))
		page.Write(item)
	}
	fmt.Fprintf(&page, `], "currentPage": 1, "totalPages": 4}`)
	var check handPage
	if err := json.Unmarshal(page.Bytes(), &check); err != nil || len(check.Results) != n {
		b.Fatalf("bad page: %v", err)
	}
	return page.Bytes()
}

// BenchmarkList reads one page of tasking requests at the largest page size
// (GET /tasks/paged?limit=500).
func BenchmarkList(b *testing.B) {
	c, hand, base := benchSetup(b, http.StatusOK, benchPage(b, benchPageSize))
	opts := &capella.TaskListOptions{Page: 1, Limit: benchPageSize}
	check := func(n int, g bool) error {
		if n != benchPageSize || !g {
			return fmt.Errorf("got %d tasks", n)
		}
		return nil
	}
	benchkit.Pair(b, func(ctx context.Context) error {
		p, err := c.Tasks.List(ctx, opts)
		if err != nil {
			return err
		}
		return check(len(p.Tasks), p.Tasks[0].Geometry != nil)
	}, func(ctx context.Context) error {
		var p handPage
		err := hand.Do(ctx, http.MethodGet, fmt.Sprintf("%stasks/paged?limit=%d&order=desc&page=1&sort=submissionTime",
			base, benchPageSize), nil, &p)
		if err != nil {
			return err
		}
		return check(len(p.Results), p.Results[0].Geometry != nil)
	})
}

var geometryMember = regexp.MustCompile(`(?s)"geometry": \{.*?\n  \}`)

// BenchmarkCreate places a stripmap request for a 24-vertex polygon (POST
// /task); Capella answers 201 with the request, received, its constraints
// filled with the server's defaults.
func BenchmarkCreate(b *testing.B) {
	poly := benchkit.Polygon24(orb.Point{-122.39, 37.79}, 0.02, 0.012)
	g, err := json.Marshal(geojson.NewGeometry(poly))
	if err != nil {
		b.Fatal(err)
	}
	answer := geometryMember.ReplaceAll(readFixture(b, "task_created_polygon.json"), append([]byte(`"geometry": `), g...))
	var check handTask
	if err := json.Unmarshal(answer, &check); err != nil || len(check.Geometry.Coordinates.(orb.Polygon)[0]) != 25 {
		b.Fatalf("bad answer: %v", err)
	}
	c, hand, base := benchSetup(b, http.StatusCreated, answer)
	open := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	close := open.AddDate(0, 0, 30)
	req := &capella.TaskCreateRequest{Geometry: poly, Name: "harbour area", WindowOpen: open, WindowClose: close,
		CollectionTier: capella.TierStandard, CollectionType: capella.CollectionStripmap100,
		ArchiveHoldback: capella.HoldbackNone, PreApproval: true,
		ProductTypes: []capella.ProductType{capella.ProductSLC, capella.ProductGEO},
		Constraints: &capella.CollectConstraints{LookDirection: capella.LookEither, OffNadirMin: capella.Float(15),
			OffNadirMax: capella.Float(45), ImageLength: capella.Float(10000)}}
	benchkit.Pair(b, func(ctx context.Context) error {
		t, err := c.Tasks.Create(ctx, req)
		if err == nil && (t.GetID() == "" || t.Geometry == nil) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	}, func(ctx context.Context) error {
		in := &handCreate{Type: "Feature", Geometry: geojson.NewGeometry(poly)}
		p := &in.Properties
		p.Name, p.OrgID, p.UserID, p.WindowOpen, p.WindowClose = req.Name, testOrg, testUser, open, close
		p.CollectionTier, p.CollectionType, p.ArchiveHoldback, p.PreApproval = "standard", "stripmap_100", "none", true
		p.ProcessingConfig = &handProcessing{ProductTypes: []string{"SLC", "GEO"}}
		p.Constraints = &handConstraints{LookDirection: "either", OffNadirMin: capella.Float(15),
			OffNadirMax: capella.Float(45), ImageLength: capella.Float(10000)}
		var t handTask
		err := hand.Do(ctx, http.MethodPost, base+"task", in, &t)
		if err == nil && (t.Properties.TaskingRequestID == "" || t.Geometry == nil) {
			err = fmt.Errorf("got %+v", t)
		}
		return err
	})
}
