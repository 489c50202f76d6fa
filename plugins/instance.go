package plugins

import (
	"maps"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// InstancesCollection holds the tenants' configured plugins.
const InstancesCollection = "plugin_instances"

// Instance is a plugin configured by a tenant, e.g. "our DingTalk robot for
// the East team". Secret settings are stored sealed, apart from the rest.
type Instance struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	// Key names the instance in process definitions ("dingtalk_east");
	// unique per tenant.
	Key string `bson:"key"`
	// Plugin is the registered plugin's name.
	Plugin string `bson:"plugin"`
	// Channel is the channel kind of a channel plugin ("dingtalk").
	Channel string `bson:"channel,omitempty"`
	// Name is the display name.
	Name    string `bson:"name"`
	Enabled bool   `bson:"enabled"`
	// Settings are the settings that are not secret.
	Settings map[string]any `bson:"settings"`
	// Secrets are the secret settings, each sealed by Sealer.
	Secrets map[string]string `bson:"secrets,omitempty"`

	CreatedAt time.Time `bson:"created_at"`
	UpdatedAt time.Time `bson:"updated_at"`
	Version   int64     `bson:"version"`
}

// InstanceInput configures a new instance.
type InstanceInput struct {
	// Key is 2 to 40 lower-case letters, digits and underscores, starting
	// with a letter.
	Key string `json:"key"`
	// Name is the display name; empty means the key.
	Name string `json:"name,omitempty"`
	// Enabled defaults to true.
	Enabled *bool `json:"enabled,omitempty"`
	// Settings follow the plugin's settings schema.
	Settings map[string]any `json:"settings"`
}

// InstanceView is an instance as the API shows it: secrets are masked.
type InstanceView struct {
	ID        string         `json:"id"`
	Key       string         `json:"key"`
	Plugin    string         `json:"plugin"`
	Channel   string         `json:"channel,omitempty"`
	Name      string         `json:"name"`
	Enabled   bool           `json:"enabled"`
	Settings  map[string]any `json:"settings"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	Version   int64          `json:"version"`
}

// View returns the instance with every secret replaced by Mask.
func (in *Instance) View() InstanceView {
	settings := maps.Clone(in.Settings)
	if settings == nil {
		settings = map[string]any{}
	}
	for k := range in.Secrets {
		settings[k] = Mask
	}

	return InstanceView{ID: in.ID, Key: in.Key, Plugin: in.Plugin, Channel: in.Channel,
		Name: in.Name, Enabled: in.Enabled, Settings: settings, CreatedAt: in.CreatedAt,
		UpdatedAt: in.UpdatedAt, Version: in.Version}
}

// secretContext binds a sealed setting to its tenant, instance and name.
func secretContext(in *Instance, name string) string {
	return in.TenantID + "/" + in.ID + "/" + name
}
