package outbox_test

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// seedUsers writes users of the tenant with the given roles; the last one
// is disabled.
func seedUsers(t *testing.T, e *env) {
	t.Helper()
	users := []auth.User{
		{ID: "owner1", Roles: []auth.Role{auth.Owner}},
		{ID: "admin1", Roles: []auth.Role{auth.Rep, auth.Admin}},
		{ID: "rep1", Roles: []auth.Role{auth.Rep}},
		{ID: "admin2", Roles: []auth.Role{auth.Admin}, Disabled: true},
	}
	for i := range users {
		users[i].Email = users[i].ID + "@example.com"
		if err := e.store.Scope(tenant).C(auth.UsersCollection).InsertOne(t.Context(),
			&users[i]); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDeathRaisesAnIncidentForAdmins lets a channel fail for good: the
// message dies with its reason, one incident names it, and the active
// owners and admins (not the rep, not the disabled admin) get an in-app
// notice — once, however often the death is swept again.
func TestDeathRaisesAnIncidentForAdmins(t *testing.T) {
	e := newEnv(t, outbox.Config{MaxAttempts: 1})
	seedUsers(t, e)
	e.svc.RegisterSender("dingtalk", &fakeSender{err: errVendorDown})

	m := e.add(t, "dingtalk", "k1")
	e.deliver(t, m.ID)
	for range 2 {
		if _, err := e.svc.Sweep(t.Context()); err != nil {
			t.Fatal(err)
		}
	}

	dead := e.get(t, m.ID)
	if dead.Status != outbox.StatusDead || dead.IncidentID == "" ||
		dead.LastError != errVendorDown.Error() {
		t.Fatalf("message = %+v, want dead with its incident and reason", dead)
	}
	incs, err := e.svc.Incidents(t.Context(), admin(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 || incs[0].ID != dead.IncidentID || incs[0].Reason != dead.LastError {
		t.Fatalf("incidents = %+v", incs)
	}
	if got := incs[0].Notified; len(got) != 2 || got[0] != "admin1" || got[1] != "owner1" {
		t.Errorf("notified = %v, want [admin1 owner1]", got)
	}
	e.deliver(t, findNotice(t, e).ID)
	if n := countNotes(t, e, bson.D{}); n != 2 {
		t.Errorf("notifications = %d, want 2", n)
	}
}

// TestSweepRaisesAMissedIncident stands for a worker that died after
// recording a death but before raising its incident: the sweep raises it.
func TestSweepRaisesAMissedIncident(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	seedUsers(t, e)
	m := e.add(t, "dingtalk", "k1")
	_, err := e.store.Scope(tenant).C(outbox.Collection).UpdateOne(t.Context(),
		bson.D{{Key: "_id", Value: m.ID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: outbox.StatusDead},
			{Key: "last_error", Value: "vendor answered 503"}}}})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := e.svc.Sweep(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := e.get(t, m.ID); got.IncidentID == "" {
		t.Fatalf("swept dead message has no incident: %+v", got)
	}
}

// TestDeadNoticeRaisesNoIncident: a notice of an incident that cannot be
// delivered is marked and logged, and raises no incident about itself.
func TestDeadNoticeRaisesNoIncident(t *testing.T) {
	e := newEnv(t, outbox.Config{MaxAttempts: 1})
	seedUsers(t, e)
	e.svc.RegisterSender("dingtalk", &fakeSender{err: errVendorDown})
	m := e.add(t, "dingtalk", "k1")
	e.deliver(t, m.ID)

	e.svc.RegisterSender(outbox.ChannelInApp, &fakeSender{err: errVendorDown})
	notice := findNotice(t, e)
	e.deliver(t, notice.ID)
	if _, err := e.svc.Sweep(t.Context()); err != nil {
		t.Fatal(err)
	}

	incs, err := e.svc.Incidents(t.Context(), admin(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 {
		t.Errorf("incidents = %d, want only the first message's", len(incs))
	}
	if got := e.get(t, notice.ID); got.Status != outbox.StatusDead || got.IncidentID != "none" {
		t.Errorf("notice = %s / %q, want dead and marked", got.Status, got.IncidentID)
	}
}

func countNotes(t *testing.T, e *env, filter bson.D) int64 {
	t.Helper()
	n, err := e.store.Scope(tenant).C(outbox.NotificationsCollection).Count(t.Context(), filter)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// findNotice returns the one in-app message of the tenant: an incident's
// notice.
func findNotice(t *testing.T, e *env) *outbox.Message {
	t.Helper()
	var notice outbox.Message
	err := e.store.Scope(tenant).C(outbox.Collection).FindOne(t.Context(),
		bson.D{{Key: "channel", Value: outbox.ChannelInApp}}, &notice)
	if err != nil {
		t.Fatalf("finding the incident notice: %v", err)
	}
	return &notice
}

// TestOutcomeRecordedAfterCancel: a worker that gives up on its running
// task (shutdown) cancels its context while the channel is accepting the
// message; the accepted send is still marked delivered, so it is not sent
// again after the claim's lease.
func TestOutcomeRecordedAfterCancel(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	ctx, cancel := context.WithCancel(t.Context())
	e.svc.RegisterSender("dingtalk", outbox.SenderFunc(
		func(context.Context, *outbox.Message) (string, error) {
			cancel()
			return "vendor-1", nil
		}))
	m := e.add(t, "dingtalk", "k1")

	if err := e.svc.Deliver(ctx, tenant, m.ID); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	if got := e.get(t, m.ID); got.Status != outbox.StatusDelivered || got.VendorID != "vendor-1" {
		t.Errorf("message = %s %q, want delivered by vendor-1", got.Status, got.VendorID)
	}
}
