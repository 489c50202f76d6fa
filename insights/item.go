package insights

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/formworkhq/formwork/runtime/record"
)

// item is one thing a family counts: a record, or an activity seen with
// its record as it was when the activity was logged.
type item struct {
	id string
	// at is when the item counts (a record's creation); updated is when
	// a record took this state.
	at      time.Time
	updated time.Time
	deleted bool
	owner   string
	team    string
	stage   string
	data    map[string]any
}

// recordItem is the item of a record.
func recordItem(r *record.Record, team string) item {
	return item{id: r.ID, at: r.CreatedAt, updated: r.UpdatedAt, deleted: r.Deleted,
		owner: r.OwnerID, team: team, stage: r.Stage, data: r.Data}
}

// activityItem is the item of an activity on r; it counts for its actor.
func activityItem(a *record.Activity, r *record.Record, team string) item {
	it := item{id: a.ID, at: a.At, updated: a.At, owner: a.ActorID, team: team}
	if r != nil {
		it.stage, it.data = r.Stage, r.Data
	}
	return it
}

// dimValue is the item's value of a dimension: owner, team and stage are
// the record's own; channel falls back to the form's utm_source; any other
// dimension is the data field of that name.
func (it *item) dimValue(dim string) string {
	switch dim {
	case "owner":
		return it.owner
	case "team":
		return it.team
	case "stage":
		return it.stage
	case "channel":
		if v := text(it.data["channel"]); v != "" {
			return v
		}
		return text(it.data["utm_source"])
	}
	return text(it.data[dim])
}

// contribution is what the item adds to m, or nil for nothing.
func (it *item) contribution(m *Metric) *Contribution {
	if it.deleted {
		return nil
	}
	c := &Contribution{Main: m.Main.measure(it.data)}
	if m.Den != nil {
		c.Den = m.Den.measure(it.data)
	}
	if c.Main == nil && c.Den == nil {
		return nil
	}
	c.Group = groupKey(it.keys(m))
	return c
}

// keys are the item's dimension values of m.
func (it *item) keys(m *Metric) map[string]string {
	out := make(map[string]string, len(m.Dims))
	for _, d := range m.Dims {
		out[d] = it.dimValue(d)
	}
	return out
}

// groupKey hashes dimension values into a key a document may hold.
func groupKey(keys map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(keys) {
		b.WriteString(k)
		b.WriteByte(0)
		b.WriteString(keys[k])
		b.WriteByte(0)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return "g" + hex.EncodeToString(sum[:6])
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}
