package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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

// requestReset answers 202 for every well-formed address, before looking
// the address up: the link is issued and queued afterwards, in the
// background (see issueReset), so neither the answer nor the time it
// takes depends on whether the address has an account.
func (s *Server) requestReset(c fiber.Ctx) error {
	var in auth.ResetInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}

	// Fiber reuses the request's memory once the handler returns: what the
	// background work reads is copied first.
	ctx := audit.WithIP(context.WithoutCancel(c.Context()), strings.Clone(c.IP()))
	in.Email = strings.Clone(in.Email)
	s.resets.Go(func() { s.issueReset(ctx, in) })

	return c.SendStatus(http.StatusAccepted)
}

// issueReset issues the reset link of in's address, when it has an
// account, and queues the message that carries it. A failure is logged:
// the request was answered already, alike for every address.
func (s *Server) issueReset(ctx context.Context, in auth.ResetInput) {
	issued, err := s.deps.Accounts.RequestReset(ctx, in)
	if err != nil {
		s.log.ErrorContext(ctx, "issuing reset link", "err", err)
		return
	}
	if issued != nil {
		s.sendResetLink(ctx, issued)
	}
}

// SettleResets waits, up to ctx's end, for the reset links still being
// issued in the background; Shutdown calls it.
func (s *Server) SettleResets(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		s.resets.Wait()
		close(done)
	}()

	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for reset links being issued: %w", ctx.Err())
	}
}

// sendResetLink puts the link in the user's outbox: by e-mail when the
// tenant has an e-mail channel, else as an in-app notification. The link
// is built from PublicURL only.
func (s *Server) sendResetLink(ctx context.Context, r *auth.IssuedReset) {
	link := s.opts.PublicURL + "/reset?token=" + url.QueryEscape(r.Token)
	params := i18n.Params{"minutes": int(auth.ResetTTL.Minutes())}
	msg := outbox.Message{Channel: s.resetChannel(ctx, r.User.TenantID),
		Kind: outbox.KindNotify, Recipients: []string{r.User.ID}, Link: link,
		DedupeKey: "password_reset:" + r.ID, Payload: map[string]any{"locale": r.User.Locale},
		Title: outbox.Text{i18n.English: i18n.T(i18n.English, "reset.mail_title", nil),
			i18n.Chinese: i18n.T(i18n.Chinese, "reset.mail_title", nil)},
		Body: outbox.Text{i18n.English: i18n.T(i18n.English, "reset.mail_body", params),
			i18n.Chinese: i18n.T(i18n.Chinese, "reset.mail_body", params)}}
	if s.deps.Outbox == nil {
		s.log.ErrorContext(ctx, "no outbox to send a reset link", "user_id", r.User.ID)
		return
	}
	if _, err := s.deps.Outbox.Add(ctx, r.User.TenantID, msg); err != nil {
		s.log.ErrorContext(ctx, "queueing reset link", "user_id", r.User.ID, "err", err)
	}
}

// resetChannel is where a tenant's reset links go: its e-mail channel, or
// in-app.
func (s *Server) resetChannel(ctx context.Context, tenantID string) string {
	if s.deps.Plugins == nil {
		return outbox.ChannelInApp
	}
	insts, err := s.deps.Plugins.Enabled(ctx, tenantID)
	if err != nil {
		s.log.WarnContext(ctx, "listing channels for a reset link", "err", err)
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
