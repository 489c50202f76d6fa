// Package expr owns Formwork's one expression language: CEL, the Common
// Expression Language, compiled against the variables a definition
// declares, with Formwork's function library.
//
// Forms (computed fields, visibility, custom rules), processes (gateway
// conditions, set-field values) and imports all speak it, so one rule means
// the same thing in the browser, the API and a workflow. CEL was chosen
// because it is small, side-effect free, type-checked before it runs, has
// bounded evaluation cost, and has implementations for Go and for the
// browser.
//
// An Env declares the variables an expression may name; Env.Compile parses
// and type-checks once (per definition version) and returns a Program that
// is safe to evaluate concurrently. Every refusal is an *Error with a stable
// code and a message in each locale.
//
// The library adds dates (date, days_between, add_days, weekday …),
// business-calendar arithmetic over a designer/calendar Calendar
// (is_working_time, add_business, business_hours_between …) and list
// totals (sum, avg) to CEL's own functions and its string, list, set and
// math extensions; docs/expressions.md is the reference, and a test runs
// its examples. Every function is deterministic: there is no "now"
// function, only a now variable (WithNow) that the caller binds from its
// injected clock, and calendar days are read in one time zone fixed when
// the Env is built.
//
// Cost is bounded twice: Compile refuses an expression whose estimated
// worst case, over lists of up to EstimatedListSize items, is above the cost
// limit, and evaluation stops when the actual cost goes over it.
package expr
