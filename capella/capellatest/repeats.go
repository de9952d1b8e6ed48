package capellatest

import (
	"net/http"
	"time"

	"github.com/eotask/eotask/capella"
)

// maxChildren bounds the tasks one series spawns in the simulator.
const maxChildren = 50

type simRepeat struct {
	r        capella.RepeatRequest
	children []string
	spawned  bool
}

var repeatPrice = map[capella.RepeatTier]float64{capella.RepeatTierRoutine: 3000, capella.RepeatTierFlexible: 1000}

func (s *Server) parseRepeatCreate(body []byte) (*simRepeat, *apiError) {
	c, err := parseCreateCommon(body, []string{"Point"}, "repeatrequest", enumRepeatTier)
	if err != nil {
		return nil, err
	}
	p := c.props
	sr := &simRepeat{r: capella.RepeatRequest{Geometry: c.geom}}
	pr := &sr.r.Properties
	pr.ContractID, pr.Name, pr.Description, pr.OrgID, pr.UserID = c.contractID, c.name, c.description, c.orgID, c.userID
	pr.CollectionType, pr.ArchiveHoldback, pr.Constraints = c.collectionType, c.holdback, c.constraints
	pr.CustomAttribute1, pr.CustomAttribute2 = c.custom1, c.custom2
	pr.CollectionTier = capella.RepeatTier(c.tier)
	if pr.CollectionTier == "" {
		pr.CollectionTier = capella.RepeatTierRoutine
	}
	wd, present, err := p.num("windowDuration")
	if err != nil {
		return nil, err
	}
	if present && wd <= 0 {
		return nil, invalid("properties.windowDuration", "too_small", "windowDuration must be positive")
	}
	rp, err := p.obj("repetitionProperties", true)
	if err != nil {
		return nil, err
	}
	rep := &pr.Repetition
	if rep.RepeatStart, err = rp.dateTime("repeatStart", true); err != nil {
		return nil, err
	}
	if rep.RepeatEnd, err = rp.dateTime("repeatEnd", false); err != nil {
		return nil, err
	}
	interval, ok, err := rp.integer("repetitionInterval", 1)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, invalid(rp.at("repetitionInterval"), "required", "repetitionInterval is required")
	}
	rep.RepetitionInterval = int(interval)
	if count, ok, err := rp.integer("repetitionCount", 1); err != nil {
		return nil, err
	} else if ok {
		rep.RepetitionCount = capella.Int(int(count))
	}
	if rep.MaintainSceneFraming, _, err = rp.boolean("maintainSceneFraming"); err != nil {
		return nil, err
	}
	for _, key := range []string{"lookAngleTolerance", "azimuthAngleTolerance"} {
		x, ok, err := rp.num(key)
		if err != nil {
			return nil, err
		}
		if ok && x < 0 {
			return nil, invalid(rp.at(key), "too_small", "%s must not be negative", key)
		}
		if ok && key == "lookAngleTolerance" {
			rep.LookAngleTolerance = &x
		} else if ok {
			rep.AzimuthAngleTolerance = &x
		}
	}
	if rep.RepetitionCount != nil && !rep.RepeatEnd.IsZero() {
		return nil, invalid(rp.at("repeatEnd"), "invalid_repetition", "repeatEnd and repetitionCount are mutually exclusive")
	}
	if !rep.RepeatEnd.IsZero() && !rep.RepeatEnd.After(rep.RepeatStart) {
		return nil, invalid(rp.at("repeatEnd"), "invalid_repetition", "repeatEnd must be after repeatStart")
	}
	pr.WindowDuration = float64(rep.RepetitionInterval) * 86400
	if present {
		pr.WindowDuration = wd
	}
	products := c.productTypes
	if !c.hasProductConfig {
		products = []capella.ProductType{capella.ProductSLC, capella.ProductGEO}
	}
	pr.ProcessingConfig = &capella.ProcessingConfig{ProductTypes: products, IsSandbox: capella.Bool(false)}
	pr.PreApproval = capella.Bool(c.preApproval)
	return sr, nil
}

