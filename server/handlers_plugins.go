package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/record"
)

// PluginList is the registered plugins.
type PluginList struct {
	Items []PluginView `json:"items"`
}

// PluginView is a registered plugin as the designer sees it: its Info,
// and for actions and connectors what they offer.
type PluginView struct {
	Name           string          `json:"name"`
	Kind           plugins.Kind    `json:"kind"`
	Channel        string          `json:"channel,omitempty"`
	Version        string          `json:"version"`
	SettingsSchema json.RawMessage `json:"settings_schema"`
	PerMinute      int             `json:"per_minute,omitempty"`
	// Actions are the actions a call_action node may run, with the JSON
	// Schemas of their input and output.
	Actions []plugins.ActionSpec `json:"actions,omitempty"`
	// Objects are the kinds of record a connector pulls and pushes.
	Objects []plugins.ObjectSpec `json:"objects,omitempty"`
}

// PluginInstanceList is the tenant's configured plugins, secrets masked.
type PluginInstanceList struct {
	Items []plugins.InstanceView `json:"items"`
}

// pluginRoutes declares the plugin API. It is empty when the server runs
// without a plugin service.
func (s *Server) pluginRoutes() []route {
	if s.deps.Plugins == nil {
		return nil
	}

	return []route{
		{method: http.MethodGet, path: "/api/v1/plugins", op: "listPlugins", tag: "plugins",
			summary: "The plugins compiled into the server", out: PluginList{},
			status: http.StatusOK, handler: s.listPlugins},
		{method: http.MethodGet, path: "/api/v1/plugins/instances", op: "listPluginInstances",
			tag: "plugins", summary: "The tenant's configured plugins (secrets masked)",
			perm: auth.WriteDefinitions, out: PluginInstanceList{}, status: http.StatusOK,
			handler: s.listPluginInstances},
		{method: http.MethodPost, path: "/api/v1/plugins/:name/instances",
			op: "createPluginInstance", tag: "plugins", object: "plugin",
			summary: "Configure a plugin for the tenant", perm: auth.WriteDefinitions,
			in: plugins.InstanceInput{}, out: plugins.InstanceView{},
			status: http.StatusCreated, idempotent: true, handler: s.createPluginInstance},
		{method: http.MethodGet, path: "/api/v1/plugins/instances/:id",
			op: "getPluginInstance", tag: "plugins", object: "plugin_instance",
			summary: "One configured plugin (secrets masked)", perm: auth.WriteDefinitions,
			out: plugins.InstanceView{}, status: http.StatusOK, handler: s.getPluginInstance},
		{method: http.MethodPatch, path: "/api/v1/plugins/instances/:id",
			op: "updatePluginInstance", tag: "plugins", object: "plugin_instance",
			summary: "Rename, switch or reconfigure an instance; omitted secrets are kept",
			perm:    auth.WriteDefinitions, in: plugins.InstanceUpdate{},
			out: plugins.InstanceView{}, status: http.StatusOK,
			handler: s.updatePluginInstance},
		{method: http.MethodDelete, path: "/api/v1/plugins/instances/:id",
			op: "disablePluginInstance", tag: "plugins", object: "plugin_instance",
			summary: "Switch an instance off; its queued deliveries then fail visibly",
			perm:    auth.WriteDefinitions, out: plugins.InstanceView{}, status: http.StatusOK,
			handler: s.disablePluginInstance},
		{method: http.MethodPost, path: "/api/v1/plugins/instances/:id/pull",
			op: "pullPluginInstance", tag: "plugins", object: "plugin_instance",
			summary: "Pull a page of a connector's records into a form, by key",
			perm:    auth.WriteDefinitions, in: plugins.PullInput{}, out: plugins.PullResult{},
			status: http.StatusOK, handler: s.pullPluginInstance},
		{method: http.MethodGet, path: "/api/v1/plugins/signing-key", op: "getSigningKey",
			tag: "plugins", summary: "The key call_action webhook calls are signed with",
			perm: auth.ManageTokens, out: plugins.SigningKeyView{}, status: http.StatusOK,
			handler: s.getSigningKey},
		{method: http.MethodPost, path: "/api/v1/plugins/signing-key/rotate",
			op: "rotateSigningKey", tag: "plugins", perm: auth.ManageTokens,
			summary: "Replace the signing key; the old one co-signs for 24 hours",
			out:     plugins.SigningKeyView{}, status: http.StatusOK, handler: s.rotateSigningKey},
		{method: http.MethodPost, path: "/api/v1/plugins/instances/:id/test",
			op: "testPluginInstance", tag: "plugins", object: "plugin_instance",
			summary: "Send a test message and report the vendor's answer",
			perm:    auth.WriteDefinitions, out: plugins.TestResult{}, status: http.StatusOK,
			handler: s.testPluginInstance},
	}
}

