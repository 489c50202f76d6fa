package templates_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/templates"
)

// miniBase is a small plain pack for overlay tests: a form with a stage
// that a process quotes, and a dashboard.
var miniBase = fstest.MapFS{
	"base/manifest.json": {Data: []byte(`{"id": "base", "version": "1.0.0",
		"name": {"en": "Base", "zh-CN": "基础"}, "industries": ["general"], "sizes": ["s"],
		"requires": {"roles": ["supervisor"]}}`)},
	"base/forms/deal.json": {Data: []byte(`{"key": "deal", "name": {"en": "Deal", "zh-CN": "商机"},
		"schema": {"type": "object", "required": ["title", "stage"], "properties": {
			"title": {"type": "string"},
			"stage": {"type": "string", "enum": ["new", "won", "lost"]}}},
		"layout": {"sections": [{"fields": [
			{"name": "title", "kind": "text", "label": {"en": "Title", "zh-CN": "标题"}},
			{"name": "stage", "kind": "select", "label": {"en": "Stage", "zh-CN": "阶段"},
				"settings": {"options": [{"value": "new"}, {"value": "won"}, {"value": "lost"}]}}
		]}]}}`)},
	"base/processes/watch.json": {Data: []byte(`{"key": "watch",
		"name": {"en": "Watch", "zh-CN": "关注"}, "graph": {"nodes": [
			{"id": "start", "kind": "trigger", "name": {"en": "Start"},
				"config": {"on": "record_created", "form": "deal"}},
			{"id": "task", "kind": "user_task", "name": {"en": "Call"},
				"config": {"assignee": {"rule": "owner"}, "due": "2h"}},
			{"id": "end", "kind": "end", "name": {"en": "End"}, "config": {}}],
		"edges": [{"id": "e1", "from": "start", "to": "task"},
			{"id": "e2", "from": "task", "to": "end", "condition": "record.stage == 'won'"}]}}`)},
	"base/dashboards/board.json": {Data: []byte(`{"key": "board",
		"name": {"en": "Board", "zh-CN": "看板"}, "widgets": [{"id": "deals",
			"title": {"en": "Deals"}, "chart": "number",
			"metric": {"kind": "count", "source": "records", "form": "deal"}}]}`)},
	"base/samples/records.json": {Data: []byte(`[{"form": "deal",
		"data": {"title": "A", "stage": "new"}}]`)},
}

// withOverlay is miniBase plus an overlay folder "ed" holding overlay.
func withOverlay(overlay string, more fstest.MapFS) fstest.MapFS {
	fsys := fstest.MapFS{"ed/overlay.json": {Data: []byte(overlay)}}
	for k, v := range miniBase {
		fsys[k] = v
	}
	for k, v := range more {
		fsys["ed/"+k] = v
	}
	return fsys
}

const goodOverlay = `{"id": "ed", "version": "2.0.0", "kind": "edition", "base": "base",
	"name": {"en": "Edition", "zh-CN": "行业版"}, "industries": ["saas"],
	"forms": {"deal": {"name": {"en": "Opportunity", "zh-CN": "机会"},
		"labels": {"title": {"en": "Account", "zh-CN": "客户"}},
		"options": {"stage": [{"value": "new"}, {"value": "trial"}, {"value": "won"}]},
		"fields": [{"name": "seats", "kind": "number", "required": true,
			"label": {"en": "Seats", "zh-CN": "席位"}, "schema": {"type": "integer"}}]}},
	"processes": {"watch": {"nodes": {"task": {"name": {"en": "Demo"},
		"config": {"due": "4h"}}}}},
	"dashboards": {"board": {"titles": {"deals": {"en": "Opportunities"}}}}}`

