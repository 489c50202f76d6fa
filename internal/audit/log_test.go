package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
)

const (
	tenantA = "01jaaaaaaaaaaaaaaaaaaaaaaa"
	tenantB = "01jbbbbbbbbbbbbbbbbbbbbbbb"
	actor   = "01jcccccccccccccccccccccc0"
)

func newLog(t *testing.T) (*audit.Log, *clock.Manual) {
	t.Helper()
	clk := clock.NewManual(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	l := audit.New(testenv.Mongo(t), clk, testenv.Logger())
	if err := l.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	return l, clk
}

func actions(es []audit.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Action
	}
	return out
}

func TestRecordAndListNewestFirst(t *testing.T) {
	l, clk := newLog(t)
	ctx := audit.WithIP(context.Background(), "203.0.113.7")
	seed := []audit.Entry{
		{ActorID: actor, Action: audit.DefinitionSave, ObjectKind: "form", Summary: "layout"},
		{ActorID: actor, Action: audit.DefinitionPublish, ObjectKind: "form", Summary: "v1"},
		{ActorID: actor, Action: audit.AccessDenied, Outcome: audit.Denied},
		{ActorID: actor, Action: audit.UserUpdate, ObjectKind: "user", Summary: "roles"},
	}
	for _, e := range seed {
		l.Record(ctx, tenantA, e)
		clk.Advance(time.Minute)
	}
	l.Record(ctx, tenantB, audit.Entry{Action: audit.TokenCreate})
	l.Record(ctx, "", audit.Entry{Action: audit.AccessDenied}) // no tenant: not kept

	got, more, err := l.List(ctx, tenantA, audit.Filter{}, "", 50)
	if err != nil || more {
		t.Fatalf("list = %v, more %v", err, more)
	}
	want := []string{audit.UserUpdate, audit.AccessDenied, audit.DefinitionPublish,
		audit.DefinitionSave}
	if diff := cmp.Diff(want, actions(got)); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	if got[0].IP != "203.0.113.7" || got[0].Outcome != audit.OK || got[1].Outcome != audit.Denied {
		t.Errorf("newest = %+v, next = %+v", got[0], got[1])
	}
	if !got[0].At.Equal(time.Date(2026, 3, 2, 8, 3, 0, 0, time.UTC)) {
		t.Errorf("at = %v", got[0].At)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	l, clk := newLog(t)
	ctx := context.Background()
	for i, a := range []string{audit.DefinitionSave, audit.DefinitionPublish,
		audit.DefinitionDelete, audit.TokenCreate, audit.AccessDenied} {
		out := audit.OK
		if a == audit.AccessDenied {
			out = audit.Denied
		}
		who := actor
		if i == 0 {
			who = "01jdddddddddddddddddddddd0"
		}
		l.Record(ctx, tenantA, audit.Entry{ActorID: who, Action: a, Outcome: out})
		clk.Advance(time.Hour)
	}
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

	tests := []struct {
		name string
		f    audit.Filter
		want []string
	}{
		{"prefix", audit.Filter{Actions: []string{audit.DefinitionSave,
			audit.DefinitionPublish, audit.DefinitionDelete}},
			[]string{audit.DefinitionDelete, audit.DefinitionPublish, audit.DefinitionSave}},
		{"outcome", audit.Filter{Outcome: audit.Denied}, []string{audit.AccessDenied}},
		{"actor", audit.Filter{ActorID: "01jdddddddddddddddddddddd0"},
			[]string{audit.DefinitionSave}},
		{"window", audit.Filter{Since: start.Add(time.Hour), Until: start.Add(3 * time.Hour)},
			[]string{audit.DefinitionDelete, audit.DefinitionPublish}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := l.List(ctx, tenantA, tt.f, "", 50)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, actions(got)); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
		})
	}

	var all []string
	after := ""
	for page := 0; ; page++ {
		got, more, err := l.List(ctx, tenantA, audit.Filter{}, after, 2)
		if err != nil || page > 3 {
			t.Fatalf("page %d: %v", page, err)
		}
		all = append(all, actions(got)...)
		if !more {
			break
		}
		after = got[len(got)-1].ID
	}
	if len(all) != 5 || all[0] != audit.AccessDenied || all[4] != audit.DefinitionSave {
		t.Errorf("paged = %v", all)
	}
}

// TestFailedWriteIsCountedNotReturned: a store that refuses the write
// leaves the caller untouched and moves the failure counter.
func TestFailedWriteIsCountedNotReturned(t *testing.T) {
	l, _ := newLog(t)
	before := failures(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l.Record(ctx, tenantA, audit.Entry{Action: audit.TokenRevoke})
	if got := failures(t) - before; got != 1 {
		t.Errorf("failures counted = %v, want 1", got)
	}
	var nilLog *audit.Log
	nilLog.Record(ctx, tenantA, audit.Entry{Action: audit.TokenRevoke})
}

func TestFieldSummaryKeepsOnlyNames(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"sorted and unique", []string{"roles", "manager_id", "roles"}, "manager_id,roles"},
		{"values dropped", []string{"Owner-Passw0rd", "whsec_abc+/=", "settings.url"},
			"settings.url"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := audit.FieldSummary(tt.in); got != tt.want {
				t.Errorf("FieldSummary(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// failures reads the write-failure counter.
func failures(t *testing.T) float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(audit.Metrics())
	got, err := reg.Gather()
	if err != nil || len(got) != 1 {
		t.Fatalf("gather = %v, %v", got, err)
	}
	return got[0].GetMetric()[0].GetCounter().GetValue()
}
