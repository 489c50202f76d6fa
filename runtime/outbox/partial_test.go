package outbox_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// scriptedSender answers each attempt with the next scripted function of
// the recipients it was given, and remembers those recipients.
type scriptedSender struct {
	mu     sync.Mutex
	script []func(rs []string) (string, error)
	got    [][]string
}

func (s *scriptedSender) Send(_ context.Context, m *outbox.Message) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, append([]string(nil), m.Recipients...))
	f := s.script[0]
	s.script = s.script[1:]

	return f(m.Recipients)
}

func (e *env) addTo(t *testing.T, recipients ...string) *outbox.Message {
	t.Helper()
	m, err := e.svc.Add(t.Context(), tenant, outbox.Message{Channel: outbox.ChannelWeCom,
		Kind: outbox.KindNotify, Recipients: recipients, Title: outbox.Text{"en": "Hi"}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPartialRefusalDeliversTheRest(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &scriptedSender{script: []func([]string) (string, error){
		func([]string) (string, error) {
			return "", &outbox.PartialError{VendorID: "msg1",
				Refused: []outbox.RecipientError{{Recipient: "u2",
					Code: outbox.RefusedNotVisible, Error: "not visible"}}}
		},
	}}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)

	m := e.addTo(t, "u1", "u2", "u3")
	e.deliver(t, m.ID)

	got := e.get(t, m.ID)
	want := outcome{Status: outbox.StatusDelivered, Attempts: 1, VendorID: "msg1"}
	if diff := cmp.Diff(want, outcomeOf(got)); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	wantRefused := []outbox.RecipientError{{Recipient: "u2", Code: outbox.RefusedNotVisible,
		Error: "not visible"}}
	if diff := cmp.Diff(wantRefused, got.Refused); diff != "" {
		t.Errorf("refused (-want +got):\n%s", diff)
	}
	d := outbox.DeliveryOf(got)
	if len(d.RefusedRecipients) != 1 ||
		!strings.Contains(d.RefusedRecipients[0].Messages[i18n.Chinese], "可见范围") {
		t.Errorf("delivery view refused = %+v; want u2 with its reason in Chinese",
			d.RefusedRecipients)
	}
	if d.VendorID != "msg1" {
		t.Errorf("delivery view vendor id = %q; want msg1", d.VendorID)
	}
}

func TestPartialFailureRetriesOnlyTheRest(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &scriptedSender{script: []func([]string) (string, error){
		func([]string) (string, error) {
			return "", &outbox.PartialError{Reached: []string{"u1"}, VendorID: "b1",
				Refused: []outbox.RecipientError{{Recipient: "u2", Error: "unknown"}},
				Err:     outbox.Retryable(errors.New("busy"))}
		},
		func([]string) (string, error) { return "b2", nil },
	}}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)

	m := e.addTo(t, "u1", "u2", "u3")
	e.deliver(t, m.ID)
	failed := e.get(t, m.ID)
	if failed.Status != outbox.StatusFailed {
		t.Fatalf("after the first attempt status = %s, want failed", failed.Status)
	}
	e.clock.Advance(failed.NextAttemptAt.Sub(e.clock.Now()))
	e.deliver(t, m.ID)

	got := e.get(t, m.ID)
	if got.Status != outbox.StatusDelivered || got.VendorID != "b1,b2" {
		t.Errorf("status %s, vendor id %q; want delivered, b1,b2", got.Status, got.VendorID)
	}
	wantCalls := [][]string{{"u1", "u2", "u3"}, {"u3"}}
	if diff := cmp.Diff(wantCalls, snd.got); diff != "" {
		t.Errorf("recipients per attempt (-want +got):\n%s", diff)
	}
}

func TestPartialPermanentFailureKeepsWhatWasReached(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	snd := &scriptedSender{script: []func([]string) (string, error){
		func([]string) (string, error) {
			return "", &outbox.PartialError{Reached: []string{"u1"}, VendorID: "b1",
				Err: outbox.Permanent(errors.New("bad credentials"))}
		},
	}}
	e.svc.RegisterSender(outbox.ChannelWeCom, snd)

	m := e.addTo(t, "u1", "u2")
	e.deliver(t, m.ID)

	got := e.get(t, m.ID)
	if got.Status != outbox.StatusDead {
		t.Errorf("status = %s, want dead", got.Status)
	}
	if diff := cmp.Diff([]string{"u1"}, got.Reached); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
}

func TestVendorIDsJoinAndSplit(t *testing.T) {
	id := outbox.JoinVendorIDs("", "a", "", "b")
	if id != "a,b" {
		t.Errorf("JoinVendorIDs = %q, want a,b", id)
	}
	if diff := cmp.Diff([]string{"a", "b"}, outbox.SplitVendorIDs(id)); diff != "" {
		t.Errorf("SplitVendorIDs (-want +got):\n%s", diff)
	}
}

func TestByTaskFindsTheTaskMessages(t *testing.T) {
	e := newEnv(t, outbox.Config{})
	for _, task := range []string{"t1", "t2", "t1"} {
		_, err := e.svc.Add(t.Context(), tenant, outbox.Message{Channel: outbox.ChannelWeCom,
			Kind: outbox.KindNotify, Recipients: []string{"u1"}, TaskID: task})
		if err != nil {
			t.Fatal(err)
		}
	}

	got, err := e.svc.ByTask(t.Context(), tenant, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].TaskID != "t1" || got[1].TaskID != "t1" {
		t.Errorf("ByTask(t1) = %d messages, want the 2 of task t1", len(got))
	}
	other, _ := e.svc.ByTask(t.Context(), "t2", "t1")
	if len(other) != 0 {
		t.Errorf("another tenant sees %d messages of task t1, want 0", len(other))
	}
}
