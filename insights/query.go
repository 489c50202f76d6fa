package insights

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Query narrows what a read of a dashboard or widget shows.
type Query struct {
	// From and To bound the days read, [From, To); zero From means 30 days
	// before To, zero To means the end of today.
	From, To time.Time
	// Filters keep the groups whose dimension has one of the values.
	Filters map[string][]string
	// GroupBy replaces the widget's group-by when set.
	GroupBy []string
	// Bucket replaces the widget's bucket when set.
	Bucket string
	// Top replaces the widget's top when set.
	Top int
}

// Limits of a query.
const (
	// MaxDays is the longest range a read may span.
	MaxDays   = 3 * 366
	maxValues = 50
	maxTopN   = 100
)

// reserved parameters of a query; any other names a dimension.
var queryParams = []string{"from", "to", "group_by", "bucket", "top", "limit"}

// ParseQuery reads a query string. Dimensions may be filtered when they
// are in allowed (empty allows any known dimension name); bad input is a
// problem naming each bad parameter.
func ParseQuery(v url.Values, allowed []string) (Query, error) {
	var c problem.Collector
	q := Query{Filters: map[string][]string{}}
	q.From = parseDate(&c, "from", v.Get("from"))
	q.To = parseDate(&c, "to", v.Get("to"))
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		c.Add("/to", "insights.range_reversed", nil)
	}
	if g := v.Get("group_by"); g != "" {
		q.GroupBy = splitList(g)
		for _, d := range q.GroupBy {
			checkDimension(&c, "/group_by", d)
		}
	}
	q.Bucket = v.Get("bucket")
	if q.Bucket != "" && !slices.Contains(bucketKinds, q.Bucket) {
		c.Add("/bucket", "not_allowed", i18n.Params{"allowed": strings.Join(bucketKinds, ", ")})
	}
	q.Top = parseTop(&c, v.Get("top"))
	parseFilters(&c, v, allowed, q.Filters)
	return q, c.Err()
}

func parseFilters(c *problem.Collector, v url.Values, allowed []string,
	out map[string][]string) {
	for name, vals := range v {
		if slices.Contains(queryParams, name) {
			continue
		}
		ptr := "/" + name
		if !validDimension(name) || len(allowed) > 0 && !slices.Contains(allowed, name) {
			c.Add(ptr, "insights.unknown_filter",
				i18n.Params{"name": name, "allowed": strings.Join(allowed, ", ")})
			continue
		}
		var list []string
		for _, s := range vals {
			list = append(list, splitList(s)...)
		}
		if len(list) == 0 || len(list) > maxValues {
			c.Add(ptr, "insights.filter_values", i18n.Params{"max": maxValues})
			continue
		}
		out[name] = list
	}
}

// parseDate reads "2006-01-02" (the start of that day, UTC) or RFC 3339.
func parseDate(c *problem.Collector, name, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(dayLayout, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil && t.Year() > 1 && t.Year() < 10000 {
		return t.UTC()
	}
	c.Add("/"+name, "insights.bad_date", i18n.Params{"value": clip(s)})
	return time.Time{}
}

func parseTop(c *problem.Collector, s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxTopN {
		c.Add("/top", "out_of_range", i18n.Params{"min": 1, "max": maxTopN})
		return 0
	}
	return n
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// validDimension reports whether name could be a dimension: a known one
// or a form field key.
func validDimension(name string) bool {
	if name == "" || len(name) > 64 || name[0] < 'a' || name[0] > 'z' {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func checkDimension(c *problem.Collector, ptr, name string) {
	if !validDimension(name) {
		c.Add(ptr, "insights.unknown_dimension", i18n.Params{"name": clip(name)})
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// bucketKinds are the time buckets of a series.
var bucketKinds = []string{"day", "week", "month", "period"}

// window resolves q's range against now, in zone: whole days.
func (q Query) window(now time.Time, zone *time.Location) (time.Time, time.Time, error) {
	to := q.To
	if to.IsZero() {
		y, m, d := now.In(zone).Date()
		to = time.Date(y, m, d+1, 0, 0, 0, 0, zone)
	} else {
		to = dayStart(to, zone, q.To.Equal(dayUTC(q.To)))
	}
	from := q.From
	if from.IsZero() {
		from = to.AddDate(0, 0, -30)
	} else {
		from = dayStart(from, zone, q.From.Equal(dayUTC(q.From)))
	}
	if !to.After(from) || to.Sub(from) > MaxDays*24*time.Hour {
		return from, to, problem.Fields(problem.Field("/from", "insights.range_too_long",
			i18n.Params{"max": MaxDays}))
	}
	return from, to, nil
}

// dayStart is the start of t's day in zone; a date given without a time
// (midnight UTC) names that date in zone.
func dayStart(t time.Time, zone *time.Location, dateOnly bool) time.Time {
	if dateOnly {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, zone)
	}
	y, m, d := t.In(zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, zone)
}

func dayUTC(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
