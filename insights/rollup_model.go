package insights

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
)

// RollupsCollection holds the rollup documents.
const RollupsCollection = "insight_rollups"

// MaxDistinct bounds the exact set a distinct count keeps per group and
// day; past it the set stops growing and the figure is a lower bound.
const MaxDistinct = 10000

// MaxRecent is how many activity ids a document remembers to recognise a
// redelivered activity event: a duplicate arriving after MaxRecent newer
// activities of the same form and day would count twice (a rebuild puts it
// right).
const MaxRecent = 512

// markShards is how many shards the marks of a document are kept in.
const markShards = 16

// micro is the scale of stored sums: millionths, summed as integers.
const micro = 1_000_000

// dayLayout is how days and buckets are written.
const dayLayout = "2006-01-02"

// bucketDoc is the rollup document of one tenant, family and day.
type bucketDoc struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Family         string `bson:"family"`
	Day            string `bson:"day"`
	// Rev counts the writes of the document, for compare-and-set.
	Rev int64 `bson:"rev"`
	// Metrics maps a metric's storage key to its groups by group key.
	// Each metric's groups are stored as one binary value in Blobs: the
	// embedded store's cost of a read grows with the number of values in a
	// document, not with its bytes, and a day holds thousands of groups.
	Metrics map[string]map[string]*Group `bson:"-"`
	Blobs   map[string][]byte            `bson:"m,omitempty"`
	// Marks maps a record id to what it contributes. They are stored in
	// Shards, so that reads skip them and a write re-sends one shard.
	Marks  map[string]*Mark  `bson:"-"`
	Shards map[string][]byte `bson:"r,omitempty"`
	// Recent are the ids of the latest MaxRecent activities applied,
	// oldest first.
	Recent []string `bson:"a,omitempty"`
}

// Group is the accumulated figure of one combination of dimension values.
type Group struct {
	// Keys are the dimension values, by dimension.
	Keys map[string]string `bson:"k"`
	// Main is the measure, or a ratio's numerator; Den a ratio's
	// denominator.
	Main Cell `bson:"n"`
	Den  Cell `bson:"d"`
}

// Cell accumulates one measure.
type Cell struct {
	// Count is the number of items counted.
	Count int64 `bson:"c"`
	// Sum is the sum of the measured field, in millionths.
	Sum int64 `bson:"s"`
	// Values are a distinct count's values (encoded) with how many items
	// hold each.
	Values map[string]int64 `bson:"v,omitempty"`
	// Capped is set once Values reached MaxDistinct.
	Capped bool `bson:"x,omitempty"`
}

// Mark is what one record contributes to the document's metrics.
type Mark struct {
	// Version is the record's version last applied.
	Version int64 `bson:"ver"`
	// Deleted is set once the record's deletion was applied.
	Deleted bool `bson:"del,omitempty"`
	// Parts maps a metric's storage key to the item's contribution.
	Parts map[string]*Contribution `bson:"c,omitempty"`
}

// Contribution is one item's share of one metric.
type Contribution struct {
	Group string `bson:"g"`
	Main  *Item  `bson:"n,omitempty"`
	Den   *Item  `bson:"d,omitempty"`
}

// Item is one item's share of one cell.
type Item struct {
	Sum   int64  `bson:"s,omitempty"`
	Value string `bson:"v,omitempty"`
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

// docID names the document of a tenant, family and day.
func docID(tenantID, family, day string) string {
	return tenantID + "|" + family + "|" + day
}

// encodeValue turns a distinct value into a key a document may hold (no
// dots, no leading $).
func encodeValue(s string) string {
	return "x" + base64.RawURLEncoding.EncodeToString([]byte(s))
}

// dayOf is the day of t in zone.
func dayOf(t time.Time, zone *time.Location) string { return t.In(zone).Format(dayLayout) }

// shardOf names the shard that keeps the mark of item id.
func shardOf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	return fmt.Sprintf("s%02d", h.Sum32()%markShards)
}

// loadMarks decodes the stored shards into Marks.
func (d *bucketDoc) loadMarks() error {
	d.Marks = map[string]*Mark{}
	for name, raw := range d.Shards {
		var part map[string]*Mark
		if err := bson.Unmarshal(raw, &part); err != nil {
			return fmt.Errorf("decoding marks %s of %s: %w", name, d.ID, err)
		}
		for id, m := range part {
			d.Marks[id] = m
		}
	}
	return nil
}

// encodeShard encodes the marks of one shard.
func (d *bucketDoc) encodeShard(name string) ([]byte, error) {
	part := map[string]*Mark{}
	for id, m := range d.Marks {
		if shardOf(id) == name {
			part[id] = m
		}
	}
	raw, err := bson.Marshal(part)
	if err != nil {
		return nil, fmt.Errorf("encoding marks %s of %s: %w", name, d.ID, err)
	}
	return raw, nil
}

// encodeShards stores every shard of Marks, for an insert.
func (d *bucketDoc) encodeShards() error {
	d.Shards = map[string][]byte{}
	names := map[string]bool{}
	for id := range d.Marks {
		names[shardOf(id)] = true
	}
	for name := range names {
		raw, err := d.encodeShard(name)
		if err != nil {
			return err
		}
		d.Shards[name] = raw
	}
	return nil
}

// encodeGroups encodes one metric's groups.
func encodeGroups(groups map[string]*Group) ([]byte, error) {
	if groups == nil {
		groups = map[string]*Group{}
	}
	raw, err := bson.Marshal(groups)
	if err != nil {
		return nil, fmt.Errorf("encoding groups: %w", err)
	}
	return raw, nil
}

// decodeGroups decodes the stored groups of every metric.
func decodeGroups(blobs map[string][]byte) (map[string]map[string]*Group, error) {
	out := make(map[string]map[string]*Group, len(blobs))
	for key, raw := range blobs {
		var groups map[string]*Group
		if err := bson.Unmarshal(raw, &groups); err != nil {
			return nil, fmt.Errorf("decoding groups of %s: %w", key, err)
		}
		out[key] = groups
	}
	return out, nil
}

// load decodes what a read of the stored document left encoded.
func (d *bucketDoc) load() error {
	var err error
	if d.Metrics, err = decodeGroups(d.Blobs); err != nil {
		return err
	}
	return d.loadMarks()
}

// encode prepares a new document for its insert.
func (d *bucketDoc) encode() error {
	d.Blobs = map[string][]byte{}
	for key, groups := range d.Metrics {
		raw, err := encodeGroups(groups)
		if err != nil {
			return err
		}
		d.Blobs[key] = raw
	}
	return d.encodeShards()
}
