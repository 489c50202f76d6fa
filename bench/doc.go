// Package bench holds Formwork's end-to-end Go benchmarks and, in
// bench/load, the load tool that drives the real binary over HTTP. The
// benchmarks here build the same services `formwork serve` builds, on the
// embedded stores, and call the domain directly, so that a CPU profile of
// one shows where a request's time goes without the HTTP client in it:
//
//	go test ./bench -run '^$' -bench SubmitLead -benchtime 2000x -cpuprofile cpu.out
//	go tool pprof -top -cum cpu.out
//
// `go run ./bench/load -report docs/benchmarks.md` runs that profile too and
// writes the share of JSON Schema validation into the report.
package bench
