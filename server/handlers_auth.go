package server

import (
	"net/http"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

func (s *Server) signup(c fiber.Ctx) error {
	if s.opts.SignupClosed {
		return problem.New(problem.Forbidden, "signup.closed", nil)
	}
	var in auth.SignupInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Locale == "" {
		in.Locale = localeOf(c)
	}

	t, u, err := s.deps.Accounts.Signup(c.Context(), in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(SignupView{TenantID: t.ID, UserID: u.ID,
		Tenant: tenantView(t), User: userView(u)})
}

func (s *Server) login(c fiber.Ctx) error {
	var in auth.LoginInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	sess, err := s.deps.Accounts.Login(c.Context(), in)
	if err != nil {
		return err
	}

	c.Cookie(&fiber.Cookie{Name: SessionCookie, Value: sess.Token, Path: "/",
		Expires: sess.ExpiresAt, HTTPOnly: true, Secure: s.opts.SecureCookies,
		SameSite: fiber.CookieSameSiteLaxMode})
	c.Cookie(&fiber.Cookie{Name: CSRFCookie, Value: sess.CSRF, Path: "/",
		Expires: sess.ExpiresAt, Secure: s.opts.SecureCookies,
		SameSite: fiber.CookieSameSiteLaxMode})
	return c.JSON(LoginView{Token: sess.Token, CSRFToken: sess.CSRF,
		ExpiresAt: sess.ExpiresAt, User: userView(sess.User)})
}

func (s *Server) logout(c fiber.Ctx) error {
	if err := s.deps.Accounts.Logout(c.Context(), principalOf(c)); err != nil {
		return err
	}
	c.ClearCookie(SessionCookie, CSRFCookie)
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) getMe(c fiber.Ctx) error {
	p := principalOf(c)
	u, err := s.deps.Accounts.GetUser(c.Context(), p, p.UserID)
	if err != nil {
		return err
	}
	return c.JSON(userView(u))
}

func (s *Server) updateMe(c fiber.Ctx) error {
	var in auth.UserPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	u, err := s.deps.Accounts.UpdateMe(c.Context(), principalOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(userView(u))
}

func (s *Server) getTenant(c fiber.Ctx) error {
	t, err := s.deps.Accounts.Tenant(c.Context(), principalOf(c))
	if err != nil {
		return err
	}
	return c.JSON(tenantView(t))
}

// pageParams reads ?limit= and ?cursor= of a list.
func pageParams(c fiber.Ctx) (auth.Page, error) {
	pg := auth.Page{Limit: 50}
	if v := c.Query("limit"); v != "" {
		n := fiber.Query[int](c, "limit", -1)
		if n < 1 || n > 200 {
			return pg, problem.New(problem.BadRequest, "request.invalid_query",
				i18n.Params{"name": "limit"})
		}
		pg.Limit = n
	}
	after, err := decodeCursor(c.Query("cursor"))
	if err != nil {
		return pg, err
	}
	pg.After = after
	return pg, nil
}
