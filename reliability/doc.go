// Package reliability holds Formwork's fault suite: tests that compose the
// runtime on real stores (or build and drive the real binary) and break
// something on purpose — a flushed Redis, a duplicated task, a channel that
// always fails, a Redis that refuses to keep keys — and check that nothing
// is lost, nothing happens twice and people are told.
//
// The package has no code of its own beyond this comment: every fault is a
// test. Each one prints its figure (t.Log) and appends it as one line to
// the results file, reliability/results.tsv by default or the file named by
// FORMWORK_RELIABILITY_RESULTS, from which docs/reliability.md is written.
// The long faults (minutes, real processes) run only with
// FORMWORK_TEST_LONG=1, as the README's test command sets with -long.
package reliability
