package engine

import (
	"fmt"

	"github.com/formworkhq/formwork/designer/expr"

	"github.com/formworkhq/formwork/designer/process"
)

// arrive runs tok's arrival at node id.
func (r *run) arrive(tok Token, id string) {
	node, ok := r.m.node(id)
	if !ok {
		r.fail(fmt.Errorf("token %s entered unknown node %q", tok.ID, id))
		return
	}
	tok.Node, tok.Since = id, r.in.Now
	if tok.Visits == nil {
		tok.Visits = map[string]int{}
	}
	tok.Visits[id]++
	r.step(tok, StepArrived, string(node.Kind))

	if err := r.visit(tok, node); err != nil {
		r.fail(fmt.Errorf("at step %q: %w", id, err))
	}
}

// visit does what node does with tok.
func (r *run) visit(tok Token, node process.Node) error {
	switch node.Kind {
	case process.KindUserTask:
		return r.userTask(tok, node)
	case process.KindTimer:
		return r.timer(tok, node)
	case process.KindSilenceWatch:
		return r.silenceWatch(tok, node)
	case process.KindExclusiveGateway:
		return r.decide(tok)
	case process.KindParallelSplit:
		r.split(tok)
	case process.KindParallelJoin:
		r.join(tok)
	case process.KindEnd:
		r.step(tok, StepEnded, "")
	case process.KindSubProcess:
		return r.subProcess(tok, node)
	default:
		return r.effectNode(tok, node)
	}
	return nil
}

// taskTitle is a task's name with what the token knows filled in, so a
// step named "Call {{record.company}}" makes a task "Call Acme Tea".
func (r *run) taskTitle(tok *Token, name process.Text) process.Text {
	if out := r.render(tok, name); out != nil {
		return out
	}
	return name
}

// userTask creates the task, schedules its SLA timers and waits.
func (r *run) userTask(tok Token, node process.Node) error {
	cfg, _ := process.ConfigAs[*process.UserTaskConfig](node)
	spec := &TaskSpec{ID: r.key(tok), Title: r.taskTitle(&tok, node.Name),
		Assignee: cfg.Assignee, Form: cfg.Form,
		Escalation: tok.Escalation, EscalatedFrom: tok.EscalatedFrom}
	for _, o := range cfg.Outcomes {
		spec.Outcomes = append(spec.Outcomes, o.Key)
	}
	key, team := r.countIn(cfg.Calendar, r.ruleTeam(cfg.Assignee))
	if cfg.Due != "" {
		due, err := r.dueAfter(r.in.Now, cfg.Due, key)
		if err != nil {
			return err
		}
		spec.DueAt = due
	}
	r.emit(tok, Effect{Kind: EffectCreateTask, Task: spec})

	wait := &Wait{Kind: WaitTask, TaskID: spec.ID, TaskDue: spec.DueAt}
	team.keep(wait)
	for _, e := range r.m.edges(node.ID, true) {
		due, err := r.dueAfter(r.in.Now, e.After, key)
		if err != nil {
			return err
		}
		b := Boundary{Edge: e.ID, TimerID: spec.ID + "." + e.ID, Due: due}
		wait.Boundaries = append(wait.Boundaries, b)
		r.emit(tok, Effect{Kind: EffectScheduleTimer,
			Timer: &TimerSpec{ID: b.TimerID, Kind: TimerBoundary, Due: due}})
	}

	tok.Task, tok.TaskForm, tok.Wait = map[string]any{"id": spec.ID}, cfg.Form, wait
	r.rest(tok)
	return nil
}

// timer waits for a duration, or until a date field of the record.
func (r *run) timer(tok Token, node process.Node) error {
	cfg, _ := process.ConfigAs[*process.TimerConfig](node)
	w := &Wait{Kind: WaitTimer, TimerID: r.key(tok), Field: cfg.Until}
	if cfg.Until != "" {
		due, ok, err := r.untilDue(cfg)
		if err != nil {
			return err
		}
		if !ok || !due.After(r.in.Now) {
			r.leave(tok)
			return nil
		}
		w.Due = due
	} else {
		key, team := r.countIn(cfg.Calendar, r.ownerTeam())
		due, err := r.dueAfter(r.in.Now, cfg.Duration, key)
		if err != nil {
			return err
		}
		w.Due = due
		team.keep(w)
	}

	r.emit(tok, Effect{Kind: EffectScheduleTimer,
		Timer: &TimerSpec{ID: w.TimerID, Kind: TimerWait, Due: w.Due}})
	tok.Wait = w
	r.rest(tok)
	return nil
}

