package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/runtime/engine"
)

// tellOwner sends the owner a message naming them, as packs write it now
// and as older packs did.
const tellOwner = `{"nodes": [
 {"id": "start", "kind": "trigger", "config": {"on": "record_created", "form": "lead"}},
 {"id": "tell", "kind": "notify", "config": {"channel": "in_app",
  "recipients": [{"kind": "owner"}],
  "message": {"en": "Owner: {{owner.name}} / {{record.owner_name}}.",
   "zh-CN": "负责人：{{owner.name}}"}}},
 {"id": "end", "kind": "end"}],
 "edges": [
 {"id": "e1", "from": "start", "to": "tell"},
 {"id": "e2", "from": "tell", "to": "end"}]}`

func TestPersonPlaceholdersFallBack(t *testing.T) {
	cases := []struct {
		name   string
		person engine.Person
		want   string
	}{
		{"display name", engine.Person{ID: "u_owner", Name: "Wang Lei", Email: "wang@acme.cn"},
			"Owner: Wang Lei / Wang Lei."},
		{"no display name", engine.Person{ID: "u_owner", Email: "wang@acme.cn"},
			"Owner: wang@acme.cn / wang@acme.cn."},
		{"neither", engine.Person{ID: "u_owner"}, "Owner: u_owner / u_owner."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := engine.MemDirectory{"u_owner": tc.person}
			f := newFixtureWith(t, graphOf(t, tellOwner), func(_ *fakeDefs, d *engine.Deps) {
				d.Directory = dir
			})
			if err := f.svc.OnRecordEvent(context.Background(), f.created("ev1")); err != nil {
				t.Fatal(err)
			}
			msgs := f.outbox.All()
			if len(msgs) != 1 {
				t.Fatalf("%d messages, want 1", len(msgs))
			}
			if got := msgs[0].Text["en"]; got != tc.want {
				t.Errorf("text = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRecordLinkReachesTheOutbox checks that {{record.link}} is handed to
// the outbox to fill rather than blanked with the unknown placeholders.
func TestRecordLinkReachesTheOutbox(t *testing.T) {
	graph := strings.Replace(tellOwner, `Owner: {{owner.name}} / {{record.owner_name}}.`,
		`Open {{record.link}}{{no.such}}`, 1)
	f := newFixture(t, graphOf(t, graph))
	if err := f.svc.OnRecordEvent(context.Background(), f.created("ev1")); err != nil {
		t.Fatal(err)
	}
	msgs := f.outbox.All()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	if got := msgs[0].Text["en"]; got != "Open "+engine.LinkPlaceholder {
		t.Errorf("text = %q", got)
	}
}
