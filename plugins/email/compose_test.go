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
		want := body
		if link != "" {
			want += "\n\n" + link
		}
		want = strings.ReplaceAll(strings.ReplaceAll(want, "\r\n", "\n"), "\r", "\n")
		if v.Parts["text/plain"] != want {
			t.Errorf("text part = %q, want %q", v.Parts["text/plain"], want)
		}
		words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		if v.Bcc != "" || words(v.Subject) != words(title) {
			t.Errorf("subject %q became %q, bcc %q", title, v.Subject, v.Bcc)
		}
	})
}
