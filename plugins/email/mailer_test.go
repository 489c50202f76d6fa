package email_test

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/email"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

var now = time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)

// local is the plugins' HTTP client with the test server's host
// allow-listed; its dialler is the one the mailer uses.
var local = httpx.NewClient(httpx.Options{Allow: []string{"127.0.0.1"}})

func mailer(t *testing.T, addr string) outbox.Sender {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	snd, err := email.Plugin{}.NewSender(plugins.Env{Clock: clock.NewManual(now), HTTP: local,
		Settings: map[string]any{"host": host, "port": p, "from": "Formwork <crm@example.com>",
			"security": "none"}})
	if err != nil {
		t.Fatal(err)
	}
	return snd
}

// mailView is what a test checks of a received e-mail.
type mailView struct {
	From, To, Subject, Language, MessageID, Bcc string
	Envelope                                    []string
	Parts                                       map[string]string
}

func parse(t *testing.T, r received) mailView {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	v := mailView{From: m.Header.Get("From"), To: m.Header.Get("To"), Subject: subject,
		Language: m.Header.Get("Content-Language"), MessageID: m.Header.Get("Message-ID"),
		Bcc:      m.Header.Get("Bcc"),
		Envelope: append([]string{r.From}, r.To...), Parts: map[string]string{}}
	mt, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if mt != "multipart/alternative" {
		t.Fatalf("content type %q", mt)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p)
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		v.Parts[ct] = strings.ReplaceAll(string(body), "\r\n", "\n")
	}
	return v
}

func TestSendWritesBothPartsInTheLocale(t *testing.T) {
	msg := &outbox.Message{ID: "msg_1", Kind: outbox.KindNotify,
		Recipients: []string{"li.lei@example.com", "Han Mei <han.mei@example.com>"},
		Title:      outbox.Text{i18n.English: "Overdue: <Acme>", i18n.Chinese: "已逾期：<Acme>"},
		Body: outbox.Text{i18n.English: "Call <b>Acme</b> & co\ntoday",
			i18n.Chinese: "今天联系 Acme"},
		Link:    "https://formwork.example/r/1?a=1&b=2",
		Payload: map[string]any{"locale": "en"}}
	srv := newFakeSMTP(t, nil)

	id, err := mailer(t, srv.addr).Send(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}

	got := srv.received()
	if len(got) != 1 {
		t.Fatalf("received %d mails", len(got))
	}
	want := mailView{From: `"Formwork" <crm@example.com>`,
		To: "li.lei@example.com, han.mei@example.com", Subject: "Overdue: <Acme>",
		Language: "en", MessageID: "<msg_1@example.com>",
		Envelope: []string{"<crm@example.com>", "<li.lei@example.com>",
			"<han.mei@example.com>"},
		Parts: map[string]string{
			"text/plain": "Call <b>Acme</b> & co\ntoday\n\nOpen in Formwork: " +
				"https://formwork.example/r/1?a=1&b=2\n\n--\n" +
				"Sent by Formwork. Replies to this address are not read.",
			"text/html": `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Overdue: &lt;Acme&gt;</title></head>
<body><h2>Overdue: &lt;Acme&gt;</h2>
<p>Call &lt;b&gt;Acme&lt;/b&gt; &amp; co</p>
<p>today</p>
<p><a href="https://formwork.example/r/1?a=1&amp;b=2">Open in Formwork</a></p>
<p style="color:#888">Sent by Formwork. Replies to this address are not read.</p>
</body></html>
`}}
	if diff := cmp.Diff(want, parse(t, got[0])); diff != "" {
		t.Errorf("mail (-want +got):\n%s", diff)
	}
	if id != "<msg_1@example.com>" {
		t.Errorf("vendor id = %q", id)
	}
}

func TestSendWithoutLocalePrefersChinese(t *testing.T) {
	msg := &outbox.Message{ID: "msg_2", Recipients: []string{"a@example.com"},
		Title: outbox.Text{i18n.English: "Hello", i18n.Chinese: "您好"},
		Body:  outbox.Text{i18n.English: "Body", i18n.Chinese: "正文"}}
	srv := newFakeSMTP(t, nil)
	if _, err := mailer(t, srv.addr).Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	v := parse(t, srv.received()[0])
	if v.Subject != "您好" || !strings.HasPrefix(v.Parts["text/plain"], "正文\n") ||
		v.Language != "zh-CN" {
		t.Errorf("mail = %+v", v)
	}
}

func TestSendClassifiesReplies(t *testing.T) {
	cases := []struct {
		name          string
		reply         map[string]string
		recipients    []string
		wantPermanent bool
	}{
		{"mailbox busy retries", map[string]string{"RCPT": "450 mailbox busy"},
			[]string{"a@example.com"}, false},
		{"server unavailable retries", map[string]string{"MAIL": "421 try later"},
			[]string{"a@example.com"}, false},
		{"no such user is permanent", map[string]string{"RCPT": "550 no such user"},
			[]string{"a@example.com"}, true},
		{"rejected content is permanent", map[string]string{"END": "554 rejected"},
			[]string{"a@example.com"}, true},
		{"data refused retries", map[string]string{"DATA": "451 local error"},
			[]string{"a@example.com"}, false},
		{"not an address is permanent", nil, []string{"u_123"}, true},
		{"no recipients is permanent", nil, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeSMTP(t, tc.reply)
			msg := &outbox.Message{ID: "m", Recipients: tc.recipients,
				Title: outbox.Text{i18n.English: "x"}}
			_, err := mailer(t, srv.addr).Send(context.Background(), msg)
			if err == nil || outbox.IsPermanent(err) != tc.wantPermanent {
				t.Errorf("err = %v, want permanent %v", err, tc.wantPermanent)
			}
		})
	}
}

func TestStartTLSRequiredWhenAsked(t *testing.T) {
	srv := newFakeSMTP(t, nil)
	host, port, _ := net.SplitHostPort(srv.addr)
	p, _ := strconv.Atoi(port)
	snd, _ := email.Plugin{}.NewSender(plugins.Env{Clock: clock.NewManual(now), HTTP: local,
		Settings: map[string]any{"host": host, "port": p, "from": "crm@example.com",
			"security": "starttls"}})
	_, err := snd.Send(context.Background(), &outbox.Message{ID: "m",
		Recipients: []string{"a@example.com"}})
	if !outbox.IsPermanent(err) || len(srv.received()) != 0 {
		t.Errorf("err = %v, received %d; want a permanent refusal, nothing sent", err,
			len(srv.received()))
	}
}

func TestCheckSettings(t *testing.T) {
	cases := []struct {
		name    string
		from    string
		wantErr bool
	}{
		{"address", "crm@example.com", false},
		{"name and address", "Sales <crm@example.com>", false},
		{"not an address", "crm", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := email.Plugin{}.CheckSettings(map[string]any{"from": tc.from})
			if (err != nil) != tc.wantErr {
				t.Errorf("CheckSettings(%q) = %v", tc.from, err)
			}
		})
	}
}
