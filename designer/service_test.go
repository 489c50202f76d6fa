package designer_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
)

// fixture is a designer service on the test store with two tenants.
type fixture struct {
	svc         *designer.Service
	clock       *clock.Manual
	implementer auth.Principal
	rep         auth.Principal
	other       auth.Principal
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	svc := designer.New(testenv.Mongo(t), clk, testenv.Logger())
	if err := svc.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &fixture{svc: svc, clock: clk,
		implementer: auth.Principal{TenantID: "tenant_a", UserID: "u_impl",
			Roles: []auth.Role{auth.Implementer}},
		rep:   auth.Principal{TenantID: "tenant_a", UserID: "u_rep", Roles: []auth.Role{auth.Rep}},
		other: auth.Principal{TenantID: "tenant_b", UserID: "u_other", Roles: []auth.Role{auth.Owner}},
	}
}

func raw(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// taskBoard is a dashboard that needs no form.
func taskBoard(t *testing.T, widgets ...string) json.RawMessage {
	var ws []map[string]any
	for _, id := range widgets {
		ws = append(ws, map[string]any{"id": id, "title": map[string]string{"en": id},
			"chart": "number", "metric": map[string]any{"kind": "count", "source": "tasks"}})
	}
	return raw(t, map[string]any{"widgets": ws})
}

func meta(key string) designer.Meta {
	return designer.Meta{Key: key, Name: designer.Text{"en": "Board", "zh-CN": "看板"}}
}

func fieldCodes(t *testing.T, err error) map[string]string {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid {
		t.Fatalf("err = %v, want an Invalid problem", err)
	}
	out := map[string]string{}
	for _, f := range pe.Fields {
		out[f.Pointer] = f.Code
	}
	return out
}

func kindOf(err error) problem.Kind {
	if pe, ok := problem.As(err); ok {
		return pe.Kind
	}
	return problem.Internal
}

func TestDraftPublishAndVersions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard, meta("sales"),
		taskBoard(t, "open_tasks"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != designer.StatusDraft || d.Revision != 1 || d.Published != 0 {
		t.Fatalf("new draft = %+v", d)
	}

	pub, err := f.svc.Publish(ctx, f.implementer, designer.KindDashboard, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pub.Version.Number != 1 || len(pub.Version.Changes) != 0 {
		t.Fatalf("first publish = %+v", pub.Version)
	}

	patch := designer.Patch{Content: map[string]json.RawMessage{
		"widgets": raw(t, []map[string]any{{"id": "done_tasks", "title": map[string]string{
			"en": "Done"}, "chart": "number", "metric": map[string]any{"kind": "count",
			"source": "tasks"}}})}}
	d, _, err = f.svc.Update(ctx, f.implementer, designer.KindDashboard, d.ID, 2, patch)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != designer.StatusModified {
		t.Errorf("status after edit = %s, want modified", d.Status)
	}

	pub, err = f.svc.Publish(ctx, f.implementer, designer.KindDashboard, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range pub.Version.Changes {
		got = append(got, ch.Code+":"+ch.Subject)
	}
	want := []string{"widget_added:done_tasks", "widget_removed:open_tasks"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes of v2 (-want +got):\n%s", diff)
	}

	v1, err := f.svc.Version(ctx, f.implementer, designer.KindDashboard, d.ID, 1)
	if err != nil || v1.Number != 1 || !json.Valid(v1.ContentJSON()) {
		t.Fatalf("v1 = %+v, %v", v1, err)
	}
	versions, err := f.svc.Versions(ctx, f.implementer, designer.KindDashboard, d.ID)
	if err != nil || len(versions) != 2 {
		t.Fatalf("versions = %d, %v", len(versions), err)
	}
	changes, err := f.svc.Diff(ctx, f.implementer, designer.KindDashboard, d.ID, 1, 2)
	if err != nil || len(changes) != 2 {
		t.Fatalf("diff 1→2 = %v, %v", changes, err)
	}
}

func TestStaleRevisionIsAConflict(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard, meta("sales"),
		taskBoard(t, "a"))
	if err != nil {
		t.Fatal(err)
	}
	rename := designer.Patch{Name: designer.Text{"en": "Renamed"}}
	if _, _, err := f.svc.Update(ctx, f.implementer, designer.KindDashboard, d.ID, 1,
		rename); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.Update(ctx, f.implementer, designer.KindDashboard, d.ID, 1, rename)
	if kindOf(err) != problem.Conflict {
		t.Fatalf("second save on revision 1 = %v, want a conflict", err)
	}
}

func TestBadContentStoresNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	bad := raw(t, map[string]any{"widgets": []map[string]any{
		{"id": "x", "title": map[string]string{"en": "X"}, "chart": "donut",
			"metric": map[string]any{"kind": "sum", "source": "tasks"}},
		{"id": "x", "title": map[string]string{"en": "Y"}, "chart": "leaderboard",
			"metric": map[string]any{"kind": "ratio"}},
	}})
	_, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard,
		designer.Meta{Key: "Bad Key"}, bad)
	want := map[string]string{
		"/key":                          "invalid_key_format",
		"/name":                         "required",
		"/widgets/0/chart":              "not_allowed",
		"/widgets/0/metric/field":       "required",
		"/widgets/1/id":                 "duplicate",
		"/widgets/1/group_by":           "required",
		"/widgets/1/metric/numerator":   "required",
		"/widgets/1/metric/denominator": "required",
	}
	if diff := cmp.Diff(want, fieldCodes(t, err)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	list, _, err := f.svc.List(ctx, f.implementer, designer.KindDashboard,
		designer.ListQuery{Page: auth.Page{Limit: 10}})
	if err != nil || len(list) != 0 {
		t.Fatalf("list after refusal = %d, %v", len(list), err)
	}
}

func TestReadersSeeOnlyPublished(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard, meta("sales"),
		taskBoard(t, "a"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Get(ctx, f.rep, designer.KindDashboard, d.ID); kindOf(err) != problem.NotFound {
		t.Fatalf("rep reading a draft = %v, want not found", err)
	}
	if _, err := f.svc.Get(ctx, f.other, designer.KindDashboard, d.ID); kindOf(err) != problem.NotFound {
		t.Fatalf("another tenant reading = %v, want not found", err)
	}
	if _, err := f.svc.Publish(ctx, f.implementer, designer.KindDashboard, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Get(ctx, f.rep, designer.KindDashboard, d.ID); err != nil {
		t.Fatalf("rep reading a published dashboard: %v", err)
	}
	if err := f.svc.Archive(ctx, f.implementer, designer.KindDashboard, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Version(ctx, f.implementer, designer.KindDashboard, d.ID, 1); err != nil {
		t.Fatalf("archived version unreadable: %v", err)
	}
	_, err = f.svc.Publish(ctx, f.implementer, designer.KindDashboard, d.ID)
	if kindOf(err) != problem.Conflict {
		t.Fatalf("publishing an archived dashboard = %v, want conflict", err)
	}
}

func TestDuplicateKeyIsAFieldError(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i, want := range []string{"", "key_taken"} {
		_, _, err := f.svc.Create(ctx, f.implementer, designer.KindDashboard, meta("sales"),
			taskBoard(t, "a"))
		if want == "" && err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		if want != "" && fieldCodes(t, err)["/key"] != want {
			t.Fatalf("create %d = %v, want %s", i, err, want)
		}
	}
	// The same key in another tenant is fine.
	if _, _, err := f.svc.Create(ctx, f.other, designer.KindDashboard, meta("sales"),
		taskBoard(t, "a")); err != nil {
		t.Fatalf("same key in another tenant: %v", err)
	}
}

var _ = errors.New

func TestRecordLinkNeedsItsForm(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	content := raw(t, map[string]any{
		"schema": map[string]any{"type": "object", "properties": map[string]any{
			"customer": map[string]any{"type": "string", "minLength": 1, "maxLength": 64}}},
		"layout": map[string]any{"sections": []any{map[string]any{"fields": []any{
			map[string]any{"name": "customer", "kind": "record_link",
				"settings": map[string]any{"form_key": "customer"}}}}}},
	})
	_, _, err := f.svc.Create(ctx, f.implementer, designer.KindForm, meta("lead"), content)
	ptr := "/layout/sections/0/fields/0/settings/form_key"
	if fieldCodes(t, err)[ptr] != "unknown_form" {
		t.Fatalf("lead linking a missing form = %v", err)
	}
}
