package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/clock"
)

// pingTimeout bounds each store's readiness ping.
const pingTimeout = 2 * time.Second

func (s *Server) healthz(c fiber.Ctx) error {
	return c.JSON(HealthView{Status: "ok"})
}

// readyz pings each store separately, so an operator sees which one is
// down; it answers 503 while any is.
func (s *Server) readyz(c fiber.Ctx) error {
	out := ReadyView{Status: "ok", Stores: map[string]StoreCheck{}}
	if st := s.deps.Store; st != nil {
		out.Stores["mongodb"] = check(c.Context(), string(st.Mode), st.Addr, st.Ping)
	}
	if q := s.deps.Queue; q != nil {
		out.Stores["redis"] = check(c.Context(), string(q.Mode), q.Addr, q.Ping)
	}

	status := http.StatusOK
	for _, sc := range out.Stores {
		if sc.Status != "ok" {
			out.Status, status = "degraded", http.StatusServiceUnavailable
		}
	}
	return c.Status(status).JSON(out)
}

func check(ctx context.Context, mode, addr string, ping func(context.Context) error) StoreCheck {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()

	watch := clock.StartStopwatch()
	err := ping(ctx)
	sc := StoreCheck{Status: "ok", Mode: mode, Addr: addr,
		LatencyMS: float64(watch.Elapsed().Microseconds()) / 1000}
	if err != nil {
		sc.Status, sc.Error = "unavailable", err.Error()
	}
	return sc
}