// silenceWatch sets one timer at arrival plus the duration; activity does
// not touch it (DESIGN.md invariant 6).
func (r *run) silenceWatch(tok Token, node process.Node) error {
	cfg, _ := process.ConfigAs[*process.SilenceWatchConfig](node)
	key, team := r.countIn(cfg.Calendar, r.ownerTeam())
	due, err := r.dueAfter(r.in.Now, cfg.Duration, key)
	if err != nil {
		return err
	}

	tok.Wait = &Wait{Kind: WaitSilence, TimerID: r.key(tok), Due: due}
	team.keep(tok.Wait)
	r.emit(tok, Effect{Kind: EffectScheduleTimer,
		Timer: &TimerSpec{ID: tok.Wait.TimerID, Kind: TimerSilence, Due: due}})
	r.rest(tok)
	return nil
}

// ErrNoBranch is the failure of an exclusive gateway none of whose edges
// applies.
var ErrNoBranch = fmt.Errorf("no condition holds and there is no default edge")

// decide takes the first edge whose condition holds, else the default. A
// condition that cannot be evaluated counts as false and is noted.
func (r *run) decide(tok Token) error {
	var fallback *process.Edge
	for _, e := range r.m.edges(tok.Node, false) {
		if e.Default || e.Condition == "" {
			if fallback == nil {
				fallback = &e
			}
			continue
		}
		v, err := r.eval(&tok, e.Condition, expr.Bool)
		if err != nil {
			r.step(tok, StepNote, err.Error())
			continue
		}
		if b, ok := v.(bool); ok && b {
			r.enter(tok, e.To)
			return nil
		}
	}
	if fallback == nil {
		return ErrNoBranch
	}
	r.enter(tok, fallback.To)
	return nil
}

// split replaces tok by one token per outgoing edge, in a new group.
func (r *run) split(tok Token) {
	out := r.m.edges(tok.Node, false)
	r.st.Seq++
	g := fmt.Sprintf("g%d", r.st.Seq)
	if r.st.Groups == nil {
		r.st.Groups = map[string]Group{}
	}
	r.st.Groups[g] = Group{Parent: tok.Group, Branches: len(out)}

	for _, e := range out {
		b := r.newToken(g)
		b.Task, b.TaskForm = tok.Task, tok.TaskForm
		b.Escalation, b.EscalatedFrom = tok.Escalation, tok.EscalatedFrom
		r.enter(b, e.To)
	}
}

// join waits until every branch of tok's group has arrived, then lets one
// token go on in the parent group.
func (r *run) join(tok Token) {
	grp, ok := r.st.Groups[tok.Group]
	if !ok {
		r.leave(tok)
		return
	}
	tok.Wait = &Wait{Kind: WaitJoin}
	r.rest(tok)

	var here []int
	for i, t := range r.st.Tokens {
		if t.Node == tok.Node && t.Group == tok.Group && t.Wait != nil && t.Wait.Kind == WaitJoin {
			here = append(here, i)
		}
	}
	if len(here) < grp.Branches {
		return
	}

	for k := len(here) - 1; k >= 0; k-- {
		r.take(here[k])
	}
	delete(r.st.Groups, tok.Group)
	merged := tok
	merged.Group, merged.Wait = grp.Parent, nil
	r.leave(merged)
}

// subProcess starts a child instance and, when the node says so, waits
// for it.
func (r *run) subProcess(tok Token, node process.Node) error {
	cfg, _ := process.ConfigAs[*process.SubProcessConfig](node)
	input, err := r.evalAll(&tok, cfg.Input)
	if err != nil {
		return err
	}
	child := &ChildSpec{ID: r.key(tok), Process: cfg.Process, Input: input, Wait: cfg.Wait}
	r.emit(tok, Effect{Kind: EffectStartChild, Child: child})
	if !cfg.Wait {
		r.leave(tok)
		return nil
	}
	tok.Wait = &Wait{Kind: WaitChild, ChildID: child.ID}
	r.rest(tok)
	return nil
}

// evalAll evaluates a map of expressions.
func (r *run) evalAll(tok *Token, exprs map[string]string) (map[string]any, error) {
	if len(exprs) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(exprs))
	for name, src := range exprs {
		v, err := r.eval(tok, src, nil)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, nil
}
