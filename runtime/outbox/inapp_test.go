package outbox_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestInAppNotifications(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	m, err := e.svc.Add(t.Context(), tenant, outbox.Message{
		Channel: outbox.ChannelInApp, Kind: outbox.KindNotify, Recipients: []string{"u1", "u2"},
		Title: outbox.Text{"en": "Lead idle for 48 h", "zh-CN": "线索已 48 小时无跟进"},
		Link:  "/records/r1", RecordID: "r1",
	})
	if err != nil {
		t.Fatal(err)
	}
	e.deliver(t, m.ID)
	// A retried delivery writes nothing new.
	if _, err := e.svc.InApp().Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}

	inbox := e.svc.InApp()
	page, err := inbox.List(t.Context(), user("u1"), outbox.NotificationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("u1 has %d notifications, want 1", len(page.Items))
	}
	n := page.Items[0]
	want := outbox.Text{"en": "Lead idle for 48 h", "zh-CN": "线索已 48 小时无跟进"}
	if diff := cmp.Diff(want, n.Title); diff != "" {
		t.Errorf("title (-want +got):\n%s", diff)
	}

	if _, err := inbox.MarkRead(t.Context(), user("u2"), n.ID); !isKind(err, problem.NotFound) {
		t.Errorf("u2 marking u1's notification = %v, want NotFound", err)
	}
	read, err := inbox.MarkRead(t.Context(), user("u1"), n.ID)
	if err != nil || read.ReadAt == nil || !read.ReadAt.Equal(start) {
		t.Fatalf("MarkRead = %v, %v", read, err)
	}

	counts := map[string]int64{}
	for _, u := range []string{"u1", "u2"} {
		counts[u], _ = inbox.Unread(t.Context(), user(u))
	}
	if diff := cmp.Diff(map[string]int64{"u1": 0, "u2": 1}, counts); diff != "" {
		t.Errorf("unread (-want +got):\n%s", diff)
	}
	unread, _ := inbox.List(t.Context(), user("u1"), outbox.NotificationQuery{UnreadOnly: true})
	if len(unread.Items) != 0 {
		t.Errorf("u1 has %d unread notifications listed, want 0", len(unread.Items))
	}
}

func TestInAppWithoutRecipientsIsDead(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	m, err := e.svc.Add(t.Context(), tenant, outbox.Message{
		Channel: outbox.ChannelInApp, Kind: outbox.KindNotify,
	})
	if err != nil {
		t.Fatal(err)
	}

	e.deliver(t, m.ID)

	if got := e.get(t, m.ID).Status; got != outbox.StatusDead {
		t.Errorf("status = %s, want dead", got)
	}
}

func TestAddRefusesIncompleteMessages(t *testing.T) {
	e := newEnv(t, outbox.Config{})

	_, err := e.svc.Add(t.Context(), tenant, outbox.Message{})
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("Add = %v, want a problem", err)
	}
	var got []string
	for _, f := range pe.Fields {
		got = append(got, f.Pointer)
	}
	if diff := cmp.Diff([]string{"/channel", "/kind"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}
