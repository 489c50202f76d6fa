package engine

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// perLocale is a timeline parameter whose text depends on the locale.
type perLocale func(l i18n.Locale) string

// localize resolves params for locale l: texts and perLocale values
// become the locale's string.
func localize(params i18n.Params, l i18n.Locale) i18n.Params {
	out := make(i18n.Params, len(params))
	for k, v := range params {
		switch x := v.(type) {
		case process.Text:
			out[k] = x.In(l)
		case perLocale:
			out[k] = x(l)
		default:
			out[k] = v
		}
	}
	return out
}

// play applies one effect to the simulated world and reports it.
func (w *world) play(e Effect) {
	switch e.Kind {
	case EffectCreateTask:
		w.createTask(e)
	case EffectCancelTask:
		if t, ok := w.tasks[e.TaskID]; ok && t.open {
			t.open = false
			w.add(e.Node, "task_cancelled", "engine.sim.task_cancelled", w.taskParams(t))
		}
	case EffectScheduleTimer:
		w.timers[e.Timer.ID] = *e.Timer
		if e.Timer.Kind != TimerBoundary {
			w.add(e.Node, "timer_scheduled", "engine.sim.timer_scheduled",
				i18n.Params{"due": w.format(e.Timer.Due)})
		}
	case EffectCancelTimer:
		delete(w.timers, e.TimerID)
	case EffectMessage:
		w.message(e)
	case EffectAwardPoints:
		w.points(e)
	case EffectSetFields:
		w.setFields(e)
	case EffectAssignOwner:
		w.assignOwner(e)
	case EffectStartChild:
		w.add(e.Node, "sub_process", "engine.sim.sub_process",
			i18n.Params{"process": e.Child.Process})
		if e.Child.Wait {
			w.advance(Event{Kind: EventChildDone, ChildID: e.Child.ID})
		}
	case EffectEnd:
		w.add("", "ended", "engine.sim.ended", i18n.Params{"status": string(e.Outcome)})
	}
}

// assignOwner gives the simulated record to the person the rule picks.
func (w *world) assignOwner(e Effect) {
	owner, _, _ := w.ppl.assign(w.ctx, e.Owner.Assignee, w.rec.OwnerID)
	if owner == "" {
		return
	}
	w.rec.OwnerID = owner
	w.add(e.Node, "owner_assigned", "engine.sim.owner_assigned",
		i18n.Params{"owner": perLocale(func(l i18n.Locale) string {
			return w.names([]string{owner}, l)
		})})
}

func (w *world) createTask(e Effect) {
	assignee, cands, _ := w.ppl.assign(w.ctx, e.Task.Assignee, w.rec.OwnerID)
	t := &simTask{spec: *e.Task, node: e.Node, assignee: assignee, open: true}
	w.tasks[e.Task.ID] = t
	w.order = append(w.order, e.Task.ID)
	params := w.taskParams(t)
	params["assignee"] = perLocale(func(l i18n.Locale) string {
		if assignee == "" {
			return w.names(cands, l)
		}
		return w.names([]string{assignee}, l)
	})
	w.add(e.Node, "task_created", "engine.sim.task_created", params)
}

// taskParams are a task's title and due time for messages.
func (w *world) taskParams(t *simTask) i18n.Params {
	due := "—"
	if !t.spec.DueAt.IsZero() {
		due = w.format(t.spec.DueAt)
	}
	return i18n.Params{"title": t.spec.Title, "due": due}
}

// format writes a time in the default calendar's zone.
func (w *world) format(t time.Time) string {
	return t.In(w.in.calendarOf("").Schedule().Location()).Format("2006-01-02 15:04")
}

// assigneeOf is the current assignee of a simulated task.
func (w *world) assigneeOf(id string) string {
	if t, ok := w.tasks[id]; ok {
		return t.assignee
	}
	return ""
}

func (w *world) message(e Effect) {
	m := e.Message
	assignee := w.assigneeOf(m.TaskID)
	text := fillNames(w.ctx, w.ppl, m.Text, w.rec.OwnerID, assignee,
		"/records/"+url.PathEscape(w.rec.ID))
	switch m.Kind {
	case MessageCreateTicket:
		a, _, _ := w.ppl.assign(w.ctx, m.Assignee, w.rec.OwnerID)
		w.add(e.Node, "ticket", "engine.sim.ticket", i18n.Params{"text": text,
			"assignee": perLocale(func(l i18n.Locale) string { return w.names([]string{a}, l) })})
		return
	case MessageCallAction:
		w.add(e.Node, "call_action", "engine.sim.call_action",
			i18n.Params{"action": strings.Trim(m.Plugin+"."+m.Action+m.Webhook, ".")})
		return
	case MessageCreateRecord:
		w.createRecord(e)
		return
	}

	to, _ := w.ppl.recipients(w.ctx, m.Recipients, w.rec.OwnerID, assignee)
	params := i18n.Params{"channel": m.Channel, "text": text,
		"recipients": perLocale(func(l i18n.Locale) string { return w.names(to, l) })}
	if e.Boundary != nil {
		params["after"] = e.Boundary.After
		w.add(e.Node, "escalate", "engine.sim.escalate", params)
		return
	}
	w.add(e.Node, "notify", "engine.sim.notify", params)
}

func (w *world) points(e Effect) {
	p := e.Points
	user := pointsUser(p, w.rec.OwnerID, w.assigneeOf(p.TaskID))
	w.add(e.Node, "points", "engine.sim.points", i18n.Params{"ledger": p.Ledger,
		"points": p.Points,
		"person": perLocale(func(l i18n.Locale) string { return w.names([]string{user}, l) })})
}

func (w *world) setFields(e Effect) {
	f := e.Fields
	if f.Stage != "" {
		w.rec.Stage = f.Stage
		w.add(e.Node, "move_stage", "engine.sim.move_stage", i18n.Params{"stage": f.Stage})
		return
	}
	if w.rec.Data == nil {
		w.rec.Data = map[string]any{}
	}
	maps.Copy(w.rec.Data, f.Set)
	parts := make([]string, 0, len(f.Set))
	for _, k := range slices.Sorted(maps.Keys(f.Set)) {
		parts = append(parts, fmt.Sprintf("%s = %s", k, formatValue(f.Set[k])))
	}
	w.add(e.Node, "set_fields", "engine.sim.set_fields",
		i18n.Params{"fields": strings.Join(parts, ", ")})
}
