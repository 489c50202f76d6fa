package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const failingMessages = 20

// TestFault7AlwaysFailingChannel sends 20 messages to a channel that
// always fails, with the default retry policy (8 attempts, 30 s doubling,
// capped at 6 h, equal jitter), on a manual clock: every wait lies within
// its jittered bounds, the 20 first retries are spread, no attempt comes
// early, each message dies after exactly 8 attempts with its reason, one
// incident per message reaches the owners and admins in the app, the dead
// messages show in the deliveries list, and a message on a healthy channel
// is delivered meanwhile: nothing dropped, nothing blocked.
func TestFault7AlwaysFailingChannel(t *testing.T) {
	ctx := t.Context()
	st, q := testenv.Mongo(t), testenv.Queue(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	svc := outbox.New(st, q, clk, outbox.Config{}, testenv.Logger())
	if err := svc.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	admins := seedAdmins(t, st.Scope("t1").C(auth.UsersCollection))
	calls := 0
	svc.RegisterSender("webhook_crm", outbox.SenderFunc(
		func(context.Context, *outbox.Message) (string, error) {
			calls++
			return "", outbox.Retryable(errors.New("crm answered 503 Service Unavailable"))
		}))

	ids := make([]string, failingMessages)
	for i := range ids {
		ids[i] = addMessage(t, svc, "webhook_crm", fmt.Sprintf("crm-%d", i))
	}
	healthy := addMessage(t, svc, outbox.ChannelInApp, "hello")

	waits, early := driveToDeath(t, svc, clk, ids)
	deliverOnce(t, svc, healthy)
	checkWaits(t, waits)
	checkDeaths(t, svc, ids, healthy)
	notes := deliverNotices(t, svc, len(admins))

	report(t, figure{fault: "fault 7", what: "always-failing channel, 20 messages",
		value: fmt.Sprintf("%d attempts each (%d calls), waits %s…%s, %d early, "+
			"%d distinct first retries, 20 dead + 20 incidents, %d admin notifications, "+
			"healthy message delivered", outbox.DefaultMaxAttempts, calls,
			waits[0][0].Round(time.Second), waits[len(waits)-1][0].Round(time.Second), early,
			distinct(waits[0]), notes),
		target: "8 attempts, capped jittered backoff, 0 early, incident per death, 0 dropped",
		met:    early == 0 && calls == failingMessages*outbox.DefaultMaxAttempts})
}

// seedAdmins writes an owner, an admin and a rep of tenant t1 and returns
// the ids of those who must hear of incidents.
func seedAdmins(t *testing.T, users mongo.Coll) []string {
	t.Helper()
	for _, u := range []auth.User{
		{ID: "owner1", Email: "owner@acme.cn", Roles: []auth.Role{auth.Owner}},
		{ID: "admin1", Email: "admin@acme.cn", Roles: []auth.Role{auth.Admin}},
		{ID: "rep1", Email: "rep@acme.cn", Roles: []auth.Role{auth.Rep}},
	} {
		if err := users.InsertOne(t.Context(), &u); err != nil {
			t.Fatal(err)
		}
	}
	return []string{"admin1", "owner1"}
}

func addMessage(t *testing.T, svc *outbox.Service, channel, key string) string {
	t.Helper()
	m, err := svc.Add(t.Context(), "t1", outbox.Message{DedupeKey: key, Channel: channel,
		Kind: outbox.KindNotify, Recipients: []string{"rep1"},
		Title: outbox.Text{"en": "New lead"}})
	if err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// driveToDeath delivers every message whenever it is due, moving the clock
// to the earliest next attempt in between, until all are dead. Before each
// move it also tries every message a second early, which must do nothing.
// It returns the waits before each retry, per attempt, and how many early
// tries changed anything.
func driveToDeath(t *testing.T, svc *outbox.Service, clk *clock.Manual,
	ids []string) ([][]time.Duration, int) {
	t.Helper()
	var waits [][]time.Duration
	early := 0
	for attempt := 1; attempt <= outbox.DefaultMaxAttempts; attempt++ {
		for _, id := range ids {
			deliverOnce(t, svc, id)
		}
		next, round := nextAttempts(t, svc, clk, ids)
		if len(round) == 0 {
			break
		}
		waits = append(waits, round)
		early += tryEarly(t, svc, clk, ids, next)
		clk.Set(latest(next))
	}
	return waits, early
}

// nextAttempts reads when each failed message is due again and the wait
// from now.
func nextAttempts(t *testing.T, svc *outbox.Service, clk *clock.Manual,
	ids []string) ([]time.Time, []time.Duration) {
	t.Helper()
	var next []time.Time
	var waits []time.Duration
	for _, id := range ids {
		m := get(t, svc, id)
		if m.Status != outbox.StatusFailed {
			continue
		}
		next = append(next, m.NextAttemptAt)
		waits = append(waits, m.NextAttemptAt.Sub(clk.Now()))
	}
	return next, waits
}

// tryEarly moves the clock to 3 s before the earliest next attempt (beyond
// the queue's 2 s early slack) and delivers everything: no message may be
// tried. It returns how many were.
func tryEarly(t *testing.T, svc *outbox.Service, clk *clock.Manual, ids []string,
	next []time.Time) int {
	t.Helper()
	clk.Set(earliest(next).Add(-3 * time.Second))
	before := attemptsOf(t, svc, ids)
	for _, id := range ids {
		deliverOnce(t, svc, id)
	}
	return attemptsOf(t, svc, ids) - before
}

func attemptsOf(t *testing.T, svc *outbox.Service, ids []string) int {
	t.Helper()
	n := 0
	for _, id := range ids {
		n += get(t, svc, id).Attempts
	}
	return n
}

// checkWaits checks each wait against the policy: half to all of 30 s
// doubled per failure, capped at 6 h.
func checkWaits(t *testing.T, waits [][]time.Duration) {
	t.Helper()
	if len(waits) != outbox.DefaultMaxAttempts-1 {
		t.Errorf("%d rounds of retries, want %d", len(waits), outbox.DefaultMaxAttempts-1)
	}
	for i, round := range waits {
		full := min(outbox.DefaultBaseDelay<<i, outbox.DefaultMaxDelay)
		for _, w := range round {
			if w < full/2 || w > full {
				t.Errorf("wait after failure %d = %s, want within [%s, %s]", i+1, w, full/2, full)
			}
		}
	}
	if n := distinct(waits[0]); n < failingMessages/2 {
		t.Errorf("first retries of %d messages fall on %d instants: no jitter", failingMessages, n)
	}
}

// checkDeaths checks that every failing message is dead after all its
// attempts with its reason and incident, listed so, and that the healthy
// one was delivered.
func checkDeaths(t *testing.T, svc *outbox.Service, ids []string, healthy string) {
	t.Helper()
	owner := auth.Principal{TenantID: "t1", UserID: "owner1", Roles: []auth.Role{auth.Owner}}
	page, err := svc.List(t.Context(), owner, outbox.Query{Status: outbox.StatusDead})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]outbox.Delivery{}
	for _, d := range page.Items {
		listed[d.ID] = d
	}
	for _, id := range ids {
		d, ok := listed[id]
		if !ok || d.Attempts != outbox.DefaultMaxAttempts || d.LastError == "" ||
			d.IncidentID == "" {
			t.Errorf("delivery %s in the dead list = %+v (listed %v)", id, d, ok)
		}
	}
	incs, err := svc.Incidents(t.Context(), owner, 0)
	if err != nil || len(incs) != len(ids) {
		t.Errorf("incidents = %d, %v; want %d", len(incs), err, len(ids))
	}
	if m := get(t, svc, healthy); m.Status != outbox.StatusDelivered {
		t.Errorf("healthy message is %s, want delivered", m.Status)
	}
}

// deliverNotices delivers the incident notices and returns how many
// in-app notifications the admins got; each must have one per incident.
func deliverNotices(t *testing.T, svc *outbox.Service, admins int) int {
	t.Helper()
	owner := auth.Principal{TenantID: "t1", UserID: "owner1", Roles: []auth.Role{auth.Owner}}
	page, err := svc.List(t.Context(), owner, outbox.Query{Channel: outbox.ChannelInApp,
		Status: outbox.StatusPending, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range page.Items {
		deliverOnce(t, svc, d.ID)
	}
	total := 0
	for _, u := range []string{"owner1", "admin1", "rep1"} {
		p := auth.Principal{TenantID: "t1", UserID: u}
		n, err := svc.InApp().Unread(t.Context(), p)
		if err != nil {
			t.Fatal(err)
		}
		if u != "rep1" && n != failingMessages {
			t.Errorf("%s has %d unread notifications, want %d", u, n, failingMessages)
		}
		if u != "rep1" {
			total += int(n)
		}
	}
	if total != admins*failingMessages {
		t.Errorf("admins got %d notifications, want %d", total, admins*failingMessages)
	}
	return total
}

func deliverOnce(t *testing.T, svc *outbox.Service, id string) {
	t.Helper()
	if err := svc.Deliver(t.Context(), "t1", id); err != nil {
		t.Fatalf("Deliver(%s): %v", id, err)
	}
}

func get(t *testing.T, svc *outbox.Service, id string) *outbox.Message {
	t.Helper()
	owner := auth.Principal{TenantID: "t1", UserID: "owner1", Roles: []auth.Role{auth.Owner}}
	m, err := svc.Get(t.Context(), owner, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func earliest(ts []time.Time) time.Time {
	e := ts[0]
	for _, x := range ts {
		if x.Before(e) {
			e = x
		}
	}
	return e
}

func latest(ts []time.Time) time.Time {
	l := ts[0]
	for _, x := range ts {
		if x.After(l) {
			l = x
		}
	}
	return l
}

func distinct(ds []time.Duration) int {
	seen := map[time.Duration]bool{}
	for _, d := range ds {
		seen[d] = true
	}
	return len(seen)
}
