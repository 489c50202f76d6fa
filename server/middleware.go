package server

import (
	"crypto/subtle"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/limiter"
	"github.com/gofiber/fiber/v3/middleware/requestid"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// Cookie and header names of browser sessions.
const (
	SessionCookie = "fw_session"
	CSRFCookie    = "fw_csrf"
	CSRFHeader    = "X-CSRF-Token"
)

type ctxKey int

const principalKey ctxKey = iota

// principalOf returns the request's principal; only routes behind
// authenticate have one.
func principalOf(c fiber.Ctx) auth.Principal {
	p, _ := c.Locals(principalKey).(auth.Principal)
	return p
}

// localeOf picks the language of the answer: Accept-Language first, then
// the signed-in user's locale.
func localeOf(c fiber.Ctx) i18n.Locale {
	return i18n.Negotiate(c.Get(fiber.HeaderAcceptLanguage), principalOf(c).Locale)
}

// authenticate resolves the bearer token or session cookie to a principal.
// A request authenticated by cookie alone must also carry the session's CSRF
// value in X-CSRF-Token when it changes anything.
func (s *Server) authenticate(c fiber.Ctx) error {
	token, fromCookie := bearerToken(c)
	if token == "" {
		return problem.New(problem.Unauthorized, "auth.missing", nil)
	}
	p, err := s.deps.Accounts.Authenticate(c.Context(), token)
	if err != nil {
		return err
	}
	// The principal is known before the CSRF check so that a refusal is
	// audited under the session's user.
	c.Locals(principalKey, p)
	if fromCookie && !safeMethod(c.Method()) &&
		subtle.ConstantTimeCompare([]byte(c.Get(CSRFHeader)), []byte(p.CSRF)) != 1 {
		return problem.New(problem.Forbidden, "auth.csrf", nil)
	}
	return c.Next()
}

func bearerToken(c fiber.Ctx) (token string, fromCookie bool) {
	h := c.Get(fiber.HeaderAuthorization)
	if scheme, tok, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(tok), false
	}
	if v := c.Cookies(SessionCookie); v != "" {
		return v, true
	}
	return "", false
}

func safeMethod(m string) bool {
	return m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions
}

// requirePerm refuses principals whose roles lack perm; the check itself is
// auth.Can, the one place role rules live.
func requirePerm(perm auth.Permission) fiber.Handler {
	return func(c fiber.Ctx) error {
		if perm != "" && !principalOf(c).Can(perm) {
			return problem.New(problem.Forbidden, "auth.forbidden",
				i18n.Params{"permission": perm})
		}
		return c.Next()
	}
}

// authLimiter limits sign-in and sign-up attempts per client address. The
// count is per process; behind N servers an address gets N times the limit,
// which still stops guessing, while lockout (per e-mail address, in MongoDB) holds
// across servers.
func (s *Server) authLimiter() fiber.Handler {
	return limiter.New(limiter.Config{
		Max:          s.opts.AuthRateLimit,
		Expiration:   time.Minute,
		KeyGenerator: func(c fiber.Ctx) string { return c.IP() },
		LimitReached: func(c fiber.Ctx) error {
			e := problem.New(problem.RateLimited, "auth.rate_limited", i18n.Params{"seconds": 60})
			e.RetryAfter = time.Minute
			return e
		},
	})
}

// securityHeaders sets the headers every answer carries. The policy allows
// no inline script or style, so user text can never become active content.
func securityHeaders(c fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; "+
		"style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "+
		"frame-ancestors 'none'; form-action 'self'")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "strict-origin-when-cross-origin")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	return c.Next()
}

// observe logs every request and counts it in the metrics, by route
// pattern rather than raw path so ids do not explode the label set.
func (s *Server) observe(c fiber.Ctx) error {
	watch := clock.StartStopwatch()
	// The web app counts SLA countdowns from the server's time, which a
	// manual clock may have moved far from the browser's.
	if s.deps.Clock != nil {
		c.Set("X-Server-Time", s.deps.Clock.Now().UTC().Format(time.RFC3339Nano))
	}
	err := c.Next()
	if err != nil {
		if herr := s.app.Config().ErrorHandler(c, err); herr != nil {
			return herr
		}
	}
	elapsed := watch.Elapsed()

	status, pattern := c.Response().StatusCode(), c.Route().Path
	s.metrics.observe(c.Method(), pattern, status, elapsed)
	p := principalOf(c)
	s.log.InfoContext(c.Context(), "request", "method", c.Method(), "route", pattern,
		"status", status, "duration_ms", elapsed.Milliseconds(),
		"request_id", requestid.FromContext(c), "tenant_id", p.TenantID, "user_id", p.UserID)
	return nil
}
