package server

import (
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/plugins"
)

// PluginList is the registered plugins.
type PluginList struct {
	Items []plugins.Info `json:"items"`
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
		{method: http.MethodPost, path: "/api/v1/plugins/instances/:id/test",
			op: "testPluginInstance", tag: "plugins", object: "plugin_instance",
			summary: "Send a test message and report the vendor's answer",
			perm:    auth.WriteDefinitions, out: plugins.TestResult{}, status: http.StatusOK,
			handler: s.testPluginInstance},
	}
}

func (s *Server) listPlugins(c fiber.Ctx) error {
	return c.JSON(PluginList{Items: s.deps.Plugins.Plugins()})
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
