package timer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Collection is the MongoDB collection of timer documents.
const Collection = "timers"

// TaskType is the Asynq task type that delivers timers to Register's handler.
const TaskType = "timer:fire"

// Status is where a timer is in its life.
type Status string

// The statuses of a timer. Firing is the short-lived claim held while the
// kind's handler runs; a claim that outlives its lease (a crashed process)
// counts as pending again.
const (
	StatusPending   Status = "pending"
	StatusFiring    Status = "firing"
	StatusFired     Status = "fired"
	StatusCancelled Status = "cancelled"
)

// Ref says what a timer is about. Only the fields its kind needs are set.
type Ref struct {
	InstanceID string `bson:"instance_id,omitempty" json:"instance_id,omitempty"`
	TokenID    string `bson:"token_id,omitempty" json:"token_id,omitempty"`
	TaskID     string `bson:"task_id,omitempty" json:"task_id,omitempty"`
	RecordID   string `bson:"record_id,omitempty" json:"record_id,omitempty"`
}

// Timer is a durable timer: a document in Collection first and an Asynq
// task with the same id second (DESIGN.md invariant 2).
type Timer struct {
	// ID is the document id and the Asynq task id. Callers that need
	// idempotent scheduling choose it (e.g. instance, token and node);
	// Schedule mints one when it is empty.
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	// Kind picks the handler registered with Handle: "task_due", "sla",
	// "timer", "silence", "promise_due" ...
	Kind string `bson:"kind" json:"kind"`
	// Ref names the instance, token, task or record the timer is about.
	Ref Ref `bson:"ref" json:"ref"`
	// DueAt is the instant the timer fires, never before.
	DueAt time.Time `bson:"due_at" json:"due_at"`
	// Status is pending, firing, fired or cancelled.
	Status Status `bson:"status" json:"status"`
	// Version grows with every change; every change is conditional on it.
	Version int64 `bson:"version" json:"version"`
	// Attempts counts the calls of the kind's handler.
	Attempts int `bson:"attempts" json:"attempts"`
	// CreatedAt is when the timer was scheduled.
	CreatedAt time.Time `bson:"created_at" json:"created_at"`
	// FiredAt is when the successful handler call began; zero until then.
	FiredAt time.Time `bson:"fired_at,omitempty" json:"fired_at,omitzero"`
	// LastError is the last handler failure, kept after a later success.
	LastError string `bson:"last_error,omitempty" json:"last_error,omitempty"`
	// LeaseUntil bounds a firing claim; zero unless Status is firing.
	LeaseUntil time.Time `bson:"lease_until,omitempty" json:"-"`
	// ClaimedBy names the process holding a firing claim (processID);
	// empty unless Status is firing.
	ClaimedBy string `bson:"claimed_by,omitempty" json:"-"`
}

// HandlerFunc does what a timer of one kind stands for. It runs at least
// once per timer and must be idempotent (check that the instance is still
// waiting for this timer); an error is recorded on the timer and the call
// retried with backoff.
type HandlerFunc func(ctx context.Context, t *Timer) error

// claimable reports whether t may be claimed at now: pending, or firing
// under a lease that has run out. soleProcess says that no other process
// can reach the store (the embedded one, whose data directory is locked),
// so a claim another process made is a dead one, whatever its lease says:
// a restart after a crash fires at once what the crash interrupted.
func (t *Timer) claimable(now time.Time, soleProcess bool) bool {
	switch t.Status {
	case StatusPending:
		return true
	case StatusFiring:
		return !t.LeaseUntil.After(now) || (soleProcess && t.ClaimedBy != processID)
	}
	return false
}

// processID names this process in the claims it makes; it is drawn at
// start-up and shared by every Service of the process, which respect each
// other's leases.
var processID = newProcessID()

// newProcessID returns 16 random hex digits.
func newProcessID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// live reports whether t may still fire.
func (t *Timer) live() bool {
	return t.Status == StatusPending || t.Status == StatusFiring
}

// payload is the Asynq task's body: enough to find the document.
type payload struct {
	TenantID string `json:"tenant_id"`
	TimerID  string `json:"timer_id"`
}

// ref is a timer's address, as held by the releaser.
type ref struct {
	tenantID string
	id       string
}
