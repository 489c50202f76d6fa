package expr

import (
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

	"github.com/formworkhq/formwork/internal/i18n"
)

// TypeName is a type as implementers read it: "string", "number",
// "list(string)" …; error parameters carry these names, and messages put
// them in words per locale.
func TypeName(t Type) string {
	if t == nil {
		return "any"
	}
	switch t.Kind() {
	case types.DoubleKind:
		return "number"
	case types.DynKind, types.AnyKind:
		return "any"
	case types.TimestampKind:
		return "timestamp"
	case types.DurationKind:
		return "duration"
	case types.ListKind:
		return "list(" + TypeName(t.Parameters()[0]) + ")"
	case types.MapKind:
		return "map(" + TypeName(t.Parameters()[0]) + ", " + TypeName(t.Parameters()[1]) + ")"
	}
	return t.String()
}

// checkerTypeName turns a type as the CEL checker prints it into TypeName's
// words.
func checkerTypeName(s string) string {
	s = strings.TrimSpace(s)
	switch s {
	case "double":
		return "number"
	case "dyn":
		return "any"
	case "google.protobuf.Timestamp":
		return "timestamp"
	case "google.protobuf.Duration":
		return "duration"
	}
	if inner, ok := strings.CutPrefix(s, "list("); ok && strings.HasSuffix(inner, ")") {
		return "list(" + checkerTypeName(strings.TrimSuffix(inner, ")")) + ")"
	}
	if strings.HasPrefix(s, "map(") {
		return "map"
	}
	return s
}

// valueTypeName names the type of a Go value Eval returned.
func valueTypeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case int64:
		return "int"
	case uint64:
		return "uint"
	case bool:
		return "bool"
	case time.Time:
		return "timestamp"
	case time.Duration:
		return "duration"
	case []any:
		return "list(any)"
	case map[string]any:
		return "map(string, any)"
	case nil:
		return "null"
	}
	return "any"
}

// typeWords are the names of types in each locale.
var typeWords = map[i18n.Locale]map[string]string{
	i18n.English: {
		"string": "text", "number": "number", "int": "whole number", "uint": "whole number",
		"bool": "true/false", "timestamp": "date-time", "duration": "duration",
		"any": "any", "null": "empty", "bytes": "bytes", "map": "object",
	},
	i18n.Chinese: {
		"string": "文本", "number": "数字", "int": "整数", "uint": "整数",
		"bool": "是/否", "timestamp": "日期时间", "duration": "时长",
		"any": "任意", "null": "空值", "bytes": "字节", "map": "对象",
	},
}

// typeLabel puts a TypeName in words for locale l: "list(string)" is
// "list of text" in English and "文本列表" in Chinese.
func typeLabel(l i18n.Locale, name string) string {
	words, ok := typeWords[l]
	if !ok {
		words = typeWords[i18n.English]
	}

	if inner, ok := strings.CutPrefix(name, "list("); ok && strings.HasSuffix(inner, ")") {
		elem := typeLabel(l, strings.TrimSuffix(inner, ")"))
		if l == i18n.Chinese {
			return elem + "列表"
		}
		return "list of " + elem
	}
	if strings.HasPrefix(name, "map(") {
		name = "map"
	}
	if w, ok := words[name]; ok {
		return w
	}
	return name
}

// isDyn reports whether t is the dynamic type.
func isDyn(t Type) bool { return t.IsExactType(cel.DynType) }
