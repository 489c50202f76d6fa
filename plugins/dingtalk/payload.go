package dingtalk

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// message is the robot's request body.
type message struct {
	MsgType  string    `json:"msgtype"`
	Text     *text     `json:"text,omitempty"`
	Markdown *markdown `json:"markdown,omitempty"`
	At       at        `json:"at"`
}

type text struct {
	Content string `json:"content"`
}

type markdown struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

type at struct {
	AtUserIDs []string `json:"atUserIds,omitempty"`
	IsAtAll   bool     `json:"isAtAll"`
}

// payload builds the request body of m. Mentions also go into the text as
// "@userId", which is how DingTalk renders them.
func payload(m *outbox.Message) message {
	title, body := plugins.TextOf(m.Title), plugins.TextOf(m.Body)
	mentions := mentionText(m.Recipients)
	out := message{At: at{AtUserIDs: m.Recipients}}

	if m.Markdown {
		md := "#### " + title + "\n\n" + body
		if m.Link != "" {
			md += fmt.Sprintf("\n\n[%s](%s)", linkLabel(m), m.Link)
		}
		out.MsgType, out.Markdown = "markdown", &markdown{Title: title, Text: md + mentions}
		return out
	}

	content := joinNonEmpty("\n", title, body, m.Link)
	out.MsgType, out.Text = "text", &text{Content: content + mentions}

	return out
}

// linkLabel is the label of a message's link.
func linkLabel(m *outbox.Message) string {
	if v, ok := m.Payload["link_label"].(string); ok && v != "" {
		return v
	}
	return "查看详情"
}

// mentionText is "\n@a @b" for the recipients, or "".
func mentionText(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "\n@" + strings.Join(ids, " @")
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// answer is the robot's response body.
type answer struct {
	ErrCode int    `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}

// The error codes that are classified explicitly.
const (
	codeOK        = 0
	codeBusy      = -1
	codeRateLimit = 130101
	codeBadSign   = 310000
)

// classify reads the robot's answer: errcode 0 is success, the rate limit
// and "system busy" are retryable, everything else (bad signature, keyword,
// IP, token) permanent.
func classify(raw []byte) error {
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		return outbox.Retryable(fmt.Errorf("dingtalk answered something unreadable: %w", err))
	}

	err := fmt.Errorf("dingtalk refused the message: errcode %d: %s", a.ErrCode, a.ErrMsg)
	switch a.ErrCode {
	case codeOK:
		return nil
	case codeRateLimit, codeBusy:
		return outbox.Retryable(err)
	case codeBadSign:
		return outbox.Permanent(err)
	}

	return outbox.Permanent(err)
}
