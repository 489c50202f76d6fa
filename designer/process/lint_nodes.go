package process

import (
	"errors"
	"slices"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// checkNodes checks the config of every node against its kind.
func (l *linter) checkNodes() {
	checks := map[Kind]func(i int, s scope){
		KindTrigger:      l.checkTrigger,
		KindUserTask:     l.checkUserTask,
		KindTimer:        l.checkTimer,
		KindSilenceWatch: l.checkSilenceWatch,
		KindNotify:       l.checkNotify,
		KindSetFields:    l.checkSetFields,
		KindMoveStage:    l.checkMoveStage,
		KindAssignOwner:  l.checkAssignOwner,
		KindCreateTicket: l.checkCreateTicket,
		KindCreateRecord: l.checkCreateRecord,
		KindAwardPoints:  l.checkAwardPoints,
		KindCallAction:   l.checkCallAction,
		KindSubProcess:   l.checkSubProcess,
	}

	for i, n := range l.g.Nodes {
		if check, ok := checks[n.Kind]; ok {
			check(i, l.scopeAt(i))
		}
	}
}

// needsRecord reports a step that works on a record in a process whose
// trigger has none; it returns whether a record is (or may be) there.
func (l *linter) needsRecord(p place) bool {
	if l.base.hasRecord {
		return true
	}
	if validTriggerOn(l.base.on) {
		l.report(CodeNeedsRecord, p, nil)
	}
	return false
}

// needsTask reports a setting that refers to a task's assignee where no
// user task can come before.
func (l *linter) needsTask(p place, s scope, setting settingKey) {
	if !s.task && p.node >= 0 && l.reached[p.node] {
		l.report(CodeNeedsTask, p, i18n.Params{"setting": setting})
	}
}

// requiredRef checks a reference that must be given.
func (l *linter) requiredRef(p place, kind RefKind, key string, setting settingKey) {
	if key == "" {
		l.required(p, setting)
		return
	}
	l.checkRef(p, kind, key)
}

func (l *linter) checkTrigger(i int, _ scope) {
	c, _ := ConfigAs[*TriggerConfig](l.g.Nodes[i])
	p := atConfig(i)
	if !oneOf(l, p.at("on"), "on", c.On, triggerOns) {
		return
	}

	switch c.On {
	case OnRecordCreated:
		l.checkForm(p.at("form"), c.Form, true)
	case OnFieldChanged:
		l.checkFieldTrigger(p, c)
	case OnSchedule:
		l.checkSchedule(p, c)
	case OnInboundEvent:
		if c.Event == "" {
			l.required(p.at("event"), "event")
		}
	case OnManual:
		l.checkForm(p.at("form"), c.Form, false)
	}

	schedule := c.On == OnSchedule
	l.unused(p.at("form"), "form", c.Form != "" && c.On == OnInboundEvent)
	l.unused(p.at("fields"), "fields", len(c.Fields) > 0 && c.On != OnFieldChanged)
	l.unused(p.at("also_on_create"), "also_on_create", c.AlsoOnCreate &&
		c.On != OnFieldChanged)
	l.unused(p.at("where"), "where", c.Where != "" && !schedule)
	l.unused(p.at("cron"), "cron", c.Cron != "" && !schedule)
	l.unused(p.at("calendar"), "calendar", c.Calendar != "" && !schedule)
	l.unused(p.at("working_days_only"), "working_days_only", c.WorkingDaysOnly && !schedule)
	l.unused(p.at("event"), "event", c.Event != "" && c.On != OnInboundEvent)
}

func (l *linter) checkFieldTrigger(p place, c *TriggerConfig) {
	form, ok := l.checkForm(p.at("form"), c.Form, true)
	if len(c.Fields) == 0 {
		l.required(p.at("fields"), "fields")
		return
	}

	for k, name := range c.Fields {
		if _, found := form.field(name); ok && !found {
			l.report(CodeUnknownField, p.at("fields", itoa(k)), i18n.Params{"value": name,
				"form": c.Form})
		}
	}
	checkDuplicates(l, p.at("fields"), "fields", c.Fields)
}

func (l *linter) checkSchedule(p place, c *TriggerConfig) {
	l.optionalRef(p.at("calendar"), RefCalendar, c.Calendar)
	l.checkForm(p.at("form"), c.Form, false)
	l.checkWhere(p, c)
	if c.Cron == "" {
		l.required(p.at("cron"), "cron")
		return
	}

	_, err := ParseCron(c.Cron)
	switch {
	case errors.Is(err, ErrCronNeverFires):
		l.report(CodeCronNeverFires, p.at("cron"), i18n.Params{"value": c.Cron})
	case err != nil:
		l.report(CodeInvalidCron, p.at("cron"), i18n.Params{"value": c.Cron})
	}
}

// checkWhere checks a schedule's record filter: it needs a form, and is a
// boolean over that form's records.
func (l *linter) checkWhere(p place, c *TriggerConfig) {
	if c.Where == "" {
		return
	}
	if c.Form == "" {
		l.required(p.at("form"), "form")
		return
	}
	l.checkExpr(p.at("where"), c.Where, expr.Bool, l.base)
}

func (l *linter) checkUserTask(i int, _ scope) {
	c, _ := ConfigAs[*UserTaskConfig](l.g.Nodes[i])
	p := atConfig(i)
	l.checkAssignee(p.at("assignee"), c.Assignee)
	l.checkForm(p.at("form"), c.Form, false)
	l.checkDuration(p.at("due"), c.Due, false, "due")
	l.optionalRef(p.at("calendar"), RefCalendar, c.Calendar)

	seen := map[string]bool{}
	for k, o := range c.Outcomes {
		op := p.at("outcomes", itoa(k))
		l.checkID(op.at("key"), o.Key, "outcome_key")
		if seen[o.Key] && o.Key != "" {
			l.report(CodeDuplicateOutcome, op.at("key"), i18n.Params{"value": o.Key})
		}
		seen[o.Key] = true
		if o.Label.IsEmpty() {
			l.required(op.at("label"), "outcome_label")
		}
	}
}

// assigneeSettings are the settings each assignee rule reads.
var assigneeSettings = map[AssigneeRule][]string{
	AssignRole:        {"role"},
	AssignRoundRobin:  {"team"},
	AssignLeastLoaded: {"team", "role"},
	AssignUser:        {"user"},
}

// checkAssignee checks an assignee rule and the one parameter it needs.
func (l *linter) checkAssignee(p place, a Assignee) {
	if !oneOf(l, p.at("rule"), "assignee_rule", a.Rule, assigneeRules) {
		return
	}
	switch a.Rule {
	case AssignOwner, AssignOwnerManager:
		l.needsRecord(p.at("rule"))
	case AssignRole:
		l.requiredRef(p.at("role"), RefRole, a.Role, "role")
	case AssignRoundRobin:
		l.requiredRef(p.at("team"), RefTeam, a.Team, "team")
	case AssignLeastLoaded:
		l.checkLeastLoaded(p, a)
	case AssignUser:
		l.requiredRef(p.at("user"), RefUser, a.User, "user")
	}

	used := assigneeSettings[a.Rule]
	l.unused(p.at("role"), "role", a.Role != "" && !slices.Contains(used, "role"))
	l.unused(p.at("team"), "team", a.Team != "" && !slices.Contains(used, "team"))
	l.unused(p.at("user"), "user", a.User != "" && !slices.Contains(used, "user"))
}

func (l *linter) checkLeastLoaded(p place, a Assignee) {
	switch {
	case a.Team != "" && a.Role != "":
		l.conflicting(p.at("role"), "team", "role")
	case a.Team != "":
		l.checkRef(p.at("team"), RefTeam, a.Team)
	case a.Role != "":
		l.checkRef(p.at("role"), RefRole, a.Role)
	default:
		l.required(p.at("team"), "team_or_role")
	}
}

func (l *linter) checkTimer(i int, _ scope) {
	c, _ := ConfigAs[*TimerConfig](l.g.Nodes[i])
	p := atConfig(i)
	l.optionalRef(p.at("calendar"), RefCalendar, c.Calendar)

	switch {
	case c.Duration != "" && c.Until != "":
		l.conflicting(p.at("until"), "duration", "until")
	case c.Duration == "" && c.Until == "":
		l.required(p.at("duration"), "duration_or_until")
	case c.Duration != "":
		l.checkDuration(p.at("duration"), c.Duration, true, "duration")
	default:
		l.checkUntil(p.at("until"), c.Until)
	}
	l.checkOffset(p.at("offset"), c)
}

// checkOffset checks a timer's offset: a signed duration, and only with
// until.
func (l *linter) checkOffset(p place, c *TimerConfig) {
	if c.Offset == "" {
		return
	}
	if c.Until == "" {
		l.report(CodeOffsetNeedsUntil, p, nil)
		return
	}

	_, err := ParseOffset(c.Offset)
	switch {
	case errors.Is(err, ErrDurationRange):
		l.report(CodeDurationOutOfRange, p, i18n.Params{"value": c.Offset})
	case err != nil:
		l.report(CodeInvalidOffset, p, i18n.Params{"value": c.Offset})
	}
}

// checkUntil checks that a timer's until names a date field of the record.
func (l *linter) checkUntil(p place, name string) {
	if !l.needsRecord(p) || !l.base.checkable {
		return
	}

	f, ok := l.base.record.field(name)
	switch {
	case !ok:
		l.report(CodeUnknownField, p, i18n.Params{"value": name, "form": l.base.recordKey})
	case f.Type == nil || !f.Type.IsExactType(expr.Timestamp):
		l.report(CodeFieldNotDate, p, i18n.Params{"field": name})
	}
}

func (l *linter) checkSilenceWatch(i int, _ scope) {
	c, _ := ConfigAs[*SilenceWatchConfig](l.g.Nodes[i])
	p := atConfig(i)
	l.needsRecord(atNode(i))
	l.checkDuration(p.at("duration"), c.Duration, true, "duration")
	l.optionalRef(p.at("calendar"), RefCalendar, c.Calendar)

	for k, a := range c.Activities {
		oneOf(l, p.at("activities", itoa(k)), "activities", a, ActivityKinds)
	}
	checkDuplicates(l, p.at("activities"), "activities", c.Activities)
}
