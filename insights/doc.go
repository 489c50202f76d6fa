// Package insights owns the figures managers decide from: metric rollups
// kept incrementally from the runtime's events, their rebuild from raw
// data, dashboard and widget reads with filters, group-by and time
// buckets, drill-down to the records behind a figure, funnel baselines
// with their alerts, and leaderboards.
//
// # Rollup documents
//
// Metrics come from published dashboards: every widget's measure is a
// Metric whose id is "<dashboard key>:<widget id>:<hash>", the hash taking
// in the measure and the dimensions it is kept by, so a republished widget
// with a new measure starts a new rollup and an unchanged one keeps its
// figures.
//
// Figures live in one document per tenant, family and month (collection
// insight_rollups). A family is what events feed a metric: the records of
// one form ("records:lead") or the activities logged on them
// ("activities:lead"). Inside, every metric of the family has, for each
// day of the month, its groups, keyed by a hash of the dimension values
// (owner, stage, region, …), each with a count, an exact sum (in
// millionths, so the order of additions never changes a figure) and, for
// distinct counts, the exact set of values with their reference counts.
// A ratio keeps its numerator and denominator side by side. The month is
// the unit because a dashboard reads a month or so: two documents per
// family, where a document per day made it thirty (1.37 s on the
// embedded store at 1 M records a year). The figures are compact binary
// values (rollup_codec.go): per metric a dictionary of its groups'
// dimension values (field g.<metric>) and per day a run of varints that
// names each group by its place in it (field m.<metric>_<dd>), so a write
// re-sends the one day it changed and a read decodes a month of 200 reps
// in a few milliseconds.
//
// # Upkeep and idempotency
//
// A record counts on the day it was created, or on the day of a date
// field the metric names (datefield.go), where a change of that field
// moves it from one day (and month document) to another. Every event
// of a change, assignment or deletion carries the record before the write
// (record.Event.Previous), so the upkeep takes the previous state's share
// out of its group and puts the new state's in, with no copy of its own of
// what each record counted as. (The per-record "marks" this replaced were
// most of every document: 670 KB of a 745 KB lead-day.) Moves commute, so
// events of one record applied out of order still sum to its last state.
//
// What makes an event applied twice count once is a bounded set of the
// latest MaxRecent events applied to the document, kept as 8-byte hashes
// of their ids (field a, 32 KB, left out of reads on a server store). It
// was chosen over a per-record "last applied version" kept elsewhere
// because that needs a second conditional write per event (the version
// claim, then the figures), and a crash between the two loses or doubles
// the event anyway; the set keeps the upkeep at one write per event and
// costs a fixed size whatever the number of records. Its limit: a
// duplicate, or a replay of an old event, arriving after MaxRecent newer
// events of the same family and month counts again. Events come from the
// process that made the write, once, in order (feed.go), so duplicates are
// retries that come soon; a rebuild puts any drift right.
//
// A metric added to a published dashboard has not counted the records
// written before it. The document keeps, per metric, the time of the
// first record state it counted in the month (field s); a previous state
// older than that was never counted and is not taken out. A rebuild sets
// it to zero: every current state is counted from then on.
//
// That gives the upkeep its shape: an event reads one document by _id,
// computes the new figures in memory, and writes the changed days back
// with one update conditional on the document's revision (an insert when
// the month has none yet). One event, one extra write, however many
// metrics the family feeds. A lost race re-reads and tries again.
//
// Distinct sets are exact up to MaxDistinct values per group and day; a
// group past it stops growing its set and reports its figure as a lower
// bound (Group.Capped). Sums and counts are always exact.
//
// Reads take the documents of the months asked for — one range query on
// (tenant_id, family, month) on a server store, one read by _id a month
// on the embedded one — once per request, and fold the groups of the days
// in range: whatever the number of records behind them.
//
// A team is read when the event is applied: a record whose owner changed
// team since its previous state was counted is taken out of the owner's
// new team's group. Team moves are rare; a rebuild puts it right.
//
// Activity metrics are kept by the actor's dimensions only (owner, team):
// a record's stage or region changes after the activity, and figures
// keyed by them could not be rebuilt exactly from the raw data. A
// dashboard filter on another dimension leaves an activity widget as it
// is.
//
// # Tasks, timers and ledger entries
//
// Tasks created, completed and cancelled, fired timers and booked ledger
// entries are facts (facts.go): counted once, on their day, in one family
// per tenant ("tasks:", "timers:", "ledger:"; a widget's form is not
// used), with the fields of designer.SourceFields as their dimensions and
// filter variables. The runtime wires them from the engine's task-created
// and task-done hooks, the timer service's fired hook and the ledger's
// entry hook; rebuilds read the tasks, timers and ledger_entries
// collections. A metric over tasks counts one of a task's events
// (designer.Metric.Event, completed by default): a creation for the
// task's first assignee, a completion or cancellation as the task was
// closed. Each costs the one rollup write of its event.
package insights
