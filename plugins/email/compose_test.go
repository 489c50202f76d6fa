package email_test

import (
	"net/mail"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/email"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// FuzzLetter writes arbitrary titles and bodies: the mail always parses,
// its text part is the body with line ends as \n, and the title stays in
// the Subject header.
func FuzzLetter(f *testing.F) {
	f.Add("Overdue: <Acme>", "Call <b>Acme</b>\ntoday", "https://x.example/?a=1&b=2")
	f.Add("已逾期", "今天联系\r\n客户", "")
	f.Add("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "https://x/<b>")
	f.Add("\r\nBcc: evil@example.com", "--formwork-\n.\n", "javascript:alert(1)")
	from := &mail.Address{Name: "Formwork", Address: "crm@example.com"}
	f.Fuzz(func(t *testing.T, title, body, link string) {
		if !utf8.ValidString(title + body) {
			return
		}
		m := &outbox.Message{ID: "m1", Recipients: []string{"a@example.com"},
			Title: outbox.Text{i18n.English: title}, Body: outbox.Text{i18n.English: body},
			Link: link}
		raw, err := email.LetterOf(m, from, now).Bytes()
		if err != nil {
			t.Fatal(err)
		}
		v := parse(t, received{Data: string(raw)})
		lines := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		want, wantLink := lines.Replace(body), lines.Replace(link)
		text := v.Parts["text/plain"]
		if !strings.HasPrefix(text, want) || !strings.Contains(text, wantLink) {
			t.Errorf("text part = %q, want the body %q and the link %q", text, want, link)
		}
		for _, tag := range []string{"<script", "<b>", "<img", "<iframe"} { // none of ours
			if strings.Contains(title+body, tag) && strings.Contains(v.Parts["text/html"], tag) {
				t.Errorf("html part has the user's %q unescaped", tag)
			}
		}
		words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		if v.Bcc != "" || words(v.Subject) != words(title) {
			t.Errorf("subject %q became %q, bcc %q", title, v.Subject, v.Bcc)
		}
	})
}
