package webhook_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/inbound"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// The test vector published with the Standard Webhooks specification
// (github.com/standard-webhooks/standard-webhooks, README).
const (
	specSecret    = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	specID        = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	specTimestamp = "1614265330"
	specBody      = `{"test": 2432232314}`
	specSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestSignatureSpecVector(t *testing.T) {
	key, err := webhook.DecodeSecret(specSecret)
	if err != nil {
		t.Fatal(err)
	}
	got := webhook.Signature(key, specID, specTimestamp, []byte(specBody))
	if got != specSignature {
		t.Errorf("Signature = %q, want the specification's %q", got, specSignature)
	}
}

// TestSendIsVerifiableAndStable sends one message twice (a retry, or a
// redelivery after a crash) a minute apart: both requests carry the same
// webhook-id, the message id, and each verifies under the Standard
// Webhooks rules with its own timestamp, so a receiver that drops repeated
// ids sees one event.
func TestSendIsVerifiableAndStable(t *testing.T) {
	var ids []string
	var failures []error
	clk := clock.NewManual(time.Unix(1767225600, 0))
	key, _ := webhook.DecodeSecret(specSecret)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ids = append(ids, r.Header.Get(inbound.HeaderID))
		if err := inbound.Verify([][]byte{key}, r.Header, body, clk.Now()); err != nil {
			failures = append(failures, err)
		}
	}))
	t.Cleanup(srv.Close)

	snd, err := webhook.Plugin{}.NewSender(plugins.Env{
		Settings: map[string]any{"url": srv.URL + "/hook", "secret": specSecret},
		HTTP:     httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
		Clock:    clk})
	if err != nil {
		t.Fatal(err)
	}
	m := &outbox.Message{ID: "01JNQ8Z6D7V0Y6W3K8M2R4T5XA", Kind: outbox.KindCallAction,
		Payload: map[string]any{"lead": "Hangzhou Lianxin"}}
	for range 2 {
		if _, err := snd.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Minute)
	}

	if len(ids) != 2 || ids[0] != m.ID || ids[1] != m.ID {
		t.Errorf("webhook-ids = %v, want %s twice", ids, m.ID)
	}
	if len(failures) > 0 {
		t.Errorf("receiver could not verify: %v", failures)
	}
}
