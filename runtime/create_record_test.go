package runtime

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/runtime/record"
)

// weekForms are a rep's sandbox and the weekly entry that links to it.
var weekForms = map[string]string{
	"sandbox": `{"schema": {"type": "object", "properties": {"rep": {"type": "string"}}},
		"layout": {"sections": [{"fields": [{"name": "rep", "kind": "text"}]}]}}`,
	"match_week": `{"schema": {"type": "object", "required": ["week", "score"],
		"properties": {"week": {"type": "string", "format": "date"},
			"score": {"type": "number", "minimum": 0, "maximum": 100},
			"sandbox": {"type": "string", "minLength": 1, "maxLength": 64}}},
		"layout": {"sections": [{"fields": [{"name": "week", "kind": "date"},
			{"name": "score", "kind": "number"},
			{"name": "sandbox", "kind": "record_link",
				"settings": {"form_key": "sandbox"}}]}]}}`,
}

// creatorFixture publishes weekForms and stores one sandbox record.
func creatorFixture(t *testing.T) (recordCreator, *record.Service, *record.Record) {
	t.Helper()
	ctx := context.Background()
	store := testenv.Mongo(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	defs := designer.New(store, clk, testenv.Logger())
	records := record.New(store, defs, clk, testenv.Logger())
	for _, ensure := range []func(context.Context) error{defs.EnsureIndexes,
		records.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			t.Fatal(err)
		}
	}
	p := system("t1")
	for _, key := range []string{"sandbox", "match_week"} {
		d, _, err := defs.Create(ctx, p, designer.KindForm,
			designer.Meta{Key: key, Name: designer.Text{"en": key}},
			json.RawMessage(weekForms[key]))
		if err == nil {
			_, err = defs.Publish(ctx, p, designer.KindForm, d.ID)
		}
		if err != nil {
			t.Fatalf("publishing %s: %v", key, err)
		}
	}
	src, err := records.Submit(ctx, p, record.SubmitInput{Form: "sandbox",
		Data: json.RawMessage(`{"rep": "wang"}`)})
	if err != nil {
		t.Fatal(err)
	}
	return recordCreator{records: records}, records, src
}

// weekMessage asks for a match_week record of src scoring score.
func weekMessage(src *record.Record, score float64) *outbox.Message {
	m := &outbox.Message{DedupeKey: "i1/t1/week/1", RecordID: src.ID,
		Channel: CreateRecordChannel, Payload: map[string]any{"form": "match_week",
			"link_field": "sandbox", "data": map[string]any{"score": score,
				"week": "2026-03-06T23:30:00+08:00"}}}
	m.TenantID = "t1"
	return m
}

func TestRecordCreatorSubmitsOnce(t *testing.T) {
	ctx := context.Background()
	c, records, src := creatorFixture(t)

	first, err := c.Send(ctx, weekMessage(src, 72.5))
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Send(ctx, weekMessage(src, 72.5))
	if err != nil || again != first {
		t.Fatalf("delivered again: id %s, err %v; want %s", again, err, first)
	}

	page, err := records.List(ctx, system("t1"), record.Query{Form: "match_week"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("%d match_week records, want 1", len(page.Items))
	}
	want := map[string]any{"score": 72.5, "week": "2026-03-06", "sandbox": src.ID}
	for k, v := range want {
		if page.Items[0].Data[k] != v {
			t.Errorf("data[%s] = %v, want %v", k, page.Items[0].Data[k], v)
		}
	}
}

func TestRecordCreatorRefusalIsPermanent(t *testing.T) {
	c, _, src := creatorFixture(t)
	m := weekMessage(src, 150)
	delete(m.Payload["data"].(map[string]any), "week")

	_, err := c.Send(context.Background(), m)
	if !outbox.IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent failure", err)
	}
	for _, part := range []string{"/score (maximum)", "/week (required)"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not name %s", err, part)
		}
	}
}

func TestRecordCreatorUnknownFormIsPermanent(t *testing.T) {
	c, _, src := creatorFixture(t)
	m := weekMessage(src, 50)
	m.Payload["form"] = "nope"
	if _, err := c.Send(context.Background(), m); !outbox.IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent failure", err)
	}
}