func (s *Server) storeRepeat(sr *simRepeat) {
	pr := &sr.r.Properties
	pr.RepeatRequestID = s.newID('r')
	pr.SubmissionTime = s.stamp()
	pr.Constraints = defaultConstraints(pr.Constraints, pr.CollectionType, sr.r.Geometry)
	pr.StatusHistory = nil
	s.move(&pr.StatusHistory, capella.RequestReceived, msgCreated)
	s.repeats[pr.RepeatRequestID] = sr
	s.repeatOrder = append(s.repeatOrder, pr.RepeatRequestID)
}

func (s *Server) createRepeat(_ *http.Request, _ []string, body []byte) (int, any, *apiError) {
	sr, err := s.parseRepeatCreate(body)
	if err != nil {
		return 0, nil, err
	}
	s.storeRepeat(sr)
	return http.StatusCreated, s.repeatView(sr), nil
}

func (s *Server) repeatView(sr *simRepeat) capella.RepeatRequest {
	r := sr.r
	r.Type = "Feature"
	return r
}

func (s *Server) getRepeat(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sr, err := lookup(s.repeats, "repeat request", args[0])
	if err != nil {
		return 0, nil, err
	}
	s.poll(func() { s.stepRepeat(sr) })
	return http.StatusOK, s.repeatView(sr), nil
}

// stepRepeat moves a series one step: received → review (or submitted when
// pre-approved), submitted → active (spawning its tasks), active → completed
// once a finite series' tasks are all final.
func (s *Server) stepRepeat(sr *simRepeat) {
	p := &sr.r.Properties
	h := &p.StatusHistory
	switch sr.r.GetStatus() {
	case capella.RequestReceived:
		p.CostPerImageEstimate = money(repeatPrice[p.CollectionTier])
		if p.PreApproval != nil && *p.PreApproval {
			if s.move(h, capella.RequestSubmitted, msgSeriesSubmit) {
				p.TransactionStatus = capella.TransactionInProgress
			}
			return
		}
		if s.move(h, capella.RequestReview, "Repeat request ready for review.") {
			p.TransactionStatus = capella.TransactionPendingCustomerApproval
		}
	case capella.RequestSubmitted:
		if s.move(h, capella.RequestActive, "Repeat series will begin generation.") {
			s.spawn(sr)
		}
	case capella.RequestActive:
		rep := p.Repetition
		if rep.RepetitionCount == nil && rep.RepeatEnd.IsZero() {
			return // runs until cancelled
		}
		for _, id := range sr.children {
			if !capella.RequestLifecycle.Terminal(s.tasks[id].status()) {
				return
			}
		}
		if s.move(h, capella.RequestCompleted, "Repeat series has been completed.") {
			p.TransactionStatus = capella.TransactionCompleted
		}
	}
}

