package datahub

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/problem"
)

var testFields = []form.FieldInfo{
	{Name: "customer_id", Kind: "text", Label: form.Text{"en": "Customer ID",
		"zh-CN": "客户编号"}, ValueType: "string"},
	{Name: "credit", Kind: "money", Label: form.Text{"en": "Credit limit", "zh-CN": "信用额度"},
		ValueType: "number"},
	{Name: "total", Kind: "number", Computed: true, ValueType: "number"},
	{Name: "items", Kind: "sub_table"},
}

// codes maps each field error's pointer to its code.
func codes(t *testing.T, err error) map[string]string {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("err = %v, want a problem", err)
	}
	out := map[string]string{}
	for _, f := range pe.Fields {
		out[f.Pointer] = f.Code
	}
	return out
}

func TestParseMapping(t *testing.T) {
	m, err := ParseMapping([]byte(`{"客户编号":"customer_id","a.b/$c":"credit","skip":null,` +
		`"also":""}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Mapping{{Column: "客户编号", Field: "customer_id"}, {Column: "a.b/$c", Field: "credit"}}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("mapping (-want +got):\n%s", diff)
	}

	for _, bad := range []string{``, `[]`, `{"a":"b"`, `{"a":"b"} x`, `"x"`} {
		if _, err := ParseMapping([]byte(bad)); err == nil {
			t.Errorf("ParseMapping(%q) accepted", bad)
		}
	}
	_, err = ParseMapping([]byte(`{"a":"x","a":"y","b":3}`))
	if diff := cmp.Diff(map[string]string{"/mapping/a": "duplicate_column",
		"/mapping/b": "not_string"}, codes(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestMappingCheck(t *testing.T) {
	columns := []string{"客户编号", "额度", "合计", "明细", "备注"}
	m := Mapping{{Column: "客户编号", Field: "customer_id"}, {Column: "额度", Field: "credit"},
		{Column: "合计", Field: "total"}, {Column: "明细", Field: "items"},
		{Column: "备注", Field: "missing"}, {Column: "无此列", Field: "credit"}}
	want := map[string]string{"/mapping/合计": "computed_field",
		"/mapping/明细": "field_not_importable", "/mapping/备注": "unknown_field",
		"/mapping/无此列": "duplicate_field"}
	got := codes(t, m.check(columns, testFields, "customer_id"))
	delete(got, "/key_field")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}

	ok := Mapping{{Column: "额度", Field: "credit"}}
	if diff := cmp.Diff(map[string]string{"/key_field": "key_not_mapped"},
		codes(t, ok.check(columns, testFields, "customer_id"))); diff != "" {
		t.Errorf("unmapped key (-want +got):\n%s", diff)
	}
	if err := append(ok, ColumnMap{Column: "客户编号", Field: "customer_id"}).check(columns,
		testFields, "customer_id"); err != nil {
		t.Errorf("valid mapping refused: %v", err)
	}
}

func TestSuggestMatchesNamesAndLabelsInEveryLanguage(t *testing.T) {
	got := Suggest([]string{"客户编号", "CREDIT LIMIT", "Total", "notes"}, testFields)
	want := Mapping{{Column: "客户编号", Field: "customer_id"},
		{Column: "CREDIT LIMIT", Field: "credit"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suggestion (-want +got):\n%s", diff)
	}
}

func TestCoerceAndEscape(t *testing.T) {
	tests := []struct {
		cell  string
		field form.FieldInfo
		want  any
	}{
		{"1,200.50", form.FieldInfo{ValueType: "number"}, 1200.5},
		{"¥ 300", form.FieldInfo{ValueType: "number"}, 300.0},
		{"lots", form.FieldInfo{ValueType: "number"}, "lots"},
		{"是", form.FieldInfo{ValueType: "bool"}, true},
		{"a，b、 c", form.FieldInfo{ValueType: "list(string)"}, []any{"a", "b", "c"}},
		{"2026/3/2", form.FieldInfo{Kind: "date"}, "2026-03-02"},
		{"2026-03-02 09:30", form.FieldInfo{Kind: "date_time"}, "2026-03-02T09:30:00Z"},
		{`=HYPERLINK("x")`, form.FieldInfo{ValueType: "string"}, `=HYPERLINK("x")`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, coerce(tt.cell, tt.field)); diff != "" {
			t.Errorf("coerce(%q) (-want +got):\n%s", tt.cell, diff)
		}
	}

	for in, want := range map[string]string{"=1+1": "'=1+1", "+86 123": "'+86 123",
		"-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "plain": "plain", "": ""} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}
