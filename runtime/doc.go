// Package runtime owns Formwork at run time and composes its parts:
// records and their activity log (runtime/record), the process engine and
// its tasks (runtime/engine), durable timers (runtime/timer), the outbox
// that delivers side effects (runtime/outbox) and the points ledger
// (runtime/ledger).
//
// New builds every part on the same stores and clock and connects them:
// record events start and advance process instances, fired timers advance
// them again, and the engine's effects go to the timers, the outbox, the
// ledger and the records through the adapters in this package. The parts
// never import each other; this package is the only place they meet
// (DESIGN.md's runtime flow).
package runtime
