package plugins

import (
	"context"
	"fmt"
	"log/slog"
	"maps"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// InstanceUpdate changes an instance. Absent fields keep their values.
type InstanceUpdate struct {
	// Name is the new display name.
	Name *string `json:"name,omitempty"`
	// Enabled switches the instance on or off.
	Enabled *bool `json:"enabled,omitempty"`
	// Settings, when present, are the complete new settings, except that a
	// secret setting left out (or sent back as the mask) keeps its stored
	// value; a new value replaces it.
	Settings map[string]any `json:"settings,omitempty"`
	// Version, when above zero, must be the instance's current version.
	Version int64 `json:"version,omitempty"`
}

// Get returns instance id of the principal's tenant, secrets masked.
func (s *Service) Get(ctx context.Context, p auth.Principal, id string) (*InstanceView, error) {
	if !mayConfigure(p) {
		return nil, problem.New(problem.Forbidden, "plugins.configure_forbidden", nil)
	}
	inst, err := s.instance(ctx, p.TenantID, id)
	if err != nil {
		return nil, err
	}
	v := inst.View()

	return &v, nil
}

// Update changes instance id of the principal's tenant: one conditional
// update, so a concurrent change answers a conflict rather than being lost.
// The key and the plugin never change.
func (s *Service) Update(ctx context.Context, p auth.Principal, id string,
	in InstanceUpdate) (*InstanceView, error) {
	if !mayConfigure(p) {
		return nil, problem.New(problem.Forbidden, "plugins.configure_forbidden", nil)
	}
	inst, err := s.instance(ctx, p.TenantID, id)
	if err != nil {
		return nil, err
	}
	if in.Version > 0 && in.Version != inst.Version {
		return nil, problem.New(problem.Conflict, "plugins.stale_version", nil)
	}

	next, err := s.updated(inst, in)
	if err != nil {
		return nil, err
	}
	if err := s.store1(ctx, inst, next); err != nil {
		return nil, err
	}

	s.log.InfoContext(ctx, "plugin instance updated", slog.String("tenant_id", p.TenantID),
		slog.String("instance_id", id), slog.String("plugin", inst.Plugin),
		slog.Bool("settings_changed", in.Settings != nil))
	v := next.View()

	return &v, nil
}

// updated returns inst with in applied, settings checked and re-sealed.
func (s *Service) updated(inst *Instance, in InstanceUpdate) (*Instance, error) {
	next := *inst
	next.Version, next.UpdatedAt = inst.Version+1, s.clock.Now()
	if in.Name != nil {
		if *in.Name == "" {
			return nil, problem.Fields(problem.Field("/name", "required", nil))
		}
		next.Name = *in.Name
	}
	if in.Enabled != nil {
		next.Enabled = *in.Enabled
	}
	if in.Settings == nil {
		return &next, nil
	}

	reg, ok := s.registry.entry(inst.Plugin)
	if !ok {
		return nil, fmt.Errorf("instance %s: plugin %s is not registered", inst.ID, inst.Plugin)
	}
	merged, err := s.withStoredSecrets(inst, reg.schema, in.Settings)
	if err != nil {
		return nil, err
	}
	if r, ok := reg.plugin.(Rotator); ok {
		before, err := s.withStoredSecrets(inst, reg.schema, maps.Clone(inst.Settings))
		if err != nil {
			return nil, err
		}
		merged = r.Rotate(before, merged, s.clock.Now())
	}
	if err := s.check(reg, InstanceInput{Key: inst.Key, Settings: merged}); err != nil {
		return nil, err
	}
	next.Secrets = nil
	if err := s.seal(&next, reg.schema, merged); err != nil {
		return nil, err
	}

	return &next, nil
}

// withStoredSecrets returns settings with each secret that was left out,
// empty or masked replaced by its stored value in clear.
func (s *Service) withStoredSecrets(inst *Instance, schema *settingsSchema,
	settings map[string]any) (map[string]any, error) {
	out := maps.Clone(settings)
	for name := range schema.secrets {
		v, present := out[name]
		if str, _ := v.(string); present && str != "" && str != Mask {
			continue
		}
		sealed, stored := inst.Secrets[name]
		if !stored {
			delete(out, name)
			continue
		}

		plain, err := s.sealer.Open(sealed, secretContext(inst, name))
		if err != nil {
			return nil, fmt.Errorf("instance %s setting %s: %w", inst.ID, name, err)
		}
		out[name] = plain
	}

	return out, nil
}

// store1 writes next over inst if inst is still the stored version.
func (s *Service) store1(ctx context.Context, inst, next *Instance) error {
	set := bson.D{{Key: "name", Value: next.Name}, {Key: "enabled", Value: next.Enabled},
		{Key: "settings", Value: next.Settings}, {Key: "secrets", Value: next.Secrets},
		{Key: "updated_at", Value: next.UpdatedAt}, {Key: "version", Value: next.Version}}
	ok, err := s.instances(inst.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: inst.ID},
		{Key: "version", Value: inst.Version}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("updating plugin instance %s: %w", inst.ID, err)
	}
	if !ok {
		return problem.New(problem.Conflict, "plugins.stale_version", nil)
	}

	return nil
}