// TestOverlayResolves resolves a good overlay and reads back every change
// it makes in the resulting pack.
func TestOverlayResolves(t *testing.T) {
	c, err := templates.Load(withOverlay(goodOverlay, fstest.MapFS{
		"samples/records.json": {Data: []byte(`[{"form": "deal",
			"data": {"title": "B", "stage": "trial", "seats": 3}}]`)}}))
	if err != nil {
		t.Fatal(describe(err))
	}
	pk, err := c.Pack("ed")
	if err != nil {
		t.Fatal(err)
	}
	if m := pk.Manifest; m.Version != "2.0.0" || m.Industries[0] != "saas" ||
		m.Sizes[0] != "s" || m.Requires.Roles[0] != "supervisor" {
		t.Errorf("manifest = %+v, want the overlay's version and industry, the base's rest", m)
	}
	got := map[string]any{
		"form name":     item(t, pk, designer.KindForm, "deal").Meta.Name["en"],
		"label":         pick(t, pk, "deal", "layout.sections.0.fields.0.label.en"),
		"options":       pick(t, pk, "deal", "layout.sections.0.fields.1.settings.options.1.value"),
		"enum":          pick(t, pk, "deal", "schema.properties.stage.enum"),
		"required":      pick(t, pk, "deal", "schema.required"),
		"new field":     pick(t, pk, "deal", "layout.sections.0.fields.2.name"),
		"node name":     pick(t, pk, "watch", "graph.nodes.1.name.en"),
		"node due":      pick(t, pk, "watch", "graph.nodes.1.config.due"),
		"node assignee": pick(t, pk, "watch", "graph.nodes.1.config.assignee.rule"),
		"widget title":  pick(t, pk, "board", "widgets.0.title.en"),
	}
	want := map[string]any{"form name": "Opportunity", "label": "Account", "options": "trial",
		"enum": []any{"new", "trial", "won"}, "required": []any{"title", "stage", "seats"},
		"new field": "seats", "node name": "Demo", "node due": "4h", "node assignee": "owner",
		"widget title": "Opportunities"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resolved pack (-want +got):\n%s", diff)
	}
	if base, _ := c.Pack("base"); pick(t, base, "deal", "layout.sections.0.fields.0.label.en") !=
		"Title" {
		t.Error("resolving the overlay changed its base")
	}
	pv, _ := c.Get("ed")
	if pv.Kind != templates.KindEdition || pv.Base != "base" || pv.SampleRecords != 1 {
		t.Errorf("preview = %+v, want an edition of base with its own sample", pv.Summary)
	}
}

// TestOverlayRefusals loads overlays with one mistake each: the load fails
// with a localised refusal pointing into overlay.json.
func TestOverlayRefusals(t *testing.T) {
	tests := []struct {
		name    string
		overlay string
		wantPtr string
		wantMsg string // English message of the first problem
	}{
		{"unknown base", `"base": "nope"`, "/base",
			`There is no plain pack "nope" to build on; the library has: base.`},
		{"unknown field", `"forms": {"deal": {"labels": {"titel": {"en": "X"}}}}`,
			"/forms/deal/labels/titel", `Form "deal" has no field "titel".`},
		{"unknown form", `"forms": {"lead": {"name": {"en": "X"}}}`, "/forms/lead",
			`The base packs have no form "lead".`},
		{"unknown node", `"processes": {"watch": {"nodes": {"nope": {"name": {"en": "X"}}}}}`,
			"/processes/watch/nodes/nope", `Process "watch" has no node "nope".`},
		{"unknown widget", `"dashboards": {"board": {"titles": {"nope": {"en": "X"}}}}`,
			"/dashboards/board/titles/nope", `Dashboard "board" has no widget "nope".`},
		{"option still quoted", `"forms": {"deal": {"options": {"stage": [{"value": "new"},
			{"value": "lost"}]}}}`, "/forms/deal/options/stage", `Option "won" of deal.stage is ` +
			`removed, but "watch" still compares against it; keep the value and give it a ` +
			`new label.`},
		{"field exists", `"forms": {"deal": {"fields": [{"name": "stage", "kind": "text",
			"schema": {"type": "string"}}]}}`, "/forms/deal/fields/0/name",
			`Form "deal" already has a field "stage"; change it through labels, options or ` +
				`required instead.`},
		{"options of a text field", `"forms": {"deal": {"options": {"title": []}}}`,
			"/forms/deal/options/title",
			`Field "title" is not a select field, so it has no options.`},
		{"unknown member", `"colour": "red"`, "/colour", "This field is not accepted here."},
		{"drop unknown", `"drop": [{"kind": "form", "key": "nope"}]`, "/drop/0",
			`The base packs have no form "nope".`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			overlay := `{"id": "ed", "version": "1", "kind": "edition", "base": "base",
				"name": {"en": "E"}, ` + tt.overlay + `}`
			if strings.Contains(tt.overlay, `"base"`) {
				overlay = `{"id": "ed", "version": "1", "kind": "edition",
					"name": {"en": "E"}, ` + tt.overlay + `}`
			}
			_, err := templates.Load(withOverlay(overlay, nil))
			pe, ok := problem.As(err)
			if !ok || pe.Code != "templates.overlay_invalid" || len(pe.Fields) == 0 {
				t.Fatalf("Load = %v, want a templates.overlay_invalid refusal", err)
			}
			f := pe.Fields[0]
			if f.Pointer != tt.wantPtr || f.Message(i18n.English) != tt.wantMsg {
				t.Errorf("first problem = %s %q, want %s %q", f.Pointer,
					f.Message(i18n.English), tt.wantPtr, tt.wantMsg)
			}
			if zh := f.Message(i18n.Chinese); zh == f.Message(i18n.English) || zh == "" {
				t.Errorf("no Chinese message: %q", zh)
			}
		})
	}
}

