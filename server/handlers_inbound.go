package server

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/inbound"
	"github.com/formworkhq/formwork/runtime/engine"
)

// inboundRoutes declares the public endpoint of inbound event webhooks. The
// plugin service looks instances up per tenant only, so the path names the
// tenant; it is declared with object kind "plugin" because it reaches only
// the tenant it names, after the signature proves the caller knows its
// secret.
func (s *Server) inboundRoutes() []route {
	if s.deps.Plugins == nil || s.deps.Engine == nil {
		return nil
	}

	return []route{{method: http.MethodPost, path: "/api/v1/hooks/:tenant_id/:key",
		op: "postInboundWebhook", tag: "plugins", access: public, object: "plugin",
		summary: "Receive an event signed the Standard Webhooks way by another system; " +
			"inbound_event triggers start", in: inbound.Event{}, out: EventView{},
		status: http.StatusAccepted, handler: s.postInboundWebhook}}
}

func (s *Server) postInboundWebhook(c fiber.Ctx) error {
	tenantID, key := c.Params("tenant_id"), c.Params("key")
	h := http.Header{}
	for k, vs := range c.GetReqHeaders() {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	body := append([]byte(nil), c.Body()...)

	if err := s.verifyInbound(c, tenantID, key, h, body); err != nil {
		return err
	}

	ev, err := inbound.ParseEvent(body)
	if err != nil {
		return err
	}
	n, err := s.deps.Engine.OnInboundEvent(c.Context(), tenantID, engine.InboundEvent{
		Name: ev.Type, ID: h.Get(inbound.HeaderID), RecordID: ev.RecordID, Payload: ev.Data})
	if err != nil {
		return err
	}

	return c.Status(http.StatusAccepted).JSON(EventView{Started: n})
}

// verifyInbound checks the delivery with the tenant's instance called key.
// An unknown tenant or key, a disabled instance, another plugin's key and a
// bad signature all answer inbound.Unauthorized.
func (s *Server) verifyInbound(c fiber.Ctx, tenantID, key string, h http.Header,
	body []byte) error {
	b, err := s.deps.Plugins.Resolve(c.Context(), tenantID, key)
	if errors.Is(err, plugins.ErrNoInstance) || (err == nil && b.Info.Name != inbound.Name) {
		return inbound.Unauthorized()
	}
	if err != nil {
		return err
	}

	_, err = b.Sender.Send(c.Context(), inbound.VerifyMessage(h, body))
	var pe *problem.Error
	if err != nil && !errors.As(err, &pe) {
		return inbound.Unauthorized()
	}

	return err
}
