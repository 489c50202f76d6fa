package feishu

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// message is the bot's request body.
type message struct {
	Timestamp string `json:"timestamp,omitempty"`
	Sign      string `json:"sign,omitempty"`
	MsgType   string `json:"msg_type"`
	Content   any    `json:"content,omitempty"`
	Card      *card  `json:"card,omitempty"`
}

type textContent struct {
	Text string `json:"text"`
}

type card struct {
	Header   header    `json:"header"`
	Elements []element `json:"elements"`
}

type header struct {
	Title plainText `json:"title"`
}

type plainText struct {
	Tag     string `json:"tag"`
	Content string `json:"content"`
}

type element struct {
	Tag     string   `json:"tag"`
	Content string   `json:"content,omitempty"`
	Actions []button `json:"actions,omitempty"`
}

type button struct {
	Tag  string    `json:"tag"`
	Text plainText `json:"text"`
	URL  string    `json:"url"`
	Type string    `json:"type"`
}

// payload builds the request body of m without signature.
func payload(m *outbox.Message) message {
	title, body := plugins.TextOf(m.Title), plugins.TextOf(m.Body)
	if !m.Markdown && m.Link == "" {
		text := strings.TrimSpace(title + "\n" + body)
		for _, id := range m.Recipients {
			text += fmt.Sprintf(` <at user_id="%s"></at>`, id)
		}
		return message{MsgType: "text", Content: textContent{Text: text}}
	}

	md := body
	for _, id := range m.Recipients {
		md += fmt.Sprintf(" <at id=%s></at>", id)
	}
	c := &card{Header: header{Title: plainText{Tag: "plain_text", Content: title}},
		Elements: []element{{Tag: "markdown", Content: md}}}
	if m.Link != "" {
		c.Elements = append(c.Elements, element{Tag: "action", Actions: []button{{
			Tag: "button", Text: plainText{Tag: "plain_text", Content: "查看详情"},
			URL: m.Link, Type: "primary"}}})
	}

	return message{MsgType: "interactive", Card: c}
}

// answer is the bot's response body; older deployments answer with
// StatusCode instead of code.
type answer struct {
	Code       *int   `json:"code"`
	Msg        string `json:"msg"`
	StatusCode *int   `json:"StatusCode"`
}

// The codes that are classified explicitly.
const (
	codeOK         = 0
	codeBadSign    = 19021
	codeRateLimit  = 11232
	codeRateLimit2 = 9499
)

// classify reads the bot's answer: code 0 is success, the rate limits are
// retryable, everything else (signature, keyword, IP) permanent.
func classify(raw []byte) error {
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		return outbox.Retryable(fmt.Errorf("feishu answered something unreadable: %w", err))
	}

	code := codeOK
	if a.Code != nil {
		code = *a.Code
	} else if a.StatusCode != nil {
		code = *a.StatusCode
	}

	err := fmt.Errorf("feishu refused the message: code %d: %s", code, a.Msg)
	switch code {
	case codeOK:
		return nil
	case codeRateLimit, codeRateLimit2:
		return outbox.Retryable(err)
	case codeBadSign:
		return outbox.Permanent(err)
	}

	return outbox.Permanent(err)
}
