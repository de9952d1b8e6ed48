package capella

import (
	"sort"
	"time"

	"github.com/eotask/eotask/tasking"
)

// StatusEntry is one entry of a statusHistory (schema CAPIStatusEntry).
type StatusEntry struct {
	Time    time.Time     `json:"time,omitzero"`
	Code    RequestStatus `json:"code"`
	Message string        `json:"message"`
}

// StatusHistory is a request's statusHistory as Capella sends it. Capella's
// docs say the newest entry comes first, but the spec does not say so: the
// methods order entries by their time.
type StatusHistory []StatusEntry

// Latest returns the current entry: the one with the newest time. Entries
// without a time are used only when none has one, and then the first entry
// (Capella's documented order) is current. The second result is false for an
// empty history.
func (h StatusHistory) Latest() (StatusEntry, bool) {
	i := newest(h, func(e StatusEntry) time.Time { return e.Time })
	if i < 0 {
		return StatusEntry{}, false
	}
	return h[i], true
}

// newest returns the index of the entry of h with the newest time (the
// first of equal ones), or 0 when no entry has a time (Capella's documented
// newest-first order), or -1 for an empty h.
func newest[E any](h []E, at func(E) time.Time) int {
	if len(h) == 0 {
		return -1
	}
	best := -1
	for i, e := range h {
		if t := at(e); !t.IsZero() && (best < 0 || t.After(at(h[best]))) {
			best = i
		}
	}
	return max(best, 0)
}

// Current returns the current status (see Latest), or "" for an empty
// history.
func (h StatusHistory) Current() RequestStatus {
	e, _ := h.Latest()
	return e.Code
}

// Ordered returns the entries oldest first: by time when every entry has
// one (entries with equal times keep Capella's newest-first order reversed),
// otherwise in reverse of Capella's newest-first order.
func (h StatusHistory) Ordered() []StatusEntry {
	out := make([]StatusEntry, len(h))
	for i := range h {
		out[len(h)-1-i] = h[i]
	}
	for _, e := range h {
		if e.Time.IsZero() {
			return out
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// Events returns the history as neutral events, oldest first.
func (h StatusHistory) Events() []tasking.StatusEvent {
	if len(h) == 0 {
		return nil
	}
	ord := h.Ordered()
	out := make([]tasking.StatusEvent, len(ord))
	for i, e := range ord {
		out[i] = tasking.StatusEvent{Status: e.Code.Neutral(), Raw: string(e.Code), Time: e.Time, Message: e.Message}
	}
	return out
}

// CollectStatusEntry is one entry of a collect's status history (schema
// CAPIStatusEntry with a collect code).
type CollectStatusEntry struct {
	Time    time.Time     `json:"time,omitzero"`
	Code    CollectStatus `json:"code"`
	Message string        `json:"message"`
}

// CollectStatusHistory is a collect's status history.
type CollectStatusHistory []CollectStatusEntry

// Current returns the status with the newest time (the first entry when no
// entry has a time), or "" for an empty history.
func (h CollectStatusHistory) Current() CollectStatus {
	if i := newest(h, func(e CollectStatusEntry) time.Time { return e.Time }); i >= 0 {
		return h[i].Code
	}
	return ""
}
