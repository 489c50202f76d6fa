package auth

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
)

// countingAccounts is an accounts service on the embedded store whose
// password checks are counted, with one account, owner@example.com.
func countingAccounts(t *testing.T) (*Accounts, *atomic.Int64) {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	s := NewAccounts(testenv.Mongo(t), clk, Config{}, testenv.Logger())
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.Signup(ctx, SignupInput{Tenant: "Acme", Name: "Li",
		Email: "owner@example.com", Password: "correct-horse", Locale: "en"})
	if err != nil {
		t.Fatal(err)
	}

	var checks atomic.Int64
	s.verify = func(hash, pw string) (bool, error) {
		checks.Add(1)
		return CheckPassword(hash, pw)
	}
	return s, &checks
}

// refusal is what a caller learns of a refused sign-in.
type refusal struct {
	Kind       problem.Kind
	Code       string
	Params     map[string]any
	RetryAfter time.Duration
}

func refusalOf(t *testing.T, err error) refusal {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("sign-in error %v is not a refusal", err)
	}
	params := map[string]any{}
	for k, v := range pe.Params {
		params[k] = v
	}
	return refusal{Kind: pe.Kind, Code: pe.Code, Params: params, RetryAfter: pe.RetryAfter}
}

// TestLoginDoesTheSameWorkForUnknownAddresses: every sign-in, of a known
// or an unknown address, locked or not, verifies exactly one password
// hash, and is refused alike, up to and through the lockout.
func TestLoginDoesTheSameWorkForUnknownAddresses(t *testing.T) {
	s, checks := countingAccounts(t)
	ctx := context.Background()
	try := func(email string) (refusal, int64) {
		before := checks.Load()
		_, err := s.Login(ctx, LoginInput{Email: email, Password: "wrong-password"})
		return refusalOf(t, err), checks.Load() - before
	}

	for i := range s.cfg.LockoutThreshold + 2 {
		known, knownChecks := try("owner@example.com")
		unknown, unknownChecks := try("nobody@example.com")
		if diff := cmp.Diff(known, unknown); diff != "" {
			t.Errorf("attempt %d: refusals differ (-known +unknown):\n%s", i+1, diff)
		}
		if knownChecks != 1 || unknownChecks != 1 {
			t.Errorf("attempt %d: %d and %d hash checks, want 1 each", i+1, knownChecks,
				unknownChecks)
		}
	}
}

// TestSuccessfulLoginClearsTheAddressFailures: four failures, then the
// right password, then four failures again do not lock.
func TestSuccessfulLoginClearsTheAddressFailures(t *testing.T) {
	s, _ := countingAccounts(t)
	ctx := context.Background()
	fail := func() error {
		_, err := s.Login(ctx, LoginInput{Email: "owner@example.com", Password: "nope-nope"})
		return err
	}

	for range s.cfg.LockoutThreshold - 1 {
		_ = fail()
	}
	if _, err := s.Login(ctx, LoginInput{Email: "Owner@Example.com",
		Password: "correct-horse"}); err != nil {
		t.Fatalf("right password before the threshold: %v", err)
	}
	for i := range s.cfg.LockoutThreshold - 1 {
		if got := refusalOf(t, fail()); got.Kind != problem.Unauthorized {
			t.Fatalf("failure %d after a success = %+v, want unauthorized", i+1, got)
		}
	}
}
