package feishu

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "feishu_bot"

func init() { plugins.Register(Plugin{}) }

// Plugin is the Feishu custom bot channel.
type Plugin struct{}

var (
	_ plugins.Channel         = Plugin{}
	_ plugins.SettingsChecker = Plugin{}
)

// Info describes the plugin.
func (Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindChannel, Channel: outbox.ChannelFeishu,
		Version: "1.0.0", SettingsSchema: json.RawMessage(schema), PerMinute: 20}
}

const schema = `{
  "type": "object",
  "required": ["webhook_url"],
  "additionalProperties": false,
  "properties": {
    "webhook_url": {"type": "string", "minLength": 10, "x-secret": true,
      "title": "Webhook URL (https://open.feishu.cn/open-apis/bot/v2/hook/…)"},
    "secret": {"type": "string", "x-secret": true, "title": "Signing secret"}
  }
}`

// CheckSettings checks the webhook URL.
func (Plugin) CheckSettings(settings map[string]any) error {
	return plugins.CheckURL(settings, "webhook_url")
}

// Settings are an instance's settings; an empty Secret sends unsigned.
type Settings struct {
	WebhookURL string `json:"webhook_url"`
	Secret     string `json:"secret"`
}

// NewSender returns the bot's Sender.
func (Plugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s Settings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	return &Bot{Settings: s, HTTP: env.HTTP, Clock: env.Clock}, nil
}

// Bot posts messages to one Feishu custom bot.
type Bot struct {
	Settings Settings
	HTTP     *http.Client
	Clock    clock.Clock
}

// Sign returns the signature of a timestamp in seconds: base64 of
// HMAC-SHA256 keyed by "timestamp\nsecret" over an empty message.
func Sign(timestamp int64, secret string) string {
	mac := hmac.New(sha256.New, []byte(strconv.FormatInt(timestamp, 10)+"\n"+secret))

	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Send posts m as text, or as an interactive card when it is Markdown or
// has a link; recipients (open ids) are mentioned.
func (b *Bot) Send(ctx context.Context, m *outbox.Message) (string, error) {
	req := payload(m)
	if b.Settings.Secret != "" {
		ts := b.Clock.Now().Unix()
		req.Timestamp, req.Sign = strconv.FormatInt(ts, 10), Sign(ts, b.Settings.Secret)
	}

	body, err := plugins.MarshalBody(req)
	if err != nil {
		return "", err
	}

	answer, err := plugins.PostJSON(ctx, b.HTTP, b.Settings.WebhookURL, nil, body)
	if err != nil {
		return "", err
	}

	return "", classify(answer)
}
