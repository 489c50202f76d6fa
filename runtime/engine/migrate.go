package engine

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// MigrationMode is what publishing a new version does to running
// instances of the old one.
type MigrationMode string

// The migration modes.
const (
	// KeepRunning leaves instances on their version (the default).
	KeepRunning MigrationMode = "keep_running"
	// Migrate moves instances onto the new version with a node mapping.
	Migrate MigrationMode = "migrate"
	// CancelAndRestart cancels instances and starts new ones on the new
	// version for the same record.
	CancelAndRestart MigrationMode = "cancel_and_restart"
)

// MigrationPlan is the choice made on publish.
type MigrationPlan struct {
	Mode MigrationMode `json:"mode"`
	// Mapping maps old node ids to new ones, for Migrate; a node absent
	// from it keeps its id.
	Mapping map[string]string `json:"mapping,omitempty"`
}

// MigrationNote records a migration choice and its effect on an instance.
type MigrationNote struct {
	At          time.Time     `bson:"at" json:"at"`
	By          string        `bson:"by" json:"by"`
	Mode        MigrationMode `bson:"mode" json:"mode"`
	FromVersion int           `bson:"from_version" json:"from_version"`
	ToVersion   int           `bson:"to_version" json:"to_version"`
	// Effect says what happened: "kept", "migrated", "restarted as <id>",
	// or "failed: <why>".
	Effect string `bson:"effect" json:"effect"`
}

// MigrationReport counts what a migration did.
type MigrationReport struct {
	Kept      int `json:"kept"`
	Migrated  int `json:"migrated"`
	Restarted int `json:"restarted"`
	Failed    int `json:"failed"`
}

// MigrateInstances applies plan to the running instances of process key's
// version from, moving them to the latest published version. Each
// instance records the choice and its effect. Only those who may change
// definitions may migrate.
func (s *Service) MigrateInstances(ctx context.Context, p auth.Principal, key string, from int,
	plan MigrationPlan) (MigrationReport, error) {
	var rep MigrationReport
	if !p.Can(auth.WriteDefinitions) {
		return rep, problem.New(problem.Forbidden, "engine.migrate_forbidden", nil)
	}
	v, err := s.deps.Definitions.Latest(ctx, p, designer.KindProcess, key)
	if err != nil {
		return rep, err
	}
	var insts []Instance
	err = s.instances(p.TenantID).FindAll(ctx, bson.D{{Key: "process_key", Value: key},
		{Key: "process_version", Value: from}, {Key: "status", Value: StatusRunning}}, &insts)
	if err != nil {
		return rep, fmt.Errorf("listing instances of %s v%d: %w", key, from, err)
	}
	for i := range insts {
		effect := s.migrateOne(ctx, &insts[i], v, plan)
		rep.count(effect)
		note := MigrationNote{At: s.clock.Now(), By: p.UserID, Mode: plan.Mode,
			FromVersion: from, ToVersion: v.Number, Effect: effect}
		_, err := s.instances(p.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: insts[i].ID}},
			bson.D{{Key: "$push", Value: bson.D{{Key: "migrations", Value: note}}}})
		if err != nil {
			return rep, fmt.Errorf("recording migration of %s: %w", insts[i].ID, err)
		}
	}
	return rep, nil
}

func (r *MigrationReport) count(effect string) {
	switch {
	case effect == "kept":
		r.Kept++
	case effect == "migrated":
		r.Migrated++
	case len(effect) > 9 && effect[:9] == "restarted":
		r.Restarted++
	default:
		r.Failed++
	}
}

// migrateOne applies the plan to one instance and says what it did.
func (s *Service) migrateOne(ctx context.Context, inst *Instance, v *designer.Version,
	plan MigrationPlan) string {
	switch plan.Mode {
	case Migrate:
		if err := s.rebase(ctx, inst, v, plan.Mapping); err != nil {
			return "failed: " + err.Error()
		}
		return "migrated"
	case CancelAndRestart:
		id, err := s.restart(ctx, inst, v)
		if err != nil {
			return "failed: " + err.Error()
		}
		return "restarted as " + id
	}
	return "kept"
}

// rebase moves inst onto version v in one conditional update.
func (s *Service) rebase(ctx context.Context, inst *Instance, v *designer.Version,
	mapping map[string]string) error {
	m, err := s.model(ctx, inst.TenantID, v.DefinitionID, v.Number)
	if err != nil {
		return err
	}
	in, err := s.input(ctx, inst, m, Event{}, nil)
	if err != nil {
		return err
	}
	res, err := m.Rebase(inst.State, mapping, in)
	if err != nil {
		return err
	}

	ok, err := s.instances(inst.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: inst.ID},
		{Key: "version", Value: inst.Version}}, bson.D{{Key: "$set", Value: bson.D{
		{Key: "tokens", Value: res.State.Tokens}, {Key: "process_version", Value: v.Number},
		{Key: "pending", Value: res.Effects}, {Key: "version", Value: inst.Version + 1}}}})
	if err != nil || !ok {
		return fmt.Errorf("moving instance %s: %w", inst.ID, errBusyOr(err))
	}
	inst.ProcessVersion = v.Number
	return s.apply(ctx, inst, res.Effects, in.Record)
}

func errBusyOr(err error) error {
	if err != nil {
		return err
	}
	return errBusy
}

// restart cancels inst and starts the new version for the same record.
func (s *Service) restart(ctx context.Context, inst *Instance, v *designer.Version) (string,
	error) {
	if err := s.advance(ctx, inst.TenantID, inst.ID, Event{Kind: EventCancel,
		Reason: "restarted on a new version"}); err != nil {
		return "", err
	}
	m, err := s.model(ctx, inst.TenantID, v.DefinitionID, v.Number)
	if err != nil {
		return "", err
	}
	id := instanceID(v.ID, inst.RecordID, "restart:"+inst.ID)
	ev := RecordEvent{ID: "restart:" + inst.ID, TenantID: inst.TenantID,
		RecordID: inst.RecordID}
	return id, s.start(ctx, v, m, id, ev, nil)
}
