package form

import (
	"context"
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// kind is one field kind: what its values look like in JSON Schema, how it
// is rendered, which settings it takes and what type its values have in
// expressions. Each lives in its own field_<kind>.go.
type kind interface {
	// name is the stable identifier used in layouts ("money").
	name() string
	// label names the kind in the designer's palette.
	label() Text
	// widgets lists the widgets that can render the kind, the default first.
	widgets() []string
	// parseSettings decodes and checks the kind's settings; raw may be empty.
	// It always returns usable settings, defaults filled in.
	parseSettings(raw json.RawMessage) (any, []issue)
	// fragment is the JSON Schema property the kind needs with settings s.
	fragment(s any) map[string]any
	// checkProperty reports where a declared property does not fit the kind,
	// with pointers relative to the property.
	checkProperty(p property, s any) []issue
	// exprType is the type of the kind's values in expressions.
	exprType(p property, s any) expr.Type
}

// valueChecker is a kind whose values need checks the schema cannot make,
// usually ones that come from its settings (attachment limits).
type valueChecker interface {
	// checkValue reports problems with a value that passed the schema, with
	// pointers relative to the value.
	checkValue(v any, s any) []issue
}

// linker is a kind whose values name something in the tenant's data.
type linker interface {
	// exists asks res whether the value names something that exists.
	exists(ctx context.Context, res Resolver, id string, s any) (bool, error)
	// missingCode is the error code for a value that names nothing.
	missingCode() string
}

// kinds lists every field kind in palette order.
var kinds = []kind{
	textKind{}, longTextKind{}, numberKind{}, moneyKind{}, percentKind{},
	dateKind{}, dateTimeKind{}, selectKind{}, multiSelectKind{}, checkboxKind{},
	phoneKind{}, emailKind{}, urlKind{}, userKind{}, recordLinkKind{},
	attachmentKind{}, signatureKind{}, subTableKind{}, computedKind{},
}

var kindsByName = func() map[string]kind {
	m := make(map[string]kind, len(kinds))
	for _, k := range kinds {
		m[k.name()] = k
	}
	return m
}()

// lookupKind returns the kind named n.
func lookupKind(n string) (kind, bool) {
	k, ok := kindsByName[n]
	return k, ok
}

// kindNames lists every kind's name in palette order.
func kindNames() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.name()
	}
	return names
}

// KindInfo describes a field kind for the designer's palette; the HTTP
// layer lists them at GET /api/v1/field-kinds.
type KindInfo struct {
	// Name is the kind's identifier, as layouts write it.
	Name string `json:"name"`
	// Label is the kind's name per locale.
	Label Text `json:"label"`
	// Widgets lists the widgets that can render the kind.
	Widgets []string `json:"widgets"`
	// DefaultWidget is the widget used when a field names none.
	DefaultWidget string `json:"default_widget"`
	// ValueType is the type of the kind's values in expressions ("string",
	// "number", "timestamp", "list(string)" …).
	ValueType string `json:"value_type"`
	// Fragment is the JSON Schema property a new field of this kind gets,
	// with default settings.
	Fragment map[string]any `json:"fragment"`
}

// Kinds lists every field kind in palette order.
func Kinds() []KindInfo {
	out := make([]KindInfo, 0, len(kinds))
	for _, k := range kinds {
		s, _ := k.parseSettings(nil)
		frag := k.fragment(s)
		out = append(out, KindInfo{
			Name: k.name(), Label: k.label(), Widgets: k.widgets(),
			DefaultWidget: k.widgets()[0],
			ValueType:     valueTypeName(k.exprType(newProperty(frag, frag), s)),
			Fragment:      frag,
		})
	}

	return out
}

// Fragment returns the JSON Schema property a field of kind kindName needs
// with the given settings, for the designer's palette. Unknown kinds and bad
// settings are refused with a *problem.Error (code "form.invalid") whose
// pointers are "/kind" or start with "/settings".
func Fragment(kindName string, settings json.RawMessage) (map[string]any, error) {
	var f findings
	k, ok := lookupKind(kindName)
	if !ok {
		f.add("/kind", "unknown_kind", unknownKindParams(kindName))
		return nil, f.err()
	}

	s, issues := k.parseSettings(settings)
	f.addIssues("/settings", issues)
	if err := f.err(); err != nil {
		return nil, err
	}
	return k.fragment(s), nil
}
