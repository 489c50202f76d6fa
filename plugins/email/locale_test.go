package email_test

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/email"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// bilingual is a message in both locales to three people: one reading
// English, one Chinese, one whose locale is unknown.
func bilingual() *outbox.Message {
	return &outbox.Message{ID: "msg_3", Kind: outbox.KindNotify,
		Recipients: []string{"li@example.com", "Han <han@example.com>", "x@example.com"},
		Title:      outbox.Text{i18n.English: "Overdue", i18n.Chinese: "已逾期"},
		Body:       outbox.Text{i18n.English: "Call Acme", i18n.Chinese: "联系 Acme"},
		Payload: map[string]any{"locale": "en", "recipient_locales": map[string]any{
			"li@example.com": "en", "han@example.com": "zh-CN"}}}
}

func TestSendOneLetterPerRecipientLocale(t *testing.T) {
	srv := newFakeSMTP(t, nil)

	id, err := mailer(t, srv.addr).Send(context.Background(), bilingual())
	if err != nil {
		t.Fatal(err)
	}

	type letter struct{ To, Subject, Language, MessageID, Footer string }
	var got []letter
	for _, r := range srv.received() {
		v := parse(t, r)
		lines := strings.Split(v.Parts["text/plain"], "\n")
		got = append(got, letter{v.To, v.Subject, v.Language, v.MessageID, lines[len(lines)-1]})
	}
	want := []letter{
		{"li@example.com, x@example.com", "Overdue", "en", "<msg_3.1@example.com>",
			"Sent by Formwork. Replies to this address are not read."},
		{"han@example.com", "已逾期", "zh-CN", "<msg_3.2@example.com>",
			"此邮件由 Formwork 自动发送，请勿直接回复。"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("letters (-want +got):\n%s", diff)
	}
	if id != "<msg_3.1@example.com>,<msg_3.2@example.com>" {
		t.Errorf("vendor id = %q", id)
	}
}

func TestLetterForAMissingLocaleFollowsTheTexts(t *testing.T) {
	m := &outbox.Message{ID: "msg_4", Recipients: []string{"li@example.com"},
		Title: outbox.Text{i18n.English: "Overdue"}, Body: outbox.Text{i18n.English: "Call"},
		Payload: map[string]any{"recipient_locales": map[string]any{"li@example.com": "zh-CN"}}}
	srv := newFakeSMTP(t, nil)
	if _, err := mailer(t, srv.addr).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}

	v := parse(t, srv.received()[0])
	if v.Language != "en" || !strings.Contains(v.Parts["text/plain"], "Sent by Formwork") {
		t.Errorf("a zh-CN reader of an English-only message got a %q letter: %q", v.Language,
			v.Parts["text/plain"])
	}
}

func TestSendLaterLetterFailureReportsTheFirst(t *testing.T) {
	srv := newFakeSMTP(t, map[string]string{"RCPT han@example.com": "451 try later"})

	_, err := mailer(t, srv.addr).Send(context.Background(), bilingual())

	pe, ok := outbox.AsPartial(err)
	if !ok || pe.Err == nil || outbox.IsPermanent(err) {
		t.Fatalf("err = %v; want a retryable PartialError", err)
	}
	if diff := cmp.Diff([]string{"li@example.com", "x@example.com"}, pe.Reached); diff != "" {
		t.Errorf("reached (-want +got):\n%s", diff)
	}
}

