package email

import (
	"crypto/tls"
	"encoding/json"
	"net/mail"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "email_smtp"

// The security modes of an SMTP connection.
const (
	SecurityStartTLS = "starttls"
	SecurityTLS      = "tls"
	SecurityNone     = "none"
)

func init() { plugins.Register(Plugin{}) }

// Plugin is the SMTP e-mail channel.
type Plugin struct{}

var (
	_ plugins.Channel         = Plugin{}
	_ plugins.SettingsChecker = Plugin{}
)

// Info describes the plugin.
func (Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindChannel, Channel: outbox.ChannelEmail,
		Version: "1.0.0", SettingsSchema: json.RawMessage(schema)}
}

const schema = `{
  "type": "object",
  "required": ["host", "port", "from", "security"],
  "additionalProperties": false,
  "properties": {
    "host": {"type": "string", "minLength": 1, "maxLength": 253, "title": "SMTP server"},
    "port": {"type": "integer", "minimum": 1, "maximum": 65535, "title": "Port"},
    "username": {"type": "string", "title": "User name"},
    "password": {"type": "string", "x-secret": true, "title": "Password"},
    "from": {"type": "string", "minLength": 3, "title": "Sender address"},
    "security": {"enum": ["starttls", "tls", "none"], "title": "Encryption"}
  }
}`

// Settings are an instance's settings.
type Settings struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username,omitempty"`
	Password string `json:"password,omitempty"`
	From     string `json:"from"`
	Security string `json:"security"`
}

// CheckSettings checks that the sender is an e-mail address.
func (Plugin) CheckSettings(settings map[string]any) error {
	raw, _ := settings["from"].(string)
	if _, err := mail.ParseAddress(raw); err != nil {
		return problem.Fields(problem.FieldError{Pointer: "/settings/from", Code: "invalid",
			Messages: map[i18n.Locale]string{
				i18n.English: i18n.T(i18n.English, "email.from_invalid", nil),
				i18n.Chinese: i18n.T(i18n.Chinese, "email.from_invalid", nil)}})
	}

	return nil
}

// NewSender returns the instance's Mailer.
func (Plugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s Settings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return nil, outbox.Permanent(err)
	}

	return &Mailer{Settings: s, From: from, Clock: env.Clock, Dial: guardedDial(env.HTTP)},
		nil
}

// Mailer sends messages through one SMTP server.
type Mailer struct {
	Settings Settings
	From     *mail.Address
	Clock    clock.Clock
	// TLS, when set, replaces the default TLS configuration (tests).
	TLS *tls.Config
	// Dial connects to the server; nil refuses loopback, private and
	// link-local addresses. NewSender passes the plugins' HTTP dialler, so
	// the SMTP host passes the same check and allow-list as any URL.
	Dial DialFunc
}
