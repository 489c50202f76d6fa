package server

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer"
)

// definitionInput is the body that creates or changes a definition: its
// identity and the members of its content.
type definitionInput interface {
	meta() designer.Meta
	// content returns the content members the body carries; absent ones are
	// left out, so a patch keeps them.
	content() map[string]json.RawMessage
	revision() int64
}

// DefinitionMeta are the identity members of every definition body.
type DefinitionMeta struct {
	// Key names the definition within its kind, e.g. "lead"; set on create.
	Key string `json:"key,omitempty"`
	// Name per locale: {"zh-CN": "线索", "en": "Lead"}.
	Name designer.Text `json:"name,omitempty"`
	// Description per locale.
	Description designer.Text `json:"description,omitempty"`
	// App is the key of the app the definition belongs to.
	App string `json:"app,omitempty"`
	// Revision, on a change, is the revision the change was made against
	// (also accepted as If-Match); a stale one answers 409.
	Revision int64 `json:"revision,omitempty"`
}

func (m DefinitionMeta) meta() designer.Meta {
	return designer.Meta{Key: m.Key, Name: m.Name, Description: m.Description, App: m.App}
}

func (m DefinitionMeta) revision() int64 { return m.Revision }

// members keeps the present members of a content body.
func members(kv map[string]json.RawMessage) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range kv {
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

// FormInput creates or changes a form.
type FormInput struct {
	DefinitionMeta
	// Schema is the JSON Schema 2020-12 of a submission.
	Schema json.RawMessage `json:"schema,omitempty"`
	// Layout places the fields: sections, columns, widgets, labels.
	Layout json.RawMessage `json:"layout,omitempty"`
	// Rules are cross-field rules: conditional requirements and assertions.
	Rules json.RawMessage `json:"rules,omitempty"`
}

func (in *FormInput) content() map[string]json.RawMessage {
	return members(map[string]json.RawMessage{"schema": in.Schema, "layout": in.Layout,
		"rules": in.Rules})
}

// ProcessInput creates or changes a process.
type ProcessInput struct {
	DefinitionMeta
	// Graph is the process: {"nodes": [...], "edges": [...]}.
	Graph json.RawMessage `json:"graph,omitempty"`
}

func (in *ProcessInput) content() map[string]json.RawMessage {
	return members(map[string]json.RawMessage{"graph": in.Graph})
}

// DashboardInput creates or changes a dashboard.
type DashboardInput struct {
	DefinitionMeta
	// Widgets chart one metric each.
	Widgets json.RawMessage `json:"widgets,omitempty"`
	// Filters are the dimensions viewers may narrow every widget by.
	Filters json.RawMessage `json:"filters,omitempty"`
}

func (in *DashboardInput) content() map[string]json.RawMessage {
	return members(map[string]json.RawMessage{"widgets": in.Widgets, "filters": in.Filters})
}

// CalendarInput creates or changes a business calendar.
type CalendarInput struct {
	DefinitionMeta
	// Calendar is the calendar itself: time zone, working hours, holidays,
	// make-up working days and closures.
	Calendar json.RawMessage `json:"calendar,omitempty"`
}

func (in *CalendarInput) content() map[string]json.RawMessage {
	return members(map[string]json.RawMessage{"calendar": in.Calendar})
}
