package record_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/record"
)

// fixture is a records service on the test store with two tenants: in
// tenant a an implementer, two reps and a disabled user; in tenant b one
// owner.
type fixture struct {
	t        testing.TB
	ctx      context.Context
	store    *mongo.Store
	clock    *clock.Manual
	designer *designer.Service
	svc      *record.Service
	impl     auth.Principal
	rep      auth.Principal
	rep2     auth.Principal
	other    auth.Principal
	disabled string
	events   *eventLog
}

// eventLog keeps the events the service emitted.
type eventLog struct {
	mu   sync.Mutex
	list []record.Event
}

func (l *eventLog) add(_ context.Context, e record.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, e)
}

func (l *eventLog) kinds() []record.EventKind {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []record.EventKind{}
	for _, e := range l.list {
		out = append(out, e.Kind)
	}
	return out
}

func (l *eventLog) last() record.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.list[len(l.list)-1]
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	store := testenv.Mongo(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	d := designer.New(store, clk, testenv.Logger())
	svc := record.New(store, d, clk, testenv.Logger())
	for _, ensure := range []func(context.Context) error{d.EnsureIndexes, svc.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}

	f := &fixture{t: t, ctx: ctx, store: store, clock: clk, designer: d, svc: svc,
		events: &eventLog{}}
	gen := ids.NewGenerator(clk)
	f.impl = f.user(gen, "tenant_a", auth.Implementer, false)
	f.rep = f.user(gen, "tenant_a", auth.Rep, false)
	f.rep2 = f.user(gen, "tenant_a", auth.Rep, false)
	f.disabled = f.user(gen, "tenant_a", auth.Rep, true).UserID
	f.other = f.user(gen, "tenant_b", auth.Owner, false)
	svc.Subscribe(f.events.add)
	return f
}

// user stores a user in tenant and returns its principal.
func (f *fixture) user(gen *ids.Generator, tenant string, role auth.Role,
	disabled bool) auth.Principal {
	f.t.Helper()
	u := &auth.User{ID: gen.New(), Email: gen.New() + "@example.com", Name: "Test",
		Roles: []auth.Role{role}, Disabled: disabled, Version: 1}
	if err := f.store.Scope(tenant).C(auth.UsersCollection).InsertOne(f.ctx, u); err != nil {
		f.t.Fatal(err)
	}
	return auth.Principal{TenantID: tenant, UserID: u.ID, Roles: u.Roles}
}

// customerForm is a form of customers, which leads link to.
func customerForm() map[string]any {
	return map[string]any{
		"schema": map[string]any{"type": "object", "required": []string{"name"},
			"properties": map[string]any{
				"name": map[string]any{"type": "string", "minLength": 1, "maxLength": 100}}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "name", "kind": "text",
				"label": map[string]string{"en": "Name", "zh-CN": "名称"}}}}}},
	}
}

// leadForm is a lead with mandatory profile tags, a stage, an amount, a
// customer link and, when withNote, a note field.
func leadForm(withNote bool) map[string]any {
	props := map[string]any{
		"company":      map[string]any{"type": "string", "minLength": 2, "maxLength": 100},
		"budget_cycle": map[string]any{"type": "string", "enum": []string{"monthly", "annual"}},
		"pain_level":   map[string]any{"type": "string", "enum": []string{"low", "high"}},
		"stage": map[string]any{"type": "string",
			"enum": []string{"new", "contacted", "won"}},
		"amount":   map[string]any{"type": "number", "minimum": 0},
		"customer": map[string]any{"type": "string", "minLength": 1, "maxLength": 64},
		"rep":      map[string]any{"type": "string", "minLength": 1, "maxLength": 64},
	}
	if withNote {
		props["note"] = map[string]any{"type": "string", "maxLength": 200}
	}
	return map[string]any{
		"schema": map[string]any{"type": "object", "properties": props,
			"required": []string{"company", "budget_cycle", "pain_level"}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "company", "kind": "text",
				"label": map[string]string{"en": "Company", "zh-CN": "公司名称"}},
			map[string]any{"name": "customer", "kind": "record_link",
				"settings": map[string]any{"form_key": "customer"}},
			map[string]any{"name": "rep", "kind": "user"},
		}}}},
	}
}

// publish creates (or updates) and publishes a form, returning its id.
func (f *fixture) publish(key string, content map[string]any) string {
	f.t.Helper()
	meta := designer.Meta{Key: key, Name: designer.Text{"en": key, "zh-CN": key}}
	d, err := f.designer.ByKey(f.ctx, f.impl, designer.KindForm, key)
	if err != nil {
		f.t.Fatal(err)
	}
	if d == nil {
		d, _, err = f.designer.Create(f.ctx, f.impl, designer.KindForm, meta, raw(f.t, content))
	} else {
		patch := designer.Patch{Content: map[string]json.RawMessage{
			"schema": raw(f.t, content["schema"]), "layout": raw(f.t, content["layout"])}}
		d, _, err = f.designer.Update(f.ctx, f.impl, designer.KindForm, d.ID, d.Revision, patch)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.designer.Publish(f.ctx, f.impl, designer.KindForm, d.ID); err != nil {
		f.t.Fatal(err)
	}
	return d.ID
}

// publishBoth publishes the customer and lead forms.
func (f *fixture) publishBoth() {
	f.t.Helper()
	f.publish("customer", customerForm())
	f.publish("lead", leadForm(false))
}

func validLead() map[string]any {
	return map[string]any{"company": "Acme", "budget_cycle": "annual", "pain_level": "high",
		"stage": "new"}
}

// submit stores a record and fails the test on error.
func (f *fixture) submit(p auth.Principal, form string, data map[string]any) *record.Record {
	f.t.Helper()
	r, err := f.svc.Submit(f.ctx, p, record.SubmitInput{Form: form, Data: raw(f.t, data)})
	if err != nil {
		f.t.Fatalf("submitting %s: %v", form, err)
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

// pointers maps each field error's pointer to its code.
func pointers(t *testing.T, err error) map[string]string {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid {
		t.Fatalf("err = %v, want an Invalid problem", err)
	}
	out := map[string]string{}
	for _, fe := range pe.Fields {
		out[fe.Pointer] = fe.Code
	}
	return out
}

// kindOf returns the problem kind of err, Internal for other errors and -1
// for nil.
func kindOf(err error) problem.Kind {
	if err == nil {
		return -1
	}
	if pe, ok := problem.As(err); ok {
		return pe.Kind
	}
	return problem.Internal
}

func metaOf(key string) designer.Meta {
	return designer.Meta{Key: key, Name: designer.Text{"en": key}}
}

// sortStrings compares string slices regardless of order.
var sortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })
