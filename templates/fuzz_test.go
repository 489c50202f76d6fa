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