// spawn creates the series' tasks: back-to-back windows spaced by the
// interval, within about 21 days of the start for an open-ended series.
func (s *Server) spawn(sr *simRepeat) {
	if sr.spawned {
		return
	}
	sr.spawned = true
	p := sr.r.Properties
	rep := p.Repetition
	step := time.Duration(rep.RepetitionInterval) * 24 * time.Hour
	dur := time.Duration(p.WindowDuration * float64(time.Second))
	tier := capella.CollectionTier("")
	if p.CollectionTier == capella.RepeatTierFlexible {
		tier = capella.TierFlexible
	}
	for i := 0; i < maxChildren; i++ {
		open := rep.RepeatStart.Add(time.Duration(i) * step)
		switch {
		case rep.RepetitionCount != nil && i >= *rep.RepetitionCount:
			return
		case !rep.RepeatEnd.IsZero() && !open.Before(rep.RepeatEnd):
			return
		case rep.RepetitionCount == nil && rep.RepeatEnd.IsZero() && i > 0 && open.Sub(rep.RepeatStart) > s.cfg.horizon:
			return
		}
		tc := &taskCreate{geom: sr.r.Geometry, props: capella.TaskProperties{
			Name: p.Name, Description: p.Description, OrgID: p.OrgID, UserID: p.UserID,
			RepeatRequestID: p.RepeatRequestID, WindowOpen: open, WindowClose: open.Add(dur),
			CollectionTier: tier, CollectionType: p.CollectionType, ArchiveHoldback: p.ArchiveHoldback,
			Constraints: p.Constraints}, contractID: p.ContractID, preApproval: true}
		if p.ProcessingConfig != nil {
			tc.productTypes, tc.hasProductConfig = p.ProcessingConfig.ProductTypes, true
		}
		st := s.newTask(tc, s.cfg.outcome)
		st.t.Properties.PreApproval = nil
		st.t.Properties.CollectionTier = tier // routine has no single-task tier in the spec: left out
		s.price(st)
		if s.move(&st.t.Properties.StatusHistory, capella.RequestSubmitted, msgSeriesSubmit) {
			st.t.Properties.TransactionStatus = capella.TransactionInProgress
		}
		sr.children = append(sr.children, st.t.Properties.TaskingRequestID)
	}
}

func (s *Server) updateRepeat(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	sr, err := lookup(s.repeats, "repeat request", args[0])
	if err != nil {
		return 0, nil, err
	}
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	p, err := v{m: m}.obj("properties", false)
	if err != nil {
		return 0, nil, err
	}
	if capella.RequestLifecycle.Terminal(sr.r.GetStatus()) {
		return 0, nil, badRequest(capella.CodeUnableToUpdateRepeatRequest, "Cannot update repeat request in current state (%s)", sr.r.GetStatus())
	}
	if p.m == nil {
		return http.StatusOK, s.repeatView(sr), nil
	}
	pr := &sr.r.Properties
	for _, f := range []struct {
		key string
		set func(string)
	}{
		{"repeatrequestName", func(x string) { pr.Name = x }},
		{"repeatrequestDescription", func(x string) { pr.Description = x }},
		{"customAttribute1", func(x string) { pr.CustomAttribute1 = &x }},
		{"customAttribute2", func(x string) { pr.CustomAttribute2 = &x }},
	} {
		x, present, err := p.str(f.key, false, false)
		if err != nil {
			return 0, nil, err
		}
		if present {
			f.set(x)
		}
	}
	if products, ok, err := processingConfig(p, false); err != nil {
		return 0, nil, err
	} else if ok {
		pr.ProcessingConfig = &capella.ProcessingConfig{ProductTypes: products, IsSandbox: capella.Bool(false)}
	}
	return http.StatusOK, s.repeatView(sr), nil
}

func (s *Server) setRepeatStatus(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	sr, err := lookup(s.repeats, "repeat request", args[0])
	if err != nil {
		return 0, nil, err
	}
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	o := v{m: m}
	code, _, err := o.str("code", true, false)
	if err != nil {
		return 0, nil, err
	}
	if code == "cancelled" {
		code = "canceled"
	} else if _, err := o.enum("code", enumRepeatStatus, true); err != nil {
		return 0, nil, err
	}
	p := &sr.r.Properties
	cur := sr.r.GetStatus()
	switch code {
	case "submitted":
		if cur != capella.RequestReview {
			return 0, nil, badRequest(capella.CodeUnableToUpdateRepeatRequest,
				"Only a repeat request in review can be submitted (status %s).", cur)
		}
		s.move(&p.StatusHistory, capella.RequestSubmitted, msgSeriesSubmit)
		p.TransactionStatus = capella.TransactionInProgress
	case "canceled":
		if capella.RequestLifecycle.Terminal(cur) {
			return 0, nil, badRequest(capella.CodeUnableToUpdateFinalizedTransaction,
				"This transaction has been finalized with a status of '%s'. It cannot be further modified.", cur)
		}
		s.move(&p.StatusHistory, capella.RequestCanceled, msgCanceled)
		p.TransactionStatus = capella.TransactionCustomerCancelled
		for _, id := range sr.children {
			_ = s.cancelTask(s.tasks[id]) // children past their cut-off keep going
		}
	}
	return http.StatusOK, p.StatusHistory, nil
}

