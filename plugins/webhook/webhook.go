package webhook

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "webhook"

func init() { plugins.Register(Plugin{}) }

// Plugin is the outgoing webhook channel.
type Plugin struct{}

var (
	_ plugins.Channel         = Plugin{}
	_ plugins.SettingsChecker = Plugin{}
	_ plugins.Rotator         = Plugin{}
)

// Info describes the plugin.
func (Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindChannel, Channel: outbox.ChannelWebhook,
		Version: "1.0.0", SettingsSchema: json.RawMessage(schema)}
}

const schema = `{
  "type": "object",
  "required": ["url", "secret"],
  "additionalProperties": false,
  "properties": {
    "url": {"type": "string", "minLength": 8, "title": "Endpoint URL"},
    "secret": {"type": "string", "pattern": "^whsec_[A-Za-z0-9+/=]{24,}$", "x-secret": true,
      "title": "Signing secret (whsec_…)"},
    "previous_secret": {"type": "string", "pattern": "^whsec_[A-Za-z0-9+/=]{24,}$",
      "x-secret": true, "title": "Previous secret, still signed with while receivers switch"},
    "previous_secret_until": {"type": "string", "format": "date-time",
      "title": "Stop signing with the previous secret at"}
  }
}`

// CheckSettings checks the URL and that the secret decodes.
func (Plugin) CheckSettings(settings map[string]any) error {
	if err := plugins.CheckURL(settings, "url"); err != nil {
		return err
	}

	raw, _ := settings["secret"].(string)
	if _, err := DecodeSecret(raw); err != nil {
		return plugins.SettingError("secret")
	}
	if prev, _ := settings["previous_secret"].(string); prev != "" {
		if _, err := DecodeSecret(prev); err != nil {
			return plugins.SettingError("previous_secret")
		}
	}
	if until, _ := settings["previous_secret_until"].(string); until != "" {
		if _, err := time.Parse(time.RFC3339, until); err != nil {
			return plugins.SettingError("previous_secret_until")
		}
	}

	return nil
}

// RotationOverlap is how long a replaced secret keeps signing events: the
// overlap of the tenant's call_action signing key too.
const RotationOverlap = plugins.RotationOverlap

// Rotate keeps a replaced signing secret as the previous one for
// RotationOverlap, unless the admin set the previous secret themself.
func (Plugin) Rotate(before, after map[string]any, now time.Time) map[string]any {
	old, _ := before["secret"].(string)
	next, _ := after["secret"].(string)
	if old == "" || old == next {
		return after
	}
	prevBefore, _ := before["previous_secret"].(string)
	if prev, _ := after["previous_secret"].(string); prev != "" && prev != prevBefore {
		return after // the admin chose the previous secret in this change
	}
	after["previous_secret"] = old
	after["previous_secret_until"] = now.Add(RotationOverlap).UTC().Format(time.RFC3339)
	return after
}

// Settings are an instance's settings.
type Settings struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
	// PreviousSecret, during a rotation, signs every event too, so that
	// receivers still on it keep verifying until PreviousUntil (or until it
	// is removed, when PreviousUntil is empty).
	PreviousSecret string `json:"previous_secret,omitempty"`
	PreviousUntil  string `json:"previous_secret_until,omitempty"`
}

// NewSender returns the webhook's Sender.
func (Plugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s Settings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	key, err := DecodeSecret(s.Secret)
	if err != nil {
		return nil, err
	}
	h := &Hook{URL: s.URL, Key: key, HTTP: env.HTTP, Clock: env.Clock}
	if s.PreviousSecret != "" {
		if h.Previous, err = DecodeSecret(s.PreviousSecret); err != nil {
			return nil, err
		}
		if s.PreviousUntil != "" {
			if h.PreviousUntil, err = time.Parse(time.RFC3339, s.PreviousUntil); err != nil {
				return nil, err
			}
		}
	}

	return h, nil
}

// Hook posts events to one endpoint.
type Hook struct {
	URL   string
	Key   []byte
	HTTP  *http.Client
	Clock clock.Clock
	// Previous, when set, also signs events until PreviousUntil (zero:
	// for as long as it is set): the overlap of a secret rotation.
	Previous      []byte
	PreviousUntil time.Time
}

// Send posts m as an event. The webhook-id is m.ID on every attempt, so
// the receiver can drop duplicates; the timestamp is the attempt's.
func (h *Hook) Send(ctx context.Context, m *outbox.Message) (string, error) {
	now := h.Clock.Now()
	body, err := plugins.MarshalBody(eventOf(m, now))
	if err != nil {
		return "", err
	}

	if _, err := post(ctx, h.HTTP, h.URL, m.ID, body, now, h.keys(now)); err != nil {
		return "", err
	}

	return m.ID, nil
}

// keys are the keys that sign an attempt at now.
func (h *Hook) keys(now time.Time) [][]byte {
	if h.Previous != nil && (h.PreviousUntil.IsZero() || now.Before(h.PreviousUntil)) {
		return [][]byte{h.Key, h.Previous}
	}
	return [][]byte{h.Key}
}

// post posts body to target signed the Standard Webhooks way with every
// key (a receiver accepts any one signature it can verify), id as the
// webhook-id and now as the timestamp, and returns the answer. Errors are
// classified as by plugins.PostJSON: 408, 429 and 5xx retry, honouring
// Retry-After; other 4xx are permanent.
func post(ctx context.Context, c *http.Client, target, id string, body []byte,
	now time.Time, keys [][]byte) ([]byte, error) {
	ts := strconv.FormatInt(now.Unix(), 10)
	sigs := make([]string, len(keys))
	for i, k := range keys {
		sigs[i] = Signature(k, id, ts, body)
	}

	header := http.Header{}
	header.Set("webhook-id", id)
	header.Set("webhook-timestamp", ts)
	header.Set("webhook-signature", strings.Join(sigs, " "))

	return plugins.PostJSON(ctx, c, target, header, body)
}

// Event is the JSON payload, in the Standard Webhooks shape.
type Event struct {
	Type      string    `json:"type"`
	Timestamp time.Time `json:"timestamp"`
	Data      EventData `json:"data"`
}

// EventData is the message an event carries.
type EventData struct {
	MessageID  string         `json:"message_id"`
	Kind       outbox.Kind    `json:"kind"`
	Channel    string         `json:"channel"`
	Recipients []string       `json:"recipients,omitempty"`
	Title      outbox.Text    `json:"title,omitempty"`
	Body       outbox.Text    `json:"body,omitempty"`
	Markdown   bool           `json:"markdown,omitempty"`
	Link       string         `json:"link,omitempty"`
	Payload    map[string]any `json:"payload,omitempty"`
	RecordID   string         `json:"record_id,omitempty"`
	InstanceID string         `json:"instance_id,omitempty"`
}

// eventOf is the event of m at now; its type is "formwork.<kind>".
func eventOf(m *outbox.Message, now time.Time) Event {
	return Event{Type: "formwork." + string(m.Kind), Timestamp: now.UTC(), Data: EventData{
		MessageID: m.ID, Kind: m.Kind, Channel: m.Channel, Recipients: m.Recipients,
		Title: m.Title, Body: m.Body, Markdown: m.Markdown, Link: m.Link, Payload: m.Payload,
		RecordID: m.RecordID, InstanceID: m.InstanceID}}
}
