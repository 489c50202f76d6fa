package insights

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// RollupsCollection holds the rollup documents.
const RollupsCollection = "insight_rollups"

// MaxDistinct bounds the exact set a distinct count keeps per group and
// day; past it the set stops growing and the figure is a lower bound.
const MaxDistinct = 10000

// MaxRecent is how many event ids (as 8-byte hashes) a month document
// remembers to recognise an event applied twice: a duplicate arriving
// after MaxRecent newer events of the same family and month would count
// twice (a rebuild puts it right).
const MaxRecent = 4096

// micro is the scale of stored sums: millionths, summed as integers.
const micro = 1_000_000

// Layouts of days, months and buckets.
const (
	dayLayout   = "2006-01-02"
	monthLayout = "2006-01"
)

// monthDoc is the rollup document of one tenant, family and month: the
// figures of every day of the month, for every metric of the family.
type monthDoc struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Family         string `bson:"family"`
	Month          string `bson:"month"`
	// Rev counts the writes of the document, for compare-and-set.
	Rev int64 `bson:"rev"`
	// Dicts holds, per metric (by storage key), the dimension values of
	// every group the month has seen, in order of first use; Cells refer
	// to groups by their position in it. Both are binary (rollup_codec.go).
	Dicts map[string][]byte `bson:"g,omitempty"`
	// Cells holds one day of one metric's groups per field, named
	// "<metric>_<day of month>".
	Cells map[string][]byte `bson:"m,omitempty"`
	// Since maps a metric to the time (Unix nanoseconds) of the first
	// record state it counted in this month, 0 after a rebuild: a record
	// state older than it was never counted, so a later change does not
	// take it out.
	Since map[string]int64 `bson:"s,omitempty"`
	// Recent are the 8-byte hashes of the latest MaxRecent events applied,
	// oldest first.
	Recent []byte `bson:"a,omitempty"`

	// days are the decoded figures: day, metric, group key.
	days map[string]map[string]map[string]*Group
	// dicts are the decoded dictionaries, by metric.
	dicts map[string][]dictEntry
	// decoded are the days whose cells are in days.
	decoded map[string]bool
}

// dayFigures are the figures of one day, as reads fold them.
type dayFigures struct {
	Day     string
	Metrics map[string]map[string]*Group
}

// Group is the accumulated figure of one combination of dimension values.
type Group struct {
	// Keys are the dimension values, by dimension. Decoded groups may
	// share them: replace the map, never change it.
	Keys map[string]string
	// Main is the measure, or a ratio's numerator; Den a ratio's
	// denominator.
	Main Cell
	Den  Cell
}

// Cell accumulates one measure.
type Cell struct {
	// Count is the number of items counted.
	Count int64
	// Sum is the sum of the measured field, in millionths.
	Sum int64
	// Values are a distinct count's values (encoded) with how many items
	// hold each.
	Values map[string]int64
	// Capped is set once Values reached MaxDistinct.
	Capped bool
}

// Contribution is one item's share of one metric.
type Contribution struct {
	Group string
	Main  *Item
	Den   *Item
}

// Item is one item's share of one cell.
type Item struct {
	Sum   int64
	Value string
}

func (c *Cell) add(it *Item, sign int64) {
	if it == nil {
		return
	}
	c.Count += sign
	c.Sum += sign * it.Sum
	if it.Value == "" {
		return
	}
	if c.Values == nil {
		c.Values = map[string]int64{}
	}
	n, held := c.Values[it.Value]
	switch {
	case sign > 0 && !held && len(c.Values) >= MaxDistinct:
		c.Capped = true
	case n+sign <= 0:
		delete(c.Values, it.Value)
	default:
		c.Values[it.Value] = n + sign
	}
}

func (c *Cell) empty() bool { return c.Count == 0 && c.Sum == 0 && len(c.Values) == 0 }

// docID names the document of a tenant, family and month.
func docID(tenantID, family, month string) string {
	return tenantID + "|" + family + "|" + month
}

// cellsKey names the field of one metric's day.
func cellsKey(metric, day string) string { return metric + "_" + day[8:10] }

// encodeValue turns a distinct value into a key a document may hold (no
// dots, no leading $).
func encodeValue(s string) string {
	return "x" + base64.RawURLEncoding.EncodeToString([]byte(s))
}

// dayOf is the day of t in zone.
func dayOf(t time.Time, zone *time.Location) string { return t.In(zone).Format(dayLayout) }

// monthOfDay is the month of a day.
func monthOfDay(day string) string { return day[:7] }

// load decodes what a read of the stored document left encoded: the
// dictionaries and every day, or only the days keep accepts (dayFigures
// decodes the others when asked).
func (d *monthDoc) load(keep func(day string) bool) error {
	d.days = map[string]map[string]map[string]*Group{}
	d.dicts = map[string][]dictEntry{}
	d.decoded = map[string]bool{}
	for metric, raw := range d.Dicts {
		dict, err := decodeDict(raw)
		if err != nil {
			return fmt.Errorf("decoding groups of %s in %s: %w", metric, d.ID, err)
		}
		d.dicts[metric] = dict
	}
	for field, raw := range d.Cells {
		if err := d.loadCells(field, raw, keep); err != nil {
			return err
		}
	}
	if keep == nil {
		for day := range d.days {
			d.decoded[day] = true
		}
	}
	return nil
}

// dayFigures returns the figures of day, decoding them on first use; nil
// for a day without figures.
func (d *monthDoc) dayFigures(day string) (map[string]map[string]*Group, error) {
	if !d.decoded[day] {
		d.decoded[day] = true
		suffix := "_" + day[8:10]
		for field, raw := range d.Cells {
			if !strings.HasSuffix(field, suffix) {
				continue
			}
			if err := d.loadCells(field, raw, nil); err != nil {
				return nil, err
			}
		}
	}
	return d.days[day], nil
}

// loadCells decodes the field of one metric's day.
func (d *monthDoc) loadCells(field string, raw []byte, keep func(string) bool) error {
	if len(field) < 4 || field[len(field)-3] != '_' {
		return fmt.Errorf("rollup %s: unknown field m.%s", d.ID, field)
	}
	metric, day := field[:len(field)-3], d.Month+"-"+field[len(field)-2:]
	if keep != nil && !keep(day) {
		return nil
	}
	groups, err := decodeCells(raw, d.dicts[metric])
	if err != nil {
		return fmt.Errorf("decoding %s of %s: %w", field, d.ID, err)
	}
	d.dayMetrics(day)[metric] = groups
	return nil
}

// dayMetrics returns the decoded metrics of day, creating them.
func (d *monthDoc) dayMetrics(day string) map[string]map[string]*Group {
	ms := d.days[day]
	if ms == nil {
		ms = map[string]map[string]*Group{}
		d.days[day] = ms
	}
	return ms
}

// figures lists the decoded days, for folding.
func (d *monthDoc) figures() []dayFigures {
	out := make([]dayFigures, 0, len(d.days))
	for _, day := range sortedKeys(d.days) {
		out = append(out, dayFigures{Day: day, Metrics: d.days[day]})
	}
	return out
}
