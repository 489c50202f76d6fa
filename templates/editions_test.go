package templates_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/templates"
)

// TestInstallEditionsAndStarters installs every industry edition and
// company-size starter, with its sample data, into a fresh tenant: the
// designer's lint passes on each resolved pack, every sample record is
// accepted, the definitions are the ones the edition or starter promises,
// and a second install changes nothing.
func TestInstallEditionsAndStarters(t *testing.T) {
	leadPack := []string{"form:follow_up", "form:lead", "form:standup", "form:warning_ticket",
		"process:lead_response_sla", "process:silence_breaker", "dashboard:lead_follow_up"}
	commitments := []string{"form:breach_review", "form:promise", "process:promise_breach",
		"process:promise_due", "dashboard:fulfilment"}
	tests := []struct {
		id   string
		want []string // kind:key of every definition installed
	}{
		{"retail_edition", leadPack},
		{"medical_devices_edition", concat(leadPack, commitments)},
		{"saas_edition", leadPack},
		{"education_edition", concat(leadPack, []string{"form:care_ticket", "form:enrolment",
			"process:parent_care", "process:renewal_alert", "dashboard:education"})},
		{"manufacturing_edition", concat(leadPack, commitments)},
		{"cross_border_edition", leadPack},
		{"starter_xs", concat(slices.DeleteFunc(slices.Clone(leadPack), func(s string) bool {
			return s == "form:standup"
		}), []string{"dashboard:team_overview"})},
		{"starter_s", concat(leadPack, []string{"form:demo_checklist",
			"form:five_step_follow_up", "form:playbook", "process:demo_prep"})},
		{"starter_m", concat(leadPack, commitments, []string{"form:customer",
			"form:service_ticket", "process:service_sla", "dashboard:service_sla_board"})},
		{"starter_l", concat(leadPack, []string{"form:account_health",
			"form:account_health_update", "process:monthly_health_check",
			"dashboard:health_3d"})},
	}
	e := newEnv(t, nil)
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := e.tenant(t, i18n.Chinese)
			first, err := e.lib.Install(ctx, p, tt.id, templates.InstallOptions{SampleData: true})
			if err != nil {
				t.Fatalf("Install(%s) = %v", tt.id, describe(err))
			}
			if diff := cmp.Diff(sorted(tt.want), createdKeys(first.Created)); diff != "" {
				t.Errorf("definitions (-want +got):\n%s", diff)
			}
			pv, _ := e.lib.Get(tt.id)
			if pv.SampleRecords == 0 || len(first.SampleRecords) != pv.SampleRecords {
				t.Errorf("%d sample records submitted, the preview says %d",
					len(first.SampleRecords), pv.SampleRecords)
			}

			again, err := e.lib.Install(ctx, p, tt.id, templates.InstallOptions{SampleData: true})
			if err != nil {
				t.Fatal(err)
			}
			if again.New || again.AppID != first.AppID || len(again.SampleRecords) != 0 {
				t.Errorf("second install = %+v, want the same app and nothing new", again)
			}
		})
	}
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

func createdKeys(created []templates.Created) []string {
	out := []string{}
	for _, c := range created {
		out = append(out, string(c.Kind)+":"+c.Key)
	}
	slices.Sort(out)
	return out
}

// TestEditionOfTheSameBaseIsRefusedBeside installs an edition next to its
// base in one tenant: the keys they share are refused by name.
func TestEditionOfTheSameBaseIsRefusedBeside(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	p := e.tenant(t, i18n.English)
	if _, err := e.lib.Install(ctx, p, "lead_followup", templates.InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err := e.lib.Install(ctx, p, "saas_edition", templates.InstallOptions{})
	if got := pointers(err); !slices.Contains(got, "/forms/lead/key") {
		t.Errorf("Install(saas_edition beside lead_followup) = %v, want /forms/lead/key taken",
			got)
	}
	apps, err := e.defs.Apps(ctx, p)
	if err != nil || len(apps) != 1 {
		t.Errorf("apps after the refusal = %d (%v), want only the first", len(apps), err)
	}
}

// BenchmarkInstallOverlays installs the largest starter and the education
// edition into fresh tenants, the way a one-click install does:
//
//	go test ./templates/ -run XXX -bench InstallOverlays -benchtime 5x
func BenchmarkInstallOverlays(b *testing.B) {
	e := newEnv(b, nil)
	ctx := context.Background()
	for _, id := range []string{"starter_m", "education_edition"} {
		b.Run(id, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				p := e.tenant(b, i18n.English)
				b.StartTimer()
				if _, err := e.lib.Install(ctx, p, id, templates.InstallOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadCatalog reads the embedded library and resolves every
// edition and starter, as start-up does.
func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := templates.Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}
