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
	ToUser       string        `json:"touser"`
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

// Send sends m to its recipients (WeCom user ids) as one app message and
// returns VendorID(msgid, response_code).
func (a *App) Send(ctx context.Context, m *outbox.Message) (string, error) {
	body, err := a.appPayload(m)
	if err != nil {
		return "", err
	}

	ans, err := a.call(ctx, m.TenantID, "/cgi-bin/message/send", body)
	if err != nil {
		return "", err
	}

	return VendorID(ans.MsgID, ans.ResponseCode), nil
}

// appPayload encodes the body of m, refusing a message without recipients.
func (a *App) appPayload(m *outbox.Message) ([]byte, error) {
	if len(m.Recipients) == 0 {
		return nil, outbox.Permanent(errNoRecipients)
	}

	msg := appMessage{ToUser: strings.Join(m.Recipients, "|"), AgentID: a.Settings.AgentID,
		DupCheck: 1, DupInterval: dedupeWindow}
	fill(&msg, m)

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

	taskID, _ := m.Payload["task_id"].(string)
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
