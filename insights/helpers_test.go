package insights_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/record"
)

const tenant = "tenant_a"

// fixture is insights over the test store, fed by a records service, in
// one tenant with an admin, a supervisor and three reps.
type fixture struct {
	t        testing.TB
	ctx      context.Context
	store    *mongo.Store
	clock    *clock.Manual
	designer *designer.Service
	records  *record.Service
	svc      *insights.Service
	admin    auth.Principal
	reps     []auth.Principal
	events   *eventLog
	alerts   *alertLog
}

// eventLog keeps every record event, for replaying duplicates.
type eventLog struct {
	mu   sync.Mutex
	list []record.Event
}

func (l *eventLog) add(e record.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, e)
}

// alertLog keeps the alerts raised.
type alertLog struct {
	mu   sync.Mutex
	list []insights.Alert
}

func (l *alertLog) Alert(_ context.Context, _ string, a insights.Alert) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, old := range l.list {
		if old.DedupeKey == a.DedupeKey {
			return nil
		}
	}
	l.list = append(l.list, a)
	return nil
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	store := testenv.Mongo(t)
	clk := clock.NewManual(time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC))
	d := designer.New(store, clk, testenv.Logger())
	recs := record.New(store, d, clk, testenv.Logger())
	svc := insights.New(store, d, clk, insights.Config{}, testenv.Logger())
	for _, ensure := range []func(context.Context) error{d.EnsureIndexes,
		recs.EnsureIndexes, svc.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	f := &fixture{t: t, ctx: ctx, store: store, clock: clk, designer: d, records: recs,
		svc: svc, events: &eventLog{}, alerts: &alertLog{}}
	svc.SetAlerter(f.alerts)
	gen := ids.NewGenerator(clk)
	f.admin = f.user(gen, "Admin", auth.Admin, "")
	for i, name := range []string{"Wang Lei", "Li Na", "Chen Jie"} {
		f.reps = append(f.reps, f.user(gen, name, auth.Rep, []string{"east", "east", "west"}[i]))
	}
	recs.Subscribe(func(ctx context.Context, e record.Event) {
		f.events.add(e)
		if err := svc.OnRecordEvent(ctx, e); err != nil {
			t.Errorf("event %s: %v", e.ID, err)
		}
	})
	return f
}

func (f *fixture) user(gen *ids.Generator, name string, role auth.Role,
	team string) auth.Principal {
	f.t.Helper()
	u := &auth.User{ID: gen.New(), Email: gen.New() + "@example.com", Name: name,
		Roles: []auth.Role{role}, Team: team, Version: 1}
	if err := f.store.Scope(tenant).C(auth.UsersCollection).InsertOne(f.ctx, u); err != nil {
		f.t.Fatal(err)
	}
	return auth.Principal{TenantID: tenant, UserID: u.ID, Roles: u.Roles}
}

// leadForm has a stage, a region, an amount and a company.
func leadForm() map[string]any {
	return map[string]any{
		"schema": map[string]any{"type": "object", "required": []string{"company"},
			"properties": map[string]any{
				"company": map[string]any{"type": "string", "minLength": 1, "maxLength": 100},
				"region":  map[string]any{"type": "string", "enum": []string{"east", "west"}},
				"amount":  map[string]any{"type": "number", "minimum": 0},
				"stage": map[string]any{"type": "string",
					"enum": []string{"new", "contacted", "won", "lost"}},
			}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "company", "kind": "text",
				"label": map[string]string{"en": "Company", "zh-CN": "公司"}},
		}}}},
	}
}

func widget(id, chart string, metric map[string]any, extra map[string]any) map[string]any {
	w := map[string]any{"id": id, "chart": chart, "metric": metric,
		"title": map[string]string{"en": id, "zh-CN": id}}
	for k, v := range extra {
		w[k] = v
	}
	return w
}

// leadDashboard measures leads every way a metric can.
func leadDashboard() map[string]any {
	count := map[string]any{"kind": "count", "source": "records", "form": "lead"}
	won := map[string]any{"kind": "count", "source": "records", "form": "lead",
		"filter": "record.stage == 'won'"}
	return map[string]any{
		"filters": []string{"owner", "region", "team"},
		"widgets": []any{
			widget("leads", "number", count, map[string]any{"bucket": "day"}),
			widget("by_rep", "leaderboard", count,
				map[string]any{"group_by": []string{"owner"}, "top": 2}),
			widget("win_rate", "bar", map[string]any{"kind": "ratio", "numerator": won,
				"denominator": count}, map[string]any{"group_by": []string{"region"}}),
			widget("amount", "table", map[string]any{"kind": "sum", "source": "records",
				"form": "lead", "field": "amount"}, map[string]any{"group_by": []string{"stage"}}),
			widget("avg_amount", "number", map[string]any{"kind": "avg", "source": "records",
				"form": "lead", "field": "amount"}, map[string]any{"bucket": "week"}),
			widget("companies", "number", map[string]any{"kind": "distinct",
				"source": "records", "form": "lead", "field": "company"}, nil),
			widget("funnel", "funnel", count, nil),
			widget("calls", "bar", map[string]any{"kind": "count", "source": "activities",
				"form": "lead"}, map[string]any{"group_by": []string{"owner"}}),
		},
	}
}

// publish creates and publishes a definition, returning its id.
func (f *fixture) publish(kind designer.Kind, key string, content map[string]any) string {
	f.t.Helper()
	meta := designer.Meta{Key: key, Name: designer.Text{"en": key, "zh-CN": key}}
	d, _, err := f.designer.Create(f.ctx, f.admin, kind, meta, raw(f.t, content))
	if err != nil {
		f.t.Fatalf("creating %s %s: %v", kind, key, err)
	}
	if _, err := f.designer.Publish(f.ctx, f.admin, kind, d.ID); err != nil {
		f.t.Fatalf("publishing %s %s: %v", kind, key, err)
	}
	return d.ID
}

// setup publishes the lead form and dashboard; it returns the dashboard id.
func (f *fixture) setup() string {
	f.t.Helper()
	f.publish(designer.KindForm, "lead", leadForm())
	return f.publish(designer.KindDashboard, "leads", leadDashboard())
}

func (f *fixture) submit(p auth.Principal, data map[string]any) *record.Record {
	f.t.Helper()
	r, err := f.records.Submit(f.ctx, p, record.SubmitInput{Form: "lead",
		Data: raw(f.t, data)})
	if err != nil {
		f.t.Fatalf("submitting: %v", err)
	}
	return r
}

func raw(t testing.TB, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
