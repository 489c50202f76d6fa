package server

import (
	"encoding/json"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// DefinitionView is a form, process, dashboard or calendar: its identity,
// its draft (for those who may change it), its latest published content
// and the list of its versions.
type DefinitionView struct {
	ID          string          `json:"id"`
	Kind        designer.Kind   `json:"kind"`
	Key         string          `json:"key"`
	Name        designer.Text   `json:"name"`
	Description designer.Text   `json:"description,omitempty"`
	App         string          `json:"app,omitempty"`
	Status      designer.Status `json:"status"`
	// Revision is what a change must name (If-Match) to be accepted.
	Revision         int64     `json:"revision"`
	PublishedVersion int       `json:"published_version"`
	CreatedAt        time.Time `json:"created_at"`
	CreatedBy        string    `json:"created_by"`
	UpdatedAt        time.Time `json:"updated_at"`
	UpdatedBy        string    `json:"updated_by"`
	// Draft is the editable content; shown to implementers and admins.
	Draft json.RawMessage `json:"draft,omitempty"`
	// Published is the content of the latest published version.
	Published json.RawMessage  `json:"published,omitempty"`
	Versions  []VersionSummary `json:"versions,omitempty"`
	// Warnings are lint findings that did not stop the save.
	Warnings []FieldProblem `json:"warnings,omitempty"`
}

// VersionSummary is one published version in a definition's history.
type VersionSummary struct {
	Version     int               `json:"version"`
	PublishedAt time.Time         `json:"published_at"`
	PublishedBy string            `json:"published_by"`
	Changes     []designer.Change `json:"changes"`
}

// DefinitionList is one page of definitions (without their content).
type DefinitionList struct {
	Items      []DefinitionView `json:"items"`
	NextCursor string           `json:"next_cursor,omitempty"`
}

// VersionView is one immutable published version.
type VersionView struct {
	ID           string            `json:"id"`
	DefinitionID string            `json:"definition_id"`
	Kind         designer.Kind     `json:"kind"`
	Key          string            `json:"key"`
	Version      int               `json:"version"`
	Name         designer.Text     `json:"name"`
	Content      json.RawMessage   `json:"content"`
	Changes      []designer.Change `json:"changes"`
	PublishedAt  time.Time         `json:"published_at"`
	PublishedBy  string            `json:"published_by"`
}

// VersionList lists a definition's versions.
type VersionList struct {
	Items []VersionView `json:"items"`
}

// PublishView answers a publish: the new version and what changed.
type PublishView struct {
	Version int               `json:"version"`
	Changes []designer.Change `json:"changes"`
	// Breaking is true when a change can upset running work or old records.
	Breaking bool           `json:"breaking"`
	Warnings []FieldProblem `json:"warnings,omitempty"`
}

// LintView answers a lint: every finding, errors and warnings apart.
type LintView struct {
	// Valid is true when nothing would refuse a save.
	Valid    bool           `json:"valid"`
	Errors   []FieldProblem `json:"errors"`
	Warnings []FieldProblem `json:"warnings"`
}

// DiffView lists the changes between two versions (to 0: the draft).
type DiffView struct {
	From    int               `json:"from"`
	To      int               `json:"to"`
	Changes []designer.Change `json:"changes"`
}

func definitionView(d *designer.Definition, withDraft bool) DefinitionView {
	v := DefinitionView{ID: d.ID, Kind: d.Kind, Key: d.Key, Name: d.Name,
		Description: d.Description, App: d.App, Status: d.Status, Revision: d.Revision,
		PublishedVersion: d.Published, CreatedAt: d.CreatedAt, CreatedBy: d.CreatedBy,
		UpdatedAt: d.UpdatedAt, UpdatedBy: d.UpdatedBy}
	if withDraft {
		v.Draft = d.DraftJSON()
	}
	return v
}

func versionView(v *designer.Version) VersionView {
	return VersionView{ID: v.ID, DefinitionID: v.DefinitionID, Kind: v.Kind, Key: v.Key,
		Version: v.Number, Name: v.Name, Content: v.ContentJSON(), Changes: nonNil(v.Changes),
		PublishedAt: v.PublishedAt, PublishedBy: v.PublishedBy}
}

func nonNil(cs []designer.Change) []designer.Change {
	if cs == nil {
		return []designer.Change{}
	}
	return cs
}

// fieldProblems renders field errors in locale l.
func fieldProblems(fs []problem.FieldError, l i18n.Locale) []FieldProblem {
	out := make([]FieldProblem, 0, len(fs))
	for _, f := range fs {
		out = append(out, FieldProblem{Pointer: f.Pointer, Node: f.Node, Edge: f.Edge,
			Code: f.Code, Message: f.Message(l)})
	}
	return out
}
