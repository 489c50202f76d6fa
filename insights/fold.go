package insights

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// edit collects what a fold changed in a month document, so that the
// write sends only those fields.
type edit struct {
	doc *monthDoc
	// cells are the metric days changed.
	cells map[[2]string]bool // metric, day
	// replaced are metrics whose days are written in full (rebuilds).
	replaced map[string]bool
	// since and recent are set when those fields changed.
	since, recent bool
}

func newEdit(d *monthDoc) *edit {
	if d.days == nil {
		d.days = map[string]map[string]map[string]*Group{}
	}
	if d.dicts == nil {
		d.dicts = map[string][]dictEntry{}
	}
	if d.Since == nil {
		d.Since = map[string]int64{}
	}
	return &edit{doc: d, cells: map[[2]string]bool{}, replaced: map[string]bool{}}
}

func (e *edit) changed() bool {
	return e.recent || e.since || len(e.cells)+len(e.replaced) > 0
}

// group returns the group of metric m on day at key g, creating it with
// keys.
func (e *edit) group(m, day, g string, keys map[string]string) *Group {
	ms := e.doc.dayMetrics(day)
	gs := ms[m]
	if gs == nil {
		gs = map[string]*Group{}
		ms[m] = gs
	}
	grp := gs[g]
	if grp == nil {
		grp = &Group{Keys: keys}
		gs[g] = grp
	}
	e.cells[[2]string{m, day}] = true
	return grp
}

// move takes old (an item's earlier share) out of metric m on day and
// puts new in; either may be nil.
func (e *edit) move(m, day string, old, new *Contribution, oldKeys, newKeys map[string]string) {
	if old != nil {
		g := e.group(m, day, old.Group, oldKeys)
		g.Main.add(old.Main, -1)
		g.Den.add(old.Den, -1)
	}
	if new != nil {
		g := e.group(m, day, new.Group, newKeys)
		g.Main.add(new.Main, 1)
		g.Den.add(new.Den, 1)
	}
}

// applyActivity adds activity item it for metrics ms on day unless it is
// among the document's recent events, and reports whether it did.
func (e *edit) applyActivity(event uint64, day string, it *item, ms []*Metric) bool {
	if e.seen(event) {
		return false
	}
	for _, m := range ms {
		e.move(m.Key, day, nil, it.contribution(m), nil, it.keys(m))
	}
	e.remember(event)
	return true
}

// eventHash is the 8-byte hash an event is remembered by.
func eventHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

func (e *edit) seen(event uint64) bool {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], event)
	for i := 0; i+8 <= len(e.doc.Recent); i += 8 {
		if bytes.Equal(e.doc.Recent[i:i+8], b[:]) {
			return true
		}
	}
	return false
}

func (e *edit) remember(event uint64) {
	e.doc.Recent = binary.LittleEndian.AppendUint64(e.doc.Recent, event)
	if n := len(e.doc.Recent); n > MaxRecent*8 {
		e.doc.Recent = append([]byte(nil), e.doc.Recent[n-MaxRecent*8:]...)
	}
	e.recent = true
}

// whole marks metric m as replaced in full: the write sets all its days
// and a new dictionary.
func (e *edit) whole(m string) { e.replaced[m] = true }

// update is the write of the collected changes, conditional on the
// revision the document was read at (checked by the caller's filter).
func (e *edit) update() bson.D {
	var set, unset bson.D
	for _, m := range e.touched() {
		s, u := e.metricFields(m)
		set, unset = append(set, s...), append(unset, u...)
	}
	if e.since {
		set = append(set, bson.E{Key: "s", Value: e.doc.Since})
	}
	if e.recent {
		set = append(set, bson.E{Key: "a", Value: e.doc.Recent})
	}
	out := bson.D{{Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}}
	if len(set) > 0 {
		out = append(out, bson.E{Key: "$set", Value: set})
	}
	if len(unset) > 0 {
		out = append(out, bson.E{Key: "$unset", Value: unset})
	}
	return out
}

// touched lists the metrics the edit changed, sorted.
func (e *edit) touched() []string {
	ms := map[string]bool{}
	for m := range e.replaced {
		ms[m] = true
	}
	for k := range e.cells {
		ms[k[0]] = true
	}
	return sortedKeys(ms)
}

// metricFields encodes metric m's changed days (all of them when it is
// replaced) and its dictionary when it grew; an emptied day is unset.
func (e *edit) metricFields(m string) (set, unset bson.D) {
	x := newDictIndex(e.doc.dicts[m])
	days := e.changedDays(m)
	if e.replaced[m] {
		x = newDictIndex(nil)
	}
	for _, day := range days {
		groups := prune(e.doc.days[day][m])
		field := "m." + cellsKey(m, day)
		if len(groups) == 0 {
			if _, stored := e.doc.Cells[cellsKey(m, day)]; stored {
				unset = append(unset, bson.E{Key: field, Value: ""})
			}
			continue
		}
		set = append(set, bson.E{Key: field, Value: encodeCells(groups, x.index)})
	}
	if x.grown || e.replaced[m] {
		e.doc.dicts[m] = x.dict
		set = append(set, bson.E{Key: "g." + m, Value: encodeDict(x.dict)})
	}
	return set, unset
}

// changedDays are the days of metric m to write, sorted.
func (e *edit) changedDays(m string) []string {
	days := map[string]bool{}
	for k := range e.cells {
		if k[0] == m {
			days[k[1]] = true
		}
	}
	if e.replaced[m] {
		for day, ms := range e.doc.days {
			if ms[m] != nil {
				days[day] = true
			}
		}
		for field := range e.doc.Cells {
			if metric, dd, ok := strings.Cut(field, "_"); ok && metric == m {
				days[e.doc.Month+"-"+dd] = true
			}
		}
	}
	return sortedKeys(days)
}

// prune drops the empty groups of one day of a metric.
func prune(groups map[string]*Group) map[string]*Group {
	for k, g := range groups {
		if g.Main.empty() && g.Den.empty() {
			delete(groups, k)
		}
	}
	return groups
}

// encodeAll prepares a new document for its insert.
func (e *edit) encodeAll() {
	d := e.doc
	d.Cells, d.Dicts = map[string][]byte{}, map[string][]byte{}
	metrics := map[string]bool{}
	for _, ms := range d.days {
		for m := range ms {
			metrics[m] = true
		}
	}
	for _, m := range sortedKeys(metrics) {
		x := newDictIndex(nil)
		for _, day := range sortedKeys(d.days) {
			if groups := prune(d.days[day][m]); len(groups) > 0 {
				d.Cells[cellsKey(m, day)] = encodeCells(groups, x.index)
			}
		}
		if len(x.dict) > 0 {
			d.Dicts[m] = encodeDict(x.dict)
		}
	}
}
