package plugins_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// keyService is a service with the secret key and a clock the test moves.
func keyService(t *testing.T, secretKey []byte) (*plugins.Service, *clock.Manual) {
	t.Helper()
	clk := clock.NewManual(start)
	s := plugins.New(plugins.Config{Store: testenv.Mongo(t), Clock: clk,
		Log: testenv.Logger(), SecretKey: secretKey})
	if err := s.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, clk
}

func TestSigningKeyIsMadeOnceAndReadBack(t *testing.T) {
	s, _ := keyService(t, key)
	ctx := context.Background()

	first, err := s.SigningKey(ctx, admin("t1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.Secret, "whsec_") || len(first.Secret) < 40 {
		t.Errorf("secret = %q, want a whsec_ secret of 32 bytes", first.Secret)
	}
	again, err := s.SigningKey(ctx, admin("t1"))
	if err != nil || again.Secret != first.Secret {
		t.Errorf("second read = %v, %v; want the same secret", again, err)
	}
	other, err := s.SigningKey(ctx, admin("t2"))
	if err != nil || other.Secret == first.Secret {
		t.Errorf("another tenant's key = %v, %v; want a different secret", other, err)
	}
	keys, err := s.WebhookKeys(ctx, "t1")
	if err != nil || keys.Current != first.Secret || keys.Previous != "" {
		t.Errorf("WebhookKeys = %+v, %v; want the current secret only", keys, err)
	}
}

func TestSigningKeyRotationOverlaps(t *testing.T) {
	s, clk := keyService(t, key)
	ctx := context.Background()
	old, err := s.SigningKey(ctx, admin("t1"))
	if err != nil {
		t.Fatal(err)
	}

	rotated, err := s.RotateSigningKey(ctx, admin("t1"))
	if err != nil {
		t.Fatal(err)
	}
	if rotated.Secret == old.Secret || rotated.PreviousSecret != old.Secret ||
		rotated.Version != 2 {
		t.Errorf("rotated = %+v; want a new secret, the old as previous, version 2", rotated)
	}
	wantUntil := start.Add(plugins.RotationOverlap)
	if rotated.PreviousUntil == nil || !rotated.PreviousUntil.Equal(wantUntil) {
		t.Errorf("previous until = %v, want %v", rotated.PreviousUntil, wantUntil)
	}
	keys, _ := s.WebhookKeys(ctx, "t1")
	if keys.Current != rotated.Secret || keys.Previous != old.Secret {
		t.Errorf("during the overlap keys = %+v; want both", keys)
	}

	clk.Advance(plugins.RotationOverlap + time.Second)
	keys, _ = s.WebhookKeys(ctx, "t1")
	if keys.Previous != "" {
		t.Errorf("after the overlap the previous secret still signs")
	}
	view, _ := s.SigningKey(ctx, admin("t1"))
	if view.PreviousSecret != "" {
		t.Errorf("after the overlap the previous secret is still shown")
	}
}

func TestSigningKeyRefusals(t *testing.T) {
	s, _ := keyService(t, key)
	ctx := context.Background()
	implementer := auth.Principal{TenantID: "t1", UserID: "i",
		Roles: []auth.Role{auth.Implementer}}

	for name, call := range map[string]func() error{
		"read":   func() error { _, err := s.SigningKey(ctx, implementer); return err },
		"rotate": func() error { _, err := s.RotateSigningKey(ctx, implementer); return err },
	} {
		pe, ok := problem.As(call())
		if !ok || pe.Kind != problem.Forbidden {
			t.Errorf("%s by an implementer = %v, want Forbidden", name, pe)
		}
	}

	nokey, _ := keyService(t, nil)
	if _, err := nokey.SigningKey(ctx, admin("t1")); err == nil {
		t.Errorf("a key was made without FORMWORK_SECRET_KEY")
	}
	if _, err := nokey.WebhookKeys(ctx, "t1"); !outbox.IsPermanent(err) {
		t.Errorf("WebhookKeys without a secret key = %v, want a permanent error", err)
	}
}
