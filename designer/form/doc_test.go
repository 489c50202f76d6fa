package form_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/designer/form"
)

// baseDeal is a small valid definition the compile tests break one way at
// a time.
const baseDeal = `{
  "key": "deal",
  "name": {"en": "Deal", "zh-CN": "商机"},
  "schema": {
    "type": "object",
    "required": ["title"],
    "properties": {
      "title": {"type": "string", "maxLength": 100},
      "amount": {"type": "number", "multipleOf": 0.01},
      "stage": {"type": "string", "enum": ["open", "won"]},
      "owner": {"type": "string"},
      "items": {"type": "array", "items": {"type": "object", "properties": {
        "sku": {"type": "string"}, "qty": {"type": "integer"}}}}
    }
  },
  "layout": {"sections": [{"columns": 2, "fields": [
    {"name": "title", "kind": "text", "label": {"en": "Title", "zh-CN": "标题"}},
    {"name": "amount", "kind": "money", "label": {"en": "Amount", "zh-CN": "金额"}},
    {"name": "stage", "kind": "select", "label": {"en": "Stage", "zh-CN": "阶段"},
     "settings": {"options": [{"value": "open"}, {"value": "won"}]}},
    {"name": "owner", "kind": "user", "label": {"en": "Owner", "zh-CN": "负责人"}},
    {"name": "items", "kind": "sub_table", "label": {"en": "Items", "zh-CN": "明细"},
     "settings": {"columns": [
       {"name": "sku", "kind": "text", "label": {"en": "SKU", "zh-CN": "货号"}},
       {"name": "qty", "kind": "number", "label": {"en": "Qty", "zh-CN": "数量"}}]}}
  ]}]}
}`

// doc is a definition as generic JSON, so that tests can break any part.
type doc map[string]any

func dealDoc(t testing.TB) doc {
	t.Helper()
	var d doc
	if err := json.Unmarshal([]byte(baseDeal), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// def turns the document into a Definition.
func (d doc) def(t testing.TB) form.Definition {
	t.Helper()
	var def form.Definition
	if err := json.Unmarshal(raw(t, d), &def); err != nil {
		t.Fatalf("decoding definition: %v", err)
	}
	return def
}

// set puts v at the JSON pointer path, creating objects on the way.
func (d doc) set(path string, v any) doc {
	toks := strings.Split(strings.TrimPrefix(path, "/"), "/")
	var cur any = map[string]any(d)
	for i, tok := range toks {
		last := i == len(toks)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[tok] = v
				return d
			}
			if _, ok := c[tok]; !ok {
				c[tok] = map[string]any{}
			}
			cur = c[tok]
		case []any:
			n, _ := strconv.Atoi(tok)
			if last {
				c[n] = v
				return d
			}
			cur = c[n]
		}
	}
	return d
}

// del removes the member at path.
func (d doc) del(path string) doc {
	i := strings.LastIndex(path, "/")
	parent := d.get(path[:i])
	delete(parent.(map[string]any), path[i+1:])
	return d
}

// get returns the value at path.
func (d doc) get(path string) any {
	var cur any = map[string]any(d)
	if path == "" {
		return cur
	}
	for _, tok := range strings.Split(strings.TrimPrefix(path, "/"), "/") {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[tok]
		case []any:
			n, _ := strconv.Atoi(tok)
			cur = c[n]
		}
	}
	return cur
}

// appendTo appends v to the array at path.
func (d doc) appendTo(path string, v any) doc {
	arr, _ := d.get(path).([]any)
	return d.set(path, append(arr, v))
}

// addField appends a layout field to the first section.
func (d doc) addField(f map[string]any) doc {
	return d.appendTo("/layout/sections/0/fields", f)
}

// obj parses a JSON object literal.
func obj(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("parsing %s: %v", s, err)
	}
	return m
}
