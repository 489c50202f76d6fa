package engine_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/runtime/engine"
)

// shanghai is the default calendar's zone.
var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return l
}()

// at returns a time in Shanghai.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, shanghai)
}

// monday10 is Monday 6 January 2025, 10:00 in Shanghai.
var monday10 = at(2025, 1, 6, 10, 0)

// leadProcess reads the lead response fixture of designer/process.
func leadProcess(t testing.TB) process.Graph {
	t.Helper()
	raw, err := os.ReadFile("../../designer/process/testdata/lead_response.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := process.DecodeProcess(raw)
	if err != nil {
		t.Fatalf("decoding lead_response: %v", err)
	}
	return p.Graph
}

// graphOf decodes a graph written in JSON.
func graphOf(t testing.TB, src string) process.Graph {
	t.Helper()
	g, err := process.Decode(json.RawMessage(src))
	if err != nil {
		t.Fatalf("decoding graph: %v", err)
	}
	return g
}

// model prepares g.
func model(t testing.TB, g process.Graph) *engine.Model {
	t.Helper()
	m, err := engine.Prepare(engine.Definition{Key: "test", Version: 1, Graph: g})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// runner feeds events to a model, keeping the state.
type runner struct {
	t   testing.TB
	m   *engine.Model
	st  engine.State
	rec *engine.Record
}

func newRunner(t testing.TB, g process.Graph, data map[string]any) *runner {
	return &runner{t: t, m: model(t, g), st: engine.State{InstanceID: "i1"},
		rec: &engine.Record{ID: "r1", Form: "lead", OwnerID: "u_owner", Data: data}}
}

// do applies ev at now and returns the result.
func (r *runner) do(now time.Time, ev engine.Event) engine.Result {
	res := r.m.Advance(r.st, engine.Input{Now: now, Event: ev, Record: r.rec})
	r.st = res.State
	return res
}

// kinds summarises effects as "kind:detail" strings.
func kinds(effects []engine.Effect) []string {
	var out []string
	for _, e := range effects {
		s := string(e.Kind) + ":" + e.Node
		switch {
		case e.Timer != nil:
			s += "@" + e.Timer.Due.In(shanghai).Format("Mon 15:04")
		case e.Message != nil:
			s += "/" + string(e.Message.Kind)
		case e.Outcome != "":
			s += "/" + string(e.Outcome)
		}
		out = append(out, s)
	}
	return out
}

// taskID returns the id of the task the effects create at node.
func taskID(t testing.TB, effects []engine.Effect, node string) string {
	t.Helper()
	for _, e := range effects {
		if e.Kind == engine.EffectCreateTask && e.Node == node {
			return e.Task.ID
		}
	}
	t.Fatalf("no task created at %s", node)
	return ""
}

// timerID returns the id of the timer scheduled at node.
func timerID(t testing.TB, effects []engine.Effect, node string) string {
	t.Helper()
	for _, e := range effects {
		if e.Kind == engine.EffectScheduleTimer && e.Node == node {
			return e.Timer.ID
		}
	}
	t.Fatalf("no timer scheduled at %s", node)
	return ""
}
