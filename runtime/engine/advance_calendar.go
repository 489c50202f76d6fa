package engine

import (
	"fmt"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
)

// calendarChanged plans again every business-time deadline counted in
// calendar key — the SLA edges of open tasks, timers and silence watches —
// from when each started counting, and those of steps counted in a team
// calendar whose team a calendar now lists, or no longer does. A deadline
// that moved gets a timer of its own; one the new calendar puts in the
// past fires at once. Wall-time durations and the built-in default
// calendar ("") are not affected.
func (r *run) calendarChanged(key string) bool {
	if key == "" {
		return false
	}
	changed := false
	for i := range r.st.Tokens {
		tok := &r.st.Tokens[i]
		if tok.Wait == nil {
			continue
		}
		node, ok := r.m.node(tok.Node)
		if !ok {
			continue
		}
		switch tok.Wait.Kind {
		case WaitTask:
			changed = r.replanBoundaries(tok, node, key) || changed
		case WaitTimer, WaitSilence:
			changed = r.replanWait(tok, node, key) || changed
		}
	}
	return changed
}

// replanIn says which calendar the deadlines of tok's wait, of a step
// naming calendar step, count in after a change of calendar changed, and
// whether the change concerns them. A wait counted in a team calendar is
// resolved again from its team, and kept in the calendar it moved to.
func (r *run) replanIn(tok *Token, step, changed string) (string, bool) {
	if !teamResolved(step) || r.in.Teams == nil {
		key := waitCalendar(tok.Wait, step)
		return key, key == changed
	}
	w := tok.Wait
	now := r.teamCalendar(w.Team)
	concerned := now != w.Calendar || w.Calendar == changed
	w.Calendar = now
	return now, concerned
}

// replanBoundaries moves the due date and the unfired SLA timers of a
// waiting task.
func (r *run) replanBoundaries(tok *Token, node process.Node, changedKey string) bool {
	cfg, _ := process.ConfigAs[*process.UserTaskConfig](node)
	if cfg == nil {
		return false
	}
	key, concerned := r.replanIn(tok, cfg.Calendar, changedKey)
	if !concerned {
		return false
	}
	changed := false
	if due, moved := r.replanned(tok.Since, cfg.Due, key, tok.Wait.TaskDue); moved {
		tok.Wait.TaskDue = due
		r.emit(*tok, Effect{Kind: EffectRedueTask,
			Task: &TaskSpec{ID: tok.Wait.TaskID, DueAt: due}})
		changed = true
	}
	for i := range tok.Wait.Boundaries {
		b := &tok.Wait.Boundaries[i]
		edge, ok := r.m.edge(b.Edge)
		if b.Fired || !ok {
			continue
		}
		due, moved := r.replanned(tok.Since, edge.After, key, b.Due)
		if !moved {
			continue
		}
		r.emit(*tok, Effect{Kind: EffectCancelTimer, TimerID: b.TimerID})
		b.TimerID, b.Due = replannedID(tok.Wait.TaskID+"."+b.Edge, due), due
		r.emit(*tok, Effect{Kind: EffectScheduleTimer,
			Timer: &TimerSpec{ID: b.TimerID, Kind: TimerBoundary, Due: due}})
		changed = true
	}
	if changed {
		r.step(*tok, StepReplanned, "calendar "+changedKey)
	}
	return changed
}

// replanWait moves the timer of a timer node or a silence watch.
func (r *run) replanWait(tok *Token, node process.Node, changedKey string) bool {
	from, dur, step, kind := tok.Since, "", "", TimerWait
	switch c := node.Config.(type) {
	case *process.TimerConfig:
		if c.Until != "" {
			return r.replanUntil(tok, c, changedKey)
		}
		dur, step = c.Duration, c.Calendar
	case *process.SilenceWatchConfig:
		dur, step, kind = c.Duration, c.Calendar, TimerSilence
		from = later(from, r.lastActivity(c.Activities))
	default:
		return false
	}
	key, concerned := r.replanIn(tok, step, changedKey)
	if !concerned {
		return false
	}
	due, moved := r.replanned(from, dur, key, tok.Wait.Due)
	if !moved {
		return false
	}
	r.moveWait(tok, kind, due, changedKey)
	return true
}

// moveWait replaces tok's waiting timer with one of kind due at due,
// recording that calendar changedKey moved it.
func (r *run) moveWait(tok *Token, kind TimerKind, due time.Time, changedKey string) {
	r.emit(*tok, Effect{Kind: EffectCancelTimer, TimerID: tok.Wait.TimerID})
	tok.Wait.TimerID, tok.Wait.Due = replannedID(r.key(*tok), due), due
	r.emit(*tok, Effect{Kind: EffectScheduleTimer,
		Timer: &TimerSpec{ID: tok.Wait.TimerID, Kind: kind, Due: due}})
	r.step(*tok, StepReplanned, "calendar "+changedKey)
}

// replanned returns the deadline of a business duration s counted from
// start in calendar key, and whether it differs from the current one.
func (r *run) replanned(start time.Time, s, key string, current time.Time) (time.Time,
	bool) {
	d, err := calendar.ParseDuration(s)
	if err != nil || !d.Business {
		return current, false
	}
	due := r.in.calendarOf(key).Add(start, d)
	return due, !due.Equal(current)
}

// replannedID names the timer of a re-planned deadline after the
// deadline itself, so that planning the same deadline twice is one timer.
func replannedID(base string, due time.Time) string {
	return fmt.Sprintf("%s.c%d", base, due.Unix())
}
