package plugins_test

import (
	"context"
	"testing"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
)

// TestEmailTemplatesAreCheckedOnSave configures e-mail instances with
// templates: valid ones are stored, a template that names a field the
// letter has not is refused at its JSON pointer and nothing is stored.
func TestEmailTemplatesAreCheckedOnSave(t *testing.T) {
	s, _ := newService(t, key)
	ctx := context.Background()
	settings := func(subject string) map[string]any {
		return map[string]any{"host": "smtp.example.com", "port": 587,
			"from": "crm@example.com", "security": "starttls",
			"templates": map[string]any{"zh-CN": map[string]any{"subject": subject}}}
	}

	_, err := s.Create(ctx, admin("t1"), "email_smtp", plugins.InstanceInput{Key: "mail_ok",
		Settings: settings("【CRM】{{.Title}}")})
	if err != nil {
		t.Fatalf("valid templates refused: %v", err)
	}

	_, err = s.Create(ctx, admin("t1"), "email_smtp", plugins.InstanceInput{Key: "mail_bad",
		Settings: settings("{{.Secret}}")})
	pe, ok := problem.As(err)
	if !ok || len(pe.Fields) != 1 || pe.Fields[0].Pointer != "/settings/templates/zh-CN/subject" {
		t.Fatalf("bad template = %v; want a field error at its pointer", err)
	}
	list, _ := s.List(ctx, admin("t1"))
	if len(list) != 1 {
		t.Errorf("%d instances stored, want only the valid one", len(list))
	}
}
