package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

// compiled is a program, or why it does not compile.
type compiled struct {
	prog *expr.Program
	err  error
}

// maxPrograms bounds the model's program cache; past it the cache starts
// over (records with unusual field sets make new declarations).
const maxPrograms = 512

// System fields of every record and task, as the designer's lint declares
// them.
var (
	recordSystem = []process.Field{{Name: "id", Type: expr.String},
		{Name: "owner", Type: expr.String}, {Name: "stage", Type: expr.String},
		{Name: "created_at", Type: expr.Timestamp}, {Name: "updated_at", Type: expr.Timestamp}}
	taskSystem = []process.Field{{Name: "outcome", Type: expr.String},
		{Name: "assignee", Type: expr.String}, {Name: "completed_at", Type: expr.Timestamp}}
)

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// scope is what one expression evaluation may read.
type scope struct {
	decls  []expr.Var
	values map[string]any
}

// scopeFor builds the variables of token tok: record.<field>, task.<name>,
// now, event and input.
func (r *run) scopeFor(tok *Token) scope {
	s := scope{values: map[string]any{expr.NowVar: r.in.Now}}
	if rec := r.in.Record; rec != nil {
		sys := map[string]any{"id": rec.ID, "owner": rec.OwnerID, "stage": rec.Stage,
			"created_at": rec.CreatedAt, "updated_at": rec.UpdatedAt}
		s.add("record.", recordSystem, r.m.def.RecordFields, sys, rec.Data)
	}
	if tok.Task != nil {
		fields := r.m.def.TaskFields[tok.TaskForm]
		s.add("task.", taskSystem, fields, nil, tok.Task)
	}
	for _, name := range []string{"event", "input"} {
		if v, ok := r.st.Vars[name]; ok {
			s.decls = append(s.decls, expr.Var{Name: name, Type: expr.MapOf(expr.Dyn)})
			s.values[name] = v
		}
	}
	return s
}

// add declares prefix+name for system fields, form fields and then, as
// untyped, any other key of data that an expression can write.
func (s *scope) add(prefix string, system, fields []process.Field, sys, data map[string]any) {
	seen := map[string]bool{}
	for _, group := range [][]process.Field{system, fields} {
		for _, f := range group {
			if seen[f.Name] || f.Type == nil || !identRE.MatchString(f.Name) {
				continue
			}
			seen[f.Name] = true
			s.decls = append(s.decls, expr.Var{Name: prefix + f.Name, Type: f.Type})
		}
	}
	for k := range data {
		if !seen[k] && identRE.MatchString(k) {
			seen[k] = true
			s.decls = append(s.decls, expr.Var{Name: prefix + k, Type: expr.Dyn})
		}
	}

	for k, v := range data {
		s.values[prefix+k] = v
	}
	for k, v := range sys {
		s.values[prefix+k] = v
	}
}

// signature identifies the declarations, to share compiled programs.
func (s scope) signature() string {
	parts := make([]string, len(s.decls))
	for i, d := range s.decls {
		parts[i] = d.Name + ":" + expr.TypeName(d.Type)
	}
	sort.Strings(parts)
	return strings.Join(parts, ";")
}

// eval compiles (once) and runs src in tok's scope.
func (r *run) eval(tok *Token, src string, want expr.Type) (any, error) {
	s := r.scopeFor(tok)
	p, err := r.m.program(s, src, want, r.in.calendarOf(""))
	if err != nil {
		return nil, err
	}
	v, err := p.Eval(s.values)
	if err != nil {
		return nil, fmt.Errorf("evaluating %q: %w", src, err)
	}
	return v, nil
}

// program returns the compiled program for src under s's declarations.
func (m *Model) program(s scope, src string, want expr.Type, cal *calendar.Calendar) (*expr.Program,
	error) {
	wantName := ""
	if want != nil {
		wantName = expr.TypeName(want)
	}
	key := s.signature() + "\x00" + cal.Key + "\x00" + wantName + "\x00" + src
	m.mu.Lock()
	c, ok := m.programs[key]
	m.mu.Unlock()
	if ok {
		return c.prog, c.err
	}

	env, err := expr.NewEnv(s.decls, expr.WithNow(), expr.WithCalendar(cal))
	if err == nil {
		c.prog, c.err = env.Compile(src, want)
	} else {
		c.err = err
	}
	if c.err != nil {
		c.err = fmt.Errorf("compiling %q: %w", src, c.err)
	}

	m.mu.Lock()
	if len(m.programs) >= maxPrograms {
		m.programs = map[string]compiled{}
	}
	m.programs[key] = c
	m.mu.Unlock()
	return c.prog, c.err
}

// render fills a per-locale template with what the token knows. A
// placeholder it cannot fill (such as task.assignee_name, a person's name)
// stays as {{name}} for the shell to fill.
func (r *run) render(tok *Token, t process.Text) process.Text {
	if t.IsEmpty() {
		return nil
	}
	s := r.scopeFor(tok)
	out := make(process.Text, len(t))
	for l, src := range t {
		out[l] = renderTemplate(src, l, func(name string) (string, bool) {
			v, ok := s.values[name]
			return formatValue(v), ok
		})
	}
	return out
}

// renderTemplate renders src, keeping unknown or malformed placeholders.
func renderTemplate(src string, _ i18n.Locale, value func(string) (string, bool)) string {
	tpl, err := process.ParseTemplate(src)
	if err != nil {
		return src
	}
	return tpl.Render(func(name string) string {
		if v, ok := value(name); ok {
			return v
		}
		return "{{" + name + "}}"
	})
}

// formatValue writes a value the way a message shows it.
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format("2006-01-02 15:04")
	}
	return fmt.Sprint(v)
}
