package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Instance is one run of a process version, stored in "instances". The
// state, the history and the effects of the latest transition change
// together in one conditional update (compare-and-set on Version).
type Instance struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	// ProcessKey, ProcessID and ProcessVersion pin the process version
	// (DESIGN.md invariant 4).
	ProcessKey     string `bson:"process_key" json:"process_key"`
	ProcessID      string `bson:"process_id" json:"process_id"`
	ProcessVersion int    `bson:"process_version" json:"process_version"`
	// RecordID is the record the instance works on; "" for none.
	RecordID string `bson:"record_id,omitempty" json:"record_id,omitempty"`
	// TriggerEvent is the id of the event that started the instance.
	TriggerEvent string `bson:"trigger_event,omitempty" json:"trigger_event,omitempty"`
	// ParentID and ParentChild link a sub-process to the parent instance
	// and the parent's child id.
	ParentID    string `bson:"parent_id,omitempty" json:"parent_id,omitempty"`
	ParentChild string `bson:"parent_child,omitempty" json:"parent_child,omitempty"`

	State `bson:",inline"`

	Version int64        `bson:"version" json:"version"`
	History []Transition `bson:"history" json:"history"`
	// Pending are the effects of the latest transition; applying them is
	// idempotent, so Resume can apply them again after a crash.
	Pending    []Effect        `bson:"pending,omitempty" json:"-"`
	Migrations []MigrationNote `bson:"migrations,omitempty" json:"migrations,omitempty"`
	StartedAt  time.Time       `bson:"started_at" json:"started_at"`
	UpdatedAt  time.Time       `bson:"updated_at" json:"updated_at"`
}

// Transition is one entry of an instance's history: the event and what it
// did.
type Transition struct {
	At      time.Time `bson:"at" json:"at"`
	Event   EventKind `bson:"event" json:"event"`
	Detail  string    `bson:"detail,omitempty" json:"detail,omitempty"`
	Version int64     `bson:"version" json:"version"`
	Steps   []Step    `bson:"steps,omitempty" json:"steps,omitempty"`
}

// MaxHistory is how many transitions an instance keeps; older ones are
// dropped first (a silence watch on a busy record reschedules often).
const MaxHistory = 500

// instanceID derives an instance's id from what makes it unique, so a
// repeated start inserts the same id and fails as a duplicate.
func instanceID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "in_" + hex.EncodeToString(h.Sum(nil))[:32]
}

// timerRef is what a timer carries back to OnTimer.
func timerRef(instanceID, timerID string) string { return instanceID + "/" + timerID }

// detail describes an event for the history.
func detail(ev Event) string {
	switch ev.Kind {
	case EventTaskCompleted:
		return ev.TaskID + " " + ev.Outcome
	case EventTimerFired:
		return ev.TimerID
	case EventChildDone:
		return ev.ChildID
	case EventCancel:
		return ev.Reason
	case EventCalendarChanged:
		return ev.Calendar
	}
	return ""
}