func (s *Server) listPlugins(c fiber.Ctx) error {
	infos := s.deps.Plugins.Plugins()
	out := PluginList{Items: make([]PluginView, 0, len(infos))}
	for _, in := range infos {
		v := PluginView{Name: in.Name, Kind: in.Kind, Channel: in.Channel, Version: in.Version,
			SettingsSchema: in.SettingsSchema, PerMinute: in.PerMinute}
		v.Actions, _ = s.deps.Plugins.Actions(in.Name)
		v.Objects, _ = s.deps.Plugins.Objects(in.Name)
		out.Items = append(out.Items, v)
	}
	return c.JSON(out)
}

func (s *Server) listPluginInstances(c fiber.Ctx) error {
	items, err := s.deps.Plugins.List(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	return c.JSON(PluginInstanceList{Items: items})
}

func (s *Server) createPluginInstance(c fiber.Ctx) error {
	var in plugins.InstanceInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, err := s.deps.Plugins.Create(c.Context(), principalOf(c), c.Params("name"), in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(v)
}

func (s *Server) testPluginInstance(c fiber.Ctx) error {
	res, err := s.deps.Plugins.SendTest(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(res)
}

func (s *Server) getSigningKey(c fiber.Ctx) error {
	v, err := s.deps.Plugins.SigningKey(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *Server) rotateSigningKey(c fiber.Ctx) error {
	v, err := s.deps.Plugins.RotateSigningKey(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *Server) getPluginInstance(c fiber.Ctx) error {
	v, err := s.deps.Plugins.Get(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// updatePluginInstance looks the instance up before reading the body, so
// another tenant's id answers 404 whatever the body holds.
func (s *Server) updatePluginInstance(c fiber.Ctx) error {
	if _, err := s.deps.Plugins.Get(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	var in plugins.InstanceUpdate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, err := s.deps.Plugins.Update(c.Context(), principalOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *Server) disablePluginInstance(c fiber.Ctx) error {
	v, err := s.deps.Plugins.Disable(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// pullPluginInstance, like updatePluginInstance, answers another tenant's
// id with 404 before reading the body.
func (s *Server) pullPluginInstance(c fiber.Ctx) error {
	if _, err := s.deps.Plugins.Get(c.Context(), principalOf(c), c.Params("id")); err != nil {
		return err
	}
	var in plugins.PullInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	res, err := s.deps.Plugins.Pull(c.Context(), principalOf(c), c.Params("id"), in,
		recordUpserter{records: s.deps.Records})
	if err != nil {
		return err
	}
	return c.JSON(res)
}

// recordUpserter merges pulled rows with the records service's upsert.
type recordUpserter struct{ records *record.Service }

// UpsertRow upserts one row by its key field.
func (u recordUpserter) UpsertRow(ctx context.Context, p auth.Principal, form,
	keyField string, data map[string]any) (plugins.Upserted, error) {
	if u.records == nil {
		return plugins.Upserted{}, errors.New("no records service")
	}
	res, err := u.records.Upsert(ctx, p, record.UpsertInput{Form: form, KeyField: keyField,
		Data: data})
	if err != nil {
		return plugins.Upserted{}, err
	}
	return plugins.Upserted{RecordID: res.Record.ID, Created: res.Created,
		Changed: res.Changed}, nil
}
