package inbound

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/webhook"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "inbound_webhook"

func init() { plugins.Register(Plugin{}) }

// Plugin is the inbound webhook connector. Besides its kind it implements
// plugins.Channel: the plugin service opens an instance's secrets only for
// senders, so the Receiver is built as one (see Receiver.Send).
type Plugin struct{}

var (
	_ plugins.Channel         = Plugin{}
	_ plugins.SettingsChecker = Plugin{}
)

// Info describes the plugin.
func (Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindConnector, Version: "1.0.0",
		SettingsSchema: json.RawMessage(schema)}
}

const schema = `{
  "type": "object",
  "required": ["secret"],
  "additionalProperties": false,
  "properties": {
    "secret": {"type": "string", "x-secret": true,
      "pattern": "^whsec_[A-Za-z0-9+/=]{24,}( whsec_[A-Za-z0-9+/=]{24,})*$",
      "title": "Signing secret (whsec_…); during a rotation, old and new separated by a space"},
    "event_names": {"type": "array", "uniqueItems": true, "title": "Accepted event types",
      "items": {"type": "string", "pattern": "^[a-z][a-z0-9_.]{0,63}$"}}
  }
}`

// Settings are an instance's settings.
type Settings struct {
	// Secret is one or more whsec_ secrets separated by spaces.
	Secret string `json:"secret"`
	// EventNames, when not empty, are the only event types accepted.
	EventNames []string `json:"event_names,omitempty"`
}

// CheckSettings checks that every secret decodes.
func (Plugin) CheckSettings(settings map[string]any) error {
	raw, _ := settings["secret"].(string)
	if _, err := DecodeSecrets(raw); err != nil {
		return plugins.SettingError("secret")
	}

	return nil
}

// DecodeSecrets returns the keys of space-separated whsec_ secrets.
func DecodeSecrets(raw string) ([][]byte, error) {
	var keys [][]byte
	for _, s := range strings.Fields(raw) {
		key, err := webhook.DecodeSecret(s)
		if err != nil {
			return nil, err
		}
		keys = append(keys, key)
	}
	if len(keys) == 0 {
		return nil, errors.New("inbound webhook secret is empty")
	}

	return keys, nil
}

// NewSender returns the instance's Receiver.
func (Plugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s Settings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	keys, err := DecodeSecrets(s.Secret)
	if err != nil {
		return nil, err
	}

	return &Receiver{Keys: keys, EventNames: s.EventNames, Clock: env.Clock}, nil
}
