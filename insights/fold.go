package insights

import (
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// edit collects the paths of a document a fold changed, so that the write
// sends only those.
type edit struct {
	doc    *bucketDoc
	groups map[[2]string]bool // metric, group
	marks  map[string]bool
	// replaced are metrics whose groups are written in full (rebuilds).
	replaced map[string]bool
	// recent is set when the recent activity ids changed.
	recent bool
}

func newEdit(d *bucketDoc) *edit {
	if d.Metrics == nil {
		d.Metrics = map[string]map[string]*Group{}
	}
	if d.Marks == nil {
		d.Marks = map[string]*Mark{}
	}
	return &edit{doc: d, groups: map[[2]string]bool{}, marks: map[string]bool{}}
}

func (e *edit) changed() bool {
	return e.recent || len(e.groups)+len(e.marks)+len(e.replaced) > 0
}

// group returns the group of metric m at key g, creating it with keys.
func (e *edit) group(m, g string, keys map[string]string) *Group {
	gs := e.doc.Metrics[m]
	if gs == nil {
		gs = map[string]*Group{}
		e.doc.Metrics[m] = gs
	}
	grp := gs[g]
	if grp == nil {
		grp = &Group{Keys: keys}
		gs[g] = grp
	}
	e.groups[[2]string{m, g}] = true
	return grp
}

// move takes old out of metric m and puts new in; either may be nil.
func (e *edit) move(m string, old, new *Contribution, keys map[string]string) {
	if old != nil {
		g := e.group(m, old.Group, keys)
		g.Main.add(old.Main, -1)
		g.Den.add(old.Den, -1)
	}
	if new != nil {
		g := e.group(m, new.Group, keys)
		if g.Keys == nil || old != nil && old.Group != new.Group {
			g.Keys = keys
		}
		g.Main.add(new.Main, 1)
		g.Den.add(new.Den, 1)
	}
}

// applyRecord folds record item it into the document for metrics ms and
// reports whether anything changed. An item whose version is not newer
// than its mark is a duplicate or arrived late: it changes nothing. The
// mark keeps each contribution, so that a later change can take it back.
func (e *edit) applyRecord(it *item, ms []*Metric) bool {
	mark := e.doc.Marks[it.id]
	if mark != nil && mark.Version >= it.version {
		return false
	}

	next := &Mark{Version: it.version, Deleted: it.deleted, Parts: map[string]*Contribution{}}
	if mark != nil {
		for id, c := range mark.Parts {
			next.Parts[id] = c // metrics no longer live keep their share
		}
	}
	for _, m := range ms {
		var old *Contribution
		if mark != nil {
			old = mark.Parts[m.Key]
		}
		nw := it.contribution(m)
		e.move(m.Key, old, nw, it.keys(m))
		if nw == nil {
			delete(next.Parts, m.Key)
		} else {
			next.Parts[m.Key] = nw
		}
	}

	e.doc.Marks[it.id] = next
	e.marks[it.id] = true
	return true
}

// applyActivity adds activity item it for metrics ms unless its id is
// among the document's recent ones, and reports whether it did.
// Activities never change, so they need no mark: only duplicates must be
// recognised, and they come as redeliveries soon after the original.
func (e *edit) applyActivity(it *item, ms []*Metric) bool {
	if slices.Contains(e.doc.Recent, it.id) {
		return false
	}
	for _, m := range ms {
		e.move(m.Key, nil, it.contribution(m), it.keys(m))
	}
	e.doc.Recent = append(e.doc.Recent, it.id)
	if n := len(e.doc.Recent); n > MaxRecent {
		e.doc.Recent = append([]string(nil), e.doc.Recent[n-MaxRecent:]...)
	}
	e.recent = true
	return true
}

// update is the write of the collected changes, conditional on the
// revision the document was read at (checked by the caller's filter).
func (e *edit) update() (bson.D, error) {
	var set bson.D
	touched := map[string]bool{}
	for m := range e.replaced {
		touched[m] = true
	}
	for k := range e.groups {
		touched[k[0]] = true
	}
	e.prune()
	for m := range touched {
		raw, err := encodeGroups(e.doc.Metrics[m])
		if err != nil {
			return nil, err
		}
		set = append(set, bson.E{Key: "m." + m, Value: raw})
	}
	shards := map[string]bool{}
	for id := range e.marks {
		shards[shardOf(id)] = true
	}
	for name := range shards {
		raw, err := e.doc.encodeShard(name)
		if err != nil {
			return nil, err
		}
		set = append(set, bson.E{Key: "r." + name, Value: raw})
	}
	if e.recent {
		set = append(set, bson.E{Key: "a", Value: e.doc.Recent})
	}
	out := bson.D{{Key: "$inc", Value: bson.D{{Key: "rev", Value: 1}}}}
	if len(set) > 0 {
		out = append(out, bson.E{Key: "$set", Value: set})
	}
	return out, nil
}

// prune drops the empty groups the edit touched.
func (e *edit) prune() {
	for k := range e.groups {
		if g := e.doc.Metrics[k[0]][k[1]]; g != nil && g.Main.empty() && g.Den.empty() {
			delete(e.doc.Metrics[k[0]], k[1])
		}
	}
}

// whole marks metric m as replaced in full: the write sets all its groups.
func (e *edit) whole(m string) {
	if e.replaced == nil {
		e.replaced = map[string]bool{}
	}
	e.replaced[m] = true
}

// remark sets record item it's share of metric m in its mark, creating
// the mark at the item's version when it has none.
func (e *edit) remark(it *item, m string, c *Contribution) {
	mark := e.doc.Marks[it.id]
	if mark == nil {
		mark = &Mark{Version: it.version, Deleted: it.deleted}
		e.doc.Marks[it.id] = mark
	}
	if mark.Parts == nil {
		mark.Parts = map[string]*Contribution{}
	}
	if c == nil {
		delete(mark.Parts, m)
	} else {
		mark.Parts[m] = c
	}
	e.marks[it.id] = true
}
