package wecom

import (
	"context"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// dedupeWindow is WeCom's duplicate check interval in seconds: a message
// sent again with the same content within it (an outbox retry after a
// lost answer) is not shown twice.
const dedupeWindow = 1800

// appMessage is the body of message/send.
type appMessage struct {
	ToUser       string        `json:"touser,omitempty"`
	ToParty      string        `json:"toparty,omitempty"`
	MsgType      string        `json:"msgtype"`
	AgentID      int64         `json:"agentid"`
	Text         *text         `json:"text,omitempty"`
	Markdown     *markdown     `json:"markdown,omitempty"`
	TextCard     *textCard     `json:"textcard,omitempty"`
	TemplateCard *templateCard `json:"template_card,omitempty"`
	DupCheck     int           `json:"enable_duplicate_check"`
	DupInterval  int           `json:"duplicate_check_interval"`
}

// textCard is a text card: a title, a description and one link.
type textCard struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	BtnTxt      string `json:"btntxt,omitempty"`
}

// The message types Send chooses from.
const (
	typeText     = "text"
	typeMarkdown = "markdown"
	typeTextCard = "textcard"
	typeCard     = "template_card"
)

// Send sends m to its recipients (WeCom user ids, and department ids as
// "party:<id>") as app messages, in batches of at most 1,000 users and 100
// departments (message/send's limits), and returns VendorID(msgid,
// response_code) of each batch, comma separated. Recipients WeCom names
// as invalid or unlicensed come back as refused in a PartialError while
// the rest count as delivered; a batch that fails after others went out
// reports those as reached, so a retry sends only the rest.
func (a *App) Send(ctx context.Context, m *outbox.Message) (string, error) {
	if len(m.Recipients) == 0 {
		return "", outbox.Permanent(errNoRecipients)
	}

	var done sendProgress
	for i, b := range batchesOf(m.Recipients) {
		body, err := a.appPayload(m, b, i)
		if err != nil {
			return done.result(err)
		}
		ans, err := a.call(ctx, m.TenantID, "/cgi-bin/message/send", body)
		if err != nil {
			return done.result(err)
		}
		done.add(b, ans)
	}

	return done.result(nil)
}

// appPayload encodes the body of m for batch b, the i-th of m.
func (a *App) appPayload(m *outbox.Message, b batch, i int) ([]byte, error) {
	msg := appMessage{ToUser: strings.Join(b.users, "|"), ToParty: strings.Join(b.parties, "|"),
		AgentID: a.Settings.AgentID, DupCheck: 1, DupInterval: dedupeWindow}
	fill(&msg, m)
	if msg.TemplateCard != nil && i > 0 {
		msg.TemplateCard.TaskID = batchTaskID(msg.TemplateCard.TaskID, i)
	}

	return plugins.MarshalBody(msg)
}

// fill sets the message type and its part: the type m's payload asks for
// ("msgtype"), else a task card for a task with a link, a text card for a
// link, markdown or text.
func fill(msg *appMessage, m *outbox.Message) {
	title, body := plugins.TextOf(m.Title), plugins.TextOf(m.Body)
	msg.MsgType = chooseType(m)

	switch msg.MsgType {
	case typeCard:
		msg.TemplateCard = taskCard(m, title, body)
	case typeTextCard:
		msg.TextCard = &textCard{Title: title, Description: body, URL: m.Link,
			BtnTxt: label(m, i18n.T(localeOf(m), "wecom.details", nil))}
	case typeMarkdown:
		msg.Markdown = &markdown{Content: appMarkdown(m, title, body)}
	default:
		msg.Text = &text{Content: joinLines(title, body, m.Link)}
	}
}

// chooseType picks the message type of m.
func chooseType(m *outbox.Message) string {
	asked, _ := m.Payload["msgtype"].(string)
	switch asked {
	case typeText, typeMarkdown:
		return asked
	case typeTextCard, typeCard:
		if m.Link != "" {
			return asked
		}
	}

	taskID := plugins.TaskOf(m)
	switch {
	case taskID != "" && m.Link != "":
		return typeCard
	case m.Link != "":
		return typeTextCard
	case m.Markdown:
		return typeMarkdown
	}

	return typeText
}

// appMarkdown is the markdown content: a bold title, the body, the link.
func appMarkdown(m *outbox.Message, title, body string) string {
	content := body
	if title != "" {
		content = "**" + title + "**\n" + body
	}
	if m.Link != "" {
		text := label(m, i18n.T(localeOf(m), "wecom.view_details", nil))
		content += "\n[" + text + "](" + m.Link + ")"
	}

	return content
}

// label is the link's label from m's payload ("link_label"), or def.
func label(m *outbox.Message, def string) string {
	if v, ok := m.Payload["link_label"].(string); ok && v != "" {
		return v
	}
	return def
}

// joinLines joins the non-empty parts with newlines.
func joinLines(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}

	return strings.Join(keep, "\n")
}

// TestMessage addresses the test message to the configured test user.
func (a *App) TestMessage(_ context.Context, m *outbox.Message) {
	if len(m.Recipients) == 0 && a.Settings.TestUser != "" {
		m.Recipients = []string{a.Settings.TestUser}
	}
}
