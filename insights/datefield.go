package insights

import (
	"context"
	"fmt"
	"time"
)

// A metric over records counts a record on its creation day, or, when
// the metric names a date field (designer.Metric.DateField), on that
// field's day: a weekly score on its week, a deal on its close date. A
// date field holds a calendar day and counts on it as written; a
// date-time counts on its day in the service's zone. A record whose field
// is empty or holds no date counts on no day.
//
// A record's day may then change with its data, and with it the month
// document its share lives in. An event moves the record, for each metric
// of its family, from the day its previous state counted on to the day
// its new state counts on: one write per month document touched, each
// taking the event's hash into its own recent events, so a replayed event
// counts once in each of them. A change that moves a record across months
// is two writes (the old month's share out, the new month's in); a
// process dying between the two leaves the old month short until a
// rebuild, as a queued event lost with the feed would.

// countDay is the day item it counts on for m, and false when it counts
// on none.
func (m *Metric) countDay(it *item, zone *time.Location) (string, bool) {
	if m.DateField == "" {
		return dayOf(it.at, zone), true
	}
	return dateDay(it.data[m.DateField], zone)
}

// dateDay is the day of a date ("2026-03-02") or date-time (RFC 3339)
// value in zone, and false for anything else.
func dateDay(v any, zone *time.Location) (string, bool) {
	switch x := v.(type) {
	case time.Time:
		return dayOf(x, zone), !x.IsZero()
	case string:
		if len(x) == len(dayLayout) {
			_, err := time.Parse(dayLayout, x)
			return x, err == nil
		}
		t, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return "", false
		}
		return dayOf(t, zone), true
	}
	return "", false
}

// move is one metric's share of a record event in one month document:
// the day the previous state is taken out of and the day the new state is
// put in, "" when that half lies in another month or on no day.
type move struct {
	m              *Metric
	oldDay, newDay string
}

// recordMoves groups the moves of a record from old (nil for a creation)
// to nw for metrics ms by the month each half lands in.
func (s *Service) recordMoves(old, nw *item, ms []*Metric) map[string][]move {
	out := map[string][]move{}

	add := func(m *Metric, month string, mv move) {
		for i := range out[month] {
			if out[month][i].m == m {
				out[month][i].oldDay = max(out[month][i].oldDay, mv.oldDay)
				out[month][i].newDay = max(out[month][i].newDay, mv.newDay)
				return
			}
		}
		mv.m = m
		out[month] = append(out[month], mv)
	}

	for _, m := range ms {
		if old != nil {
			if day, ok := m.countDay(old, s.cfg.Zone); ok {
				add(m, monthOfDay(day), move{oldDay: day})
			}
		}
		if day, ok := m.countDay(nw, s.cfg.Zone); ok {
			add(m, monthOfDay(day), move{newDay: day})
		}
	}
	return out
}

// moveRecord folds a record event (hashed as event) into every month
// document it touches.
func (s *Service) moveRecord(ctx context.Context, tenantID, family string, event uint64,
	old, nw *item, ms []*Metric) error {
	byMonth := s.recordMoves(old, nw, ms)
	for _, month := range sortedKeys(byMonth) {
		moves := byMonth[month]
		var days []string
		for _, mv := range moves {
			days = append(days, mv.oldDay, mv.newDay)
		}
		err := s.changeDays(ctx, tenantID, family, month, days, func(e *edit) bool {
			return e.applyMoves(event, moves, old, nw)
		})
		if err != nil {
			return fmt.Errorf("rolling up record %s: %w", nw.id, err)
		}
	}

	return nil
}

// applyMoves takes each move's previous state out of its old day and puts
// the new state in on its new day, and reports whether anything changed.
// An event already among the document's recent ones changes nothing. A
// previous state is taken out only when it was counted: when it is not
// older than the first state the metric counted in this month (Since).
func (e *edit) applyMoves(event uint64, moves []move, old, nw *item) bool {
	if e.seen(event) {
		return false
	}
	for _, mv := range moves {
		key := mv.m.Key
		since, started := e.doc.Since[key]
		if !started {
			e.doc.Since[key] = nw.updated.UnixNano()
			e.since = true
		}
		if mv.oldDay != "" && started && old.updated.UnixNano() >= since {
			e.move(key, mv.oldDay, old.contribution(mv.m), nil, old.keys(mv.m), nil)
		}
		if mv.newDay != "" {
			e.move(key, mv.newDay, nil, nw.contribution(mv.m), nil, nw.keys(mv.m))
		}
	}
	e.remember(event)
	return true
}
