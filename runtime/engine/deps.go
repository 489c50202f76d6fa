package engine

import (
	"context"
	"errors"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
)

// This file is what the engine needs from the packages that own records,
// timers, the outbox, ledgers, definitions and people. The wiring passes
// their implementations in Deps; memory.go has in-memory ones for tests
// and the simulator.

// ErrRecordNotFound is what RecordAccess returns for a record that does
// not exist (or was deleted).
var ErrRecordNotFound = errors.New("record not found")

// RecordAccess reads and changes records for the engine.
type RecordAccess interface {
	// Record returns the record with id; ErrRecordNotFound when absent.
	Record(ctx context.Context, tenantID, id string) (*Record, error)
	// Assign gives the record to the active user ownerID; giving it to its
	// owner changes nothing. ErrRecordNotFound when the record is gone.
	Assign(ctx context.Context, tenantID, id, ownerID string) error
	// SetFields writes fields and/or the stage of a record on behalf of a
	// process step. dedupeKey identifies the step, so a repeated call
	// changes nothing more.
	SetFields(ctx context.Context, tenantID, id string, change FieldsSpec) error
}

// Timer is a durable timer as the engine asks for it. Ref comes back to
// OnTimer when it fires.
type Timer struct {
	ID   string    `json:"id"`
	Kind TimerKind `json:"kind"`
	Ref  string    `json:"ref"`
	Due  time.Time `json:"due"`
}

// TimerScheduler keeps durable timers. Scheduling an id twice, and
// cancelling an unknown or fired one, are harmless.
type TimerScheduler interface {
	Schedule(ctx context.Context, tenantID string, t Timer) error
	Cancel(ctx context.Context, tenantID, id string) error
}

// OutboxMessage is a side effect for the outbox to deliver: a
// notification, an action call or a ticket. Recipients are user ids.
type OutboxMessage struct {
	DedupeKey  string         `json:"dedupe_key"`
	Kind       MessageKind    `json:"kind"`
	Channel    string         `json:"channel,omitempty"`
	Recipients []string       `json:"recipients,omitempty"`
	Text       process.Text   `json:"text,omitempty"`
	RecordID   string         `json:"record_id,omitempty"`
	InstanceID string         `json:"instance_id,omitempty"`
	TaskID     string         `json:"task_id,omitempty"`
	Payload    map[string]any `json:"payload,omitempty"`
}

// OutboxWriter stores outbox messages; a second message with the same
// dedupe key is dropped without error.
type OutboxWriter interface {
	Write(ctx context.Context, tenantID string, m OutboxMessage) error
}

// PointsEntry is an award of points to one person.
type PointsEntry struct {
	DedupeKey  string       `json:"dedupe_key"`
	Ledger     string       `json:"ledger"`
	UserID     string       `json:"user_id"`
	Points     float64      `json:"points"`
	Reason     process.Text `json:"reason,omitempty"`
	RecordID   string       `json:"record_id,omitempty"`
	InstanceID string       `json:"instance_id,omitempty"`
}

// PointsLedger books points; a second entry with the same dedupe key is
// dropped without error.
type PointsLedger interface {
	Award(ctx context.Context, tenantID string, e PointsEntry) error
}

// Definitions reads published definitions; *designer.Service implements
// it.
type Definitions interface {
	PublishedAll(ctx context.Context, p auth.Principal, kind designer.Kind) ([]designer.Version,
		error)
	Latest(ctx context.Context, p auth.Principal, kind designer.Kind, key string) (
		*designer.Version, error)
	Version(ctx context.Context, p auth.Principal, kind designer.Kind, id string, n int) (
		*designer.Version, error)
}

// Calendars resolves business calendars by key; "" is the tenant's
// default. A key it does not know gives calendar.Default().
type Calendars interface {
	Calendar(ctx context.Context, tenantID, key string) (*calendar.Calendar, error)
}

// Person is what the engine knows of a user.
type Person struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	ManagerID string      `json:"manager_id,omitempty"`
	Team      string      `json:"team,omitempty"`
	Roles     []auth.Role `json:"roles,omitempty"`
	// Email is the person's address, what messages show when Name is
	// empty.
	Email string `json:"email,omitempty"`
}

// Directory answers questions about the tenant's people.
type Directory interface {
	// Person returns the user with id; ok is false when there is none.
	Person(ctx context.Context, tenantID, id string) (Person, bool, error)
	// TeamMembers lists the active members of team.
	TeamMembers(ctx context.Context, tenantID, team string) ([]string, error)
	// RoleHolders lists the active holders of role.
	RoleHolders(ctx context.Context, tenantID, role string) ([]string, error)
	// DirectReports lists the users whose manager is id.
	DirectReports(ctx context.Context, tenantID, id string) ([]string, error)
}

// Deps are the engine's collaborators. Records, Timers, Outbox, Ledger,
// Definitions and Directory are required; a nil Calendars resolves
// calendars through Definitions.
type Deps struct {
	Records     RecordAccess
	Timers      TimerScheduler
	Outbox      OutboxWriter
	Ledger      PointsLedger
	Definitions Definitions
	Calendars   Calendars
	Directory   Directory
}
