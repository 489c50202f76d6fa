package designer_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/problem"
)

// FuzzReadArchive feeds arbitrary bytes to the pack reader: it must never
// panic, and every refusal must be a problem a person can read.
func FuzzReadArchive(f *testing.F) {
	f.Add(zipOf(f, map[string]string{"manifest.json": `{"id":"a","version":"1",` +
		`"name":{"en":"A"}}`, "forms/lead.json": `{"key":"lead","name":{"en":"L"}}`}))
	f.Add(zipOf(f, map[string]string{"pack/manifest.json": `{}`,
		"pack/processes/x.yaml": "key: x\ngraph: {nodes: []}\n"}))
	f.Add([]byte("PK\x03\x04 not really"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pk, err := designer.ReadArchive(data)
		if err == nil {
			if pk == nil || pk.Manifest.ID == "" {
				t.Fatalf("accepted a pack without an id: %+v", pk)
			}
			return
		}
		if _, ok := problem.As(err); !ok {
			t.Fatalf("refusal is not a problem: %v", err)
		}
	})
}

// FuzzReadBundle does the same for packs sent as one JSON document.
func FuzzReadBundle(f *testing.F) {
	f.Add(`{"id":"a","version":"1","name":{"en":"A"}}`, `{"key":"lead","name":{"en":"L"}}`)
	f.Add(`{}`, `[]`)
	f.Add(`{"id":"B"}`, `{"key":"x","app":"y","schema":{"$ref":"#"}}`)
	f.Fuzz(func(t *testing.T, manifest, file string) {
		var m designer.Manifest
		if json.Unmarshal([]byte(manifest), &m) != nil {
			return
		}
		_, err := designer.ReadBundle(m, map[designer.Kind][]json.RawMessage{
			designer.KindForm: {json.RawMessage(file)}})
		if err != nil {
			if _, ok := problem.As(err); !ok {
				t.Fatalf("refusal is not a problem: %v", err)
			}
		}
	})
}

func zipOf(tb testing.TB, files map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
