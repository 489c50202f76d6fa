package runtime

import (
	"context"
	"testing"
	"time"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestMessagesAboutARecordLinkToItsPage(t *testing.T) {
	cases := []struct {
		name, publicURL string
		m               engine.OutboxMessage
		want            string
	}{
		{"record", "https://forms.example.com/", engine.OutboxMessage{RecordID: "r 1"},
			"https://forms.example.com/records/r%201"},
		{"no public URL", "", engine.OutboxMessage{RecordID: "r1"}, ""},
		{"no record", "https://forms.example.com", engine.OutboxMessage{}, ""},
		{"action call", "https://forms.example.com",
			engine.OutboxMessage{RecordID: "r1", Kind: engine.MessageCallAction}, ""},
	}
	for _, c := range cases {
		if got := (outboxAccess{publicURL: c.publicURL}).link(c.m); got != c.want {
			t.Errorf("%s: link = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestWrittenMessagesKeepTheirLink(t *testing.T) {
	ctx := context.Background()
	store := testenv.Mongo(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	ob := outbox.New(store, testenv.Queue(t), clk, outbox.Config{}, testenv.Logger())
	a := outboxAccess{svc: ob, publicURL: "http://localhost:8080"}
	err := a.Write(ctx, "t1", engine.OutboxMessage{DedupeKey: "k1", Kind: "notify",
		Recipients: []string{"u1"}, Text: process.Text{"en": "Call back: " + engine.LinkPlaceholder,
			"zh-CN": "回电：" + engine.LinkPlaceholder}, RecordID: "rec1"})
	if err != nil {
		t.Fatal(err)
	}
	owner := auth.Principal{TenantID: "t1", UserID: "o", Roles: []auth.Role{auth.Owner}}
	page, err := ob.List(ctx, owner, outbox.Query{RecordID: "rec1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("deliveries = %+v", page.Items)
	}
	m, err := ob.Get(ctx, owner, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Link != "http://localhost:8080/records/rec1" {
		t.Fatalf("link = %q", m.Link)
	}
	if got := m.Body["en"]; got != "Call back: http://localhost:8080/records/rec1" {
		t.Fatalf("en body = %q", got)
	}
	if got := m.Title["zh-CN"]; got != "回电：http://localhost:8080/records/rec1" {
		t.Fatalf("zh-CN title = %q", got)
	}
}

func TestALinkWithoutAPublicURLIsBlank(t *testing.T) {
	got := outboxText(process.Text{"en": "See " + engine.LinkPlaceholder + "."}, "")
	if got["en"] != "See ." {
		t.Fatalf("text = %q", got["en"])
	}
}
