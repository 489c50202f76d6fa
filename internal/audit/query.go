package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/problem"
)

// Filter narrows a listing; the zero value lists everything.
type Filter struct {
	// ActorID keeps the entries of one user.
	ActorID string
	// Actions keeps the entries whose action is one of these; empty keeps
	// every action. ParseFilter expands a prefix such as "definition.".
	Actions []string
	// ObjectKind keeps the entries about one kind of object.
	ObjectKind string
	// Outcome keeps OK or Denied entries.
	Outcome Outcome
	// Since and Until bound At: Since included, Until excluded.
	Since, Until time.Time
}

// ParseFilter reads a filter from query parameters (get returns "" for an
// absent one): actor_id, action (exact, or a prefix ending in "."),
// object_kind, outcome (ok or denied), since and until (RFC 3339). A bad
// value is refused with request.invalid_query naming the parameter.
func ParseFilter(get func(name string) string) (Filter, error) {
	var f Filter
	var bad string
	if v := get("actor_id"); v != "" {
		f.ActorID, bad = v, pick(bad, "actor_id", !ids.Valid(v))
	}
	if v := get("action"); v != "" {
		f.Actions = matchActions(v)
		bad = pick(bad, "action", len(f.Actions) == 0)
	}
	if v := get("object_kind"); v != "" {
		f.ObjectKind, bad = v, pick(bad, "object_kind", fieldName(v) == "" ||
			len(v) > maxObjectKindLen)
	}
	if v := get("outcome"); v != "" {
		f.Outcome = Outcome(v)
		bad = pick(bad, "outcome", f.Outcome != OK && f.Outcome != Denied)
	}
	var ok bool
	f.Since, ok = parseTime(get("since"))
	bad = pick(bad, "since", !ok)
	f.Until, ok = parseTime(get("until"))
	bad = pick(bad, "until", !ok)

	if bad != "" {
		return Filter{}, problem.New(problem.BadRequest, "request.invalid_query",
			i18n.Params{"name": bad})
	}
	return f, nil
}

// pick returns the first bad parameter's name.
func pick(bad, name string, wrong bool) string {
	if bad == "" && wrong {
		return name
	}
	return bad
}

// matchActions returns the one action v names, or every action starting
// with v when v ends in "."; nil when v names none.
func matchActions(v string) []string {
	if !strings.HasSuffix(v, ".") {
		if KnownAction(v) {
			return []string{v}
		}
		return nil
	}
	var out []string
	for _, a := range Actions {
		if strings.HasPrefix(a, v) {
			out = append(out, a)
		}
	}
	return out
}

func parseTime(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.RFC3339, v)
	return t, err == nil
}

// List returns one page of the tenant's entries, newest first, after the
// entry with id after (a cursor; "" for the first page), and whether more
// follow.
func (l *Log) List(ctx context.Context, tenantID string, f Filter, after string,
	limit int) ([]Entry, bool, error) {
	q := f.bson()
	if after != "" {
		q = append(q, bson.E{Key: "_id", Value: bson.D{{Key: "$lt", Value: after}}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: -1}}).
		SetLimit(int64(limit + 1))

	var out []Entry
	if err := l.store.Scope(tenantID).C(Collection).FindAll(ctx, q, &out, opts); err != nil {
		return nil, false, fmt.Errorf("listing audit entries: %w", err)
	}
	if len(out) > limit {
		return out[:limit], true, nil
	}
	return out, false, nil
}

func (f Filter) bson() bson.D {
	q := bson.D{}
	add := func(k string, v any) { q = append(q, bson.E{Key: k, Value: v}) }
	if f.ActorID != "" {
		add("actor_id", f.ActorID)
	}
	if len(f.Actions) == 1 {
		add("action", f.Actions[0])
	} else if len(f.Actions) > 1 {
		add("action", bson.D{{Key: "$in", Value: f.Actions}})
	}
	if f.ObjectKind != "" {
		add("object_kind", f.ObjectKind)
	}
	if f.Outcome != "" {
		add("outcome", string(f.Outcome))
	}
	at := bson.D{}
	if !f.Since.IsZero() {
		at = append(at, bson.E{Key: "$gte", Value: f.Since})
	}
	if !f.Until.IsZero() {
		at = append(at, bson.E{Key: "$lt", Value: f.Until})
	}
	if len(at) > 0 {
		add("at", at)
	}
	return q
}
