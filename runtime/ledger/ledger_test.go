package ledger_test

import (
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/outbox"
)

const tenant = "t1"

var start = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

type env struct {
	svc   *ledger.Service
	clock *clock.Manual
}

func newEnv(t *testing.T) *env {
	t.Helper()

	e := &env{clock: clock.NewManual(start)}
	e.svc = ledger.New(testenv.Mongo(t), e.clock, testenv.Logger())
	if err := e.svc.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}

	return e
}

func person(id string) auth.Principal {
	return auth.Principal{TenantID: tenant, UserID: id, Roles: []auth.Role{auth.Rep}}
}

func admin() auth.Principal {
	return auth.Principal{TenantID: tenant, UserID: "admin", Roles: []auth.Role{auth.Admin}}
}

func (e *env) award(t *testing.T, user string, points int64, key string) {
	t.Helper()

	_, _, err := e.svc.Award(t.Context(), tenant, ledger.Award{
		UserID: user, Points: points, DedupeKey: key, Source: "inst/node",
	})
	if err != nil {
		t.Fatalf("Award: %v", err)
	}
}

func (e *env) balance(t *testing.T, user string) int64 {
	t.Helper()

	n, err := e.svc.BalanceOf(t.Context(), admin(), ledger.DefaultLedger, user)
	if err != nil {
		t.Fatal(err)
	}

	return n
}

func (e *env) putReward(t *testing.T, key string, cost int64, stock *int64) {
	t.Helper()

	_, err := e.svc.PutReward(t.Context(), admin(), ledger.RewardInput{
		Key: key, Name: ledger.Text{"en": "Coffee", "zh-CN": "咖啡券"}, Cost: cost, Stock: stock,
	})
	if err != nil {
		t.Fatalf("PutReward: %v", err)
	}
}

func isKind(err error, k problem.Kind) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == k
}

func TestAwardTwiceIsOneEntry(t *testing.T) {
	e := newEnv(t)

	first, created, err := e.svc.Award(t.Context(), tenant, ledger.Award{
		UserID: "u1", Points: 5, DedupeKey: "inst1/tok1/award",
	})
	if err != nil || !created {
		t.Fatalf("first Award = %v, %v", created, err)
	}
	again, created, err := e.svc.Award(t.Context(), tenant, ledger.Award{
		UserID: "u1", Points: 5, DedupeKey: "inst1/tok1/award",
	})
	if err != nil || created || again.ID != first.ID {
		t.Errorf("second Award = %v, %v, %v; want the first entry, not created", again, created, err)
	}

	if got := e.balance(t, "u1"); got != 5 {
		t.Errorf("balance = %d, want 5", got)
	}
	entries, _, _ := e.svc.Entries(t.Context(), person("u1"), "", "u1", "", 0)
	if len(entries) != 1 {
		t.Errorf("%d entries, want 1", len(entries))
	}
}

func TestAwardRefusesIncompleteBookings(t *testing.T) {
	e := newEnv(t)

	_, _, err := e.svc.Award(t.Context(), tenant, ledger.Award{})
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("Award = %v, want a problem", err)
	}
	var got []string
	for _, f := range pe.Fields {
		got = append(got, f.Pointer)
	}
	if diff := cmp.Diff([]string{"/user_id", "/points", "/dedupe_key"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestRedeem(t *testing.T) {
	one := int64(1)
	tests := []struct {
		name        string
		balance     int64
		stock       *int64
		redemptions int
		wantKinds   []string
		wantBalance int64
	}{
		{"covered", 30, nil, 1, []string{"ok"}, 10},
		{"too low", 10, nil, 1, []string{"balance_too_low"}, 10},
		{"exactly enough twice", 40, nil, 3, []string{"ok", "ok", "balance_too_low"}, 0},
		{"out of stock", 100, &one, 2, []string{"ok", "out_of_stock"}, 80},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.award(t, "u1", tc.balance, "seed")
			e.putReward(t, "coffee", 20, tc.stock)

			var got []string
			for range tc.redemptions {
				got = append(got, outcome(e.svc.Redeem(t.Context(), person("u1"), "", "coffee")))
			}

			if diff := cmp.Diff(tc.wantKinds, got); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s", diff)
			}
			if b := e.balance(t, "u1"); b != tc.wantBalance {
				t.Errorf("balance = %d, want %d", b, tc.wantBalance)
			}
		})
	}
}

// outcome names a redemption's result: ok or the problem code's tail.
func outcome(_ *ledger.Entry, err error) string {
	if err == nil {
		return "ok"
	}
	if pe, ok := problem.As(err); ok {
		return pe.Code[len("ledger."):]
	}

	return err.Error()
}

func TestRedeemUnknownReward(t *testing.T) {
	e := newEnv(t)

	if _, err := e.svc.Redeem(t.Context(), person("u1"), "", "yacht"); !isKind(err, problem.NotFound) {
		t.Errorf("Redeem = %v, want NotFound", err)
	}
}

func TestConcurrentRedemptionsNeverGoBelowZero(t *testing.T) {
	e := newEnv(t)
	e.award(t, "u1", 70, "seed")
	stock := int64(100)
	e.putReward(t, "coffee", 20, &stock)

	var mu sync.Mutex
	got := map[string]int{}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			o := outcome(e.svc.Redeem(t.Context(), person("u1"), "", "coffee"))
			mu.Lock()
			got[o]++
			mu.Unlock()
		})
	}
	wg.Wait()

	if diff := cmp.Diff(map[string]int{"ok": 3, "balance_too_low": 7}, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if b := e.balance(t, "u1"); b != 10 {
		t.Errorf("balance = %d, want 10", b)
	}
	rewards, _ := e.svc.Rewards(t.Context(), person("u1"))
	if len(rewards) != 1 || *rewards[0].Stock != 97 {
		t.Errorf("rewards = %+v, want coffee with 97 left", rewards)
	}
	if fixes, err := e.svc.Rebuild(t.Context(), tenant, ""); err != nil || len(fixes) != 0 {
		t.Errorf("Rebuild = %v, %v; want no corrections", fixes, err)
	}
}

