// Package runtime owns Formwork at run time: records and their activity
// log, the process engine that moves instances through published process
// versions, tasks, durable timers, business-calendar deadlines, ledgers and
// metric rollups.
//
// It reads published definitions from the designer, writes every state
// change as one conditional single-document update in MongoDB, and hands
// timers and jobs to the queue only after their documents exist
// (DESIGN.md's invariants 2 and 3).
package runtime
