package process

import (
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
)

// scope is what the expressions and templates of one step may name.
type scope struct {
	// checkable is false when what the step may name is not known (no
	// trigger, or a form that does not resolve); its expressions are then
	// not checked, the cause being reported elsewhere.
	checkable bool
	// on is how the trigger starts instances; empty without a trigger.
	on TriggerOn
	// hasRecord says the trigger starts instances on a record.
	hasRecord bool
	recordKey string
	record    FormInfo
	// task says a user task may precede the step; taskKey is the form of
	// every such task when they share one.
	task    bool
	taskKey string
	taskF   FormInfo
	event   bool
	input   bool
}

// System fields every record and every task has, beside its form's.
var (
	recordFields = []Field{{Name: "id", Type: expr.String},
		{Name: "owner", Type: expr.String}, {Name: "created_at", Type: expr.Timestamp},
		{Name: "updated_at", Type: expr.Timestamp}}
	taskFields = []Field{{Name: "outcome", Type: expr.String},
		{Name: "assignee", Type: expr.String}, {Name: "completed_at", Type: expr.Timestamp}}
)

// prepareScopes works out what the trigger gives every step and which user
// tasks may precede each step.
func (l *linter) prepareScopes() {
	l.base = l.triggerScope()
	l.taskIn = l.flowTasks()
}

func (l *linter) triggerScope() scope {
	if l.trigger < 0 {
		return scope{}
	}

	c, _ := ConfigAs[*TriggerConfig](l.g.Nodes[l.trigger])
	s := scope{on: c.On, checkable: validTriggerOn(c.On), hasRecord: c.hasRecord(),
		event: c.On == OnInboundEvent, input: c.On == OnManual}
	if s.hasRecord {
		f, ok := l.ctx.Form(c.Form)
		s.checkable = s.checkable && ok
		s.recordKey, s.record = c.Form, f
	}
	return s
}

func validTriggerOn(on TriggerOn) bool {
	for _, o := range triggerOns {
		if o == on {
			return true
		}
	}
	return false
}

// noTaskForm stands for a user task without a form among a step's tasks.
const noTaskForm = "\x00"

// flowTasks computes, for every node, the forms of the user tasks that may
// be the most recent one on a path into it.
func (l *linter) flowTasks() []map[string]bool {
	in := make([]map[string]bool, len(l.g.Nodes))
	for i := range in {
		in[i] = map[string]bool{}
	}

	queue := make([]int, len(l.g.Nodes))
	for i := range queue {
		queue[i] = i
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		out := l.tasksOut(i, in[i])
		for _, j := range l.out[i] {
			if t := l.to[j]; t >= 0 && addAll(in[t], out) {
				queue = append(queue, t)
			}
		}
	}
	return in
}

// tasksOut is what leaves node i given what enters it: a user task
// replaces everything with its own form.
func (l *linter) tasksOut(i int, in map[string]bool) map[string]bool {
	n := l.g.Nodes[i]
	if n.Kind != KindUserTask {
		return in
	}
	c, _ := ConfigAs[*UserTaskConfig](n)
	if c.Form == "" {
		return map[string]bool{noTaskForm: true}
	}
	return map[string]bool{c.Form: true}
}

// addAll adds src to dst and reports whether dst grew.
func addAll(dst, src map[string]bool) bool {
	grew := false
	for k := range src {
		if !dst[k] {
			dst[k], grew = true, true
		}
	}
	return grew
}

// scopeAt returns the scope of node i.
func (l *linter) scopeAt(i int) scope {
	s := l.base
	tasks := l.taskIn[i]
	s.task = len(tasks) > 0
	if len(tasks) != 1 {
		return s
	}

	for key := range tasks {
		if key == noTaskForm {
			return s
		}
		f, ok := l.ctx.Form(key)
		s.checkable = s.checkable && ok
		s.taskKey, s.taskF = key, f
	}
	return s
}

// vars declares what the scope's expressions may name.
func (s scope) vars() []expr.Var {
	vars := []expr.Var{{Name: "now", Type: expr.Timestamp}}
	if s.hasRecord {
		vars = appendFields(vars, "record.", recordFields, s.record.Fields)
	}
	if s.task {
		vars = appendFields(vars, "task.", taskFields, s.taskF.Fields)
	}

	if s.event {
		vars = append(vars, expr.Var{Name: "event", Type: expr.MapOf(expr.Dyn)})
	}
	if s.input {
		vars = append(vars, expr.Var{Name: "input", Type: expr.MapOf(expr.Dyn)})
	}
	return vars
}

// appendFields declares prefix+name for the system fields, then for the
// form's fields that expressions can write (identifiers that are not
// reserved words) and that do not repeat a system field.
func appendFields(vars []expr.Var, prefix string, system, fields []Field) []expr.Var {
	seen := map[string]bool{}
	for _, group := range [][]Field{system, fields} {
		for _, f := range group {
			if seen[f.Name] || !isIdent(f.Name) || celReserved[f.Name] || f.Type == nil {
				continue
			}
			seen[f.Name] = true
			vars = append(vars, expr.Var{Name: prefix + f.Name, Type: f.Type})
		}
	}
	return vars
}

// celReserved are words CEL does not accept as a field name.
var celReserved = map[string]bool{"in": true, "as": true, "break": true, "const": true,
	"continue": true, "else": true, "for": true, "function": true, "if": true,
	"import": true, "let": true, "loop": true, "package": true, "namespace": true,
	"return": true, "var": true, "void": true, "while": true, "true": true,
	"false": true, "null": true}

// key identifies the scope's declarations, to share one Env among steps.
func (s scope) key() string {
	var b strings.Builder
	for _, v := range s.vars() {
		b.WriteString(v.Name + ":" + typeName(v.Type) + ";")
	}
	return b.String()
}

// templateNames are the placeholder names a template may use here, beside
// event.<key> and input.<name>.
func (s scope) templateNames() map[string]bool {
	names := map[string]bool{}
	for _, v := range s.vars() {
		names[v.Name] = true
	}

	if s.hasRecord {
		names["record.link"], names["owner.name"] = true, true
	}
	if s.task {
		names["task.assignee_name"] = true
	}
	return names
}

// knowsPlaceholder reports whether a template may name name here.
func (s scope) knowsPlaceholder(name string, names map[string]bool) bool {
	switch {
	case names[name]:
		return true
	case s.event && strings.HasPrefix(name, "event."):
		return true
	case s.input && strings.HasPrefix(name, "input."):
		return true
	}
	return false
}

// env returns the expression environment of s, built once per distinct
// scope; nil when it cannot be built.
func (l *linter) env(s scope) *expr.Env {
	k := s.key()
	if env, ok := l.envs[k]; ok {
		return env
	}

	env, err := expr.NewEnv(s.vars())
	if err != nil {
		env = nil
	}
	l.envs[k] = env
	return env
}
