package dingtalk

import (
	"context"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// maxUsersPerCall is asyncsend_v2's limit on userid_list.
const maxUsersPerCall = 100

// workMessage is the body of asyncsend_v2.
type workMessage struct {
	AgentID    int64   `json:"agent_id"`
	UserIDList string  `json:"userid_list"`
	Msg        workMsg `json:"msg"`
}

// workMsg is the message proper, one of its parts set.
type workMsg struct {
	MsgType    string      `json:"msgtype"`
	Text       *text       `json:"text,omitempty"`
	Markdown   *markdown   `json:"markdown,omitempty"`
	ActionCard *actionCard `json:"action_card,omitempty"`
	OA         *oaMessage  `json:"oa,omitempty"`
}

// actionCard is a card with one button opening single_url.
type actionCard struct {
	Title       string `json:"title"`
	Markdown    string `json:"markdown"`
	SingleTitle string `json:"single_title"`
	SingleURL   string `json:"single_url"`
}

// oaMessage is an OA message: a coloured head, a status bar and a body.
type oaMessage struct {
	MessageURL   string    `json:"message_url"`
	PCMessageURL string    `json:"pc_message_url,omitempty"`
	Head         oaHead    `json:"head"`
	StatusBar    oaStatus  `json:"status_bar"`
	Body         oaContent `json:"body"`
}

type oaHead struct {
	BgColor string `json:"bgcolor"`
	Text    string `json:"text"`
}

type oaStatus struct {
	StatusValue string `json:"status_value"`
	StatusBg    string `json:"status_bg"`
}

type oaContent struct {
	Title   string `json:"title"`
	Content string `json:"content"`
}

// The colours of an OA message (ARGB), and its head text.
const (
	oaHeadColor   = "FF1677FF"
	oaStatusColor = "0xFFF65E5E"
	oaHeadText    = "Formwork"
)

// The message types Send chooses from.
const (
	typeText       = "text"
	typeMarkdown   = "markdown"
	typeActionCard = "action_card"
	typeOA         = "oa"
)

// Send sends m to its recipients (DingTalk userids), at most 100 per call,
// and returns the task ids DingTalk answered, comma separated. A call that
// fails after others went out reports those recipients as reached (an
// outbox.PartialError), so a retry sends only the rest.
func (w *Work) Send(ctx context.Context, m *outbox.Message) (string, error) {
	if len(m.Recipients) == 0 {
		return "", outbox.Permanent(noticeError{key: "dingtalk.no_recipients"})
	}

	msg := workPayload(m)
	var ids, reached []string
	for batch := range chunks(m.Recipients, maxUsersPerCall) {
		body, err := plugins.MarshalBody(workMessage{AgentID: w.Settings.AgentID,
			UserIDList: strings.Join(batch, ","), Msg: msg})
		if err != nil {
			return "", err
		}

		ans, err := w.call(ctx, m.TenantID, "/topapi/message/corpconversation/asyncsend_v2",
			body)
		if err != nil && len(ids) > 0 {
			return "", &outbox.PartialError{Reached: reached,
				VendorID: outbox.JoinVendorIDs(ids...), Err: err}
		}
		if err != nil {
			return "", err
		}
		ids, reached = append(ids, ans.TaskID.String()), append(reached, batch...)
	}

	return outbox.JoinVendorIDs(ids...), nil
}

// chunks yields ids in slices of at most n.
func chunks(ids []string, n int) func(func([]string) bool) {
	return func(yield func([]string) bool) {
		for len(ids) > 0 {
			k := min(n, len(ids))
			if !yield(ids[:k]) {
				return
			}
			ids = ids[k:]
		}
	}
}

// workPayload builds the message: the type m's payload asks for
// ("msgtype"), else an OA message with a status bar for a task with a
// link, an action card for a link, markdown or text.
func workPayload(m *outbox.Message) workMsg {
	title, body := plugins.TextOf(m.Title), plugins.TextOf(m.Body)
	l := localeOf(m)

	switch t := chooseWorkType(m); t {
	case typeOA:
		status, _ := m.Payload["status"].(string)
		if status == "" {
			status = i18n.T(l, "dingtalk.status_open", nil)
		}
		return workMsg{MsgType: t, OA: &oaMessage{MessageURL: m.Link, PCMessageURL: m.Link,
			Head:      oaHead{BgColor: oaHeadColor, Text: oaHeadText},
			StatusBar: oaStatus{StatusValue: status, StatusBg: oaStatusColor},
			Body:      oaContent{Title: title, Content: body}}}
	case typeActionCard:
		return workMsg{MsgType: t, ActionCard: &actionCard{Title: title,
			Markdown: "#### " + title + "\n\n" + body, SingleURL: m.Link,
			SingleTitle: workLabel(m, i18n.T(l, "dingtalk.view_details", nil))}}
	case typeMarkdown:
		return workMsg{MsgType: t, Markdown: &markdown{Title: title,
			Text: "#### " + title + "\n\n" + body}}
	}

	return workMsg{MsgType: typeText, Text: &text{Content: joinNonEmpty("\n", title, body,
		m.Link)}}
}

// chooseWorkType picks the message type of m.
func chooseWorkType(m *outbox.Message) string {
	asked, _ := m.Payload["msgtype"].(string)
	switch asked {
	case typeText, typeMarkdown:
		return asked
	case typeActionCard, typeOA:
		if m.Link != "" {
			return asked
		}
	}

	taskID := plugins.TaskOf(m)
	switch {
	case taskID != "" && m.Link != "":
		return typeOA
	case m.Link != "":
		return typeActionCard
	case m.Markdown:
		return typeMarkdown
	}

	return typeText
}

// workLabel is the link's label from m's payload ("link_label"), or def.
func workLabel(m *outbox.Message, def string) string {
	if v, ok := m.Payload["link_label"].(string); ok && v != "" {
		return v
	}
	return def
}

// localeOf is the locale of a message's vendor-side texts: Chinese when
// it has Chinese text or none, as plugins.TextOf picks.
func localeOf(m *outbox.Message) i18n.Locale {
	if m.Title[i18n.Chinese] != "" || m.Body[i18n.Chinese] != "" {
		return i18n.Chinese
	}
	if m.Title[i18n.English] != "" || m.Body[i18n.English] != "" {
		return i18n.English
	}

	return i18n.Chinese
}

// TestMessage addresses the test message to the configured test user.
func (w *Work) TestMessage(_ context.Context, m *outbox.Message) {
	if len(m.Recipients) == 0 && w.Settings.TestUser != "" {
		m.Recipients = []string{w.Settings.TestUser}
	}
}