// Disable switches instance id off. Messages already queued for it then
// fail permanently at their next attempt, naming the missing instance, so
// they show as dead deliveries (with an incident) instead of vanishing;
// re-enabling it with Update and retrying them delivers them.
func (s *Service) Disable(ctx context.Context, p auth.Principal,
	id string) (*InstanceView, error) {
	off := false
	return s.Update(ctx, p, id, InstanceUpdate{Enabled: &off})
}

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"plugins.stale_version": {
			i18n.English: "This plugin configuration was changed meanwhile. " +
				"Reload it and try again.",
			i18n.Chinese: "该插件配置已被他人修改，请刷新后重试。",
		},
		"plugins.not_connector": {
			i18n.English: "This plugin does not exchange records with another system.",
			i18n.Chinese: "该插件不能与其他系统交换数据。",
		},
		"plugins.instance_disabled": {
			i18n.English: "This plugin configuration is switched off. Switch it on first.",
			i18n.Chinese: "该插件配置已停用，请先启用。",
		},
		"plugins.field_map_empty": {
			i18n.English: "The field map of \"{object}\" maps none of the record's fields.",
			i18n.Chinese: "“{object}”的字段映射未包含该记录的任何字段。",
		},
		"plugins.unknown_object": {
			i18n.English: "This system has no object \"{object}\".",
			i18n.Chinese: "该系统没有“{object}”这类数据。",
		},
		"plugins.field_map_missing": {
			i18n.English: "Set up the field map of this object in the plugin settings first.",
			i18n.Chinese: "请先在插件设置中配置该对象的字段映射。",
		},
		"plugins.key_not_mapped": {
			i18n.English: "No external field is mapped to the key field \"{field}\".",
			i18n.Chinese: "字段映射中没有外部字段对应关键字段“{field}”。",
		},
		"plugins.limit_out_of_range": {
			i18n.English: "Enter a page size from 1 to {max}.",
			i18n.Chinese: "每页条数应在 1 到 {max} 之间。",
		},
		"plugins.row_failed": {
			i18n.English: "This row could not be stored.",
			i18n.Chinese: "这一行未能保存。",
		},
		"plugins.vendor_unavailable": {
			i18n.English: "The other system did not answer properly; try again later. ({reason})",
			i18n.Chinese: "对方系统暂时无法正常响应，请稍后重试。（{reason}）",
		},
		"plugins.vendor_refused": {
			i18n.English: "The other system refused the request: {reason}",
			i18n.Chinese: "对方系统拒绝了请求：{reason}",
		},
		"plugins.input_invalid": {
			i18n.English: "This input value is not valid for the action.",
			i18n.Chinese: "该输入值不符合动作的要求。",
		},
	})
}
