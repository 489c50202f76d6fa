package email

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
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
	Link      string
	Locale    i18n.Locale
	MessageID string
	Date      time.Time
}

// LetterOf is m as an e-mail from from at now: subject and body in the
// locale named by m.Payload["locale"] when m has texts in it, else in
// Chinese, then English, then any.
func LetterOf(m *outbox.Message, from *mail.Address, now time.Time) Letter {
	loc := localeOf(m)
	domain := from.Address[strings.LastIndex(from.Address, "@")+1:]

	return Letter{From: from, To: m.Recipients, Subject: pick(m.Title, loc),
		Text: pick(m.Body, loc), Link: m.Link, Locale: loc, Date: now,
		MessageID: "<" + m.ID + "@" + domain + ">"}
}

// localeOf is the message's locale, or "" when it names none it has.
func localeOf(m *outbox.Message) i18n.Locale {
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

var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html{{if .Lang}} lang="{{.Lang}}"{{end}}><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body><h2>{{.Subject}}</h2>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .Link}}<p><a href="{{.Link}}">{{.Link}}</a></p>
{{end}}</body></html>
`))

// Bytes writes the letter as a multipart/alternative message with a plain
// text part and an HTML part whose texts are escaped.
func (l Letter) Bytes() ([]byte, error) {
	boundary, err := newBoundary()
	if err != nil {
		return nil, err
	}

	var buf bytes.Buffer
	l.writeHeader(&buf, boundary)

	text := l.Text
	if l.Link != "" {
		text += "\n\n" + l.Link
	}
	writePart(&buf, boundary, "text/plain", text)

	var html bytes.Buffer
	err = page.Execute(&html, map[string]any{"Lang": string(l.Locale), "Subject": l.Subject,
		"Paragraphs": strings.Split(l.Text, "\n"), "Link": l.Link})
	if err != nil {
		return nil, fmt.Errorf("rendering the html part: %w", err)
	}
	writePart(&buf, boundary, "text/html", html.String())
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
