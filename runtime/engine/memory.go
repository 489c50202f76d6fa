package engine

import (
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/formworkhq/formwork/internal/auth"
)

// This file holds in-memory implementations of the engine's dependencies,
// for tests, demos and the simulator. They are safe for concurrent use.

// MemTimers records scheduled and cancelled timers.
type MemTimers struct {
	mu        sync.Mutex
	Pending   map[string]Timer
	Cancelled []string
}

var _ TimerScheduler = (*MemTimers)(nil)

// NewMemTimers returns an empty timer store.
func NewMemTimers() *MemTimers { return &MemTimers{Pending: map[string]Timer{}} }

// Schedule implements TimerScheduler.
func (m *MemTimers) Schedule(_ context.Context, _ string, t Timer) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Pending[t.ID] = t
	return nil
}

// Cancel implements TimerScheduler.
func (m *MemTimers) Cancel(_ context.Context, _, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.Pending[id]; ok {
		delete(m.Pending, id)
		m.Cancelled = append(m.Cancelled, id)
	}
	return nil
}

// Due returns the pending timers due by the earliest due time, soonest
// first.
func (m *MemTimers) Due() []Timer {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Collect(maps.Values(m.Pending))
	slices.SortFunc(out, func(a, b Timer) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return compareStrings(a.ID, b.ID)
	})
	return out
}

// Fire removes timer id and reports whether it was pending.
func (m *MemTimers) Fire(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.Pending[id]
	delete(m.Pending, id)
	return ok
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MemOutbox keeps outbox messages, one per dedupe key.
type MemOutbox struct {
	mu       sync.Mutex
	Messages []OutboxMessage
	keys     map[string]bool
}

var _ OutboxWriter = (*MemOutbox)(nil)

// Write implements OutboxWriter.
func (m *MemOutbox) Write(_ context.Context, _ string, msg OutboxMessage) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys == nil {
		m.keys = map[string]bool{}
	}
	if !m.keys[msg.DedupeKey] {
		m.keys[msg.DedupeKey] = true
		m.Messages = append(m.Messages, msg)
	}
	return nil
}

// All returns a copy of the messages written.
func (m *MemOutbox) All() []OutboxMessage {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.Messages)
}

// MemLedger keeps points entries, one per dedupe key.
type MemLedger struct {
	mu      sync.Mutex
	Entries []PointsEntry
	keys    map[string]bool
}

var _ PointsLedger = (*MemLedger)(nil)

// Award implements PointsLedger.
func (m *MemLedger) Award(_ context.Context, _ string, e PointsEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.keys == nil {
		m.keys = map[string]bool{}
	}
	if !m.keys[e.DedupeKey] {
		m.keys[e.DedupeKey] = true
		m.Entries = append(m.Entries, e)
	}
	return nil
}

// MemRecords keeps records by id.
type MemRecords struct {
	mu      sync.Mutex
	Records map[string]*Record
}

var _ RecordAccess = (*MemRecords)(nil)

// NewMemRecords returns a store holding recs.
func NewMemRecords(recs ...*Record) *MemRecords {
	m := &MemRecords{Records: map[string]*Record{}}
	for _, r := range recs {
		m.Records[r.ID] = r
	}
	return m
}

// Record implements RecordAccess; it returns a copy.
func (m *MemRecords) Record(_ context.Context, _, id string) (*Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.Records[id]
	if !ok {
		return nil, ErrRecordNotFound
	}
	c := *r
	c.Data = maps.Clone(r.Data)
	return &c, nil
}

// Assign implements RecordAccess.
func (m *MemRecords) Assign(_ context.Context, _, id, ownerID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.Records[id]
	if !ok {
		return ErrRecordNotFound
	}
	r.OwnerID = ownerID
	return nil
}

// SetFields implements RecordAccess.
func (m *MemRecords) SetFields(_ context.Context, _, id string, ch FieldsSpec) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.Records[id]
	if !ok {
		return ErrRecordNotFound
	}
	if r.Data == nil {
		r.Data = map[string]any{}
	}
	maps.Copy(r.Data, ch.Set)
	if ch.Stage != "" {
		r.Stage = ch.Stage
	}
	return nil
}

// MemDirectory is a fixed directory of people.
type MemDirectory map[string]Person

var _ Directory = MemDirectory{}

// Person implements Directory.
func (d MemDirectory) Person(_ context.Context, _, id string) (Person, bool, error) {
	p, ok := d[id]
	return p, ok, nil
}

// TeamMembers implements Directory.
func (d MemDirectory) TeamMembers(_ context.Context, _, team string) ([]string, error) {
	return d.ids(func(p Person) bool { return p.Team == team }), nil
}

// RoleHolders implements Directory.
func (d MemDirectory) RoleHolders(_ context.Context, _, role string) ([]string, error) {
	return d.ids(func(p Person) bool {
		return slices.ContainsFunc(p.Roles, func(r auth.Role) bool { return string(r) == role })
	}), nil
}

// DirectReports implements Directory.
func (d MemDirectory) DirectReports(_ context.Context, _, id string) ([]string, error) {
	return d.ids(func(p Person) bool { return p.ManagerID == id }), nil
}

func (d MemDirectory) ids(keep func(Person) bool) []string {
	var out []string
	for id, p := range d {
		if keep(p) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
