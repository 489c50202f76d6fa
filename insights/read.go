package insights

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// acc accumulates cells of several days and groups.
type acc struct {
	main, den Cell
	keys      map[string]string
}

func (a *acc) add(g *Group) {
	merge(&a.main, &g.Main)
	merge(&a.den, &g.Den)
}

func merge(dst, src *Cell) {
	dst.Count += src.Count
	dst.Sum += src.Sum
	dst.Capped = dst.Capped || src.Capped
	for v, n := range src.Values {
		if dst.Values == nil {
			dst.Values = map[string]int64{}
		}
		dst.Values[v] += n
	}
}

// value is the figure of the accumulated cells under m's kind.
func (a *acc) value(m *Metric) (v, num, den *float64) {
	if m.Den != nil {
		n, d := partValue(&m.Main, &a.main), partValue(m.Den, &a.den)
		if d != nil && *d != 0 && n != nil {
			r := *n / *d
			v = &r
		}
		return v, n, d
	}
	return partValue(&m.Main, &a.main), nil, nil
}

func partValue(p *part, c *Cell) *float64 {
	var f float64
	switch p.kind {
	case "sum":
		f = float64(c.Sum) / micro
	case "avg":
		if c.Count == 0 {
			return nil
		}
		f = float64(c.Sum) / micro / float64(c.Count)
	case "distinct":
		f = float64(len(c.Values))
	default:
		f = float64(c.Count)
	}
	return &f
}

// months caches what one request has read: the month documents, by
// family and month (nil for a month without one), and people's names.
type months struct {
	docs  map[string]*monthDoc
	names map[string]string
}

func newMonths() *months {
	return &months{docs: map[string]*monthDoc{}, names: map[string]string{}}
}

// loadDays reads the figures of family for the days of [from, to): the
// documents of the months they fall in, each read once per request. A
// server store answers one range query on (tenant, family, month) that
// leaves the recent event hashes out. The embedded store scans its whole
// collection for any filter but _id equality, so it reads one document a
// month by _id: a month of a dashboard is two reads per family.
func (s *Service) loadDays(ctx context.Context, tenantID, family string,
	from, to time.Time, cache *months) ([]dayFigures, error) {
	days := bucketsOf(from, to, s.cfg.Zone, func(d string) string { return d })
	if len(days) == 0 {
		return nil, nil
	}
	if err := s.loadMonths(ctx, tenantID, family, days, cache); err != nil {
		return nil, err
	}
	out := make([]dayFigures, 0, len(days))
	for _, day := range days {
		d := cache.docs[family+"|"+monthOfDay(day)]
		if d == nil {
			continue
		}
		ms, err := d.dayFigures(day)
		if err != nil {
			return nil, err
		}
		if ms != nil {
			out = append(out, dayFigures{Day: day, Metrics: ms})
		}
	}
	return out, nil
}

