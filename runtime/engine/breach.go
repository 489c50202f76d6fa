package engine

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
)

// BreachKind says what is about to breach.
type BreachKind string

// The breach kinds.
const (
	BreachTask    BreachKind = "task"    // an open task near its due time
	BreachSilence BreachKind = "silence" // a record near its silence limit
)

// Breach is one deadline about to pass.
type Breach struct {
	Kind BreachKind `json:"kind"`
	// ID is the task's id, or the instance's for a silence watch.
	ID       string    `json:"id"`
	Node     string    `json:"node"`
	RecordID string    `json:"record_id,omitempty"`
	PersonID string    `json:"person_id"`
	DueAt    time.Time `json:"due_at"`
}

// AboutToBreach lists the open tasks due within the next within, and the
// silence watches whose records will have been silent long enough by
// then ("Wang Lei has 2 leads about to hit 48 h of silence"), soonest
// first. A supervisor sees their direct reports', an admin everyone's,
// anyone else their own.
func (s *Service) AboutToBreach(ctx context.Context, p auth.Principal,
	within time.Duration) ([]Breach, error) {
	now := s.clock.Now()
	var tasks []Task
	err := s.tasks(p.TenantID).FindAll(ctx, bson.D{{Key: "status", Value: TaskOpen},
		{Key: "due_at", Value: bson.D{{Key: "$gte", Value: now},
			{Key: "$lte", Value: now.Add(within)}}}}, &tasks)
	if err != nil {
		return nil, fmt.Errorf("listing tasks near due: %w", err)
	}
	var out []Breach
	for _, t := range tasks {
		out = append(out, Breach{Kind: BreachTask, ID: t.ID, Node: t.NodeID,
			RecordID: t.RecordID, PersonID: t.AssigneeID, DueAt: t.DueAt})
	}

	silent, err := s.silenceBreaches(ctx, p.TenantID, now, within)
	if err != nil {
		return nil, err
	}
	out = append(out, silent...)
	out, err = s.visibleBreaches(ctx, p, out)
	slices.SortFunc(out, func(a, b Breach) int { return a.DueAt.Compare(b.DueAt) })
	return out, err
}

// silenceBreaches computes each watching token's real deadline from the
// record's latest activity (the stored timer may be earlier: activity only
// moves last_activity_at).
func (s *Service) silenceBreaches(ctx context.Context, tenantID string, now time.Time,
	within time.Duration) ([]Breach, error) {
	var insts []Instance
	err := s.instances(tenantID).FindAll(ctx, bson.D{{Key: "status", Value: StatusRunning},
		{Key: "tokens.wait.kind", Value: WaitSilence}}, &insts)
	if err != nil {
		return nil, fmt.Errorf("listing silence watches: %w", err)
	}
	var out []Breach
	for i := range insts {
		b, err := s.instanceSilences(ctx, &insts[i], now, within)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}

func (s *Service) instanceSilences(ctx context.Context, inst *Instance, now time.Time,
	within time.Duration) ([]Breach, error) {
	m, err := s.model(ctx, inst.TenantID, inst.ProcessID, inst.ProcessVersion)
	if err != nil {
		return nil, err
	}
	in, err := s.input(ctx, inst, m, Event{}, nil)
	if err != nil || in.Record == nil {
		return nil, err
	}
	r := &run{m: m, st: &inst.State, in: in}

	var out []Breach
	for _, tok := range inst.Tokens {
		if tok.Wait == nil || tok.Wait.Kind != WaitSilence {
			continue
		}
		node, _ := m.node(tok.Node)
		cfg, _ := process.ConfigAs[*process.SilenceWatchConfig](node)
		due, err := r.dueAfter(later(tok.Since, r.lastActivity(cfg.Activities)), cfg.Duration,
			waitCalendar(tok.Wait, cfg.Calendar))
		if err != nil || due.Before(now) || due.After(now.Add(within)) {
			continue
		}
		out = append(out, Breach{Kind: BreachSilence, ID: inst.ID, Node: tok.Node,
			RecordID: inst.RecordID, PersonID: in.Record.OwnerID, DueAt: due})
	}
	return out, nil
}

// visibleBreaches keeps what p may see.
func (s *Service) visibleBreaches(ctx context.Context, p auth.Principal, all []Breach) (
	[]Breach, error) {
	if slices.Contains(p.Roles, auth.Owner) || slices.Contains(p.Roles, auth.Admin) {
		return all, nil
	}
	who := []string{p.UserID}
	if slices.Contains(p.Roles, auth.Supervisor) {
		reports, err := s.deps.Directory.DirectReports(ctx, p.TenantID, p.UserID)
		if err != nil {
			return nil, fmt.Errorf("listing direct reports: %w", err)
		}
		who = append(who, reports...)
	}
	return slices.DeleteFunc(all, func(b Breach) bool {
		return !slices.Contains(who, b.PersonID)
	}), nil
}
