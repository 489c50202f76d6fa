package engine

import (
	"fmt"

	"github.com/formworkhq/formwork/designer/process"
)

// Rebase moves a state from another version of the process onto m: each
// token goes to mapping[node] (or the node with the same id), and the
// timers of waiting tokens are planned again from the token's arrival
// with the new node's settings. History stays with the instance. A token
// whose node has no counterpart is an error and nothing changes.
func (m *Model) Rebase(st State, mapping map[string]string, in Input) (Result, error) {
	ns := st.Clone()
	r := &run{m: m, st: &ns, in: in}
	for i := range ns.Tokens {
		if err := r.rebaseToken(&ns.Tokens[i], mapping); err != nil {
			return Result{State: st}, err
		}
	}
	return Result{State: ns, Effects: r.effects, Steps: r.steps, Changed: true}, nil
}

func (r *run) rebaseToken(tok *Token, mapping map[string]string) error {
	to := tok.Node
	if mapped, ok := mapping[tok.Node]; ok {
		to = mapped
	}
	node, ok := r.m.node(to)
	if !ok {
		return fmt.Errorf("token %s at %q has no step in the new version", tok.ID, tok.Node)
	}
	if tok.Visits != nil && to != tok.Node {
		tok.Visits[to] = tok.Visits[tok.Node]
	}
	tok.Node = to
	r.step(*tok, StepReplanned, "migrated")
	if tok.Wait == nil {
		return nil
	}

	switch tok.Wait.Kind {
	case WaitTask:
		return r.rebaseTask(tok, node)
	case WaitTimer, WaitSilence:
		return r.rebaseTimer(tok, node)
	}
	return nil
}

// rebaseTask re-plans a waiting task's SLA timers with the new node's
// boundary edges, counting from the task's creation; edges that already
// fired stay fired.
func (r *run) rebaseTask(tok *Token, node process.Node) error {
	cfg, _ := process.ConfigAs[*process.UserTaskConfig](node)
	fired := map[string]bool{}
	for _, b := range tok.Wait.Boundaries {
		fired[b.Edge] = b.Fired
	}
	r.cancelBoundaries(*tok, "")

	var next []Boundary
	for _, e := range r.m.edges(node.ID, true) {
		due, err := r.dueAfter(tok.Since, e.After, waitCalendar(tok.Wait, cfg.Calendar))
		if err != nil {
			return err
		}
		b := Boundary{Edge: e.ID, TimerID: fmt.Sprintf("%s.%s.m", tok.Wait.TaskID, e.ID),
			Due: due, Fired: fired[e.ID]}
		next = append(next, b)
		if !b.Fired {
			r.emit(*tok, Effect{Kind: EffectScheduleTimer,
				Timer: &TimerSpec{ID: b.TimerID, Kind: TimerBoundary, Due: due}})
		}
	}
	tok.Wait.Boundaries = next
	return nil
}

// rebaseTimer re-plans a timer or silence watch with the new settings.
func (r *run) rebaseTimer(tok *Token, node process.Node) error {
	var dur, cal, kind = "", "", TimerWait
	switch c := node.Config.(type) {
	case *process.TimerConfig:
		dur, cal = c.Duration, c.Calendar
	case *process.SilenceWatchConfig:
		dur, cal, kind = c.Duration, c.Calendar, TimerSilence
	default:
		return fmt.Errorf("token %s waits for a timer at %q, which has none", tok.ID, node.ID)
	}
	if dur == "" {
		return nil // a timer until a date field keeps its deadline
	}
	due, err := r.dueAfter(tok.Since, dur, waitCalendar(tok.Wait, cal))
	if err != nil {
		return err
	}
	r.emit(*tok, Effect{Kind: EffectCancelTimer, TimerID: tok.Wait.TimerID})
	tok.Wait.TimerID, tok.Wait.Due = tok.Wait.TimerID+".m", due
	r.emit(*tok, Effect{Kind: EffectScheduleTimer,
		Timer: &TimerSpec{ID: tok.Wait.TimerID, Kind: kind, Due: due}})
	return nil
}
