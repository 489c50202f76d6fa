package form

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
)

// Limits on a form's schema, checked before anything parses it so that a
// hostile document costs little.
const (
	// MaxSchemaBytes is the largest schema accepted: 1 MiB.
	MaxSchemaBytes = 1 << 20
	// MaxSchemaDepth is the deepest nesting of objects and arrays accepted.
	MaxSchemaDepth = 32
)

// dialect2020 is the only "$schema" a form may declare.
const dialect2020 = "https://json-schema.org/draft/2020-12/schema"

// dataKeywords hold instance data rather than subschemas; a "$ref" inside
// them is a value, not a reference.
var dataKeywords = map[string]bool{"enum": true, "const": true, "default": true,
	"examples": true}

// loadSchema checks a form's raw schema and decodes it. It returns the
// document (numbers as json.Number), or nil when the schema cannot be read
// at all, and whether it is worth compiling (no reference or dialect
// problem the compiler would only report again); everything wrong is
// reported to f.
func loadSchema(f *findings, raw json.RawMessage) (map[string]any, bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
		f.add("/schema", "schema_missing", nil)
		return nil, false
	case len(raw) > MaxSchemaBytes:
		f.add("/schema", "schema_too_large", i18n.Params{"max": humanSize(MaxSchemaBytes)})
		return nil, false
	case jsonDepth(raw) > MaxSchemaDepth:
		f.add("/schema", "schema_too_deep", i18n.Params{"max": MaxSchemaDepth})
		return nil, false
	}

	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var root map[string]any
	if err := dec.Decode(&root); err != nil || dec.More() || root == nil {
		f.add("/schema", "schema_not_json", nil)
		return nil, false
	}

	before := len(f.list)
	checkDialect(f, root)
	checkRefs(f, root, root, "/schema")
	compilable := len(f.list) == before
	checkTop(f, root)
	return root, compilable
}

// jsonDepth returns the deepest nesting of objects and arrays in raw,
// without decoding it. Malformed input gets some depth; decoding reports it.
func jsonDepth(raw []byte) int {
	depth, deepest := 0, 0
	inString, escaped := false, false

	for _, c := range raw {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString:
			inString = c != '"'
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}

	return deepest
}

// checkDialect refuses any "$schema" other than draft 2020-12.
func checkDialect(f *findings, root map[string]any) {
	v, ok := root["$schema"]
	if !ok {
		return
	}
	if s, _ := v.(string); strings.TrimSuffix(s, "#") != dialect2020 {
		f.add("/schema/$schema", "schema_dialect", i18n.Params{"want": dialect2020})
	}
}

// checkRefs walks the schema and refuses every reference that leaves the
// document, and every local JSON-pointer reference that points nowhere.
func checkRefs(f *findings, root map[string]any, v any, at string) {
	switch n := v.(type) {
	case map[string]any:
		for _, key := range sortedKeys(n) {
			here := pointer(at, key)
			switch {
			case key == "$ref" || key == "$dynamicRef":
				checkRef(f, root, n[key], here)
			case dataKeywords[key]:
			default:
				checkRefs(f, root, n[key], here)
			}
		}
	case []any:
		for i, item := range n {
			checkRefs(f, root, item, pointer(at, strconv.Itoa(i)))
		}
	}
}

func checkRef(f *findings, root map[string]any, v any, at string) {
	ref, ok := v.(string)
	if !ok {
		return // the metaschema reports a reference that is not a string
	}

	if !strings.HasPrefix(ref, "#") {
		f.add(at, "remote_ref", i18n.Params{"ref": ref})
		return
	}

	if strings.HasPrefix(ref, "#/") && resolveLocal(root, ref) == nil {
		f.add(at, "ref_missing", i18n.Params{"ref": ref})
	}
}

// checkTop insists on an object with properties at the top level.
func checkTop(f *findings, root map[string]any) {
	top := newProperty(root, root)
	if !top.isType("object") {
		f.add("/schema/type", "schema_top_object", nil)
	}
	props, ok := root["properties"].(map[string]any)
	if !ok || len(props) == 0 {
		f.add("/schema/properties", "schema_no_properties", nil)
	}
}
