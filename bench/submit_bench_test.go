package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	fwruntime "github.com/formworkhq/formwork/runtime"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/templates"
)

// submitting is a tenant with the lead_followup pack on fresh embedded
// stores, on the real clock, as `formwork serve` builds it.
type submitting struct {
	rt *fwruntime.Runtime
	p  auth.Principal
}

func newSubmitting(tb testing.TB) *submitting {
	tb.Helper()
	ctx := context.Background()
	store, q, log := testenv.Mongo(tb), testenv.Queue(tb), testenv.Logger()
	clk := clock.Real{}
	accounts := auth.NewAccounts(store, clk, auth.Config{}, log)
	defs := designer.New(store, clk, log)
	rt, err := fwruntime.New(store, q, defs, clk, fwruntime.Config{}, log)
	if err != nil {
		tb.Fatal(err)
	}
	for _, ensure := range []func(context.Context) error{accounts.EnsureIndexes,
		defs.EnsureIndexes, rt.EnsureIndexes} {
		if err := ensure(ctx); err != nil {
			tb.Fatal(err)
		}
	}
	ten, owner, err := accounts.Signup(ctx, auth.SignupInput{Tenant: "Bench", Name: "Owner",
		Email: "owner@bench.example.com", Password: "bench-password-1", Locale: "zh-CN"})
	if err != nil {
		tb.Fatal(err)
	}
	p := auth.Principal{TenantID: ten.ID, UserID: owner.ID, Roles: owner.Roles, Locale: "zh-CN"}
	cat, err := templates.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	lib := templates.New(cat, templates.Deps{Designer: defs, Records: rt.Records, Store: store})
	if _, err := lib.Install(ctx, p, "lead_followup", templates.InstallOptions{}); err != nil {
		tb.Fatal(err)
	}
	return &submitting{rt: rt, p: p}
}

// lead is a valid lead of the pack's form, unique per i.
func lead(i int) json.RawMessage {
	raw, _ := json.Marshal(map[string]any{"company": fmt.Sprintf("杭州联信科技 %d", i),
		"contact_name": "王磊", "mobile": "13800138000", "region": "east",
		"decision_role": "decision_maker", "budget_cycle": "quarterly", "pain_level": "high",
		"stage": "new", "utm_source": "baidu", "utm_medium": "cpc", "utm_campaign": "spring",
		"utm_content": "group-a", "landing_page": "https://example.com/demo"})
	return raw
}

// BenchmarkSubmitLead is the whole submit path below HTTP: form lookup,
// validation, the insert, both process instances of the pack and their
// timers, on the embedded store in this process.
func BenchmarkSubmitLead(b *testing.B) {
	s := newSubmitting(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		_, err := s.rt.Records.Submit(ctx, s.p, record.SubmitInput{Form: "lead", Data: lead(i)})
		if err != nil {
			b.Fatal(err)
		}
	}
}
