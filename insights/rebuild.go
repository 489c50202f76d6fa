package insights

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

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

// rebuild is Rebuild of a resolved metric.
func (s *Service) rebuild(ctx context.Context, tenantID string, m *Metric) (*Rebuilt, error) {
	id := m.ID
	items, err := s.rawItems(ctx, tenantID, m)
	if err != nil {
		return nil, fmt.Errorf("rebuilding %s: %w", id, err)
	}
	plans, days := s.plan(m, items)
	list, err := s.familyMonths(ctx, tenantID, m.Family())
	if err != nil {
		return nil, err
	}
	for month := range plans {
		list = append(list, month)
	}
	slices.Sort(list)
	list = slices.Compact(list)

	for _, month := range list {
		if err := s.replaceMonth(ctx, tenantID, m, month, plans[month]); err != nil {
			return nil, fmt.Errorf("rebuilding %s: %w", id, err)
		}
	}
	return &Rebuilt{Metric: id, Items: len(items), Days: days, Months: len(list)}, nil
}

// monthPlan is what a rebuild puts in one month document: groups by day.
type monthPlan map[string]map[string]*Group

// plan folds items into groups by month and day; it also says how many
// days have figures.
func (s *Service) plan(m *Metric, items []*item) (map[string]monthPlan, int) {
	out := map[string]monthPlan{}
	days := 0
	for _, it := range items {
		c := it.contribution(m)
		if c == nil {
			continue
		}
		day := dayOf(it.at, s.cfg.Zone)
		p := out[monthOfDay(day)]
		if p == nil {
			p = monthPlan{}
			out[monthOfDay(day)] = p
		}
		if p[day] == nil {
			p[day] = map[string]*Group{}
			days++
		}
		g := p[day][c.Group]
		if g == nil {
			g = &Group{Keys: it.keys(m)}
			p[day][c.Group] = g
		}
		g.Main.add(c.Main, 1)
		g.Den.add(c.Den, 1)
	}
	return out, days
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

// rawItems reads what metric m counts from the system of record.
func (s *Service) rawItems(ctx context.Context, tenantID string, m *Metric) ([]*item, error) {
	if isFact(m.Source) {
		return s.factItems(ctx, tenantID, m)
	}
	var recs []*record.Record
	err := s.store.Scope(tenantID).C(record.RecordsCollection).FindAll(ctx,
		bson.D{{Key: "form", Value: m.Form}}, &recs)
	if err != nil {
		return nil, fmt.Errorf("reading records of %s: %w", m.Form, err)
	}
	teams, err := s.teamsOf(ctx, tenantID, m, recs)
	if err != nil {
		return nil, err
	}
	if m.Source == SourceActivities {
		return s.rawActivities(ctx, tenantID, recs, teams)
	}
	out := make([]*item, 0, len(recs))
	for _, r := range recs {
		r.Data = record.PlainData(r.Data)
		it := recordItem(r, teams[r.OwnerID])
		out = append(out, &it)
	}
	return out, nil
}

// factItems reads the tasks, timers or ledger entries m counts as items.
func (s *Service) factItems(ctx context.Context, tenantID string, m *Metric) ([]*item,
	error) {
	facts, err := s.rawFacts(ctx, tenantID, m)
	if err != nil {
		return nil, err
	}
	teams, err := s.teamsOf(ctx, tenantID, m, nil)
	if err != nil {
		return nil, err
	}
	out := make([]*item, len(facts))
	for i, f := range facts {
		it := f.item(teams[f.owner])
		out[i] = &it
	}
	return out, nil
}

// rawActivities reads the activities people and systems logged on recs
// (not the ones the record service writes about edits).
func (s *Service) rawActivities(ctx context.Context, tenantID string, recs []*record.Record,
	teams map[string]string) ([]*item, error) {
	byID := make(map[string]*record.Record, len(recs))
	ids := make([]string, 0, len(recs))
	for _, r := range recs {
		r.Data = record.PlainData(r.Data)
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	var out []*item
	for start := 0; start < len(ids); start += rebuildBatch {
		batch := ids[start:min(start+rebuildBatch, len(ids))]
		var acts []*record.Activity
		filter := bson.D{{Key: "record_id", Value: bson.D{{Key: "$in", Value: batch}}},
			{Key: "kind", Value: bson.D{{Key: "$nin", Value: systemKinds}}}}
		err := s.store.Scope(tenantID).C(record.ActivitiesCollection).FindAll(ctx, filter,
			&acts)
		if err != nil {
			return nil, fmt.Errorf("reading activities: %w", err)
		}
		for _, a := range acts {
			it := activityItem(a, byID[a.RecordID], teams[a.ActorID])
			out = append(out, &it)
		}
	}
	return out, nil
}

// systemKinds are the activities the record service logs about its own
// writes; they emit no activity event, so no metric counts them.
var systemKinds = []record.ActivityKind{record.Edited, record.StageMoved, record.Assigned}

// teamsOf maps the owners of recs (or, for activities, every user) to
// their teams when m is kept by team.
func (s *Service) teamsOf(ctx context.Context, tenantID string, m *Metric,
	recs []*record.Record) (map[string]string, error) {
	out := map[string]string{}
	if !slices.Contains(m.Dims, "team") {
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