func TestOverlayRefusalIsLocalised(t *testing.T) {
	_, err := templates.Load(withOverlay(`{"id": "ed", "version": "1", "kind": "edition",
		"base": "lead", "name": {"en": "E"}}`, nil))
	pe, _ := problem.As(err)
	if pe == nil {
		t.Fatalf("Load = %v, want a refusal", err)
	}
	want := map[i18n.Locale]string{
		i18n.Chinese: "模板“ed”无法在其基础模板上生成：共 1 处问题，第一处在 /base。",
		i18n.English: `Template "ed" cannot be built from its base packs: 1 problem(s), ` +
			"the first at /base.",
	}
	for loc, msg := range want {
		if got := i18n.T(loc, pe.Code, pe.Params); got != msg {
			t.Errorf("%s detail = %q, want %q", loc, got, msg)
		}
	}
	if got := pe.Fields[0].Message(i18n.Chinese); got != "没有可作为基础的模板“lead”；模板库中有：base。" {
		t.Errorf("Chinese field message = %q", got)
	}
}

// TestOverlayDropsAndIncludes bundles a second pack into a starter and
// drops one of the base's definitions with its samples.
func TestOverlayDropsAndIncludes(t *testing.T) {
	fsys := withOverlay(`{"id": "ed", "version": "1", "kind": "starter", "base": "base",
		"include": ["extra"], "name": {"en": "S"}, "keep_base_samples": true,
		"drop": [{"kind": "process", "key": "watch"}]}`, fstest.MapFS{
		"dashboards/more.json": {Data: []byte(`{"key": "more", "name": {"en": "More"},
			"widgets": []}`)}})
	fsys["extra/manifest.json"] = &fstest.MapFile{Data: []byte(`{"id": "extra",
		"version": "1", "name": {"en": "Extra"}, "requires": {"roles": ["service"]}}`)}
	fsys["extra/forms/note.json"] = &fstest.MapFile{Data: []byte(`{"key": "note",
		"name": {"en": "Note"}, "schema": {"type": "object", "properties": {}},
		"layout": {"sections": []}}`)}
	c, err := templates.Load(fsys)
	if err != nil {
		t.Fatal(describe(err))
	}
	pk, _ := c.Pack("ed")
	var got []string
	for _, it := range pk.Items {
		got = append(got, string(it.Kind)+":"+it.Meta.Key)
	}
	want := []string{"form:deal", "dashboard:board", "form:note", "dashboard:more"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("definitions (-want +got):\n%s", diff)
	}
	if r := pk.Manifest.Requires.Roles; !slices.Equal(r, []string{"supervisor", "service"}) {
		t.Errorf("requires roles = %v, want both packs' roles", r)
	}
	if pv, _ := c.Get("ed"); pv.SampleRecords != 1 || pv.Includes[0] != "extra" {
		t.Errorf("preview = %+v", pv)
	}
}

func item(t *testing.T, pk *designer.Pack, kind designer.Kind, key string) designer.PackItem {
	t.Helper()
	for _, it := range pk.Items {
		if it.Kind == kind && it.Meta.Key == key {
			return it
		}
	}
	t.Fatalf("pack %s has no %s %s", pk.Manifest.ID, kind, key)
	return designer.PackItem{}
}

// pick reads a dotted path ("layout.sections.0.label") from the content of
// the definition key, whatever its kind.
func pick(t *testing.T, pk *designer.Pack, key, path string) any {
	t.Helper()
	var v any
	for _, it := range pk.Items {
		if it.Meta.Key == key {
			if err := json.Unmarshal(it.Content, &v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[step]
		case []any:
			var i int
			fmt.Sscan(step, &i)
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// describe spells out a refusal's field errors.
func describe(err error) string {
	pe, ok := problem.As(err)
	if !ok {
		return fmt.Sprint(err)
	}
	var b strings.Builder
	b.WriteString(err.Error())
	for _, f := range pe.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Pointer, f.Message(i18n.English))
	}
	return b.String()
}

// pointers lists a refusal's field pointers.
func pointers(err error) []string {
	pe, ok := problem.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range pe.Fields {
		out = append(out, f.Pointer)
	}
	return out
}
