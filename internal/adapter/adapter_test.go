package adapter

import (
	"errors"
	"iter"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
)

type res struct {
	id     string
	status tasking.Status
}

func (r *res) Neutral() *tasking.Task {
	if r == nil {
		return nil
	}
	return &tasking.Task{ID: r.id, Status: r.status}
}

func seq(items []*res, err error) iter.Seq2[*res, error] {
	return func(yield func(*res, error) bool) {
		for _, r := range items {
			if !yield(r, nil) {
				return
			}
		}
		if err != nil {
			yield(nil, err)
		}
	}
}

func ids(it iter.Seq2[*tasking.Task, error]) (out []string, err error) {
	for t, e := range it {
		if e != nil {
			return out, e
		}
		out = append(out, t.ID)
	}
	return out, nil
}

func TestNeutralAndErr(t *testing.T) {
	got, err := Neutral(&res{id: "1"}, nil)
	assert.NoError(t, err)
	assert.Equal(t, "1", got.ID)
	boom := errors.New("boom")
	got, err = Neutral(&res{id: "1"}, boom)
	assert.Nil(t, got)
	assert.ErrorIs(t, err, boom)
	assert.ErrorIs(t, Err(&res{}, boom), boom)
	assert.NoError(t, Err(&res{}, nil))
}

func TestTasks(t *testing.T) {
	items := []*res{{id: "1", status: tasking.StatusCompleted}, nil, {id: "2", status: tasking.StatusFailed}}
	got, err := ids(Tasks(seq(items, nil), nil))
	assert.NoError(t, err)
	assert.Equal(t, []string{"1", "2"}, got, "a nil resource is skipped")

	got, err = ids(Tasks(seq(items, nil), &tasking.Filter{Status: []tasking.Status{tasking.StatusFailed}}))
	assert.NoError(t, err)
	assert.Equal(t, []string{"2"}, got)

	boom := errors.New("boom")
	got, err = ids(Tasks(seq(items, boom), nil))
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, []string{"1", "2"}, got)

	for range Tasks(seq(items, nil), nil) {
		break // stopping early is allowed
	}
	got, err = ids(None)
	assert.NoError(t, err)
	assert.Empty(t, got)
}

type capture struct{ id string }

func (c *capture) Neutral() *tasking.Capture {
	if c == nil {
		return nil
	}
	return &tasking.Capture{ID: c.id}
}

func TestCapturesAndFail(t *testing.T) {
	boom := errors.New("boom")
	all := func(yield func(*capture, error) bool) {
		for _, c := range []*capture{{"a"}, nil, {"b"}} {
			if !yield(c, nil) {
				return
			}
		}
		if yield(nil, boom) {
			yield(&capture{"after"}, nil)
		}
	}
	var got []string
	var gotErr error
	for c, err := range Captures(all) {
		if err != nil {
			gotErr = err
			continue
		}
		got = append(got, c.ID)
	}
	assert.Equal(t, []string{"a", "b"}, got, "nil entries skipped, nothing after the error")
	assert.ErrorIs(t, gotErr, boom)

	n := 0
	for c, err := range Fail[*tasking.Capture](boom) {
		n++
		assert.Nil(t, c)
		assert.ErrorIs(t, err, boom)
	}
	assert.Equal(t, 1, n)
}
