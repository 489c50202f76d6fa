package server

import (
	"context"
	"io/fs"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/gofiber/fiber/v3/middleware/requestid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/formworkhq/formwork/datahub"
	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/insights"
	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/queue"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/attachment"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/intake"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/templates"
)

// Options tunes the HTTP layer. The zero value means the defaults noted on
// each field.
type Options struct {
	// BodyLimit is the largest request body accepted, in bytes; zero means
	// 2 MiB.
	BodyLimit int
	// SignupClosed turns POST /api/v1/signup off (FORMWORK_SIGNUP=closed).
	SignupClosed bool
	// AuthRateLimit is how many sign-in and sign-up attempts one client
	// address may make per minute; zero means 20.
	AuthRateLimit int
	// SecureCookies marks session cookies Secure; set it behind HTTPS.
	SecureCookies bool
	// TrustProxy makes the client address come from X-Forwarded-For, for
	// rate limits behind a load balancer.
	TrustProxy bool
	// Version is reported by the OpenAPI document.
	Version string
	// PublicURL is where people reach the server (FORMWORK_PUBLIC_URL);
	// links in messages start with it, never with a request's Host. Zero
	// means "http://localhost:8080".
	PublicURL string
}

func (o Options) withDefaults() Options {
	if o.BodyLimit <= 0 {
		o.BodyLimit = 2 << 20
	}
	if o.AuthRateLimit <= 0 {
		o.AuthRateLimit = 20
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.PublicURL == "" {
		o.PublicURL = "http://localhost:8080"
	}
	return o
}

// Deps are the domain services and stores the handlers call.
type Deps struct {
	Store    *mongo.Store
	Queue    *queue.Queue
	Accounts *auth.Accounts
	Designer *designer.Service
	Records  *record.Service
	Engine   *engine.Service
	Outbox   *outbox.Service
	Ledger   *ledger.Service
	// Insights serves dashboard data and metrics; nil serves no insight routes.
	Insights *insights.Service
	Plugins  *plugins.Service
	// DataHub imports and exports records; nil serves no import, export
	// or activity-batch routes.
	DataHub *datahub.Service
	// Attachments stores uploaded files; nil serves no attachment routes.
	Attachments *attachment.Service
	// Intake serves the public intake links of forms; nil serves none.
	Intake *intake.Service
	// Templates is the template library; nil serves no template routes.
	Templates *templates.Library
	// AdvanceClock, when set, moves a manual clock by d and fires what
	// falls due; it enables POST /api/v1/debug/clock.
	AdvanceClock func(ctx context.Context, d time.Duration) (time.Time, error)
	Clock        clock.Clock
	Log          *slog.Logger
	// Web is the built web app served at /; nil serves no web app.
	Web fs.FS
}

// Server is the HTTP server of one Formwork process.
type Server struct {
	deps    Deps
	opts    Options
	log     *slog.Logger
	app     *fiber.App
	metrics *metrics
	routes  []route
	audit   *audit.Log

	openAPIOnce sync.Once
	openAPIJSON []byte
	// resets are the reset links being issued after their request was
	// answered (see requestReset).
	resets sync.WaitGroup
}

// New builds the server and registers every route.
func New(deps Deps, opts Options) *Server {
	s := &Server{deps: deps, opts: opts.withDefaults(), log: deps.Log.With("component", "http")}
	s.metrics = newMetrics()
	s.audit = audit.New(deps.Store, deps.Clock, deps.Log)
	s.metrics.reg.MustRegister(audit.Metrics())
	s.app = fiber.New(fiber.Config{
		AppName:       "formwork",
		BodyLimit:     s.appBodyLimit(),
		ErrorHandler:  s.errorHandler,
		ReadTimeout:   30 * time.Second,
		WriteTimeout:  30 * time.Second,
		IdleTimeout:   120 * time.Second,
		TrustProxy:    s.opts.TrustProxy,
		ProxyHeader:   proxyHeader(s.opts.TrustProxy),
		StrictRouting: false,
	})
	s.app.Use(recover.New(), requestid.New(), s.observe, securityHeaders, s.limitBody)
	s.routes = s.routeTable()
	s.register()
	return s
}

func proxyHeader(trust bool) string {
	if trust {
		return fiber.HeaderXForwardedFor
	}
	return ""
}

// App returns the Fiber app, for tests that drive it in-process.
func (s *Server) App() *fiber.App { return s.app }

// Serve answers requests on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	return s.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
}

// Shutdown stops accepting requests and waits for those in flight, and for
// the reset links they are issuing, up to ctx's deadline.
func (s *Server) Shutdown(ctx context.Context) error {
	if err := s.app.ShutdownWithContext(ctx); err != nil {
		return err
	}
	return s.SettleResets(ctx)
}

// Registry exposes the Prometheus registry so workers can add their metrics.
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }
