package designer

import (
	"context"
	"encoding/json"
	"sort"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Refs resolves what a definition names — forms and their fields,
// calendars, processes — within one tenant. A pack being imported adds its
// own definitions on top (overlay), so its process can name its form before
// either is stored. Lookups are memoised for one check.
type Refs struct {
	svc     *Service
	p       auth.Principal
	overlay map[Kind]map[string]json.RawMessage

	mu     sync.Mutex
	fields map[string]map[string]expr.Type
	kinds  map[string]map[string]string // field kinds by form key, made on first use
}

func (s *Service) refs(p auth.Principal) *Refs {
	return &Refs{svc: s, p: p, fields: map[string]map[string]expr.Type{}}
}

// withOverlay returns refs that also see items, keyed by kind and key.
func (r *Refs) withOverlay(items map[Kind]map[string]json.RawMessage) *Refs {
	r.overlay = items
	return r
}

// content returns the current content of the definition of kind with key:
// the overlay's, else the stored draft's.
func (r *Refs) content(ctx context.Context, kind Kind, key string) (json.RawMessage, bool) {
	if c, ok := r.overlay[kind][key]; ok {
		return c, true
	}
	d, err := r.svc.ByKey(ctx, r.p, kind, key)
	if err != nil || d == nil || d.Status == StatusArchived {
		return nil, false
	}
	return d.DraftJSON(), true
}

func (r *Refs) exists(ctx context.Context, kind Kind, key string) bool {
	if kind == KindCalendar && (key == DefaultCalendarKey || key == calendar.ChinaKey ||
		key == calendar.TeamKey) {
		return true
	}
	_, ok := r.content(ctx, kind, key)
	return ok
}

// formFields returns the fields of form key with their expression types;
// an unknown form is recorded in c at ptr and yields no fields.
func (r *Refs) formFields(ctx context.Context, c *problem.Collector, ptr,
	key string) map[string]expr.Type {
	if key == "" {
		c.Add(ptr, "required", nil)
		return map[string]expr.Type{}
	}
	fields, ok := r.FormFields(ctx, key)
	if !ok {
		c.Add(ptr, "unknown_form", i18n.Params{"key": key})
		return map[string]expr.Type{}
	}
	return fields
}

// FormFields returns the fields of form key with their expression types,
// and whether the form exists.
func (r *Refs) FormFields(ctx context.Context, key string) (map[string]expr.Type, bool) {
	r.mu.Lock()
	cached, ok := r.fields[key]
	r.mu.Unlock()
	if ok {
		return cached, cached != nil
	}

	var fields map[string]expr.Type
	if content, found := r.content(ctx, KindForm, key); found {
		fields = formFieldTypes(content)
	}
	r.mu.Lock()
	r.fields[key] = fields
	r.mu.Unlock()
	return fields, fields != nil
}

// FormFieldKinds returns the kind of each field of form key ("number",
// "record_link" …); none when the form does not exist or compile.
func (r *Refs) FormFieldKinds(ctx context.Context, key string) map[string]string {
	r.mu.Lock()
	cached, ok := r.kinds[key]
	r.mu.Unlock()
	if ok {
		return cached
	}

	var kinds map[string]string
	if content, found := r.content(ctx, KindForm, key); found {
		kinds = formFieldKinds(content)
	}
	r.mu.Lock()
	if r.kinds == nil {
		r.kinds = map[string]map[string]string{}
	}
	r.kinds[key] = kinds
	r.mu.Unlock()
	return kinds
}

// formFieldKinds returns the kind of each field of a stored form; nil when
// the content does not compile.
func formFieldKinds(content json.RawMessage) map[string]string {
	def, err := formDefinition(Meta{Key: "ref", Name: Text{"en": "ref"}}, content)
	if err != nil {
		return nil
	}
	c, err := form.Compile(def)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for _, f := range c.Fields() {
		out[f.Name] = f.Kind
	}
	return out
}

// DefaultCalendarKey names the calendar every tenant has without defining
// one: Monday to Friday, 09:00–12:00 and 13:00–18:00, Asia/Shanghai, with
// mainland China's public holidays and make-up working days
// (calendar.China). The key "cn" names the same built-in calendar.
const DefaultCalendarKey = "default"

// userExists reports whether id is a person of the tenant.
func (r *Refs) userExists(ctx context.Context, id string) bool {
	var u struct{}
	err := r.svc.store.Scope(r.p.TenantID).C(auth.UsersCollection).FindByID(ctx, id, &u)
	return err == nil
}

// teamExists reports whether someone of the tenant is in team.
func (r *Refs) teamExists(ctx context.Context, team string) bool {
	n, err := r.svc.store.Scope(r.p.TenantID).C(auth.UsersCollection).Count(ctx,
		bson.D{{Key: "team", Value: team}})
	return err == nil && n > 0
}

// FormStages returns the values of form key's "stage" field, in order.
func (r *Refs) FormStages(ctx context.Context, key string) []string {
	content, ok := r.content(ctx, KindForm, key)
	if !ok {
		return nil
	}
	return formStages(content)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
