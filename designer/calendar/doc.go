// Package calendar owns business calendars: the documents that say when an
// organisation works, and the pure time arithmetic that deadlines are built
// on.
//
// A Calendar is data. Tenants edit it and packs ship it: a time zone, the
// working hours of each weekday (several intervals a day, so a lunch break
// is simply a gap), public holidays, China's make-up working days (调休:
// days that would be off but are worked) and custom closures (date ranges
// off, such as school holidays). Validate reports every mistake at once,
// keyed by JSON pointer.
//
// The arithmetic never reads a clock: every function takes the instants it
// works on, so the runtime, the simulator and tests get the same answers
// (DESIGN.md, invariant 5). Calendar's methods prepare a Schedule for each
// call; a caller that makes many calls with one calendar prepares the
// Schedule once with Calendar.Schedule.
//
// Durations are written the way implementers speak: "2h", "90m", "3d",
// "1d 4h business". Calendar time adds plainly; business time walks the
// working intervals, and a business day is one working day, however many
// hours that day has. Every search is bounded by SearchHorizon, so no
// calendar, however odd, can make a deadline computation loop forever.
package calendar
