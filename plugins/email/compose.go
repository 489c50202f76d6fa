package email

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Letter is an e-mail ready to be written out.
type Letter struct {
	From      *mail.Address
	To        []string
	Subject   string
	Text      string
	HTML      string
	Locale    i18n.Locale
	MessageID string
	Date      time.Time
}

// LetterOf is m as an e-mail from from at now, with the built-in
// templates, in the locale named by m.Payload["locale"] when m has texts
// in it, else in that of the texts it has (see effectiveLocale).
func LetterOf(m *outbox.Message, from *mail.Address, now time.Time) Letter {
	l, _ := letterFor(m, from, now, m.Recipients, messageLocale(m), builtin, "")
	return l
}

// LetterWith is LetterOf with the template set ts, failing when a
// template cannot render.
func LetterWith(m *outbox.Message, from *mail.Address, now time.Time, ts Templates) (Letter,
	error) {
	return letterFor(m, from, now, m.Recipients, messageLocale(m), ts, "")
}

// letterFor is m for the recipients to, in locale loc, with template set
// ts; suffix, when set, makes the Message-ID of one of several letters
// of m unique. Texts m lacks in loc are the channel layer's default
// choice.
func letterFor(m *outbox.Message, from *mail.Address, now time.Time, to []string,
	loc i18n.Locale, ts Templates, suffix string) (Letter, error) {
	tag := effectiveLocale(m, loc)
	title, body := pick(m.Title, tag), pick(m.Body, tag)
	d := mailData{Title: title, Body: body, Paragraphs: strings.Split(body, "\n"),
		Link: m.Link, Lang: string(tag)}

	subject, text, html, err := ts.For(tag).render(d)
	domain := from.Address[strings.LastIndex(from.Address, "@")+1:]

	return Letter{From: from, To: to, Subject: subject, Text: text, HTML: html, Locale: tag,
		Date: now, MessageID: "<" + m.ID + suffix + "@" + domain + ">"}, err
}

// effectiveLocale is the locale of a letter of m for someone who reads
// want ("" when unknown): want when m has texts in it, else the locale of
// the texts m has (Chinese first, as plugins.TextOf picks), else
// DefaultLocale; so the template's own words match the message's.
func effectiveLocale(m *outbox.Message, want i18n.Locale) i18n.Locale {
	has := func(l i18n.Locale) bool { return m.Title[l] != "" || m.Body[l] != "" }
	if want != "" && has(want) {
		return want
	}
	for _, l := range []i18n.Locale{i18n.Chinese, i18n.English} {
		if has(l) {
			return l
		}
	}

	return DefaultLocale
}

// messageLocale is the message's locale, or "" when it names none it has.
func messageLocale(m *outbox.Message) i18n.Locale {
	tag, _ := m.Payload["locale"].(string)
	loc, ok := i18n.Parse(tag)
	if !ok || (m.Title[loc] == "" && m.Body[loc] == "") {
		return ""
	}

	return loc
}

// pick is the text in loc, or the channel layer's default choice.
func pick(t outbox.Text, loc i18n.Locale) string {
	if s := t[loc]; s != "" {
		return s
	}

	return plugins.TextOf(t)
}

// Bytes writes the letter as a multipart/alternative message with a plain
// text part and an HTML part.
func (l Letter) Bytes() ([]byte, error) {
	boundary, err := newBoundary()
	if err != nil {
		return nil, err
	}

	var buf bytes.Buffer
	l.writeHeader(&buf, boundary)
	writePart(&buf, boundary, "text/plain", l.Text)
	writePart(&buf, boundary, "text/html", l.HTML)
	fmt.Fprintf(&buf, "--%s--\r\n", boundary)

	return buf.Bytes(), nil
}

// writeHeader writes the message header.
func (l Letter) writeHeader(buf *bytes.Buffer, boundary string) {
	h := []string{"From: " + l.From.String(), "To: " + strings.Join(l.To, ", "),
		"Subject: " + mime.QEncoding.Encode("utf-8", l.Subject),
		"Date: " + l.Date.Format(time.RFC1123Z), "Message-ID: " + l.MessageID,
		"MIME-Version: 1.0",
		`Content-Type: multipart/alternative; boundary="` + boundary + `"`}
	if l.Locale != "" {
		h = append(h, "Content-Language: "+string(l.Locale))
	}
	for _, line := range h {
		buf.WriteString(line + "\r\n")
	}
	buf.WriteString("\r\n")
}

// writePart writes one quoted-printable UTF-8 part.
func writePart(buf *bytes.Buffer, boundary, contentType, body string) {
	fmt.Fprintf(buf, "--%s\r\nContent-Type: %s; charset=utf-8\r\n", boundary, contentType)
	buf.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")

	w := quotedprintable.NewWriter(buf)
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	_, _ = w.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	_ = w.Close()
	buf.WriteString("\r\n")
}

// newBoundary is a random multipart boundary.
func newBoundary() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making a boundary: %w", err)
	}

	return "formwork-" + hex.EncodeToString(b), nil
}
