package record

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// sortFields are the fields a list may be sorted by, all indexed with the
// form.
var sortFields = []string{"created_at", "last_activity_at", "updated_at"}

// DefaultSort is the order of a list that names none: newest first.
const DefaultSort = "-created_at"

// Query narrows and orders a list of records. Zero fields do not filter.
type Query struct {
	// Form keeps the records of one form (by key).
	Form string
	// OwnerID keeps one owner's records.
	OwnerID string
	// Stage keeps the records in one stage.
	Stage string
	// CreatedFrom and CreatedTo keep records created in [from, to).
	CreatedFrom time.Time
	CreatedTo   time.Time
	// SilentSince keeps records whose last activity is before it.
	SilentSince time.Time
	// Search keeps records with Search (trimmed, at most MaxSearchLen
	// characters, taken literally, any case) in one of SearchFields.
	Search string
	// IDs keeps the records of these ids, at most MaxIDs.
	IDs []string
	// Sort is created_at, last_activity_at or updated_at, ascending, or
	// descending with a "-" prefix; empty means DefaultSort.
	Sort string
	// Cursor is the NextCursor of the previous page.
	Cursor string
	// Limit is the page size, 1 to MaxLimit; zero means DefaultLimit.
	Limit int
}

// Page is one page of a list.
type Page struct {
	Items []*Record `json:"items"`
	// NextCursor fetches the next page; empty on the last one.
	NextCursor string `json:"next_cursor"`
}

// List returns one page of the tenant's live records matching q, ordered
// by q.Sort and then by id, with a keyset cursor: pages stay consistent
// while records are added, and a page costs the same wherever it starts.
func (s *Service) List(ctx context.Context, p auth.Principal, q Query) (*Page, error) {
	q, field, desc, after, err := checkQuery(q)
	if err != nil {
		return nil, err
	}

	filter := listFilter(q)
	if after != nil {
		filter = append(filter, afterFilter(field, desc, *after))
	}
	dir := 1
	if desc {
		dir = -1
	}
	opts := options.Find().SetLimit(int64(q.Limit) + 1).
		SetSort(bson.D{{Key: field, Value: dir}, {Key: "_id", Value: dir}})

	var recs []*Record
	if err := s.records(p).FindAll(ctx, filter, &recs, opts); err != nil {
		return nil, fmt.Errorf("listing records: %w", err)
	}
	return page(recs, q, field), nil
}

// checkQuery fills q's defaults and reports every problem with it at once.
func checkQuery(q Query) (Query, string, bool, *cursor, error) {
	var c problem.Collector
	if q.Sort == "" {
		q.Sort = DefaultSort
	}
	desc := strings.HasPrefix(q.Sort, "-")
	field := strings.TrimPrefix(q.Sort, "-")
	if !slices.Contains(sortFields, field) {
		c.AddField(fieldErr("/sort", "invalid_sort",
			i18n.Params{"fields": strings.Join(sortFields, ", ")}))
	}

	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit < 1 || q.Limit > MaxLimit {
		c.AddField(fieldErr("/limit", "out_of_range", i18n.Params{"min": 1, "max": MaxLimit}))
	}
	if !q.CreatedFrom.IsZero() && !q.CreatedTo.IsZero() && q.CreatedTo.Before(q.CreatedFrom) {
		c.AddField(fieldErr("/created_to", "range_reversed", nil))
	}

	q.Search = checkSearch(&c, q.Search)
	checkIDs(&c, q.IDs)

	var after *cursor
	if q.Cursor != "" {
		cur, err := decodeCursor(q.Cursor, q.Sort)
		if err != nil {
			c.AddField(fieldErr("/cursor", "invalid_cursor", nil))
		}
		after = &cur
	}

	return q, field, desc, after, c.Err()
}

// listFilter turns q's filters into a store filter.
func listFilter(q Query) bson.D {
	f := bson.D{{Key: "deleted", Value: false}}
	for _, e := range []bson.E{{Key: "form", Value: q.Form}, {Key: "owner_id", Value: q.OwnerID},
		{Key: "stage", Value: q.Stage}} {
		if e.Value != "" {
			f = append(f, e)
		}
	}

	created := bson.D{}
	if !q.CreatedFrom.IsZero() {
		created = append(created, bson.E{Key: "$gte", Value: q.CreatedFrom})
	}
	if !q.CreatedTo.IsZero() {
		created = append(created, bson.E{Key: "$lt", Value: q.CreatedTo})
	}
	if len(created) > 0 {
		f = append(f, bson.E{Key: "created_at", Value: created})
	}
	if !q.SilentSince.IsZero() {
		f = append(f, bson.E{Key: "last_activity_at",
			Value: bson.D{{Key: "$lt", Value: q.SilentSince}}})
	}
	if q.Search != "" {
		f = append(f, searchFilter(q.Search))
	}
	if len(q.IDs) > 0 {
		f = append(f, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: q.IDs}}})
	}

	return f
}

// afterFilter keeps what sorts after the cursor: a later (or, descending,
// earlier) sort value, or the same value and a later id.
func afterFilter(field string, desc bool, c cursor) bson.E {
	op := "$gt"
	if desc {
		op = "$lt"
	}

	return bson.E{Key: "$or", Value: bson.A{
		bson.D{{Key: field, Value: bson.D{{Key: op, Value: c.time()}}}},
		bson.D{{Key: field, Value: c.time()}, {Key: "_id", Value: bson.D{{Key: op, Value: c.ID}}}},
	}}
}

// page cuts the one record read beyond the limit into a cursor.
func page(recs []*Record, q Query, field string) *Page {
	if recs == nil {
		recs = []*Record{}
	}
	for _, r := range recs {
		r.Data = plainData(r.Data)
	}
	if len(recs) <= q.Limit {
		return &Page{Items: recs}
	}

	recs = recs[:q.Limit]
	last := recs[len(recs)-1]
	return &Page{Items: recs, NextCursor: encodeCursor(q.Sort, sortValue(last, field), last.ID)}
}

func sortValue(r *Record, field string) time.Time {
	switch field {
	case "last_activity_at":
		return r.LastActivityAt
	case "updated_at":
		return r.UpdatedAt
	default:
		return r.CreatedAt
	}
}
