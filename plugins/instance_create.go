package plugins

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// keyPattern is what an instance key looks like.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// reservedKeys are the channel kinds, which a key may not shadow.
var reservedKeys = []string{outbox.ChannelInApp, outbox.ChannelWeCom, outbox.ChannelDingTalk,
	outbox.ChannelFeishu, outbox.ChannelEmail, outbox.ChannelWebhook}

// mayConfigure reports whether p may configure plugins.
func mayConfigure(p auth.Principal) bool {
	return p.Can(auth.ManageTenant) || p.Can(auth.WriteDefinitions)
}

// Create configures an instance of plugin name for the principal's tenant.
func (s *Service) Create(ctx context.Context, p auth.Principal, name string,
	in InstanceInput) (*InstanceView, error) {
	if !mayConfigure(p) {
		return nil, problem.New(problem.Forbidden, "plugins.configure_forbidden", nil)
	}

	reg, ok := s.registry.entry(name)
	if !ok {
		return nil, problem.NotFoundf("plugins.plugin_not_found")
	}

	if err := s.check(reg, in); err != nil {
		return nil, err
	}

	inst := s.newInstance(p.TenantID, reg.plugin.Info(), in)
	if err := s.seal(inst, reg.schema, in.Settings); err != nil {
		return nil, err
	}

	if err := s.instances(p.TenantID).InsertOne(ctx, inst); err != nil {
		if mongo.IsDuplicate(err) {
			return nil, problem.Fields(problem.Field("/key", "duplicate", nil))
		}
		return nil, fmt.Errorf("storing plugin instance: %w", err)
	}

	s.log.InfoContext(ctx, "plugin instance configured", slog.String("tenant_id", p.TenantID),
		slog.String("instance_id", inst.ID), slog.String("plugin", name),
		slog.String("key", inst.Key))
	v := inst.View()

	return &v, nil
}

// check validates the key and the settings.
func (s *Service) check(reg registered, in InstanceInput) error {
	var c problem.Collector
	if !keyPattern.MatchString(in.Key) || slices.Contains(reservedKeys, in.Key) {
		c.Add("/key", "invalid_key", nil)
	}

	if err := reg.schema.validate(in.Settings); err != nil {
		pe, ok := problem.As(err)
		if !ok {
			return err
		}
		for _, f := range pe.Fields {
			c.AddField(f)
		}
	}

	if chk, ok := reg.plugin.(SettingsChecker); ok && !c.Has("/settings") {
		if err := chk.CheckSettings(in.Settings); err != nil {
			return err
		}
	}

	return c.Err()
}

// newInstance returns the document of a new instance, settings not yet set.
func (s *Service) newInstance(tenantID string, info Info, in InstanceInput) *Instance {
	now := s.clock.Now()
	inst := &Instance{ID: s.ids.New(), Key: in.Key, Plugin: info.Name, Channel: info.Channel,
		Name: in.Name, Enabled: in.Enabled == nil || *in.Enabled, CreatedAt: now,
		UpdatedAt: now, Version: 1}
	inst.TenantID = tenantID
	if inst.Name == "" {
		inst.Name = in.Key
	}

	return inst
}

// seal splits settings into plain settings and sealed secrets.
func (s *Service) seal(inst *Instance, schema *settingsSchema, settings map[string]any) error {
	inst.Settings = map[string]any{}
	for k, v := range settings {
		if !schema.secrets[k] {
			inst.Settings[k] = v
			continue
		}

		plain, _ := v.(string)
		if plain == "" {
			continue
		}
		if !s.sealer.HasKey() {
			return problem.New(problem.Unavailable, "plugins.secret_key_missing", nil)
		}

		sealed, err := s.sealer.Seal(plain, secretContext(inst, k))
		if err != nil {
			return fmt.Errorf("sealing setting %s: %w", k, err)
		}
		if inst.Secrets == nil {
			inst.Secrets = map[string]string{}
		}
		inst.Secrets[k] = sealed
	}

	return nil
}

// List returns the tenant's instances, secrets masked.
func (s *Service) List(ctx context.Context, p auth.Principal) ([]InstanceView, error) {
	if !mayConfigure(p) {
		return nil, problem.New(problem.Forbidden, "plugins.configure_forbidden", nil)
	}

	var docs []Instance
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})
	if err := s.instances(p.TenantID).FindAll(ctx, bson.D{}, &docs, opts); err != nil {
		return nil, fmt.Errorf("listing plugin instances: %w", err)
	}

	out := make([]InstanceView, 0, len(docs))
	for i := range docs {
		out = append(out, docs[i].View())
	}

	return out, nil
}

// instance reads one instance of the tenant by id.
func (s *Service) instance(ctx context.Context, tenantID, id string) (*Instance, error) {
	var inst Instance
	err := s.instances(tenantID).FindByID(ctx, id, &inst)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("plugins.instance_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading plugin instance %s: %w", id, err)
	}

	return &inst, nil
}
