package form_test

import (
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
)

// countingServer serves a schema and counts requests, so that tests can
// prove nothing was fetched.
func countingServer(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		_, _ = w.Write([]byte(`{"type": "string"}`))
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String(), &hits
}

func TestSchemaNeverFetches(t *testing.T) {
	base, hits := countingServer(t)
	tests := []struct {
		name   string
		change func(d doc)
		want   []spot
	}{
		{"remote $ref", func(d doc) {
			d.set("/schema/properties/owner", map[string]any{"$ref": base + "/user.json"})
		}, []spot{{"/schema/properties/owner/$ref", "form.remote_ref"}}},
		{"relative $ref", func(d doc) {
			d.set("/schema/properties/owner", map[string]any{"$ref": "user.json#/x"})
		}, []spot{{"/schema/properties/owner/$ref", "form.remote_ref"}}},
		{"file $ref", func(d doc) {
			d.set("/schema/properties/owner", map[string]any{"$ref": "file:///etc/passwd"})
		}, []spot{{"/schema/properties/owner/$ref", "form.remote_ref"}}},
		{"remote $dynamicRef", func(d doc) {
			d.set("/schema/properties/owner", map[string]any{"$dynamicRef": base + "/x#meta"})
		}, []spot{{"/schema/properties/owner/$dynamicRef", "form.remote_ref"}}},
		{"remote metaschema", func(d doc) { d.set("/schema/$schema", base+"/meta.json") },
			[]spot{{"/schema/$schema", "form.schema_dialect"}}},
		{"$id moves the base but stays inside", func(d doc) {
			d.set("/schema/$id", base+"/form.json")
			d.set("/schema/$defs/who", map[string]any{"type": "string"})
			d.set("/schema/properties/owner", map[string]any{"$ref": "#/$defs/who"})
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dealDoc(t)
			tt.change(d)
			_, err := form.Compile(d.def(t))
			var got []spot
			if err != nil {
				got = spots(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server was asked %d times; form schemas must never be fetched", n)
	}
}

func TestSchemaLimits(t *testing.T) {
	deep := strings.Repeat(`{"not": `, 40) + `{}` + strings.Repeat(`}`, 40)
	huge := `{"type": "object", "description": "` + strings.Repeat("x", form.MaxSchemaBytes) +
		`", "properties": {"a": {"type": "string"}}}`
	// root, properties, 29 × not and the innermost {}: 32 levels.
	atLimit := `{"type": "object", "properties": {"a": ` + strings.Repeat(`{"not": `, 29) +
		`{}` + strings.Repeat(`}`, 29) + `}}`
	tests := []struct {
		name   string
		schema string
		want   []spot
	}{
		{"too deep", `{"type": "object", "properties": {"a": ` + deep + `}}`,
			[]spot{{"/schema", "form.schema_too_deep"}}},
		{"brackets inside strings do not count",
			`{"type": "object", "properties": {"a": {"type": "string", "default": "` +
				strings.Repeat("[{", 40) + `"}}}`, nil},
		{"deep but within the limit", atLimit, []spot{
			{"/schema/properties/a", "form.property_unsupported"}}},
		{"too large", huge, []spot{{"/schema", "form.schema_too_large"}}},
		{"not JSON", `{"type": "object",`, []spot{{"/schema", "form.schema_not_json"}}},
		{"trailing data", `{"type": "object"} {}`, []spot{{"/schema", "form.schema_not_json"}}},
		{"not an object", `[1, 2]`, []spot{{"/schema", "form.schema_not_json"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := form.Definition{Key: "probe", Name: form.Text{"en": "Probe"},
				Schema: json.RawMessage(tt.schema)}
			_, err := form.Compile(def)
			var got []spot
			if err != nil {
				got = spots(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchemaInference(t *testing.T) {
	schema := `{"type": "object", "properties": {
		"note": {"type": "string", "title": "Note"},
		"due": {"type": "string", "format": "date"},
		"level": {"type": "string", "enum": ["a", "b"]},
		"count": {"type": "integer"},
		"done": {"type": "boolean"},
		"labels": {"type": "array", "uniqueItems": true, "items": {"type": "string"}},
		"lines": {"type": "array", "items": {"type": "object",
			"properties": {"what": {"type": "string"}}}}}}`
	c, err := form.Compile(form.Definition{Key: "inferred", Name: form.Text{"en": "Inferred"},
		Schema: json.RawMessage(schema)})
	if err != nil {
		t.Fatal(describe(err))
	}

	got := map[string]string{}
	for _, f := range c.Fields() {
		got[f.Name] = f.Kind
	}
	want := map[string]string{"note": "text", "due": "date", "level": "select",
		"count": "number", "done": "checkbox", "labels": "multi_select", "lines": "sub_table"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inferred kinds (-want +got):\n%s", diff)
	}
	for _, f := range c.Fields() {
		if f.Name == "note" && f.Label["en"] != "Note" {
			t.Errorf("inferred label = %q, want the schema title", f.Label["en"])
		}
	}
}
