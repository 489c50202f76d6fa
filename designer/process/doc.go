// Package process owns process definitions at design time: the graph model
// (nodes, edges and the typed configuration of every node kind), its strict
// decoding from JSON, Lint (the one check used on save and on publish) and
// Diff (what changed between two versions, and which changes would strand
// running instances).
//
// A process is a graph that starts at exactly one trigger and finishes at
// end nodes. Tokens move along edges; they rest only at nodes that wait
// (user tasks, timers, silence watches, parallel joins and sub-processes
// that wait for their child). Everything the runtime engine needs to
// execute a version is in the model: durations and cron schedules are kept
// as written and parsed with ParseDuration and ParseCron, message templates
// with ParseTemplate, and expressions are compiled by designer/expr against
// the variables documented on Lint.
//
// References to other definitions (forms, roles, users, teams, channels,
// plugins, calendars, processes, ledgers) are resolved through a Context
// the caller provides; References lists every key a graph names so the
// caller can load exactly those.
package process