// templated is a mailer with en templates of its own.
func templated(t *testing.T, addr string, src map[string]any) outbox.Sender {
	t.Helper()
	host, port, _ := strings.Cut(addr, ":")
	settings := map[string]any{"host": host, "port": atoi(port), "from": "crm@example.com",
		"security": "none", "templates": src}
	if err := (email.Plugin{}).CheckSettings(settings); err != nil {
		t.Fatal(err)
	}
	snd, err := email.Plugin{}.NewSender(plugins.Env{Clock: clock.NewManual(now), HTTP: local,
		Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	return snd
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestTenantTemplatesEscapeUserData(t *testing.T) {
	srv := newFakeSMTP(t, nil)
	snd := templated(t, srv.addr, map[string]any{"en": map[string]any{
		"subject": "[CRM] {{.Title}}",
		"html":    `<p title="{{.Title}}">{{.Body}}</p><a href="{{.Link}}">go</a>`}})
	m := &outbox.Message{ID: "m5", Recipients: []string{"a@example.com"},
		Title: outbox.Text{i18n.English: `"><script>x</script>`},
		Body:  outbox.Text{i18n.English: "<img src=x onerror=alert(1)>"},
		Link:  "javascript:alert(1)", Payload: map[string]any{"locale": "en"}}

	if _, err := snd.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}

	v := parse(t, srv.received()[0])
	if v.Subject != `[CRM] "><script>x</script>` {
		t.Errorf("subject = %q", v.Subject)
	}
	want := `<p title="&#34;&gt;&lt;script&gt;x&lt;/script&gt;">` +
		`&lt;img src=x onerror=alert(1)&gt;</p><a href="#ZgotmplZ">go</a>`
	if v.Parts["text/html"] != want {
		t.Errorf("html = %q, want %q", v.Parts["text/html"], want)
	}
	if !strings.HasPrefix(v.Parts["text/plain"], "<img src=x") { // the built-in text part
		t.Errorf("text part = %q, want the built-in one", v.Parts["text/plain"])
	}
}

func TestCheckSettingsRefusesUnsafeTemplates(t *testing.T) {
	cases := []struct {
		name, locale, part, src, wantPointer string
	}{
		{"syntax", "en", "subject", "{{.Title", "/settings/templates/en/subject"},
		{"define", "en", "html", `{{define "x"}}{{template "x"}}{{end}}`,
			"/settings/templates/en/html"},
		{"template call", "zh-CN", "text", `{{template "y"}}`, "/settings/templates/zh-CN/text"},
		{"printf", "en", "text", `{{printf "%999999999d" 1}}`, "/settings/templates/en/text"},
		{"unknown field", "en", "text", `{{.Password}}`, "/settings/templates/en/text"},
		{"nested field", "en", "text", `{{.Title.X}}`, "/settings/templates/en/text"},
		{"unknown locale", "fr", "text", "{{.Title}}", "/settings/templates/fr"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := email.Plugin{}.CheckSettings(map[string]any{"from": "a@example.com",
				"host": "h", "port": 25, "security": "none",
				"templates": map[string]any{tc.locale: map[string]any{tc.part: tc.src}}})
			pe, ok := problem.As(err)
			if !ok || len(pe.Fields) != 1 || pe.Fields[0].Pointer != tc.wantPointer {
				t.Fatalf("CheckSettings = %v; want one field error at %s", err, tc.wantPointer)
			}
			for _, l := range i18n.Locales {
				if pe.Fields[0].Message(l) == "" {
					t.Errorf("no %s message", l)
				}
			}
		})
	}
}

// FuzzParseTemplates parses arbitrary template parts: a refusal is a
// TemplateError; an accepted set renders any message without error.
func FuzzParseTemplates(f *testing.F) {
	f.Add("[CRM] {{.Title}}", "{{range .Paragraphs}}{{.}}\n{{end}}{{.Link}}",
		`<b>{{.Title}}</b>{{if .Link}}<a href="{{.Link}}">x</a>{{end}}`, "标题", "正文\n二")
	f.Add("{{.Title", "{{define \"a\"}}{{end}}", "{{printf \"%d\" 1}}", "", "")
	f.Add("{{with .Body}}{{.}}{{else}}-{{end}}", "{{len .Paragraphs}}",
		"<script>var x = {{.Title}};</script>", "</script>", "x")
	f.Fuzz(func(t *testing.T, subject, text, html, title, body string) {
		ts, err := email.ParseTemplates(map[string]email.TemplateSource{
			"en": {Subject: subject, Text: text, HTML: html}})
		var te *email.TemplateError
		if err != nil {
			if !errors.As(err, &te) {
				t.Fatalf("ParseTemplates error %v is no TemplateError", err)
			}
			return
		}
		m := &outbox.Message{ID: "m", Recipients: []string{"a@example.com"},
			Title: outbox.Text{i18n.English: title}, Body: outbox.Text{i18n.English: body},
			Payload: map[string]any{"locale": "en"}}
		from := &mail.Address{Address: "crm@example.com"}
		if _, err := email.LetterWith(m, from, now, ts); err != nil {
			t.Errorf("accepted templates fail to render: %v", err)
		}
	})
}

func TestTemplatesThatFailToRenderAreRefused(t *testing.T) {
	for _, src := range []string{"{{range .Title}}x{{end}}", "{{len 3}}",
		"{{eq .Paragraphs .Title}}"} {
		_, err := email.ParseTemplates(map[string]email.TemplateSource{"en": {Text: src}})
		var te *email.TemplateError
		if !errors.As(err, &te) {
			t.Errorf("ParseTemplates(%q) = %v, want a TemplateError", src, err)
		}
	}
}
