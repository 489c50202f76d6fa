package email

import (
	"crypto/tls"
	"encoding/json"
	"errors"
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
    "security": {"enum": ["starttls", "tls", "none"], "title": "Encryption"},
    "templates": {"type": "object", "title": "Templates per locale",
      "x-title": {"en": "E-mail templates per language", "zh-CN": "各语言邮件模板"},
      "x-description": {"en": "Optional: subject, text and html per language (en, zh-CN).",
        "zh-CN": "可选：按语言（en、zh-CN）填写 subject、text、html。"},
      "propertyNames": {"enum": ["en", "zh-CN"]},
      "additionalProperties": {"type": "object", "additionalProperties": false,
        "properties": {
          "subject": {"type": "string", "maxLength": 16384},
          "text": {"type": "string", "maxLength": 16384},
          "html": {"type": "string", "maxLength": 16384}}}}
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
	// Templates replace parts of the built-in templates, by locale tag;
	// empty means the built-in ones.
	Templates map[string]TemplateSource `json:"templates,omitempty"`
}

// CheckSettings checks that the sender is an e-mail address and that the
// templates, if any, parse and use only what they may.
func (Plugin) CheckSettings(settings map[string]any) error {
	raw, _ := settings["from"].(string)
	if _, err := mail.ParseAddress(raw); err != nil {
		return problem.Fields(problem.FieldError{Pointer: "/settings/from", Code: "invalid",
			Messages: localized("email.from_invalid", nil)})
	}

	var s Settings
	if err := plugins.DecodeSettings(settings, &s); err != nil {
		return err
	}
	_, err := ParseTemplates(s.Templates)
	var te *TemplateError
	if errors.As(err, &te) {
		return problem.Fields(problem.FieldError{Pointer: templatePointer(te), Code: "invalid",
			Messages: localized("email.template_invalid", i18n.Params{"error": te.Err.Error()})})
	}

	return err
}

// templatePointer is the settings field of a template error.
func templatePointer(te *TemplateError) string {
	p := "/settings/templates/" + te.Locale
	if te.Part != "" {
		p += "/" + te.Part
	}
	return p
}

// localized is the catalog entry key in every locale.
func localized(key string, params i18n.Params) map[i18n.Locale]string {
	out := map[i18n.Locale]string{}
	for _, l := range i18n.Locales {
		out[l] = i18n.T(l, key, params)
	}
	return out
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

	ts, err := ParseTemplates(s.Templates)
	if err != nil {
		return nil, outbox.Permanent(err)
	}

	return &Mailer{Settings: s, From: from, Clock: env.Clock, Dial: guardedDial(env.HTTP),
		Templates: ts}, nil
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
	// Templates are the letters per locale; nil means the built-in ones.
	Templates Templates
}

// templates is the Mailer's template set.
func (m *Mailer) templates() Templates {
	if m.Templates == nil {
		return builtin
	}
	return m.Templates
}
