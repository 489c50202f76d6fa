// Package engine owns the process engine: running instances of published
// process versions, the tasks people work on, and the simulator.
//
// It is a functional core inside an imperative shell.
//
// The core (Model.Advance) is pure: given a prepared process version, an
// instance's State, one Input (an event, the record as it is now, the
// calendars the graph names, and now as a value) it returns the new State
// and the Effects the step asks for: create or cancel a task, schedule or
// cancel a timer, emit an outbox message, award points, set record fields,
// start a sub-process. It never reads a clock, a store or a queue, so the
// shell, the simulator and the tests all run the same code. Every Advance
// is bounded (MaxSteps), so no graph, however odd, can make it loop.
//
// The shell (Service) keeps instances and tasks in MongoDB. Each
// transition is one conditional update of the instance document: the new
// state, the history entry and the effects to apply are written together,
// compare-and-set on the version; the effects are then applied, each
// idempotently (task ids, timer ids and dedupe keys are derived from the
// instance, token and node, so applying them twice is harmless). Timers,
// the outbox, the points ledger, records and the user directory belong to
// other packages; the shell reaches them through the small interfaces in
// deps.go, which the wiring fills in and which this package implements in
// memory for tests and the simulator.
//
// The simulator (Simulate) runs the core against a virtual clock, an
// in-memory record and in-memory effects, and returns the Timeline of what
// would happen, with no writes and no messages.
package engine