// loadMonths puts the documents of the months of days in the cache.
func (s *Service) loadMonths(ctx context.Context, tenantID, family string, days []string,
	cache *months) error {
	var missing []string
	for _, day := range days {
		m := monthOfDay(day)
		if _, ok := cache.docs[family+"|"+m]; !ok && !slices.Contains(missing, m) {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var docs []monthDoc
	var err error
	if s.store.Mode == mongo.ModeEmbedded {
		docs, err = s.monthsByID(ctx, tenantID, family, missing)
	} else {
		docs, err = s.monthRange(ctx, tenantID, family, missing[0], missing[len(missing)-1])
	}
	if err != nil {
		return err
	}
	for _, m := range missing {
		cache.docs[family+"|"+m] = nil
	}
	none := func(string) bool { return false }
	for i := range docs {
		if err := docs[i].load(none); err != nil {
			return err
		}
		cache.docs[family+"|"+docs[i].Month] = &docs[i]
	}
	return nil
}

// monthsByID reads the documents of family's months one by one.
func (s *Service) monthsByID(ctx context.Context, tenantID, family string,
	list []string) ([]monthDoc, error) {
	out := make([]monthDoc, 0, len(list))
	for _, m := range list {
		var d monthDoc
		err := s.rollups(tenantID).FindByID(ctx, docID(tenantID, family, m), &d)
		if errors.Is(err, mongo.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading rollup %s %s: %w", family, m, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// monthRange reads the documents of family from month first to last.
func (s *Service) monthRange(ctx context.Context, tenantID, family, first,
	last string) ([]monthDoc, error) {
	filter := bson.D{{Key: "family", Value: family}, {Key: "month", Value: bson.D{
		{Key: "$gte", Value: first}, {Key: "$lte", Value: last}}}}
	var docs []monthDoc
	if err := s.rollups(tenantID).FindAll(ctx, filter, &docs, figuresProjection()); err != nil {
		return nil, fmt.Errorf("reading rollups of %s: %w", family, err)
	}
	return docs, nil
}

// view is one widget read: its metric and how to cut it.
type view struct {
	m       *Metric
	filters map[string][]string
	groupBy []string
	bucket  func(day string) string
	top     int
}

// fold is a widget's figures before they are presented.
type fold struct {
	total  acc
	groups map[string]*acc
	series map[string]*acc
}

// fold accumulates the groups of docs that pass the filters. A group
// key names the same dimension values on every day, so whether a group is
// kept and where it goes are decided once per key.
func (v *view) fold(docs []dayFigures) *fold {
	f := &fold{groups: map[string]*acc{}, series: map[string]*acc{}}
	slots := map[string]*slot{}
	for i := range docs {
		var series *acc
		if v.bucket != nil {
			series = f.seriesAt(v.bucket(docs[i].Day))
		}
		for gk, g := range docs[i].Metrics[v.m.Key] {
			sl := slots[gk]
			if sl == nil {
				sl = v.slotOf(f, g)
				slots[gk] = sl
			}
			if !sl.keep {
				continue
			}
			f.total.add(g)
			if sl.group != nil {
				sl.group.add(g)
			}
			if series != nil {
				series.add(g)
			}
		}
	}
	return f
}

// slot is what a fold does with the groups of one key.
type slot struct {
	keep  bool
	group *acc
}

// slotOf decides the slot of g's key: kept or not, and its group-by
// accumulator.
func (v *view) slotOf(f *fold, g *Group) *slot {
	if !v.keep(g.Keys) {
		return &slot{}
	}
	sl := &slot{keep: true}
	if len(v.groupBy) > 0 {
		k, keys := v.cut(g.Keys)
		if f.groups[k] == nil {
			f.groups[k] = &acc{keys: keys}
		}
		sl.group = f.groups[k]
	}
	return sl
}

// seriesAt returns the accumulator of bucket b, creating it.
func (f *fold) seriesAt(b string) *acc {
	if f.series[b] == nil {
		f.series[b] = &acc{}
	}
	return f.series[b]
}

func (v *view) keep(keys map[string]string) bool {
	for dim, vals := range v.filters {
		if slices.Contains(v.m.Dims, dim) && !slices.Contains(vals, keys[dim]) {
			return false
		}
	}
	return true
}

// cut returns the group-by key of keys and the values it keeps.
func (v *view) cut(keys map[string]string) (string, map[string]string) {
	out := make(map[string]string, len(v.groupBy))
	var b strings.Builder
	for _, d := range v.groupBy {
		out[d] = keys[d]
		b.WriteString(keys[d])
		b.WriteByte(0)
	}
	return b.String(), out
}

// ranked turns groups into ranked GroupData, highest value first, ties
// (and undefined values, last) ordered by their keys.
func (v *view) ranked(f *fold) []GroupData {
	keys := make([]string, 0, len(f.groups))
	for k := range f.groups {
		keys = append(keys, k)
	}
	val := func(k string) *float64 { x, _, _ := f.groups[k].value(v.m); return x }
	slices.SortFunc(keys, func(a, b string) int {
		va, vb := val(a), val(b)
		switch {
		case va != nil && vb == nil:
			return -1
		case va == nil && vb != nil:
			return 1
		case va != nil && *va != *vb:
			if *va > *vb {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	if v.top > 0 && len(keys) > v.top {
		keys = keys[:v.top]
	}
	out := make([]GroupData, 0, len(keys))
	for i, k := range keys {
		a := f.groups[k]
		x, n, d := a.value(v.m)
		out = append(out, GroupData{Keys: a.keys, Labels: map[string]string{}, Value: x,
			Numerator: n, Denominator: d, Rank: i + 1})
	}
	return out
}
