package dingtalk

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "dingtalk_robot"

func init() { plugins.Register(Plugin{}) }

// Plugin is the DingTalk custom robot channel.
type Plugin struct{}

var (
	_ plugins.Channel         = Plugin{}
	_ plugins.SettingsChecker = Plugin{}
)

// Info describes the plugin.
func (Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindChannel, Channel: outbox.ChannelDingTalk,
		Version: "1.0.0", SettingsSchema: json.RawMessage(schema), PerMinute: 20}
}

const schema = `{
  "type": "object",
  "required": ["webhook_url", "secret"],
  "additionalProperties": false,
  "properties": {
    "webhook_url": {"type": "string", "minLength": 10, "x-secret": true,
      "title": "Webhook URL (https://oapi.dingtalk.com/robot/send?access_token=…)"},
    "secret": {"type": "string", "pattern": "^SEC", "x-secret": true,
      "title": "Signing secret (SEC…)"}
  }
}`

// CheckSettings checks the webhook URL.
func (Plugin) CheckSettings(settings map[string]any) error {
	return plugins.CheckURL(settings, "webhook_url")
}

// Settings are an instance's settings.
type Settings struct {
	WebhookURL string `json:"webhook_url"`
	Secret     string `json:"secret"`
}

// NewSender returns the robot's Sender.
func (Plugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s Settings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	return &Robot{Settings: s, HTTP: env.HTTP, Clock: env.Clock}, nil
}

// Robot posts messages to one DingTalk group robot.
type Robot struct {
	Settings Settings
	HTTP     *http.Client
	Clock    clock.Clock
}

// Sign returns the signature of a timestamp in milliseconds: base64 of
// HMAC-SHA256 keyed by secret over "timestamp\nsecret".
func Sign(timestampMS int64, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestampMS, 10) + "\n" + secret))

	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// signedURL adds timestamp and sign to the webhook URL.
func (r *Robot) signedURL(now time.Time) (string, error) {
	u, err := url.Parse(r.Settings.WebhookURL)
	if err != nil {
		return "", outbox.Permanent(fmt.Errorf("the webhook address is not a URL"))
	}

	ts := now.UnixMilli()
	q := u.Query()
	q.Set("timestamp", strconv.FormatInt(ts, 10))
	q.Set("sign", Sign(ts, r.Settings.Secret))
	u.RawQuery = q.Encode()

	return u.String(), nil
}

// Send posts m as text, or markdown when m.Markdown, mentioning its
// recipients (DingTalk user ids).
func (r *Robot) Send(ctx context.Context, m *outbox.Message) (string, error) {
	target, err := r.signedURL(r.Clock.Now())
	if err != nil {
		return "", err
	}

	body, err := plugins.MarshalBody(payload(m))
	if err != nil {
		return "", err
	}

	answer, err := plugins.PostJSON(ctx, r.HTTP, target, nil, body)
	if err != nil {
		return "", err
	}

	return "", classify(answer)
}

// TestMessage leaves the test message as it is: robots need no recipient.
func (r *Robot) TestMessage(context.Context, *outbox.Message) {}
