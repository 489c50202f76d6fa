package record

import (
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// ActivityKind is what someone did on a record.
type ActivityKind string

// The kinds people and systems log.
const (
	Viewed             ActivityKind = "viewed"
	AttachmentUploaded ActivityKind = "attachment_uploaded"
	Call               ActivityKind = "call"
	Chat               ActivityKind = "chat"
	Visit              ActivityKind = "visit"
	Meeting            ActivityKind = "meeting"
	Email              ActivityKind = "email"
	DocumentOpened     ActivityKind = "document_opened"
	// External is a behaviour event posted by another system, named by its
	// Source and Name ("website", "pricing_page_viewed").
	External ActivityKind = "external"
)

// The kinds the service records itself; Log refuses them.
const (
	Edited     ActivityKind = "edited"
	StageMoved ActivityKind = "stage_moved"
	Assigned   ActivityKind = "assigned"
)

// loggable lists the kinds Log accepts, in the order messages list them.
var loggable = []ActivityKind{Viewed, AttachmentUploaded, Call, Chat, Visit, Meeting, Email,
	DocumentOpened, External}

// reserved lists the kinds only the service records.
var reserved = []ActivityKind{Edited, StageMoved, Assigned}

func kindList() string {
	names := make([]string, len(loggable))
	for i, k := range loggable {
		names[i] = string(k)
	}

	return strings.Join(names, ", ")
}

func isLoggable(k ActivityKind) bool { return slices.Contains(loggable, k) }

func isReserved(k ActivityKind) bool { return slices.Contains(reserved, k) }

// Activity is one entry of a record's activity log.
type Activity struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	RecordID string       `bson:"record_id" json:"record_id"`
	Kind     ActivityKind `bson:"kind" json:"kind"`
	ActorID  string       `bson:"actor_id" json:"actor_id"`
	// At is when it happened; RecordedAt when it was logged.
	At         time.Time `bson:"at" json:"at"`
	RecordedAt time.Time `bson:"recorded_at" json:"recorded_at"`
	DurationS  int       `bson:"duration_s,omitempty" json:"duration_s,omitempty"`
	Note       string    `bson:"note,omitempty" json:"note,omitempty"`

	// Source names the system an activity came from; Name an external
	// event's name; ExternalID the source's id of it, unique per source.
	Source     string `bson:"source,omitempty" json:"source,omitempty"`
	Name       string `bson:"name,omitempty" json:"name,omitempty"`
	ExternalID string `bson:"external_id,omitempty" json:"external_id,omitempty"`

	// Fields are the data fields an edit changed.
	Fields []string `bson:"fields,omitempty" json:"fields,omitempty"`
	// AttachmentIDs are the files a submit or an edit linked to the record.
	AttachmentIDs []string `bson:"attachment_ids,omitempty" json:"attachment_ids,omitempty"`
	// From and To are the stage or owner before and after a stage move or
	// an assignment.
	From string `bson:"from,omitempty" json:"from,omitempty"`
	To   string `bson:"to,omitempty" json:"to,omitempty"`
}

// ActivityInput is an activity as a person or system logs it.
type ActivityInput struct {
	// Kind is one of viewed, attachment_uploaded, call, chat, visit,
	// meeting, email, document_opened, external.
	Kind ActivityKind `json:"kind"`
	// At is when it happened; zero means now. It may not be in the future.
	At time.Time `json:"at,omitzero"`
	// DurationS is how long it took in seconds, 0 to 86400 (a call).
	DurationS int `json:"duration_s,omitempty"`
	// Note is free text, at most 2000 characters.
	Note string `json:"note,omitempty"`
	// Source names the system that posts the activity ("wecom").
	Source string `json:"source,omitempty"`
	// Name is an external event's name ("pricing_page_viewed"); required
	// for external events, not allowed for other kinds.
	Name string `json:"name,omitempty"`
	// ExternalID is the source's own id of the event; posting the same id
	// from the same source again logs nothing new. Needs Source.
	ExternalID string `json:"external_id,omitempty"`
}
