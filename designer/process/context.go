package process

import (
	"slices"

	"github.com/formworkhq/formwork/designer/expr"
)

// Context resolves the definitions a graph refers to. The caller builds it
// from the store, typically for exactly the keys References lists; lint
// never looks anything up by itself. Implementations answer for the
// tenant whose process is being linted.
type Context interface {
	// Form returns what lint needs to know about the form with key.
	Form(key string) (FormInfo, bool)
	// Plugin returns what lint needs to know about the plugin with name.
	Plugin(name string) (PluginInfo, bool)
	// Has reports whether a definition of kind with key exists. It is
	// asked about roles, users, teams, channels, calendars, processes and
	// ledgers; forms and plugins go through Form and Plugin.
	Has(kind RefKind, key string) bool
}

// RefKind is a kind of definition a graph refers to.
type RefKind string

// The kinds of reference.
const (
	RefForm     RefKind = "form"
	RefRole     RefKind = "role"
	RefUser     RefKind = "user"
	RefTeam     RefKind = "team"
	RefChannel  RefKind = "channel" // a channel instance key or a channel kind
	RefPlugin   RefKind = "plugin"
	RefCalendar RefKind = "calendar"
	RefProcess  RefKind = "process"
	RefLedger   RefKind = "ledger"
)

// FormInfo is what a process needs to know about a form.
type FormInfo struct {
	// Fields are the form's fields with their expression types.
	Fields []Field
	// Stages are the values of the form's stage field, in order; empty
	// when the form has no stages.
	Stages []string
}

// Field is one field of a form.
type Field struct {
	// Name is the field's key, as expressions write it after "record.".
	Name string
	// Type is its expression type (expr.String, expr.Number …).
	Type expr.Type
	// Kind is the field's kind in its form ("number", "record_link" …);
	// empty when the context does not say, and then not checked.
	Kind string
}

// field returns the field named name.
func (f FormInfo) field(name string) (Field, bool) {
	for _, fl := range f.Fields {
		if fl.Name == name {
			return fl, true
		}
	}
	return Field{}, false
}

// RecordLinkKind is the kind of a form field that holds the id of another
// record.
const RecordLinkKind = "record_link"

// PluginInfo is what a process needs to know about a plugin.
type PluginInfo struct {
	// Actions are the names of the actions a call_action node may run.
	Actions []string
}

// StaticContext is a Context over values loaded in advance. Its zero value
// knows nothing, so every reference is reported unknown.
type StaticContext struct {
	// Forms are the known forms by key.
	Forms map[string]FormInfo
	// Plugins are the known plugins by name.
	Plugins map[string]PluginInfo
	// Keys are the known keys of every other kind.
	Keys map[RefKind][]string
}

var _ Context = StaticContext{}

// Form implements Context.
func (c StaticContext) Form(key string) (FormInfo, bool) {
	f, ok := c.Forms[key]
	return f, ok
}

// Plugin implements Context.
func (c StaticContext) Plugin(name string) (PluginInfo, bool) {
	p, ok := c.Plugins[name]
	return p, ok
}

// Has implements Context.
func (c StaticContext) Has(kind RefKind, key string) bool {
	return slices.Contains(c.Keys[kind], key)
}
