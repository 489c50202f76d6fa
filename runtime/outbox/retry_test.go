package outbox_test

import (
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestRetryByHand(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &fakeSender{err: outbox.Permanent(errVendorDown)}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)
	m := e.add(t, outbox.ChannelWeCom, "k")
	e.deliver(t, m.ID)

	if _, err := e.svc.Retry(t.Context(), user("u1"), m.ID); !isKind(err, problem.Forbidden) {
		t.Errorf("a rep's Retry = %v, want Forbidden", err)
	}

	retried, err := e.svc.Retry(t.Context(), admin(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if retried.Status != outbox.StatusPending || retried.Attempts != 0 {
		t.Errorf("retried: %s after %d attempts, want pending after 0", retried.Status, retried.Attempts)
	}
	if !e.taskExists(t, m.ID+"-4") {
		t.Errorf("no task for the retried version %d", retried.Version)
	}

	snd.err = nil
	e.deliver(t, m.ID)
	if got := e.get(t, m.ID).Status; got != outbox.StatusDelivered {
		t.Errorf("status after the retry = %s, want delivered", got)
	}
	if _, err := e.svc.Retry(t.Context(), admin(), m.ID); !isKind(err, problem.Conflict) {
		t.Errorf("retrying a delivered message = %v, want Conflict", err)
	}
}

func TestRetryUnknownMessage(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	sup := auth.Principal{TenantID: tenant, UserID: "s", Roles: []auth.Role{auth.Supervisor}}

	for _, id := range []string{"nope", "01jndkqjm03782d2ram7zvr7ke"} {
		if _, err := e.svc.Retry(t.Context(), sup, id); !isKind(err, problem.NotFound) {
			t.Errorf("Retry(%q) = %v, want NotFound", id, err)
		}
	}
}
