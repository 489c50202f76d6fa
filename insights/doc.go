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
// Figures live in one document per tenant, family and day (collection
// insight_rollups). A family is what events feed a metric: the records of
// one form ("records:lead") or the activities logged on them
// ("activities:lead"). Inside, every metric of the family has its groups,
// keyed by a hash of the dimension values (owner, stage, region, …), each
// with a count, an exact sum (in millionths, so the order of additions
// never changes a figure) and, for distinct counts, the exact set of
// values with their reference counts. A ratio keeps its numerator and
// denominator side by side. Each metric's groups are stored as one
// binary value (field m.<key>): the embedded store's cost of reading a
// document grows with the number of values in it far more than with its
// bytes, and a day of a busy tenant holds thousands of groups.
//
// The same document holds what makes the upkeep idempotent. For each
// record created that day, a mark: the version last applied and what the
// record contributes to each metric (its group and values). A record is
// counted on the day it was created and never moves, so whatever its
// later changes do — a new stage, a new owner, a deletion — they move its
// contribution between groups of the same document. The marks are kept
// as 16 binary shards (field r), so that a read skips them without
// decoding and a write re-sends only the shard it touched. Activities
// never change, so they need no mark, only duplicate detection: the
// document keeps the ids of its latest MaxRecent activities (field a).
//
// That gives the upkeep its shape: an event reads one document by _id,
// computes the new groups and marks in memory, and writes them back with
// one update conditional on the document's revision (an insert when the
// day has none yet). One event, one extra write, however many metrics the
// family feeds. A record event whose version is not newer than its mark
// (a duplicate, or an older write arriving late) changes nothing, and so
// does an activity among the recent ids, so an event applied twice counts
// once. (An activity redelivered after MaxRecent newer activities of the
// same form and day would count twice; a rebuild puts it right.) A lost
// race re-reads and tries again.
//
// Distinct sets are exact up to MaxDistinct values per group and day; a
// group past it stops growing its set and reports its figure as a lower
// bound (Group.Capped). Sums and counts are always exact.
//
// Reads take the documents of the days asked for — one range query on
// (tenant_id, family, day) that leaves the marks out on a server store,
// one read by _id a day on the embedded one — and fold their groups: a
// month of a dashboard reads about thirty documents per family, whatever
// the number of records behind them.
//
// Activity metrics are kept by the actor's dimensions only (owner, team):
// a record's stage or region changes after the activity, and figures
// keyed by them could not be rebuilt exactly from the raw data. A
// dashboard filter on another dimension leaves an activity widget as it
// is. Sources other than records and activities (tasks, timers, ledger)
// emit no events to insights yet: their widgets answer "unsupported".
package insights
