package insights

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/runtime/record"
)

// rebuildBatch is how many records' activities one query reads.
const rebuildBatch = 200

// Rebuilt says what a rebuild recomputed.
type Rebuilt struct {
	Metric string `json:"metric"`
	// Items is how many records or activities were read.
	Items int `json:"items"`
	// Days is how many days have figures.
	Days int `json:"days"`
	// Months is how many month documents were written.
	Months int `json:"months"`
}

// Rebuild recomputes metric id from the raw data (records, or the
// activities of a form's records) and replaces its figures in every month
// document of its family; other metrics of the same documents are left as
// they are. Records are read as they are now: an activity metric is
// rebuilt with each activity's record in its current state. After it, the
// metric counts every record's current state (Since 0), so the next
// change of any record takes its previous state out.
func (s *Service) Rebuild(ctx context.Context, tenantID, id string) (*Rebuilt, error) {
	s.settle(ctx)
	m, err := s.metricByID(ctx, tenantID, id)
	if err != nil {
		return nil, err
	}
	return s.rebuild(ctx, tenantID, m)
}

// RebuildAll is Rebuild of every metric of ids, in order: the metrics of
// one family of records or of activities share one read of the raw data,
// which at a million records is most of a rebuild's time.
func (s *Service) RebuildAll(ctx context.Context, tenantID string, ids []string) (
	[]*Rebuilt, error) {
	s.settle(ctx)
	var groups [][]*Metric
	at := map[string]int{}
	for _, id := range ids {
		m, err := s.metricByID(ctx, tenantID, id)
		if err != nil {
			return nil, err
		}
		key := m.Family()
		if isFact(m.Source) {
			key = m.ID // a fact metric reads only the events it counts
		}
		i, ok := at[key]
		if !ok {
			i, at[key] = len(groups), len(groups)
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], m)
	}

	// Records before activities, so that an activity family finds its
	// form's records kept from the records family's read.
	slices.SortStableFunc(groups, func(a, b []*Metric) int {
		return boolOrder(a[0].Source == SourceActivities, b[0].Source == SourceActivities)
	})
	pass := &rebuildPass{views: map[string]map[string]*record.Record{}, keep: map[string]bool{}}
	for _, ms := range groups {
		if ms[0].Source == SourceActivities {
			pass.keep[ms[0].Form] = true
		}
	}
	var out []*Rebuilt
	for _, ms := range groups {
		rs, err := s.rebuildMetrics(ctx, tenantID, ms, pass)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// rebuild is Rebuild of a resolved metric.
func (s *Service) rebuild(ctx context.Context, tenantID string, m *Metric) (*Rebuilt, error) {
	rs, err := s.rebuildMetrics(ctx, tenantID, []*Metric{m}, &rebuildPass{})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// rebuildMetrics rebuilds metrics ms of one family from one read of the
// raw data. The data is read as a stream and folded as it comes, so memory
// holds the figures (and, for activity metrics, the form's records), never
// every item at once.
func (s *Service) rebuildMetrics(ctx context.Context, tenantID string, ms []*Metric,
	pass *rebuildPass) ([]*Rebuilt, error) {
	pls := make([]*planner, len(ms))
	for i, m := range ms {
		pls[i] = &planner{m: m, zone: s.cfg.Zone, out: map[string]monthPlan{}}
	}

	err := s.eachItem(ctx, tenantID, ms, pass, func(it *item) {
		for _, pl := range pls {
			pl.add(it)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("rebuilding %s: %w", ms[0].ID, err)
	}
	stored, err := s.familyMonths(ctx, tenantID, ms[0].Family())
	if err != nil {
		return nil, err
	}

	out := make([]*Rebuilt, len(ms))
	for i, pl := range pls {
		list := slices.Clone(stored)
		for month := range pl.out {
			list = append(list, month)
		}
		slices.Sort(list)
		list = slices.Compact(list)
		for _, month := range list {
			if err := s.replaceMonth(ctx, tenantID, pl.m, month, pl.out[month]); err != nil {
				return nil, fmt.Errorf("rebuilding %s: %w", pl.m.ID, err)
			}
		}
		out[i] = &Rebuilt{Metric: pl.m.ID, Items: pl.items, Days: pl.days, Months: len(list)}
	}
	return out, nil
}

// monthPlan is what a rebuild puts in one month document: groups by day.
type monthPlan map[string]map[string]*Group

// planner folds items into groups by month and day, counting the items
// read and the days that have figures.
type planner struct {
	m           *Metric
	zone        *time.Location
	out         map[string]monthPlan
	items, days int
}

// add folds one item.
func (pl *planner) add(it *item) {
	pl.items++

	c := it.contribution(pl.m)
	if c == nil {
		return
	}
	day, ok := pl.m.countDay(it, pl.zone)
	if !ok {
		return
	}

	p := pl.out[monthOfDay(day)]
	if p == nil {
		p = monthPlan{}
		pl.out[monthOfDay(day)] = p
	}
	if p[day] == nil {
		p[day] = map[string]*Group{}
		pl.days++
	}
	g := p[day][c.Group]
	if g == nil {
		g = &Group{Keys: it.keys(pl.m)}
		p[day][c.Group] = g
	}
	g.Main.add(c.Main, 1)
	g.Den.add(c.Den, 1)
}

// replaceMonth writes a month's rebuilt figures of m.
func (s *Service) replaceMonth(ctx context.Context, tenantID string, m *Metric, month string,
	p monthPlan) error {
	return s.change(ctx, tenantID, m.Family(), month, "", func(e *edit) bool {
		for _, ms := range e.doc.days {
			delete(ms, m.Key)
		}
		for day, groups := range p {
			e.doc.dayMetrics(day)[m.Key] = groups
		}
		e.whole(m.Key)
		e.doc.Since[m.Key] = 0
		e.since = true
		return true
	})
}

// familyMonths lists the months that have a document of family.
func (s *Service) familyMonths(ctx context.Context, tenantID, family string) ([]string,
	error) {
	var docs []struct {
		Month string `bson:"month"`
	}
	err := s.rollups(tenantID).FindAll(ctx, bson.D{{Key: "family", Value: family}}, &docs,
		monthProjection())
	if err != nil {
		return nil, fmt.Errorf("listing rollup months of %s: %w", family, err)
	}
	out := make([]string, 0, len(docs))
	for _, d := range docs {
		if d.Month != "" { // a day document of the layout before months
			out = append(out, d.Month)
		}
	}
	return out, nil
}

// eachItem reads what metrics ms of one family count from the system of
// record and hands every item to visit.
func (s *Service) eachItem(ctx context.Context, tenantID string, ms []*Metric,
	pass *rebuildPass, visit func(*item)) error {
	m := ms[0]
	if isFact(m.Source) {
		return s.factItems(ctx, tenantID, m, visit)
	}
	teams, err := s.teamsOf(ctx, tenantID, ms...)
	if err != nil {
		return err
	}
	if m.Source == SourceActivities {
		return s.rawActivities(ctx, tenantID, m.Form, teams, pass, visit)
	}
	views := pass.viewsOf(m.Form)
	return s.eachRecord(ctx, tenantID, m.Form, func(r *record.Record) {
		it := recordItem(r, teams[r.OwnerID])
		visit(&it)
		if views != nil {
			views[r.ID] = &record.Record{Stage: r.Stage, Data: r.Data}
		}
	})
}

// eachRecord streams the records of form, with their data as validation
// returns it.
func (s *Service) eachRecord(ctx context.Context, tenantID, form string,
	visit func(*record.Record)) error {
	return s.each(ctx, tenantID, record.RecordsCollection, bson.D{{Key: "form", Value: form}},
		nil, func(cur *driver.Cursor) error {
			var r record.Record
			if err := cur.Decode(&r); err != nil {
				return err
			}
			r.Data = record.PlainData(r.Data)
			visit(&r)
			return nil
		})
}

// activityFields are the fields of an activity a rebuild reads.
var activityFields = bson.D{{Key: "record_id", Value: 1}, {Key: "actor_id", Value: 1},
	{Key: "at", Value: 1}, {Key: "kind", Value: 1}}

// each runs decode on every document of coll that filter matches, with
// only the fields of projection when it is set.
func (s *Service) each(ctx context.Context, tenantID, coll string, filter, projection bson.D,
	decode func(*driver.Cursor) error) error {
	opts := options.Find().SetBatchSize(eachBatch)
	if projection != nil {
		opts.SetProjection(projection)
	}
	cur, err := s.store.Scope(tenantID).C(coll).Find(ctx, filter, opts)
	if err != nil {
		return fmt.Errorf("reading %s: %w", coll, err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		if err := decode(cur); err != nil {
			return fmt.Errorf("decoding %s: %w", coll, err)
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", coll, err)
	}
	return nil
}

// eachBatch is how many documents a rebuild's stream fetches at a time.
const eachBatch = 1000

// factItems reads the tasks, timers or ledger entries m counts as items.
func (s *Service) factItems(ctx context.Context, tenantID string, m *Metric,
	visit func(*item)) error {
	facts, err := s.rawFacts(ctx, tenantID, m)
	if err != nil {
		return err
	}
	teams, err := s.teamsOf(ctx, tenantID, m)
	if err != nil {
		return err
	}
	for _, f := range facts {
		it := f.item(teams[f.owner])
		visit(&it)
	}
	return nil
}

// rawActivities streams the activities people and systems logged on the
// records of form (not the ones the record service writes about edits).
// It reads the tenant's activities in one pass and keeps those of the
// form's records, which it holds in memory: one scan of the collection,
// where a query per batch of records scanned it once a batch on a store
// that pushes no $in down (FerretDB: 5,000 scans at 1 M records).
func (s *Service) rawActivities(ctx context.Context, tenantID, form string,
	teams map[string]string, pass *rebuildPass, visit func(*item)) error {
	byID := pass.views[form]
	if byID == nil {
		byID = map[string]*record.Record{}
		err := s.eachRecord(ctx, tenantID, form, func(r *record.Record) {
			byID[r.ID] = &record.Record{Stage: r.Stage, Data: r.Data}
		})
		if err != nil {
			return err
		}
	}
	if len(byID) == 0 {
		return nil
	}

	filter := bson.D{{Key: "kind", Value: bson.D{{Key: "$nin", Value: systemKinds}}}}
	return s.each(ctx, tenantID, record.ActivitiesCollection, filter, activityFields,
		func(cur *driver.Cursor) error {
			var a record.Activity
			if err := cur.Decode(&a); err != nil {
				return err
			}
			if r := byID[a.RecordID]; r != nil {
				it := activityItem(&a, r, teams[a.ActorID])
				visit(&it)
			}
			return nil
		})
}

// systemKinds are the activities the record service logs about its own
// writes; they emit no activity event, so no metric counts them.
var systemKinds = []record.ActivityKind{record.Edited, record.StageMoved, record.Assigned}

// teamsOf maps every user to their team when one of ms is kept by team.
func (s *Service) teamsOf(ctx context.Context, tenantID string, ms ...*Metric) (
	map[string]string, error) {
	out := map[string]string{}
	if !slices.ContainsFunc(ms, func(m *Metric) bool { return slices.Contains(m.Dims, "team") }) {
		return out, nil
	}
	var users []person
	if err := s.store.Scope(tenantID).C(usersCollection).FindAll(ctx, bson.D{},
		&users); err != nil {
		return nil, fmt.Errorf("reading teams: %w", err)
	}
	for _, u := range users {
		out[u.ID] = u.Team
	}
	return out, nil
}

// rebuildPass is what one RebuildAll shares between its families: the
// stage and data of the records of the forms whose activities it rebuilds
// (keep), taken from the read of their records family when it has one.
type rebuildPass struct {
	views map[string]map[string]*record.Record
	keep  map[string]bool
}

// viewsOf returns the map to keep form's records in while reading them,
// or nil when no activity family of the pass needs them.
func (p *rebuildPass) viewsOf(form string) map[string]*record.Record {
	if !p.keep[form] {
		return nil
	}
	if p.views[form] == nil {
		p.views[form] = map[string]*record.Record{}
	}
	return p.views[form]
}

// boolOrder orders false before true.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
