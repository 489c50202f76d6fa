package engine

import (
	"fmt"
	"maps"
	"slices"

	"github.com/formworkhq/formwork/designer/process"
)

// taskCompleted moves the token that waited for the task on.
func (r *run) taskCompleted(ev Event) bool {
	i := r.st.taskOwner(ev.TaskID)
	if i < 0 {
		return false
	}
	tok := r.take(i)
	r.cancelBoundaries(tok, "")

	task := maps.Clone(ev.Data)
	if task == nil {
		task = map[string]any{}
	}
	task["id"], task["outcome"], task["assignee"] = ev.TaskID, ev.Outcome, ev.Assignee
	task["completed_at"] = r.in.Now
	tok.Task = task
	r.step(tok, StepFired, "task "+ev.TaskID+" completed: "+ev.Outcome)
	r.leave(tok)
	return true
}

// timerFired handles a due timer of a boundary edge, a timer node or a
// silence watch.
func (r *run) timerFired(timerID string) bool {
	i, b := r.st.timerOwner(timerID)
	if i < 0 {
		return false
	}
	if b >= 0 {
		r.boundaryFired(i, b)
		return true
	}

	switch r.st.Tokens[i].Wait.Kind {
	case WaitSilence:
		r.silenceDue(i)
	default:
		tok := r.take(i)
		r.step(tok, StepFired, "timer "+timerID)
		r.leave(tok)
	}
	return true
}

// boundaryFired runs an SLA edge. An interrupting edge cancels the task
// and moves its token; otherwise the task stays open and a side token
// runs the edge's path.
func (r *run) boundaryFired(i, b int) {
	bd := &r.st.Tokens[i].Wait.Boundaries[b]
	bd.Fired = true
	edge, _ := r.m.edge(bd.Edge)
	r.note = &BoundaryNote{Edge: edge.ID, After: edge.After, Interrupting: edge.Interrupting}

	if edge.Interrupting {
		tok := r.take(i)
		r.emit(tok, Effect{Kind: EffectCancelTask, TaskID: tok.Wait.TaskID})
		r.cancelBoundaries(tok, bd.TimerID)
		r.step(tok, StepFired, "boundary "+edge.ID+" interrupts")
		escalateBoundary(&tok, tok)
		r.enter(tok, edge.To)
		return
	}

	owner := r.st.Tokens[i]
	side := r.newToken(owner.Group)
	side.Side, side.Task, side.TaskForm = true, maps.Clone(owner.Task), owner.TaskForm
	escalateBoundary(&side, owner)
	r.step(owner, StepFired, "boundary "+edge.ID)
	r.enter(side, edge.To)
}

// silenceDue re-checks a silence watch at its deadline: activity since the
// deadline was set pushes it (one new timer); silence moves the token on.
func (r *run) silenceDue(i int) {
	tok := &r.st.Tokens[i]
	node, _ := r.m.node(tok.Node)
	cfg, _ := process.ConfigAs[*process.SilenceWatchConfig](node)

	from := later(tok.Since, r.lastActivity(cfg.Activities))
	due, err := r.dueAfter(from, cfg.Duration, waitCalendar(tok.Wait, cfg.Calendar))
	if err != nil {
		r.fail(err)
		return
	}
	if due.After(r.in.Now) {
		tok.Wait.Rescheduled++
		id := fmt.Sprintf("%s.r%d", r.key(*tok), tok.Wait.Rescheduled)
		tok.Wait.TimerID, tok.Wait.Due = id, due
		r.emit(*tok, Effect{Kind: EffectScheduleTimer,
			Timer: &TimerSpec{ID: id, Kind: TimerSilence, Due: due}})
		r.step(*tok, StepRescheduled, due.UTC().Format("2006-01-02T15:04:05Z"))
		return
	}

	done := r.take(i)
	r.step(done, StepFired, "silence")
	r.leave(done)
}

// recordChanged re-plans timers bound to a changed date field.
func (r *run) recordChanged(fields []string) bool {
	changed := false
	for i := 0; i < len(r.st.Tokens); i++ {
		w := r.st.Tokens[i].Wait
		if w == nil || w.Kind != WaitTimer || w.Field == "" || !slices.Contains(fields, w.Field) {
			continue
		}
		tok := r.st.Tokens[i]
		due, ok, err := r.untilDueOf(tok)
		if err != nil {
			r.fail(err)
			return true
		}
		if ok && due.Equal(w.Due) {
			continue
		}
		changed = true
		r.emit(tok, Effect{Kind: EffectCancelTimer, TimerID: w.TimerID})
		if !ok || !due.After(r.in.Now) {
			r.take(i)
			i--
			r.step(tok, StepFired, "date "+w.Field+" reached")
			r.leave(tok)
			continue
		}
		w.Rescheduled++
		w.TimerID, w.Due = fmt.Sprintf("%s.p%d", r.key(tok), w.Rescheduled), due
		r.emit(tok, Effect{Kind: EffectScheduleTimer,
			Timer: &TimerSpec{ID: w.TimerID, Kind: TimerWait, Due: due}})
		r.step(tok, StepReplanned, w.Field)
	}
	return changed
}

// childDone moves on the token that waited for a sub-process.
func (r *run) childDone(childID string) bool {
	i := slices.IndexFunc(r.st.Tokens, func(t Token) bool {
		return t.Wait != nil && t.Wait.Kind == WaitChild && t.Wait.ChildID == childID
	})
	if i < 0 {
		return false
	}
	tok := r.take(i)
	r.step(tok, StepFired, "sub-process "+childID+" ended")
	r.leave(tok)
	return true
}
