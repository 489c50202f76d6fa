package inbound_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/inbound"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

func TestReceiverSend(t *testing.T) {
	at := time.Unix(1767225600, 0)
	snd, err := inbound.Plugin{}.NewSender(plugins.Env{Clock: clock.NewManual(at),
		Settings: map[string]any{"secret": specSecret + " " + otherSecret,
			"event_names": []string{"call_ended"}}})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := webhook.DecodeSecret(otherSecret)
	signed := func(body string) *outbox.Message {
		return inbound.VerifyMessage(headers("ev_1", "1767225600",
			webhook.Signature(key, "ev_1", "1767225600", []byte(body))), []byte(body))
	}

	cases := []struct {
		name     string
		msg      *outbox.Message
		wantCode string // "" accepts; "permanent" is the refusal to send
	}{
		{"allowed event", signed(`{"type":"call_ended","data":{"s":1}}`), ""},
		{"event not allowed", signed(`{"type":"lead_won"}`), "inbound.event_not_allowed"},
		{"no type", signed(`{"data":{}}`), "inbound.body_invalid"},
		{"not json", signed(`call_ended`), "inbound.body_invalid"},
		{"bad signature", inbound.VerifyMessage(headers("ev_1", "1767225600", "v1,AAAA"),
			[]byte(`{"type":"call_ended"}`)), "inbound.unauthorized"},
		{"not headers", &outbox.Message{ID: "x", Kind: inbound.KindVerify}, "permanent"},
		{"an outgoing message", &outbox.Message{ID: "x", Kind: outbox.KindNotify,
			Payload: map[string]any{"headers": http.Header{}}}, "permanent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			id, err := snd.Send(context.Background(), tc.msg)
			code := ""
			if pe, ok := problem.As(err); ok {
				code = pe.Code
			} else if outbox.IsPermanent(err) {
				code = "permanent"
			}
			if code != tc.wantCode || (err == nil && id != "ev_1") {
				t.Errorf("Send = %q, %v; want code %q", id, err, tc.wantCode)
			}
		})
	}
}

func TestCheckSettings(t *testing.T) {
	cases := []struct {
		name    string
		secret  string
		wantErr bool
	}{
		{"one secret", otherSecret, false},
		{"two secrets", otherSecret + " " + specSecret, false},
		{"empty", "", true},
		{"not whsec", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := inbound.Plugin{}.CheckSettings(map[string]any{"secret": tc.secret})
			if (err != nil) != tc.wantErr {
				t.Errorf("CheckSettings = %v", err)
			}
		})
	}
}
