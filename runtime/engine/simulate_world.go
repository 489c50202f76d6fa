package engine

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/i18n"
)

// world is a simulation in progress: the virtual clock, the record, the
// instance and the in-memory tasks and timers.
type world struct {
	ctx     context.Context
	m       *Model
	in      Input
	ppl     people
	now     time.Time
	rec     *Record
	st      State
	timers  map[string]TimerSpec
	tasks   map[string]*simTask
	order   []string
	turns   map[string]int
	fired   int
	entries []TimelineEntry
}

// simTask is a task of the simulation.
type simTask struct {
	spec     TaskSpec
	node     string
	assignee string
	open     bool
	overdue  bool
}

// timeOf returns when ev happens.
func (w *world) timeOf(ev ScriptEvent) (time.Time, error) {
	if ev.At != nil {
		return later(w.now, *ev.At), nil
	}
	if ev.After == "" {
		return w.now, nil
	}
	return w.plus(ev.After)
}

// plus returns now plus a written duration, in the default calendar.
func (w *world) plus(s string) (time.Time, error) {
	d, err := calendar.ParseDuration(s)
	if err != nil {
		return time.Time{}, err
	}
	return w.in.calendarOf("").Add(w.now, d), nil
}

// runUntil fires, in order, the timers and due times up to t, then sets
// the clock to t; false once the firing guard is reached.
func (w *world) runUntil(t time.Time) bool {
	for {
		id, due, ok := w.nextTimer()
		w.reportDue(earliest(due, t, ok))
		if !ok || due.After(t) {
			break
		}
		if w.fired++; w.fired > MaxTimerFirings {
			w.add("", "stalled", "engine.sim.stalled", i18n.Params{"max": MaxTimerFirings})
			return false
		}
		w.now = later(w.now, due)
		delete(w.timers, id)
		w.add(w.nodeOfTimer(id), "timer_fired", "engine.sim.timer_fired", nil)
		w.advance(Event{Kind: EventTimerFired, TimerID: id})
	}
	w.now = later(w.now, t)
	return true
}

func earliest(due, t time.Time, ok bool) time.Time {
	if ok && due.Before(t) {
		return due
	}
	return t
}

// nextTimer returns the soonest pending timer.
func (w *world) nextTimer() (string, time.Time, bool) {
	ids := slices.Sorted(maps.Keys(w.timers))
	best := ""
	for _, id := range ids {
		if best == "" || w.timers[id].Due.Before(w.timers[best].Due) {
			best = id
		}
	}
	if best == "" {
		return "", time.Time{}, false
	}
	return best, w.timers[best].Due, true
}

// nodeOfTimer finds the node a timer belongs to.
func (w *world) nodeOfTimer(id string) string {
	if i, _ := w.st.timerOwner(id); i >= 0 {
		return w.st.Tokens[i].Node
	}
	return ""
}

// reportDue adds task_due entries for open tasks due by t.
func (w *world) reportDue(t time.Time) {
	for _, id := range w.order {
		st := w.tasks[id]
		if st.open && !st.overdue && !st.spec.DueAt.IsZero() && !st.spec.DueAt.After(t) {
			st.overdue = true
			at := w.now
			w.now = later(w.now, st.spec.DueAt)
			w.add(st.node, "task_due", "engine.sim.task_due", w.taskParams(st))
			w.now = at
		}
	}
}

// scripted applies one scripted event.
func (w *world) scripted(ev ScriptEvent) {
	switch ev.Kind {
	case ScriptSubmit:
		w.rec.CreatedAt, w.rec.UpdatedAt = w.now, w.now
		if w.keptBySchedule() {
			w.advance(Event{Kind: EventStart})
		}
	case ScriptActivity:
		kind := ev.Activity
		if kind == "" {
			kind = "call"
		}
		w.rec.LastActivityAt = w.now
		if w.rec.LastActivityByKind == nil {
			w.rec.LastActivityByKind = map[string]time.Time{}
		}
		w.rec.LastActivityByKind[kind] = w.now
	case ScriptCompleteTask:
		w.complete(ev)
	case ScriptAdvance:
		if t, err := w.plus(ev.Duration); err == nil {
			w.runUntil(t)
		}
	case ScriptChangeFields:
		if w.rec.Data == nil {
			w.rec.Data = map[string]any{}
		}
		maps.Copy(w.rec.Data, ev.Fields)
		w.rec.UpdatedAt = w.now
		w.advance(Event{Kind: EventRecordChanged, Fields: slices.Sorted(maps.Keys(ev.Fields))})
	}
}

// complete completes the scripted task.
func (w *world) complete(ev ScriptEvent) {
	for _, id := range w.order {
		t := w.tasks[id]
		if !t.open || (ev.Task != "" && t.node != ev.Task) {
			continue
		}
		t.open = false
		params := w.taskParams(t)
		params["outcome"] = ev.Outcome
		w.add(t.node, "task_done", "engine.sim.task_done", params)
		w.advance(Event{Kind: EventTaskCompleted, TaskID: id, Outcome: ev.Outcome,
			Data: ev.Data, Assignee: t.assignee})
		return
	}
}

// advance runs the core and plays its effects.
func (w *world) advance(ev Event) {
	in := w.in
	in.Now, in.Event, in.Record = w.now, ev, w.rec
	res := w.m.Advance(w.st, in)
	if !res.Changed {
		return
	}
	w.st = res.State
	for _, e := range res.Effects {
		w.play(e)
	}
}

// add appends a timeline entry with the message key's text per locale.
func (w *world) add(node, kind, key string, params i18n.Params) {
	detail := map[i18n.Locale]string{}
	for _, l := range i18n.Locales {
		detail[l] = i18n.T(l, key, localize(params, l))
	}
	w.entries = append(w.entries, TimelineEntry{At: w.now, Node: node, Kind: kind,
		Detail: detail})
}

// loads counts the open simulated tasks of each of ids.
func (w *world) loads(_ context.Context, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	for _, t := range w.tasks {
		if t.open && slices.Contains(ids, t.assignee) {
			out[t.assignee]++
		}
	}
	return out, nil
}

// turn advances a simulated round-robin counter.
func (w *world) turn(_ context.Context, key string) (int, error) {
	if w.turns == nil {
		w.turns = map[string]int{}
	}
	n := w.turns[key]
	w.turns[key] = n + 1
	return n, nil
}

// names lists people by name, or "nobody".
func (w *world) names(ids []string, l i18n.Locale) string {
	if len(ids) == 0 {
		return i18n.T(l, "engine.sim.nobody", nil)
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = w.ppl.name(w.ctx, id)
	}
	return strings.Join(out, i18n.T(l, "process.list_separator", nil))
}
