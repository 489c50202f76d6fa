package templates_test

import (
	"testing"
	"testing/fstest"

	"github.com/formworkhq/formwork/templates"
)

// FuzzLoad feeds arbitrary manifests and sample files to the pack loader:
// it must refuse or accept, never panic, and an accepted pack is listed.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"id": "p", "version": "1", "name": {"en": "P", "zh-CN": "包"}}`),
		[]byte(`[{"form": "lead", "data": {"company": "Acme"}}]`))
	f.Add([]byte(`{"id": "p"}`), []byte(`{}`))
	f.Add([]byte(`not json`), []byte(`[{"form": ""}]`))
	f.Fuzz(func(t *testing.T, manifest, samples []byte) {
		fsys := fstest.MapFS{"p/manifest.json": {Data: manifest},
			"p/samples/records.json": {Data: samples}}
		c, err := templates.Load(fsys)
		if err != nil {
			return
		}
		if got := c.List(templates.Filter{}); len(got) != 1 || got[0].ID != "p" {
			t.Fatalf("accepted pack listed as %+v", got)
		}
		if _, err := c.Get("p"); err != nil {
			t.Fatalf("accepted pack has no preview: %v", err)
		}
	})
}

// FuzzOverlay feeds arbitrary overlay.json documents, resolved against a
// small base pack: the load refuses or accepts, never panics; an accepted
// overlay is listed with its base and has a preview, and its base is left
// as it was.
func FuzzOverlay(f *testing.F) {
	f.Add([]byte(goodOverlay))
	f.Add([]byte(`{"id": "ed", "version": "1", "kind": "edition", "base": "nope",
		"name": {"en": "E"}}`))
	f.Add([]byte(`{"id": "ed", "version": "1", "kind": "starter", "base": "base",
		"name": {"en": "E"}, "include": ["base"], "drop": [{"kind": "form", "key": "deal"}]}`))
	f.Add([]byte(`{"id": "ed", "version": "1", "kind": "edition", "base": "base",
		"name": {"en": "E"}, "forms": {"deal": {"sections": [{"fields": [{"name": "x",
		"kind": "text", "schema": {"type": "string"}}]}], "rules": [null]}},
		"processes": {"watch": {"nodes": {"task": {"config": {"assignee": null}}},
		"edges": {"e2": {"condition": ""}}}}}`))
	f.Add([]byte(`{"forms": {"deal": {"options": {"stage": [{"value": 1}]}}}}`))
	f.Fuzz(func(t *testing.T, overlay []byte) {
		c, err := templates.Load(withOverlay(string(overlay), nil))
		if err != nil {
			return
		}
		got := c.List(templates.Filter{Kind: templates.KindEdition})
		got = append(got, c.List(templates.Filter{Kind: templates.KindStarter})...)
		if len(got) != 1 || got[0].ID != "ed" || got[0].Base != "base" {
			t.Fatalf("accepted overlay listed as %+v", got)
		}
		if _, err := c.Get("ed"); err != nil {
			t.Fatalf("accepted overlay has no preview: %v", err)
		}
		base, _ := c.Pack("base")
		if pick(t, base, "deal", "layout.sections.0.fields.0.label.en") != "Title" {
			t.Fatal("resolving the overlay changed its base")
		}
	})
}
