package wecom

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "wecom_robot"

func init() { plugins.Register(Plugin{}) }

// Plugin is the WeCom group robot channel.
type Plugin struct{}

var (
	_ plugins.Channel         = Plugin{}
	_ plugins.SettingsChecker = Plugin{}
)

// Info describes the plugin.
func (Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindChannel, Channel: outbox.ChannelWeCom,
		Version: "1.0.0", SettingsSchema: json.RawMessage(schema), PerMinute: 20}
}

const schema = `{
  "type": "object",
  "required": ["webhook_url"],
  "additionalProperties": false,
  "properties": {
    "webhook_url": {"type": "string", "minLength": 10, "x-secret": true,
      "title": "Webhook URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…)"}
  }
}`

// CheckSettings checks the webhook URL.
func (Plugin) CheckSettings(settings map[string]any) error {
	return plugins.CheckURL(settings, "webhook_url")
}

// NewSender returns the robot's Sender.
func (Plugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s struct {
		WebhookURL string `json:"webhook_url"`
	}
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	return &Robot{WebhookURL: s.WebhookURL, HTTP: env.HTTP}, nil
}

// Robot posts messages to one WeCom group robot.
type Robot struct {
	WebhookURL string
	HTTP       *http.Client
}

// Send posts m as text, or markdown when m.Markdown, mentioning its
// recipients (WeCom user ids).
func (r *Robot) Send(ctx context.Context, m *outbox.Message) (string, error) {
	body, err := plugins.MarshalBody(payload(m))
	if err != nil {
		return "", err
	}

	answer, err := plugins.PostJSON(ctx, r.HTTP, r.WebhookURL, nil, body)
	if err != nil {
		return "", err
	}

	return "", classify(answer)
}

// message is the robot's request body.
type message struct {
	MsgType  string    `json:"msgtype"`
	Text     *text     `json:"text,omitempty"`
	Markdown *markdown `json:"markdown,omitempty"`
}

type text struct {
	Content       string   `json:"content"`
	MentionedList []string `json:"mentioned_list,omitempty"`
}

type markdown struct {
	Content string `json:"content"`
}

// payload builds the request body. Markdown messages mention with
// <@userid> in the content, which is the only way WeCom supports there.
func payload(m *outbox.Message) message {
	title, body := plugins.TextOf(m.Title), plugins.TextOf(m.Body)
	if !m.Markdown {
		content := strings.TrimSpace(title + "\n" + body)
		if m.Link != "" {
			content += "\n" + m.Link
		}
		return message{MsgType: "text",
			Text: &text{Content: content, MentionedList: m.Recipients}}
	}

	content := "**" + title + "**\n" + body
	if m.Link != "" {
		content += fmt.Sprintf("\n[查看详情](%s)", m.Link)
	}
	for _, id := range m.Recipients {
		content += fmt.Sprintf("\n<@%s>", id)
	}

	return message{MsgType: "markdown", Markdown: &markdown{Content: content}}
}

// The error codes that are classified explicitly.
const (
	codeOK        = 0
	codeBusy      = -1
	codeRateLimit = 45009
	codeBadKey    = 93000
)

// classify reads the robot's answer: errcode 0 is success, the rate limit
// and "system busy" are retryable, everything else permanent.
func classify(raw []byte) error {
	var a struct {
		ErrCode int    `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return outbox.Retryable(fmt.Errorf("wecom answered something unreadable: %w", err))
	}

	err := fmt.Errorf("wecom refused the message: errcode %d: %s", a.ErrCode, a.ErrMsg)
	switch a.ErrCode {
	case codeOK:
		return nil
	case codeRateLimit, codeBusy:
		return outbox.Retryable(err)
	case codeBadKey:
		return outbox.Permanent(err)
	}

	return outbox.Permanent(err)
}
