package mongo

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
)

// A CommandLog records the commands the driver sends, by kind, collection
// and the keys of their filters, so that a benchmark or a test can show
// which of an operation's commands find their document by `_id` and which
// make the embedded store scan a collection (see DESIGN.md: FerretDB v1
// pushes a filter down to SQL only when `_id` equality is its only key).
//
// Pass Monitor() in Options.Monitor. A CommandLog is safe for concurrent
// use; the zero value is not, use NewCommandLog.
type CommandLog struct {
	mu    sync.Mutex
	n     map[Command]int64
	total int64
}

// Access says how the store reaches the documents a command names.
type Access string

// The accesses a CommandLog tells apart.
const (
	// AccessByID is a filter of `_id` equality alone: one index lookup.
	AccessByID Access = "by_id"
	// AccessScan is any other filter: on FerretDB v1 on SQLite, a scan of
	// the whole collection, growing with it.
	AccessScan Access = "scan"
	// AccessWrite is an insert, which names no documents to find.
	AccessWrite Access = "insert"
	// AccessOther is a command without a collection filter (a ping, a
	// getMore, index and collection management).
	AccessOther Access = "other"
)

// Command is one kind of command a CommandLog counts.
type Command struct {
	// Name is the command's name: find, insert, update, aggregate, …
	Name string
	// Collection is the collection it runs on; "" for none.
	Collection string
	// Keys are the top-level keys of its filter, sorted and joined by ",";
	// for an aggregate, those of its $match stages.
	Keys string
	// Access says whether the filter is `_id` alone.
	Access Access
}

// NewCommandLog returns an empty log.
func NewCommandLog() *CommandLog { return &CommandLog{n: map[Command]int64{}} }

// Monitor returns the driver monitor that feeds the log.
func (l *CommandLog) Monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context,
		e *event.CommandStartedEvent) {
		l.Add(e.CommandName, e.Command)
	}}
}

// Add records one command named name with body cmd.
func (l *CommandLog) Add(name string, cmd bson.Raw) {
	c := describe(name, cmd)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n[c]++
	l.total++
}

// Total is the number of commands recorded since the log was made.
func (l *CommandLog) Total() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// CommandCount is how often one kind of command was sent.
type CommandCount struct {
	Command
	N int64
}

// Take returns the counts recorded since the last Take, most frequent
// first, and forgets them.
func (l *CommandLog) Take() []CommandCount {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]CommandCount, 0, len(l.n))
	for c, n := range l.n {
		out = append(out, CommandCount{Command: c, N: n})
	}
	clear(l.n)
	slices.SortFunc(out, func(a, b CommandCount) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Collection, b.Collection),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.Keys, b.Keys))
	})
	return out
}

// FormatCommands writes counts as a table, each count divided by ops,
// ending with the totals per access: what a benchmark prints.
func FormatCommands(counts []CommandCount, ops int) string {
	var sb strings.Builder
	per := func(n int64) float64 { return float64(n) / float64(max(ops, 1)) }
	fmt.Fprintf(&sb, "%8s  %-9s %-24s %-7s %s\n", "per op", "command", "collection",
		"access", "filter keys")
	byAccess := map[Access]int64{}
	for _, c := range counts {
		fmt.Fprintf(&sb, "%8.2f  %-9s %-24s %-7s %s\n", per(c.N), c.Name, c.Collection,
			c.Access, c.Keys)
		byAccess[c.Access] += c.N
	}
	for _, a := range slices.Sorted(maps.Keys(byAccess)) {
		fmt.Fprintf(&sb, "%8.2f  %s\n", per(byAccess[a]), a)
	}
	return sb.String()
}

// describe reads the kind, collection and filter keys of one command.
func describe(name string, cmd bson.Raw) Command {
	coll, _ := cmd.Lookup(name).StringValueOK()
	c := Command{Name: name, Collection: coll, Access: AccessOther}
	filters, ok := commandFilters(name, cmd)
	switch {
	case name == "insert":
		c.Access = AccessWrite
	case ok:
		c.Keys, c.Access = filterKeys(filters)
	}
	return c
}

// commandFilters returns the filters of a command that finds documents;
// ok is false for the other commands.
func commandFilters(name string, cmd bson.Raw) ([]bson.Raw, bool) {
	switch name {
	case "find":
		return docs(cmd.Lookup("filter")), true
	case "count", "findAndModify":
		return docs(cmd.Lookup("query")), true
	case "update", "delete":
		return statementFilters(cmd.Lookup(name + "s")), true
	case "aggregate":
		return matchStages(cmd.Lookup("pipeline")), true
	}
	return nil, false
}

// docs returns v as a one-element list of documents, or an empty filter
// when v is missing.
func docs(v bson.RawValue) []bson.Raw {
	d, ok := v.DocumentOK()
	if !ok {
		return []bson.Raw{nil}
	}
	return []bson.Raw{d}
}

// statementFilters returns the "q" of every statement of an update or
// delete.
func statementFilters(v bson.RawValue) []bson.Raw {
	arr, _ := v.ArrayOK()
	vals, _ := arr.Values()
	out := make([]bson.Raw, 0, len(vals))
	for _, s := range vals {
		if d, ok := s.DocumentOK(); ok {
			out = append(out, docs(d.Lookup("q"))...)
		}
	}
	return out
}

// matchStages returns the $match documents of a pipeline.
func matchStages(v bson.RawValue) []bson.Raw {
	arr, _ := v.ArrayOK()
	vals, _ := arr.Values()
	var out []bson.Raw
	for _, s := range vals {
		d, _ := s.DocumentOK()
		if m, ok := d.Lookup("$match").DocumentOK(); ok {
			out = append(out, m)
		}
	}
	return out
}

// filterKeys joins the sorted keys of filters and tells whether every one
// is an `_id` equality alone.
func filterKeys(filters []bson.Raw) (string, Access) {
	keys := map[string]bool{}
	access := AccessByID
	for _, f := range filters {
		elems, _ := f.Elements()
		if len(elems) != 1 || elems[0].Key() != "_id" || isRawOperator(elems[0].Value()) {
			access = AccessScan
		}
		for _, e := range elems {
			keys[e.Key()] = true
		}
	}
	if len(filters) == 0 {
		access = AccessScan
	}
	return strings.Join(slices.Sorted(maps.Keys(keys)), ","), access
}

// isRawOperator reports whether v is an operator document ({$in: …}) rather
// than a value to compare with.
func isRawOperator(v bson.RawValue) bool {
	d, ok := v.DocumentOK()
	if !ok {
		return false
	}
	elems, _ := d.Elements()
	return len(elems) > 0 && strings.HasPrefix(elems[0].Key(), "$")
}
