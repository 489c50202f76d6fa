package form_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// loadLead reads the lead form fixture.
func loadLead(t testing.TB) form.Definition {
	t.Helper()
	raw, err := os.ReadFile("testdata/lead_form.json")
	if err != nil {
		t.Fatal(err)
	}
	var def form.Definition
	if err := json.Unmarshal(raw, &def); err != nil {
		t.Fatalf("decoding lead form: %v", err)
	}
	return def
}

// compileLead compiles the lead form fixture.
func compileLead(t testing.TB) *form.Compiled {
	t.Helper()
	c, err := form.Compile(loadLead(t))
	if err != nil {
		t.Fatalf("compiling lead form: %v", describe(err))
	}
	return c
}

// spot is where a field error is and its code.
type spot struct {
	Pointer string
	Code    string
}

// spots returns where err's field errors are, in order.
func spots(t testing.TB, err error) []spot {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("error %v is not a *problem.Error", err)
	}
	out := make([]spot, 0, len(pe.Fields))
	for _, f := range pe.Fields {
		out = append(out, spot{Pointer: f.Pointer, Code: f.Code})
	}
	return out
}

// finding is a field error with its messages in both locales.
type finding struct {
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
	En      string `json:"en"`
	Zh      string `json:"zh_cn"`
}

// findings returns err's field errors with their messages.
func findings(t testing.TB, err error) []finding {
	t.Helper()
	pe, ok := problem.As(err)
	if !ok {
		t.Fatalf("error %v is not a *problem.Error", err)
	}
	out := make([]finding, 0, len(pe.Fields))
	for _, f := range pe.Fields {
		out = append(out, finding{Pointer: f.Pointer, Code: f.Code,
			En: f.Message(i18n.English), Zh: f.Message(i18n.Chinese)})
	}
	return out
}

// describe renders an error with its field errors, for failure messages.
func describe(err error) string {
	pe, ok := problem.As(err)
	if !ok {
		return err.Error()
	}
	s := pe.Error()
	for _, f := range pe.Fields {
		s += "\n  " + f.Pointer + " " + f.Code + ": " + f.Message(i18n.English)
	}
	return s
}

// fakeResolver knows a fixed set of users, records and files.
type fakeResolver struct {
	users   map[string]bool
	records map[string]bool // "form/id"
	files   map[string]*form.File
	calls   int
	err     error
}

func newResolver() *fakeResolver {
	return &fakeResolver{users: map[string]bool{"u_wang": true, "u_li": true},
		records: map[string]bool{"customer/c_1": true},
		files: map[string]*form.File{
			"f_1": {ID: "f_1", Name: "brief.pdf", Size: 20480, ContentType: "application/pdf",
				Attachable: true},
			"f_2": {ID: "f_2", Name: "sign.png", Size: 3000, ContentType: "image/png",
				Signature: true, Attachable: true},
			"f_a.pdf": {ID: "f_a.pdf", Name: "a.pdf", Size: 1000, ContentType: "application/pdf",
				Attachable: true},
			"f_b.jpg": {ID: "f_b.jpg", Name: "b.jpg", Size: 2000, ContentType: "image/jpeg",
				Attachable: true},
			"f_sig.png": {ID: "f_sig.png", Name: "sig.png", Size: 500, ContentType: "image/png",
				Signature: true, Attachable: true},
		}}
}

func (r *fakeResolver) File(_ context.Context, id string) (*form.File, error) {
	r.calls++
	return r.files[id], r.err
}

func (r *fakeResolver) UserExists(_ context.Context, id string) (bool, error) {
	r.calls++
	return r.users[id], r.err
}

func (r *fakeResolver) RecordExists(_ context.Context, formKey, id string) (bool, error) {
	r.calls++
	return r.records[formKey+"/"+id], r.err
}

// validLead is a complete, valid lead submission.
func validLead() map[string]any {
	return map[string]any{
		"company": "Hangzhou Lianxin Trading", "contact_name": "Zhang Min",
		"mobile": "13800138000", "email": "zhang@example.com",
		"website": "https://lianxin.example.com", "region": "east",
		"source_channel": "landing_page", "decision_role": "decision_maker",
		"budget_cycle": "quarterly", "pain_level": "high", "tags": []any{"vip", "2026"},
		"stage": "proposal", "owner": "u_wang", "customer": "c_1",
		"budget": 120000.5, "win_probability": 40.0, "expected_close_date": "2026-03-31",
		"next_follow_up_at": "2026-02-21T10:00:00+08:00", "contract_amount": 98000.0,
		"consent_marketing": true,
		"products": []any{
			map[string]any{"product": "CRM seat", "quantity": 20.0, "unit_price": 1200.0},
			map[string]any{"product": "Onboarding", "quantity": 1.0},
		},
		"attachments": []any{map[string]any{"id": "f_1", "name": "brief.pdf",
			"size": 20480.0, "content_type": "application/pdf"}},
		"signature": map[string]any{"id": "f_2", "name": "sign.png", "size": 3000.0,
			"content_type": "image/png"},
	}
}

// raw encodes v as JSON.
func raw(t testing.TB, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// compileDef compiles def; a tiny indirection so benchmarks read plainly.
func compileDef(def form.Definition) (*form.Compiled, error) { return form.Compile(def) }

// golden compares v, as indented JSON, with the golden file; with -update
// it rewrites the file instead.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