func (s *Server) repeatTasks(_ *http.Request, args []string, _ []byte) (int, any, *apiError) {
	sr, err := lookup(s.repeats, "repeat request", args[0])
	if err != nil {
		return 0, nil, err
	}
	out := []capella.Task{}
	for _, id := range sr.children {
		out = append(out, s.taskView(s.tasks[id], false))
	}
	return http.StatusOK, out, nil
}

func (s *Server) retaskRepeat(_ *http.Request, args []string, body []byte) (int, any, *apiError) {
	orig, err := lookup(s.repeats, "repeat request", args[0])
	if err != nil {
		return 0, nil, err
	}
	m, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	o := v{m: m}
	op := orig.r.Properties
	sr := &simRepeat{r: capella.RepeatRequest{Geometry: orig.r.Geometry}}
	pr := &sr.r.Properties
	*pr = capella.RepeatProperties{Name: op.Name, Description: op.Description, OrgID: op.OrgID, UserID: op.UserID,
		WindowDuration: op.WindowDuration, Repetition: op.Repetition, CollectionTier: op.CollectionTier,
		CollectionType: op.CollectionType, ArchiveHoldback: op.ArchiveHoldback, Constraints: op.Constraints,
		ProcessingConfig: op.ProcessingConfig, PreApproval: capella.Bool(false), ContractID: op.ContractID}
	if x, _, err := o.str("retaskRequestName", false, false); err != nil {
		return 0, nil, err
	} else if x != "" {
		pr.Name = x
	}
	if x, _, err := o.str("retaskRequestDescription", false, false); err != nil {
		return 0, nil, err
	} else if x != "" {
		pr.Description = x
	}
	if x, _, err := o.str("contractId", false, false); err != nil {
		return 0, nil, err
	} else if x != "" {
		pr.ContractID = x
	}
	start, err := o.dateTime("repeatStart", false)
	if err != nil {
		return 0, nil, err
	}
	end, err := o.dateTime("repeatEnd", false)
	if err != nil {
		return 0, nil, err
	}
	interval, hasInterval, err := o.intString("repetitionInterval", 1)
	if err != nil {
		return 0, nil, err
	}
	count, hasCount, err := o.intString("repetitionCount", 1)
	if err != nil {
		return 0, nil, err
	}
	tier, err := o.enum("collectionTier", enumRepeatRetask, false)
	if err != nil {
		return 0, nil, err
	}
	hb, err := o.enum("archiveHoldback", enumHoldback, false)
	if err != nil {
		return 0, nil, err
	}
	rep := &pr.Repetition
	if !start.IsZero() {
		rep.RepeatStart = start
	} else {
		rep.RepeatStart = s.now().Truncate(time.Second)
	}
	if hasInterval {
		rep.RepetitionInterval = int(interval)
	}
	if hasCount {
		rep.RepetitionCount, rep.RepeatEnd = capella.Int(int(count)), time.Time{}
	}
	if !end.IsZero() {
		if hasCount {
			return 0, nil, invalid("repeatEnd", "invalid_repetition", "repeatEnd and repetitionCount are mutually exclusive")
		}
		rep.RepeatEnd, rep.RepetitionCount = end, nil
	}
	if !rep.RepeatEnd.IsZero() && !rep.RepeatEnd.After(rep.RepeatStart) {
		return 0, nil, invalid("repeatEnd", "invalid_repetition", "repeatEnd must be after repeatStart")
	}
	if tier != "" {
		pr.CollectionTier = capella.RepeatTier(tier)
	}
	if hb != "" {
		pr.ArchiveHoldback = capella.ArchiveHoldback(hb)
	}
	s.storeRepeat(sr)
	return http.StatusCreated, s.repeatView(sr), nil
}
