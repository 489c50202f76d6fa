package designer

import (
	"encoding/json"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
)

// Kind is the kind of a definition.
type Kind string

// The kinds of definition.
const (
	KindForm      Kind = "form"
	KindProcess   Kind = "process"
	KindDashboard Kind = "dashboard"
	KindCalendar  Kind = "calendar"
)

// Kinds lists every kind in the order a pack installs them: what others
// refer to comes first.
var Kinds = []Kind{KindCalendar, KindForm, KindProcess, KindDashboard}

// Status tells where a definition's draft stands against its versions.
type Status string

// The statuses of a definition.
const (
	// StatusDraft: never published.
	StatusDraft Status = "draft"
	// StatusPublished: the draft is the latest published version.
	StatusPublished Status = "published"
	// StatusModified: published, and the draft has changed since.
	StatusModified Status = "modified"
	// StatusArchived: retired; its versions stay readable.
	StatusArchived Status = "archived"
)

// Text is a string per locale, keyed "zh-CN" and "en".
type Text map[string]string

// In returns the text in locale l, falling back to English, then to any.
func (t Text) In(l i18n.Locale) string {
	if s, ok := t[string(l)]; ok && s != "" {
		return s
	}
	if s := t[string(i18n.English)]; s != "" {
		return s
	}
	for _, s := range t {
		return s
	}
	return ""
}

// Collections of this package.
const (
	DefinitionsCollection = "definitions"
	VersionsCollection    = "definition_versions"
	AppsCollection        = "apps"
)

// Definition is one form, process, dashboard or calendar of a tenant: its
// identity, its editable draft and where its versions stand.
type Definition struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	Kind           Kind `bson:"kind" json:"kind"`
	// Key names the definition within its kind and tenant, e.g. "lead";
	// other definitions refer to it by key.
	Key         string `bson:"key" json:"key"`
	Name        Text   `bson:"name" json:"name"`
	Description Text   `bson:"description,omitempty" json:"description,omitempty"`
	// App groups the definitions installed or exported together.
	App    string `bson:"app,omitempty" json:"app,omitempty"`
	Status Status `bson:"status" json:"status"`
	// Draft is the editable content as canonical JSON text.
	Draft string `bson:"draft" json:"-"`
	// Revision counts saves of the draft, for optimistic concurrency.
	Revision int64 `bson:"revision" json:"revision"`
	// Published is the latest published version; 0 when never published.
	Published int       `bson:"published" json:"published_version"`
	CreatedAt time.Time `bson:"created_at" json:"created_at"`
	CreatedBy string    `bson:"created_by" json:"created_by"`
	UpdatedAt time.Time `bson:"updated_at" json:"updated_at"`
	UpdatedBy string    `bson:"updated_by" json:"updated_by"`
}

// DraftJSON returns the draft content.
func (d *Definition) DraftJSON() json.RawMessage { return json.RawMessage(d.Draft) }

// Version is one published, immutable version of a definition.
type Version struct {
	// ID is the definition id and the version number, "<id>-v<n>".
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	DefinitionID   string    `bson:"definition_id" json:"definition_id"`
	Kind           Kind      `bson:"kind" json:"kind"`
	Key            string    `bson:"key" json:"key"`
	Number         int       `bson:"number" json:"version"`
	Name           Text      `bson:"name" json:"name"`
	Content        string    `bson:"content" json:"-"`
	Changes        []Change  `bson:"changes" json:"changes"`
	PublishedAt    time.Time `bson:"published_at" json:"published_at"`
	PublishedBy    string    `bson:"published_by" json:"published_by"`
}

// ContentJSON returns the version's content.
func (v *Version) ContentJSON() json.RawMessage { return json.RawMessage(v.Content) }

// Change is one difference between two versions of a definition.
type Change struct {
	// Code is stable: "field_added", "field_removed", "node_removed" …
	Code string `bson:"code" json:"code"`
	// Subject is the field, node or widget the change is about.
	Subject string `bson:"subject" json:"subject"`
	// Breaking marks a change that can upset running work or old records.
	Breaking bool `bson:"breaking" json:"breaking"`
	// Message explains the change per locale.
	Message Text `bson:"message" json:"message"`
}