func TestRebuildAgreesAfterARandomSequence(t *testing.T) {
	e := newEnv(t)
	e.putReward(t, "coffee", 15, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	users := []string{"u1", "u2", "u3", "u4"}

	for i := range 60 {
		u := users[rng.IntN(len(users))]
		switch rng.IntN(4) {
		case 0:
			_, _ = e.svc.Redeem(t.Context(), person(u), "", "coffee")
		case 1:
			e.award(t, u, -int64(rng.IntN(5)+1), "penalty-"+strconv.Itoa(i))
		default:
			e.award(t, u, int64(rng.IntN(20)+1), "award-"+strconv.Itoa(i%50))
		}
	}

	fixes, err := e.svc.Rebuild(t.Context(), tenant, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(fixes) != 0 {
		t.Errorf("Rebuild corrected %+v, want nothing", fixes)
	}
}

func TestRebuildCorrectsAWrongBalance(t *testing.T) {
	st := testenv.Mongo(t)
	svc := ledger.New(st, clock.NewManual(start), testenv.Logger())
	if err := svc.EnsureIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}
	_, _, _ = svc.Award(t.Context(), tenant, ledger.Award{UserID: "u1", Points: 7, DedupeKey: "a"})
	// A crash after the entry and before the balance: the balance is short.
	_, err := st.Scope(tenant).C(ledger.BalancesCollection).UpdateOne(t.Context(),
		bson.D{{Key: "_id", Value: tenant + "/process_points/u1"}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "points", Value: 2}}}})
	if err != nil {
		t.Fatal(err)
	}

	fixes, err := svc.Rebuild(t.Context(), tenant, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []ledger.Correction{{UserID: "u1", Was: 2, Now: 7}}
	if diff := cmp.Diff(want, fixes); diff != "" {
		t.Errorf("corrections (-want +got):\n%s", diff)
	}
	if n, _ := svc.BalanceOf(t.Context(), admin(), "", "u1"); n != 7 {
		t.Errorf("balance after Rebuild = %d, want 7", n)
	}
}

func TestLeaderboard(t *testing.T) {
	e := newEnv(t)
	e.putReward(t, "coffee", 5, nil)
	e.award(t, "old", 100, "before") // outside the period
	e.clock.Advance(time.Hour)
	for i, b := range []struct {
		user   string
		points int64
	}{{"carol", 10}, {"alice", 10}, {"bob", 12}, {"dave", 3}, {"erin", 10}} {
		e.award(t, b.user, b.points, "p"+strconv.Itoa(i))
	}
	if _, err := e.svc.Redeem(t.Context(), person("bob"), "", "coffee"); err != nil {
		t.Fatal(err)
	}

	got, err := e.svc.Leaderboard(t.Context(), person("dave"), "",
		start.Add(time.Minute), start.Add(2*time.Hour), 4)
	if err != nil {
		t.Fatal(err)
	}

	want := []ledger.Standing{
		{Rank: 1, UserID: "bob", Points: 12}, {Rank: 2, UserID: "alice", Points: 10},
		{Rank: 2, UserID: "carol", Points: 10}, {Rank: 2, UserID: "erin", Points: 10},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("leaderboard (-want +got):\n%s", diff)
	}
}

func TestPutRewardChecks(t *testing.T) {
	e := newEnv(t)
	neg := int64(-1)

	if _, err := e.svc.PutReward(t.Context(), person("u1"), ledger.RewardInput{}); !isKind(err, problem.Forbidden) {
		t.Errorf("a rep's PutReward = %v, want Forbidden", err)
	}
	_, err := e.svc.PutReward(t.Context(), admin(), ledger.RewardInput{Key: "Bad Key", Stock: &neg})
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("PutReward = %v, want a problem", err)
	}
	var got []string
	for _, f := range pe.Fields {
		got = append(got, f.Pointer)
	}
	if diff := cmp.Diff([]string{"/key", "/name", "/cost", "/stock"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}

	e.putReward(t, "coffee", 20, nil)
	e.putReward(t, "coffee", 25, nil)
	rewards, _ := e.svc.Rewards(t.Context(), admin())
	if len(rewards) != 1 || rewards[0].Cost != 25 {
		t.Errorf("rewards after replacing = %+v, want coffee at 25", rewards)
	}
}

func TestPointsThroughTheOutbox(t *testing.T) {
	e := newEnv(t)
	snd := e.svc.Sender()
	m := &outbox.Message{
		ID: "m1", DedupeKey: "inst1/tok1/points", Channel: ledger.ChannelPoints,
		Kind: outbox.KindAwardPoints, InstanceID: "inst1",
		Payload: map[string]any{"user_id": "u1", "points": int32(8)},
		Body:    outbox.Text{"en": "Visit logged"},
	}
	m.TenantID = tenant

	for range 2 {
		if _, err := snd.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	if b := e.balance(t, "u1"); b != 8 {
		t.Errorf("balance = %d, want 8 (booked once)", b)
	}

	m.Payload = map[string]any{"points": 3.0}
	if _, err := snd.Send(t.Context(), m); !outbox.IsPermanent(err) {
		t.Errorf("Send without a user = %v, want a permanent error", err)
	}
}
