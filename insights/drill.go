package insights

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// MaxDrill bounds the records one drill-down returns.
const MaxDrill = 200

// seesAll are the roles that may see every record behind a figure; anyone
// else sees only the records they own (a rep sees the board, not others'
// records).
var seesAll = []auth.Role{auth.Owner, auth.Admin, auth.Supervisor, auth.Implementer}

// SeesAll reports whether p may drill into everyone's records.
func SeesAll(p auth.Principal) bool {
	return slices.ContainsFunc(p.Roles, func(r auth.Role) bool {
		return slices.Contains(seesAll, r)
	})
}

// Records returns the records behind a figure of metric ref: those of the
// metric's form created in the query's range that the metric counts and
// whose dimensions match the query's filters, newest first, at most
// MaxDrill, and only the ones p may see.
func (s *Service) Records(ctx context.Context, p auth.Principal, ref string,
	q Query) ([]*record.Record, error) {
	s.settle(ctx)
	_, m, err := s.resolve(ctx, p.TenantID, ref)
	if err != nil {
		return nil, err
	}
	if m.Source != SourceRecords || m.Unsupported != "" {
		return nil, problem.New(problem.Conflict, "insights.no_drill",
			i18n.Params{"source": m.Source})
	}
	if err := checkMetricQuery(m, q); err != nil {
		return nil, err
	}
	from, to, err := q.window(s.clock.Now(), s.cfg.Zone)
	if err != nil {
		return nil, err
	}

	recs, err := s.candidates(ctx, p, m, q, from, to)
	if err != nil {
		return nil, err
	}
	return s.behind(ctx, p.TenantID, m, q, recs, from, to)
}

// candidates reads the live records of m's form that may count in
// [from, to): created in it, or for a metric on a date field, with a value
// near it (behind keeps those whose day is in it).
func (s *Service) candidates(ctx context.Context, p auth.Principal, m *Metric, q Query,
	from, to time.Time) ([]*record.Record, error) {
	filter := bson.D{{Key: "form", Value: m.Form}, {Key: "deleted", Value: false},
		s.windowFilter(m, from, to)}
	if !SeesAll(p) {
		filter = append(filter, bson.E{Key: "owner_id", Value: p.UserID})
	} else if owners := q.Filters["owner"]; len(owners) > 0 {
		filter = append(filter, bson.E{Key: "owner_id", Value: bson.D{{Key: "$in", Value: owners}}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: -1}})
	var recs []*record.Record
	err := s.store.Scope(p.TenantID).C(record.RecordsCollection).FindAll(ctx, filter, &recs,
		opts)
	if err != nil {
		return nil, fmt.Errorf("reading the records behind %s: %w", m.ID, err)
	}
	return recs, nil
}

// behind keeps the records m counts whose dimensions match q, on a day
// of [from, to).
func (s *Service) behind(ctx context.Context, tenantID string, m *Metric, q Query,
	recs []*record.Record, from, to time.Time) ([]*record.Record, error) {
	v := &view{m: m, filters: q.Filters}
	out := []*record.Record{}
	for _, r := range recs {
		r.Data = record.PlainData(r.Data)
		team, err := s.teamFor(ctx, tenantID, []*Metric{m}, r.OwnerID)
		if err != nil {
			return nil, err
		}
		it := recordItem(r, team)
		if it.contribution(m) == nil || !v.keep(it.keys(m)) || !s.inWindow(m, &it, from, to) {
			continue
		}
		out = append(out, r)
		if len(out) == MaxDrill {
			break
		}
	}
	return out, nil
}

// windowFilter selects the records that may count in [from, to): by
// creation, or by the text of m's date field a day either side of it,
// since a date-time's offset may move its day by one in the zone.
func (s *Service) windowFilter(m *Metric, from, to time.Time) bson.E {
	if m.DateField == "" {
		return bson.E{Key: "created_at",
			Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: to}}}
	}
	first := dayOf(from.AddDate(0, 0, -1), s.cfg.Zone)
	last := dayOf(to.AddDate(0, 0, 1), s.cfg.Zone)
	return bson.E{Key: "data." + m.DateField,
		Value: bson.D{{Key: "$gte", Value: first}, {Key: "$lt", Value: last + "\uffff"}}}
}

// inWindow reports whether item it counts for m on a day of [from, to).
func (s *Service) inWindow(m *Metric, it *item, from, to time.Time) bool {
	day, ok := m.countDay(it, s.cfg.Zone)
	return ok && day >= dayOf(from, s.cfg.Zone) && day < dayOf(to, s.cfg.Zone)
}
