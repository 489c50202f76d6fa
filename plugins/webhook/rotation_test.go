package webhook_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// newSecret is whsec_ + base64("fedcba9876543210fedcba9876543210").
const newSecret = "whsec_ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="

// TestRotationSignsWithBothSecretsDuringTheOverlap rotates the secret
// with a day of overlap: during it every event carries both signatures, so
// a receiver on either secret verifies it; after it, only the new one.
func TestRotationSignsWithBothSecretsDuringTheOverlap(t *testing.T) {
	oldKey, _ := webhook.DecodeSecret(secret)
	newKey, _ := webhook.DecodeSecret(newSecret)
	var got [][]string // per delivery: the new key's, the old key's and the header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		id, ts := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp")
		got = append(got, []string{webhook.Signature(newKey, id, ts, body),
			webhook.Signature(oldKey, id, ts, body), r.Header.Get("webhook-signature")})
	}))
	defer srv.Close()
	clk := clock.NewManual(now)
	settings := map[string]any{"url": srv.URL, "secret": newSecret,
		"previous_secret":       secret,
		"previous_secret_until": now.Add(24 * time.Hour).Format(time.RFC3339)}
	if err := (webhook.Plugin{}).CheckSettings(settings); err != nil {
		t.Fatal(err)
	}
	snd, err := webhook.Plugin{}.NewSender(plugins.Env{Settings: settings, Clock: clk,
		HTTP: httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})})
	if err != nil {
		t.Fatal(err)
	}
	send := func() {
		t.Helper()
		if _, err := snd.Send(context.Background(), &outbox.Message{ID: "msg_1",
			Kind: outbox.KindNotify, Channel: "webhook"}); err != nil {
			t.Fatal(err)
		}
	}
	send()
	clk.Advance(25 * time.Hour)
	send()

	if len(got) != 2 {
		t.Fatalf("%d deliveries", len(got))
	}
	if want := got[0][0] + " " + got[0][1]; got[0][2] != want {
		t.Errorf("during the overlap: %q, want the new and the old signature %q", got[0][2], want)
	}
	if got[1][2] != got[1][0] {
		t.Errorf("after the overlap: %q, want the new signature only %q", got[1][2], got[1][0])
	}

	bad := map[string]any{"url": srv.URL, "secret": newSecret, "previous_secret": "nope"}
	if err := (webhook.Plugin{}).CheckSettings(bad); err == nil {
		t.Error("a malformed previous secret was accepted")
	}
}

func TestRotateKeepsTheReplacedSecret(t *testing.T) {
	third := "whsec_MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE="
	cases := []struct {
		name          string
		before, after map[string]any
		wantPrev      string
	}{
		{"first rotation", map[string]any{"secret": secret},
			map[string]any{"secret": newSecret}, secret},
		{"second rotation replaces the older previous",
			map[string]any{"secret": newSecret, "previous_secret": secret},
			map[string]any{"secret": third, "previous_secret": secret}, newSecret},
		{"the admin's own previous secret wins",
			map[string]any{"secret": secret},
			map[string]any{"secret": newSecret, "previous_secret": third}, third},
		{"no change of secret", map[string]any{"secret": secret},
			map[string]any{"secret": secret}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := webhook.Plugin{}.Rotate(tc.before, tc.after, now)
			if prev, _ := got["previous_secret"].(string); prev != tc.wantPrev {
				t.Errorf("previous_secret = %q, want %q", prev, tc.wantPrev)
			}
		})
	}
}
