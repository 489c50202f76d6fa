package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// ManualStart starts a process whose trigger is manual: a person clicks
// "start" (a recovery playbook for "client cancelled the meeting"), on a
// record or on none.
type ManualStart struct {
	// RecordID is the record the instance works on; empty for none.
	RecordID string `json:"record_id,omitempty"`
	// Input is what expressions read as input.<name>.
	Input map[string]any `json:"input,omitempty"`
	// RequestID makes the start idempotent: the same id starts one instance.
	RequestID string `json:"request_id,omitempty"`
}

// StartManual starts the latest published version of process key, whose
// trigger must be manual, and returns the instance.
func (s *Service) StartManual(ctx context.Context, p auth.Principal, key string,
	in ManualStart) (*Instance, error) {
	v, err := s.deps.Definitions.Latest(ctx, system(p.TenantID), designer.KindProcess, key)
	if err != nil {
		return nil, err
	}
	m, err := s.model(ctx, p.TenantID, v.DefinitionID, v.Number)
	if err != nil {
		return nil, err
	}
	if c, _ := process.ConfigAs[*process.TriggerConfig](m.Trigger()); c.On != process.OnManual {
		return nil, problem.New(problem.Conflict, "engine.not_manual",
			i18n.Params{"process": key})
	}
	if in.RecordID != "" {
		if _, err := s.deps.Records.Record(ctx, p.TenantID, in.RecordID); err != nil {
			if errors.Is(err, ErrRecordNotFound) {
				return nil, problem.Fields(problem.Field("/record_id", "unknown_record", nil))
			}
			return nil, err
		}
	}

	request := in.RequestID
	if request == "" {
		request = s.ids.New()
	}
	id := instanceID(v.ID, in.RecordID, "manual", p.UserID, request)
	ev := RecordEvent{ID: "manual/" + request, TenantID: p.TenantID, RecordID: in.RecordID}
	vars := map[string]any{"input": in.Input}
	if err := s.startWith(ctx, v, id, ev, nil, vars); err != nil {
		return nil, err
	}
	return s.Instance(ctx, p.TenantID, id)
}

// InboundEvent is an event another system posted (a call centre's "call
// ended", a marketing form).
type InboundEvent struct {
	// Name is the event's name, as inbound_event triggers name it.
	Name string `json:"name"`
	// ID is the sender's id of the event; the same id starts nothing new.
	ID string `json:"id"`
	// RecordID is the record it is about, if any.
	RecordID string `json:"record_id,omitempty"`
	// Payload is what expressions read as event.<name>.
	Payload map[string]any `json:"payload,omitempty"`
}

// OnInboundEvent starts every published process triggered by an inbound
// event of that name and reports how many it started (or had started
// before, for a repeated event id).
func (s *Service) OnInboundEvent(ctx context.Context, tenantID string,
	ev InboundEvent) (int, error) {
	if ev.Name == "" || ev.ID == "" {
		return 0, problem.Fields(problem.Field("/name", "required", nil))
	}
	versions, err := s.deps.Definitions.PublishedAll(ctx, system(tenantID),
		designer.KindProcess)
	if err != nil {
		return 0, fmt.Errorf("listing published processes: %w", err)
	}
	n := 0
	var errs []error
	for i := range versions {
		v := &versions[i]
		m, err := s.model(ctx, tenantID, v.DefinitionID, v.Number)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c, _ := process.ConfigAs[*process.TriggerConfig](m.Trigger())
		if c.On != process.OnInboundEvent || c.Event != ev.Name {
			continue
		}
		id := instanceID(v.ID, ev.RecordID, "event", ev.Name, ev.ID)
		rev := RecordEvent{ID: "event/" + ev.ID, TenantID: tenantID, RecordID: ev.RecordID}
		errs = append(errs, s.startWith(ctx, v, id, rev, nil,
			map[string]any{"event": ev.Payload}))
		n++
	}
	return n, errors.Join(errs...)
}
