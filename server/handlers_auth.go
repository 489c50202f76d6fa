package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/limiter"

	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
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

	sess, err := s.deps.Accounts.Login(audit.WithIP(c.Context(), c.IP()), in)
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

// Password reset limits per e-mail address, on top of the per-address
// limit of every sign-in route. The answer to a limited address is the same
// whether an account has it or not.
const (
	resetPerEmail       = 5
	resetPerEmailWindow = time.Hour
)

// resetRoutes declares the password reset.
func (s *Server) resetRoutes() []route {
	return []route{
		{method: http.MethodPost, path: "/api/v1/auth/reset", op: "requestPasswordReset",
			tag: "auth", summary: "Send a password-reset link (always 202: no account " +
				"enumeration)", access: public, limited: true,
			before: []fiber.Handler{s.resetEmailLimiter()}, in: auth.ResetInput{},
			status: http.StatusAccepted, handler: s.requestReset},
		{method: http.MethodPost, path: "/api/v1/auth/reset/confirm",
			op: "confirmPasswordReset", tag: "auth",
			summary: "Set a new password with a reset link's token; ends every session",
			access:  public, limited: true, in: auth.ResetConfirmInput{},
			status: http.StatusNoContent, handler: s.confirmReset},
	}
}

// resetEmailLimiter limits reset requests per e-mail address (as the body
// names it, normalised), so that nobody floods a mailbox from many
// addresses. Like the per-address limit it counts per process.
func (s *Server) resetEmailLimiter() fiber.Handler {
	return limiter.New(limiter.Config{
		Max:        resetPerEmail,
		Expiration: resetPerEmailWindow,
		KeyGenerator: func(c fiber.Ctx) string {
			var in auth.ResetInput
			_ = json.Unmarshal(c.Body(), &in)
			sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(in.Email))))
			return "reset:" + hex.EncodeToString(sum[:])
		},
		LimitReached: func(c fiber.Ctx) error {
			e := problem.New(problem.RateLimited, "auth.rate_limited",
				i18n.Params{"seconds": int(resetPerEmailWindow.Seconds())})
			e.RetryAfter = resetPerEmailWindow
			return e
		},
	})
}

// requestReset answers 202 for every well-formed address. When the account
// exists a link goes out; a failure on that path is logged, not answered,
// since an error only known accounts can meet would tell them apart.
func (s *Server) requestReset(c fiber.Ctx) error {
	var in auth.ResetInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := audit.WithIP(c.Context(), c.IP())

	issued, err := s.deps.Accounts.RequestReset(ctx, in)
	if _, refused := problem.As(err); refused {
		return err
	}
	if err != nil {
		s.log.ErrorContext(ctx, "issuing reset link", "err", err)
	} else if issued != nil {
		s.sendResetLink(c, issued)
	}
	return c.SendStatus(http.StatusAccepted)
}

// sendResetLink puts the link in the user's outbox: by e-mail when the
// tenant has an e-mail channel, else as an in-app notification. The link
// is built from PublicURL only.
func (s *Server) sendResetLink(c fiber.Ctx, r *auth.IssuedReset) {
	link := s.opts.PublicURL + "/reset?token=" + url.QueryEscape(r.Token)
	params := i18n.Params{"minutes": int(auth.ResetTTL.Minutes())}
	msg := outbox.Message{Channel: s.resetChannel(c, r.User.TenantID),
		Kind: outbox.KindNotify, Recipients: []string{r.User.ID}, Link: link,
		DedupeKey: "password_reset:" + r.ID, Payload: map[string]any{"locale": r.User.Locale},
		Title: outbox.Text{i18n.English: i18n.T(i18n.English, "reset.mail_title", nil),
			i18n.Chinese: i18n.T(i18n.Chinese, "reset.mail_title", nil)},
		Body: outbox.Text{i18n.English: i18n.T(i18n.English, "reset.mail_body", params),
			i18n.Chinese: i18n.T(i18n.Chinese, "reset.mail_body", params)}}
	if s.deps.Outbox == nil {
		s.log.ErrorContext(c.Context(), "no outbox to send a reset link", "user_id", r.User.ID)
		return
	}
	if _, err := s.deps.Outbox.Add(c.Context(), r.User.TenantID, msg); err != nil {
		s.log.ErrorContext(c.Context(), "queueing reset link", "user_id", r.User.ID, "err", err)
	}
}

func (s *Server) resetChannel(c fiber.Ctx, tenantID string) string {
	if s.deps.Plugins == nil {
		return outbox.ChannelInApp
	}
	insts, err := s.deps.Plugins.Enabled(c.Context(), tenantID)
	if err != nil {
		s.log.WarnContext(c.Context(), "listing channels for a reset link", "err", err)
	}
	for _, in := range insts {
		if in.Channel == outbox.ChannelEmail {
			return outbox.ChannelEmail
		}
	}
	return outbox.ChannelInApp
}

func (s *Server) confirmReset(c fiber.Ctx) error {
	var in auth.ResetConfirmInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}

	err := s.deps.Accounts.ConfirmReset(audit.WithIP(c.Context(), c.IP()), in)
	if err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}
