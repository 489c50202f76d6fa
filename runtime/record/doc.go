// Package record owns the records of a tenant and what happens to them:
// submission against the form version a record pins, partial updates with
// optimistic concurrency, listing with keyset cursors, assignment, soft
// deletion, the activity log, and the journey timeline built from it.
//
// Every write is one single-document operation in MongoDB (DESIGN.md's
// invariants 1 and 4): a submission is one insert; an update, assignment or
// deletion is one conditional update on the record's version; an activity
// is one insert and one update that moves the record's last_activity_at.
// Activities never touch Redis (invariant 6): the silence watch of the
// process engine reads last_activity_at lazily when its timer fires.
//
// After each write the Service tells its subscribers what happened (see
// Event). Subscribers run after the write has been stored, synchronously and
// in-process; they cannot fail it, and a panic in one is logged and
// contained.
package record
