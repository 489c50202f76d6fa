package plugins

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Kind is what a plugin does.
type Kind string

// The kinds of plugin.
const (
	// KindChannel delivers messages to people.
	KindChannel Kind = "channel"
	// KindAction is the effect of a process node.
	KindAction Kind = "action"
	// KindConnector pulls and pushes records of another system.
	KindConnector Kind = "connector"
)

// Info describes a plugin to the registry and to the admin screens.
type Info struct {
	// Name is unique among plugins, e.g. "dingtalk_robot".
	Name string `json:"name"`
	// Kind is channel, action or connector.
	Kind Kind `json:"kind"`
	// Channel is the channel kind a channel plugin delivers to ("dingtalk").
	Channel string `json:"channel,omitempty"`
	// Version is the plugin's own version.
	Version string `json:"version"`
	// SettingsSchema is the JSON Schema of an instance's settings; a
	// property with "x-secret": true is encrypted at rest and masked.
	SettingsSchema json.RawMessage `json:"settings_schema"`
	// PerMinute, when above zero, is the vendor's published send limit.
	PerMinute int `json:"per_minute,omitempty"`
}

// Plugin is a compiled-in module.
type Plugin interface {
	Info() Info
}

// Env is what a plugin instance gets to work with.
type Env struct {
	// Settings are the instance's settings with secrets in clear.
	Settings map[string]any
	// HTTP dials user-configured URLs safely (see plugins/httpx).
	HTTP *http.Client
	// Clock is the injected time.
	Clock clock.Clock
}

// Channel is a plugin of kind channel: it builds the Sender of one
// configured instance.
type Channel interface {
	Plugin
	NewSender(env Env) (outbox.Sender, error)
}

// SettingsChecker is an optional interface: a plugin that checks settings
// beyond its schema (a URL's host, a secret's prefix). It returns problem
// field errors.
type SettingsChecker interface {
	CheckSettings(settings map[string]any) error
}

// Rotator is an optional interface: a plugin whose secret can be rotated
// with an overlap. When an admin changes an instance's settings, Rotate
// gets the stored settings and the new ones (secrets in clear) and returns
// what to store, e.g. with the replaced secret kept as the previous one
// for a while so receivers can switch without losing a delivery.
type Rotator interface {
	Rotate(before, after map[string]any, now time.Time) map[string]any
}

// Tester is an optional interface of a Channel: it builds the message sent
// by the instance's test action. Without it a plain text message is sent.
type Tester interface {
	TestMessage(ctx context.Context, m *outbox.Message)
}
