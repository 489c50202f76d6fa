package expr

import (
	"fmt"
	"sort"
	"time"

	"cel.dev/cel-go/cel"

	"github.com/formworkhq/formwork/designer/calendar"
)

// Type is the type of a declared variable or of an expression's result.
type Type = *cel.Type

// The types definitions declare. Numbers are Number (a float64) because
// JSON numbers are; Int is for counters that are whole by nature.
var (
	String    Type = cel.StringType
	Int       Type = cel.IntType
	Number    Type = cel.DoubleType
	Bool      Type = cel.BoolType
	Timestamp Type = cel.TimestampType
	Duration  Type = cel.DurationType
	Dyn       Type = cel.DynType
)

// ListOf is the type of a list whose items are elem.
func ListOf(elem Type) Type { return cel.ListType(elem) }

// MapOf is the type of an object with string keys and values of type v.
func MapOf(v Type) Type { return cel.MapType(cel.StringType, v) }

// Limits every expression is held to.
const (
	// MaxSourceLen is the longest expression accepted, in characters.
	MaxSourceLen = 4096
	// DefaultCostLimit bounds the work one evaluation may do, in CEL cost
	// units (roughly one per operation and per list element visited).
	DefaultCostLimit = 100_000
)

// NowVar is the name of the variable WithNow declares.
const NowVar = "now"

// Var declares a variable an expression may name. A dotted name such as
// "record.amount" is a qualified identifier: the expression writes
// record.amount and the checker knows its type.
type Var struct {
	Name string
	Type Type
}

// Env is the set of variables and functions expressions compile against.
// It is immutable and safe for concurrent use.
type Env struct {
	cel       *cel.Env
	vars      map[string]Type
	required  map[string]bool
	costLimit uint64
	zone      *time.Location
}

// NewEnv builds an environment declaring vars. A name declared twice is an
// error, as is an empty one.
func NewEnv(vars []Var, opts ...Option) (*Env, error) {
	cfg := envConfig{costLimit: DefaultCostLimit}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.now {
		vars = append(vars[:len(vars):len(vars)], Var{Name: NowVar, Type: Timestamp})
	}
	zone, sched := cfg.calendar()

	declared, varOpts, err := declare(vars)
	if err != nil {
		return nil, err
	}
	celOpts := append(libraryOptions(zone, sched), cfg.celOpts...)
	env, err := cel.NewEnv(append(celOpts, varOpts...)...)
	if err != nil {
		return nil, fmt.Errorf("building expression environment: %w", err)
	}

	e := &Env{cel: env, vars: declared, costLimit: cfg.costLimit, zone: zone}
	if cfg.now {
		e.required = map[string]bool{NowVar: true}
	}
	return e, nil
}

// calendar prepares the configured calendar, or the default one, and
// picks the zone: WithTimeZone's, else the calendar's.
func (c envConfig) calendar() (*time.Location, *calendar.Schedule) {
	cal := c.cal
	if cal == nil {
		cal = calendar.Default()
	}

	sched := cal.Schedule()
	if c.zone != nil {
		return c.zone, sched
	}
	return sched.Location(), sched
}

// declare checks the variables and turns them into CEL declarations.
func declare(vars []Var) (map[string]Type, []cel.EnvOption, error) {
	declared := make(map[string]Type, len(vars))
	opts := make([]cel.EnvOption, 0, len(vars))

	for _, v := range vars {
		if v.Name == "" || v.Type == nil {
			return nil, nil, fmt.Errorf("declaring variable %q: name and type are required",
				v.Name)
		}
		if _, dup := declared[v.Name]; dup {
			return nil, nil, fmt.Errorf("declaring variable %q: declared twice", v.Name)
		}
		declared[v.Name] = v.Type
		opts = append(opts, cel.Variable(v.Name, v.Type))
	}
	return declared, opts, nil
}

// Vars lists the declared variable names, sorted.
func (e *Env) Vars() []string {
	names := make([]string, 0, len(e.vars))
	for n := range e.vars {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TypeOf returns the declared type of a variable, or nil.
func (e *Env) TypeOf(name string) Type { return e.vars[name] }

// TimeZone returns the zone that dates, days and weekdays are read in.
func (e *Env) TimeZone() *time.Location { return e.zone }
