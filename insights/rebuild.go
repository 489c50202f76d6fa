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
	// Days is how many day documents were written.
	Days int `json:"days"`
}

// dayPlan is what a rebuild puts in one day document.
type dayPlan struct {
	groups map[string]*Group
	items  []*item
	parts  map[string]*Contribution
}

// Rebuild recomputes metric id from the raw data (records, or the
// activities of a form's records) and replaces its groups and its share
// of every mark. Other metrics of the same documents are left as they
// are. Records are read as they are now: an activity metric is rebuilt
// with each activity's record in its current state.
func (s *Service) Rebuild(ctx context.Context, tenantID, id string) (*Rebuilt, error) {
	s.settle(ctx)
	m, err := s.metricByID(ctx, tenantID, id)
	if err != nil {
		return nil, err
	}

	items, err := s.rawItems(ctx, tenantID, m)
	if err != nil {
		return nil, fmt.Errorf("rebuilding %s: %w", id, err)
	}
	plans := s.plan(m, items)
	days, err := s.familyDays(ctx, tenantID, m.Family())
	if err != nil {
		return nil, err
	}
	for day := range plans {
		days = append(days, day)
	}
	slices.Sort(days)
	days = slices.Compact(days)

	for _, day := range days {
		if err := s.replaceDay(ctx, tenantID, m, day, plans[day]); err != nil {
			return nil, fmt.Errorf("rebuilding %s: %w", id, err)
		}
	}
	return &Rebuilt{Metric: id, Items: len(items), Days: len(days)}, nil
}

// plan folds items into per-day groups and contributions.
func (s *Service) plan(m *Metric, items []*item) map[string]*dayPlan {
	out := map[string]*dayPlan{}
	for _, it := range items {
		day := dayOf(it.at, s.cfg.Zone)
		p := out[day]
		if p == nil {
			p = &dayPlan{groups: map[string]*Group{}, parts: map[string]*Contribution{}}
			out[day] = p
		}
		p.items = append(p.items, it)
		c := it.contribution(m)
		if c == nil {
			continue
		}
		p.parts[it.id] = c
		g := p.groups[c.Group]
		if g == nil {
			g = &Group{Keys: it.keys(m)}
			p.groups[c.Group] = g
		}
		g.Main.add(c.Main, 1)
		g.Den.add(c.Den, 1)
	}
	return out
}

// replaceDay writes a day's rebuilt groups of m and the items' marks.
func (s *Service) replaceDay(ctx context.Context, tenantID string, m *Metric, day string,
	p *dayPlan) error {
	if p == nil {
		p = &dayPlan{groups: map[string]*Group{}, parts: map[string]*Contribution{}}
	}
	records := m.Source == SourceRecords
	return s.change(ctx, tenantID, m.Family(), day, func(e *edit) bool {
		e.doc.Metrics[m.Key] = p.groups
		e.whole(m.Key)
		for _, it := range p.items {
			if records {
				e.remark(it, m.Key, p.parts[it.id])
			}
		}
		return true
	})
}

// familyDays lists the days that have a document of family.
func (s *Service) familyDays(ctx context.Context, tenantID, family string) ([]string, error) {
	var docs []struct {
		Day string `bson:"day"`
	}
	err := s.rollups(tenantID).FindAll(ctx, bson.D{{Key: "family", Value: family}}, &docs,
		dayProjection())
	if err != nil {
		return nil, fmt.Errorf("listing rollup days of %s: %w", family, err)
	}
	out := make([]string, 0, len(docs))
	for _, d := range docs {
		out = append(out, d.Day)
	}
	return out, nil
}

// rawItems reads what metric m counts from the system of record.
func (s *Service) rawItems(ctx context.Context, tenantID string, m *Metric) ([]*item, error) {
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
