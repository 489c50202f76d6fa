package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// secret is whsec_ + base64("0123456789abcdef0123456789abcdef").
const secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestSignatureGoldenVector(t *testing.T) {
	key, err := webhook.DecodeSecret(secret)
	if err != nil {
		t.Fatal(err)
	}
	// Computed outside Go: HMAC-SHA256(key, `msg_1.1767225600.{"a":1}`).
	want := "v1,0Ud8OcCNFjx1ntpzsrZcFsX85Gq5zrTv2y1pQkuKzNI="
	if got := webhook.Signature(key, "msg_1", "1767225600", []byte(`{"a":1}`)); got != want {
		t.Errorf("Signature = %q, want %q", got, want)
	}
}

type request struct {
	Method, Path, ID, Timestamp, ContentType string
	SignatureOK                              bool
	Body                                     map[string]any
}

func TestSendSignsAndClassifies(t *testing.T) {
	key, _ := webhook.DecodeSecret(secret)
	msg := &outbox.Message{ID: "msg_1", Channel: "webhook", Kind: outbox.KindCallAction,
		Title: outbox.Text{i18n.English: "Won"}, Payload: map[string]any{"amount": 12.5},
		RecordID: "r1"}
	wantBody := map[string]any{"type": "formwork.call_action",
		"timestamp": "2026-01-01T00:00:00Z", "data": map[string]any{"message_id": "msg_1",
			"kind": "call_action", "channel": "webhook", "title": map[string]any{"en": "Won"},
			"payload": map[string]any{"amount": 12.5}, "record_id": "r1"}}

	cases := []struct {
		name          string
		status        int
		wantErr       bool
		wantPermanent bool
	}{
		{"accepted", http.StatusNoContent, false, false},
		{"server error retries", http.StatusServiceUnavailable, true, false},
		{"too many requests retries", http.StatusTooManyRequests, true, false},
		{"gone is permanent", http.StatusGone, true, true},
		{"bad request is permanent", http.StatusBadRequest, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got request
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter,
				r *http.Request) {
				raw, _ := io.ReadAll(r.Body)
				sig := webhook.Signature(key, r.Header.Get("webhook-id"),
					r.Header.Get("webhook-timestamp"), raw)
				got = request{Method: r.Method, Path: r.URL.Path, ID: r.Header.Get("webhook-id"),
					Timestamp:   r.Header.Get("webhook-timestamp"),
					ContentType: r.Header.Get("Content-Type"),
					SignatureOK: sig == r.Header.Get("webhook-signature")}
				_ = json.Unmarshal(raw, &got.Body)
				w.WriteHeader(tc.status)
			}))
			t.Cleanup(srv.Close)

			snd, err := webhook.Plugin{}.NewSender(plugins.Env{
				Settings: map[string]any{"url": srv.URL + "/hooks/formwork", "secret": secret},
				HTTP:     httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}),
				Clock:    clock.NewManual(now)})
			if err != nil {
				t.Fatal(err)
			}
			vendorID, err := snd.Send(context.Background(), msg)

			want := request{Method: "POST", Path: "/hooks/formwork", ID: "msg_1",
				Timestamp: "1767225600", ContentType: "application/json", SignatureOK: true,
				Body: wantBody}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("request (-want +got):\n%s", diff)
			}
			if (err != nil) != tc.wantErr || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v, want error %v permanent %v", err, tc.wantErr,
					tc.wantPermanent)
			}
			if err == nil && vendorID != "msg_1" {
				t.Errorf("vendor id = %q", vendorID)
			}
		})
	}
}

// TestSameIDOnRetry sends one message twice, a minute apart: the id stays,
// the timestamp and signature follow the attempt.
func TestSameIDOnRetry(t *testing.T) {
	var ids, stamps []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ids = append(ids, r.Header.Get("webhook-id"))
		stamps = append(stamps, r.Header.Get("webhook-timestamp"))
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(srv.Close)
	clk := clock.NewManual(now)
	snd, _ := webhook.Plugin{}.NewSender(plugins.Env{
		Settings: map[string]any{"url": srv.URL, "secret": secret},
		HTTP:     httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}}), Clock: clk})

	msg := &outbox.Message{ID: "msg_9", Kind: outbox.KindNotify}
	_, _ = snd.Send(context.Background(), msg)
	clk.Advance(time.Minute)
	_, _ = snd.Send(context.Background(), msg)

	if diff := cmp.Diff([]string{"msg_9", "msg_9"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"1767225600", "1767225660"}, stamps); diff != "" {
		t.Errorf("timestamps (-want +got):\n%s", diff)
	}
}

func FuzzDecodeSecret(f *testing.F) {
	f.Add(secret)
	f.Add("whsec_")
	f.Add("whsec_!!!")
	f.Fuzz(func(t *testing.T, s string) {
		key, err := webhook.DecodeSecret(s)
		if err == nil && len(key) < 16 {
			t.Errorf("DecodeSecret(%q) accepted a %d-byte key", s, len(key))
		}
	})
}
