package server

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// ClockInput moves the manual clock: by a duration ("2h", "3d") or to a
// time.
type ClockInput struct {
	Advance string    `json:"advance,omitempty"`
	Set     time.Time `json:"set,omitzero"`
}

// ClockView is the manual clock's time after a move.
type ClockView struct {
	Now time.Time `json:"now"`
}

// clockRoutes exist only on a server with a manual clock; elsewhere the
// path answers 404 like any unknown route.
func (s *Server) clockRoutes() []route {
	if s.deps.AdvanceClock == nil {
		return nil
	}
	return []route{{method: http.MethodPost, path: "/api/v1/debug/clock", op: "moveClock",
		tag: "debug", summary: "Move the manual clock; timers due by then fire",
		perm: auth.AdvanceClock, in: ClockInput{}, out: ClockView{}, status: http.StatusOK,
		handler: s.moveClock}}
}

func (s *Server) moveClock(c fiber.Ctx) error {
	var in ClockInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var d time.Duration
	switch {
	case in.Advance != "" && !in.Set.IsZero(), in.Advance == "" && in.Set.IsZero():
		return problem.Fields(problem.Field("/advance", "advance_or_set", nil))
	case in.Advance != "":
		pd, err := calendar.ParseDuration(in.Advance)
		if err != nil || pd.Business {
			return problem.Fields(problem.Field("/advance", "invalid_duration", nil))
		}
		d = pd.Nominal()
	default:
		d = in.Set.Sub(s.deps.Clock.Now())
		if d < 0 {
			return problem.Fields(problem.Field("/set", "in_past", nil))
		}
	}
	now, err := s.deps.AdvanceClock(c.Context(), d)
	if err != nil {
		return err
	}
	return c.JSON(ClockView{Now: now})
}
