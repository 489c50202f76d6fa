package templates

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/form"
)

// An overlay is a pack folder that holds overlay.json instead of
// manifest.json. It names a base pack (a plain pack of the library, never
// another overlay), optionally further plain packs whose definitions it
// includes whole, and says what differs: labels, options (stages), added
// fields and sections, required fields, node names and settings, widget
// titles, dropped definitions. Definition files in its own forms/,
// processes/, dashboards/ and calendars/ folders are added to the result;
// its samples/records.json replaces the base's sample records (or follows
// them, with keep_base_samples); its rewards.json adds rewards.
//
// Load resolves every overlay into a normal pack — the same manifest and
// definition files a plain pack has — so that preview, lint, install and
// compare treat editions and starters exactly like the packs they come
// from. An overlay that names an unknown base, definition, field, node or
// widget, or that removes an option a rule still compares against, fails
// the load with a localised refusal whose pointers lead into overlay.json.
//
//	{"id": "education_edition", "version": "1.0.0", "kind": "edition",
//	 "base": "lead_followup", "name": {"en": "…", "zh-CN": "…"},
//	 "industries": ["education"],
//	 "forms": {"lead": {
//	   "labels": {"company": {"en": "Student", "zh-CN": "学员姓名"}},
//	   "options": {"stage": [{"value": "new", "label": {…}}, …]},
//	   "fields": [{"name": "grade", "kind": "select", "section": 0,
//	     "schema": {"type": "string", "enum": […]}, "settings": {…}}]}},
//	 "processes": {"silence_breaker": {"nodes": {"intervene":
//	   {"name": {…}, "config": {"due": "4h business"}}}}}}

// overlayFile is the file that makes a pack folder an overlay.
const overlayFile = "overlay.json"

// Kinds of library entry.
const (
	KindPack    = "pack"
	KindEdition = "edition"
	KindStarter = "starter"
)

// Overlay is the content of overlay.json: an industry edition or a
// company-size starter, made of a base pack and what it changes. Members
// left empty keep the base's value.
type Overlay struct {
	// ID names the resolved pack; it must match the folder.
	ID string `json:"id"`
	// Version is the resolved pack's version.
	Version string `json:"version"`
	// Kind is edition (an industry's vocabulary) or starter (the pieces a
	// company size needs first).
	Kind string `json:"kind"`
	// Base is the id of the plain pack the overlay starts from.
	Base string `json:"base"`
	// Include lists further plain packs whose definitions, samples and
	// rewards are merged in, so a starter can bundle several packs.
	Include []string `json:"include,omitempty"`
	// Name and Description of the resolved pack, per locale.
	Name        designer.Text `json:"name"`
	Description designer.Text `json:"description,omitempty"`
	// Industries, Sizes and Capabilities replace the base's when given.
	Industries   []string `json:"industries,omitempty"`
	Sizes        []string `json:"sizes,omitempty"`
	Capabilities []string `json:"capabilities,omitempty"`
	// Requires replaces what the base and included packs require together.
	Requires *designer.Requirements `json:"requires,omitempty"`
	// Drop removes definitions of the base or included packs.
	Drop []ItemRef `json:"drop,omitempty"`
	// Forms, Processes and Dashboards change definitions, by key.
	Forms      map[string]FormPatch      `json:"forms,omitempty"`
	Processes  map[string]ProcessPatch   `json:"processes,omitempty"`
	Dashboards map[string]DashboardPatch `json:"dashboards,omitempty"`
	// KeepBaseSamples keeps the base's and included packs' sample records
	// before the overlay's own; otherwise the overlay's own replace them
	// when it has any.
	KeepBaseSamples bool `json:"keep_base_samples,omitempty"`
}

// ItemRef names one definition of a pack.
type ItemRef struct {
	Kind designer.Kind `json:"kind"`
	Key  string        `json:"key"`
}

// FormPatch changes one form. Field names refer to the base form's layout.
type FormPatch struct {
	Name        designer.Text `json:"name,omitempty"`
	Description designer.Text `json:"description,omitempty"`
	// Labels, Help and Placeholders replace a field's texts.
	Labels       map[string]designer.Text `json:"labels,omitempty"`
	Help         map[string]designer.Text `json:"help,omitempty"`
	Placeholders map[string]designer.Text `json:"placeholders,omitempty"`
	// Options replace a select field's options, and its schema enum with
	// their values; a removed value that a rule of the pack still quotes
	// is refused.
	Options map[string][]form.Option `json:"options,omitempty"`
	// Required makes existing fields required.
	Required []string `json:"required,omitempty"`
	// Fields are added to existing sections; Sections are appended.
	Fields   []NewField   `json:"fields,omitempty"`
	Sections []NewSection `json:"sections,omitempty"`
	// Rules are appended to the form's rules.
	Rules []json.RawMessage `json:"rules,omitempty"`
}

// NewField is a field an overlay adds: its layout entry, its schema
// property and whether it is required.
type NewField struct {
	form.Field
	// Section is the index of the base section it joins; empty means the
	// last one. Ignored inside a NewSection.
	Section *int `json:"section,omitempty"`
	// Schema is the field's JSON Schema property.
	Schema json.RawMessage `json:"schema"`
	// Required adds the field to the schema's required list.
	Required bool `json:"required,omitempty"`
}

// NewSection is a section an overlay appends to a form.
type NewSection struct {
	Title   designer.Text `json:"title,omitempty"`
	Columns int           `json:"columns,omitempty"`
	Fields  []NewField    `json:"fields"`
}

// ProcessPatch changes one process.
type ProcessPatch struct {
	Name        designer.Text `json:"name,omitempty"`
	Description designer.Text `json:"description,omitempty"`
	// Nodes change nodes by id.
	Nodes map[string]NodePatch `json:"nodes,omitempty"`
	// Edges change edges by id.
	Edges map[string]EdgePatch `json:"edges,omitempty"`
}

// NodePatch changes one process node.
type NodePatch struct {
	Name designer.Text `json:"name,omitempty"`
	// Config is a JSON merge patch (RFC 7396) over the node's config.
	Config json.RawMessage `json:"config,omitempty"`
}

// EdgePatch changes one process edge.
type EdgePatch struct {
	Label designer.Text `json:"label,omitempty"`
	// Condition replaces the edge's condition when given.
	Condition *string `json:"condition,omitempty"`
}

// DashboardPatch changes one dashboard.
type DashboardPatch struct {
	Name        designer.Text `json:"name,omitempty"`
	Description designer.Text `json:"description,omitempty"`
	// Titles replace widget titles, by widget id.
	Titles map[string]designer.Text `json:"titles,omitempty"`
	// Widgets are appended, as a dashboard file writes them.
	Widgets []json.RawMessage `json:"widgets,omitempty"`
}
