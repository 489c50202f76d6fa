package mongo

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestCommandLogTellsByIDFromScans(t *testing.T) {
	raw := func(d bson.D) bson.Raw {
		b, err := bson.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	byID := bson.D{{Key: "_id", Value: "a"}}
	tests := []struct {
		name string
		cmd  bson.D
		want Command
	}{
		{"find by _id", bson.D{{Key: "find", Value: "users"}, {Key: "filter", Value: byID}},
			Command{Name: "find", Collection: "users", Keys: "_id", Access: AccessByID}},
		{"find by tenant and role", bson.D{{Key: "find", Value: "users"},
			{Key: "filter", Value: bson.D{{Key: "tenant_id", Value: "t"},
				{Key: "roles", Value: "rep"}}}},
			Command{Name: "find", Collection: "users", Keys: "roles,tenant_id",
				Access: AccessScan}},
		{"find by _id $in", bson.D{{Key: "find", Value: "loads"},
			{Key: "filter", Value: bson.D{{Key: "_id", Value: bson.D{{Key: "$in",
				Value: bson.A{"a", "b"}}}}}}},
			Command{Name: "find", Collection: "loads", Keys: "_id", Access: AccessScan}},
		{"update by _id", bson.D{{Key: "update", Value: "tasks"},
			{Key: "updates", Value: bson.A{bson.D{{Key: "q", Value: byID},
				{Key: "u", Value: bson.D{}}}}}},
			Command{Name: "update", Collection: "tasks", Keys: "_id", Access: AccessByID}},
		{"aggregate", bson.D{{Key: "aggregate", Value: "tasks"},
			{Key: "pipeline", Value: bson.A{
				bson.D{{Key: "$match", Value: bson.D{{Key: "tenant_id", Value: "t"}}}},
				bson.D{{Key: "$match", Value: bson.D{{Key: "status", Value: "open"}}}},
				bson.D{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$a"}}}}}}},
			Command{Name: "aggregate", Collection: "tasks", Keys: "status,tenant_id",
				Access: AccessScan}},
		{"insert", bson.D{{Key: "insert", Value: "records"}},
			Command{Name: "insert", Collection: "records", Access: AccessWrite}},
		{"ping", bson.D{{Key: "ping", Value: 1}},
			Command{Name: "ping", Access: AccessOther}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.cmd[0].Key
			if diff := cmp.Diff(tt.want, describe(name, raw(tt.cmd))); diff != "" {
				t.Errorf("describe (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCommandLogCountsAndFormats(t *testing.T) {
	l := NewCommandLog()
	find, _ := bson.Marshal(bson.D{{Key: "find", Value: "users"},
		{Key: "filter", Value: bson.D{{Key: "_id", Value: "a"}}}})
	insert, _ := bson.Marshal(bson.D{{Key: "insert", Value: "records"}})
	for range 4 {
		l.Add("find", find)
	}
	l.Add("insert", insert)
	l.Add("insert", insert)

	got := l.Take()
	want := []CommandCount{
		{Command{Name: "find", Collection: "users", Keys: "_id", Access: AccessByID}, 4},
		{Command{Name: "insert", Collection: "records", Access: AccessWrite}, 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Take (-want +got):\n%s", diff)
	}
	if l.Total() != 6 || len(l.Take()) != 0 {
		t.Errorf("after Take: total %d, counts %v; want 6 and none", l.Total(), l.Take())
	}
	out := FormatCommands(got, 2)
	for _, line := range []string{"2.00  find      users", "1.00  insert    records",
		"2.00  by_id", "1.00  insert"} {
		if !strings.Contains(out, line) {
			t.Errorf("FormatCommands lacks %q:\n%s", line, out)
		}
	}
}
