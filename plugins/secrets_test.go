package plugins_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// TestSecretsNeverShow seeds secrets, then checks that no API answer (the
// views and test results as JSON), log line or error message has them,
// including a vendor refusal and a transport failure whose URLs carry them.
func TestSecretsNeverShow(t *testing.T) {
	s, logs := newService(t, key)
	ctx := context.Background()
	const token, signSecret = "tok-3f9a2c71d8", "SECsecret-77b1e0"
	refusing, _ := vendor(t, 200, `{"errcode":310000,"errmsg":"sign not match, `+
		`access_token=tok-3f9a2c71d8"}`)

	var answers []any
	for _, tc := range []struct{ key, url string }{
		{"dingtalk_refused", refusing.URL + "/robot/send?access_token=" + token},
		{"dingtalk_down", "http://127.0.0.1:1/robot/send?access_token=" + token},
	} {
		v, err := s.Create(ctx, admin("t1"), "dingtalk_robot", plugins.InstanceInput{
			Key: tc.key, Settings: map[string]any{"webhook_url": tc.url, "secret": signSecret}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.SendTest(ctx, admin("t1"), v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if res.OK || res.Error == "" {
			t.Errorf("%s: test result %+v, want a failure", tc.key, res)
		}
		answers = append(answers, v, res)
	}
	list, err := s.List(ctx, admin("t1"))
	if err != nil {
		t.Fatal(err)
	}
	answers = append(answers, list)

	b, err := s.Resolve(ctx, "t1", "dingtalk_down")
	if err != nil {
		t.Fatal(err)
	}
	_, sendErr := b.Sender.Send(ctx, &outbox.Message{ID: "m1"})

	raw, _ := json.Marshal(answers)
	for what, text := range map[string]string{"API answers": string(raw), "logs": logs.String(),
		"send error": sendErr.Error()} {
		for _, secret := range []string{token, signSecret} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contain the secret %q: %s", what, secret, text)
			}
		}
	}
	if !strings.Contains(logs.String(), "dingtalk_refused") {
		t.Errorf("logs do not show the instances were configured: %s", logs.String())
	}
}
