package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/engine"
)

// fakeDefs serves published versions from memory.
type fakeDefs struct {
	versions map[string]designer.Version // by kind/key
}

func (f *fakeDefs) add(kind designer.Kind, key string, content any) {
	raw, _ := json.Marshal(content)
	id := string(kind) + "_" + key
	f.versions[string(kind)+"/"+key] = designer.Version{ID: id + "-v1", DefinitionID: id,
		Kind: kind, Key: key, Number: 1, Content: string(raw),
		Name: designer.Text{"en": key, "zh-CN": key}}
}

func (f *fakeDefs) PublishedAll(_ context.Context, _ auth.Principal,
	kind designer.Kind) ([]designer.Version, error) {
	var out []designer.Version
	for _, v := range f.versions {
		if v.Kind == kind {
			out = append(out, v)
		}
	}
	return out, nil
}

func (f *fakeDefs) Latest(_ context.Context, _ auth.Principal, kind designer.Kind,
	key string) (*designer.Version, error) {
	v, ok := f.versions[string(kind)+"/"+key]
	if !ok {
		return nil, problem.NotFoundf(string(kind) + ".not_published")
	}
	return &v, nil
}

func (f *fakeDefs) Version(_ context.Context, _ auth.Principal, kind designer.Kind, id string,
	n int) (*designer.Version, error) {
	for _, v := range f.versions {
		if v.Kind == kind && v.DefinitionID == id && v.Number == n {
			return &v, nil
		}
	}
	return nil, fmt.Errorf("no version %s v%d", id, n)
}

// leadForm and followUpForm are small forms for the lead process.
var (
	leadForm = map[string]any{"schema": map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
		"properties": map[string]any{"company": map[string]any{"type": "string"},
			"amount": map[string]any{"type": "number"}}}}
	followUpForm = map[string]any{"schema": map[string]any{
		"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
		"required": []string{"result"},
		"properties": map[string]any{"result": map[string]any{"type": "string"},
			"next_action": map[string]any{"type": "string"}}}}
)

// directory is the people of the tests: a rep, their supervisor and the
// supervisor's manager.
var directory = engine.MemDirectory{
	"u_owner": {ID: "u_owner", Name: "Wang Lei", ManagerID: "u_sup", Team: "east",
		Roles: []auth.Role{auth.Rep}},
	"u_sup":   {ID: "u_sup", Name: "Li Na", ManagerID: "u_vp", Roles: []auth.Role{auth.Supervisor}},
	"u_vp":    {ID: "u_vp", Name: "Zhao Min", Roles: []auth.Role{auth.Admin}},
	"u_other": {ID: "u_other", Name: "Chen Jie", Team: "east", Roles: []auth.Role{auth.Rep}},
}

// fixture is a Service over the embedded store with in-memory deps.
type fixture struct {
	svc     *engine.Service
	clock   *clock.Manual
	timers  *engine.MemTimers
	outbox  *engine.MemOutbox
	records *engine.MemRecords
	store   *mongo.Store
	tenant  string
	// cals are the engine's calendars; a test may replace one.
	cals engine.StaticCalendars
}

func newFixture(t *testing.T, g process.Graph) *fixture {
	t.Helper()
	return newFixtureWith(t, g, nil)
}

// newFixtureWith is newFixture with the deps changed by adjust, if given.
func newFixtureWith(t *testing.T, g process.Graph, adjust func(*fakeDefs,
	*engine.Deps)) *fixture {
	t.Helper()
	defs := &fakeDefs{versions: map[string]designer.Version{}}
	defs.add(designer.KindForm, "lead", leadForm)
	defs.add(designer.KindForm, "follow_up", followUpForm)
	raw, _ := json.Marshal(g)
	defs.add(designer.KindProcess, "lead_response", map[string]any{"graph": json.RawMessage(raw)})

	f := &fixture{clock: clock.NewManual(monday10.UTC()), timers: engine.NewMemTimers(),
		outbox: &engine.MemOutbox{}, tenant: "t1",
		records: engine.NewMemRecords(&engine.Record{ID: "r1", Form: "lead",
			OwnerID: "u_owner", Data: map[string]any{"company": "Acme"}})}
	f.store = testenv.Mongo(t)
	cals := engine.StaticCalendars{"cn_workdays": calendar.Default()}
	f.cals = cals
	deps := engine.Deps{
		Records: f.records, Timers: f.timers, Outbox: f.outbox, Ledger: &engine.MemLedger{},
		Definitions: defs, Directory: directory,
		Calendars: cals}
	if adjust != nil {
		adjust(defs, &deps)
	}
	svc, err := engine.New(f.store, f.clock, testenv.Logger(), deps)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.svc = svc
	return f
}

// as returns a principal of the fixture's tenant.
func (f *fixture) as(user string, roles ...auth.Role) auth.Principal {
	return auth.Principal{TenantID: f.tenant, UserID: user, Roles: roles}
}

// created is the record-created event of r1.
func (f *fixture) created(id string) engine.RecordEvent {
	return engine.RecordEvent{ID: id, TenantID: f.tenant, Kind: engine.RecordCreated,
		RecordID: "r1", Form: "lead"}
}
