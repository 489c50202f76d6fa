// Package config owns Formwork's settings: every FORMWORK_* environment
// variable and the command-line flag of the same name, with flags winning,
// and the defaults that let `formwork serve` run with no settings at all.
package config

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"
)

// Config is the settings of one Formwork process. The zero value is not
// usable; Load fills every default.
type Config struct {
	// Addr is where the HTTP server listens (FORMWORK_ADDR, default ":8080").
	Addr string
	// DataDir holds the embedded stores' files and attachments
	// (FORMWORK_DATA_DIR, default "./formwork-data").
	DataDir string
	// MongoURI selects an external MongoDB; empty runs the embedded store
	// (FORMWORK_MONGO_URI).
	MongoURI string
	// MongoDatabase is the database name (FORMWORK_MONGO_DATABASE, default
	// "formwork").
	MongoDatabase string
	// RedisAddr selects an external Redis as host:port; empty runs the
	// embedded one (FORMWORK_REDIS_ADDR).
	RedisAddr string
	// RedisPassword authenticates to the external Redis
	// (FORMWORK_REDIS_PASSWORD).
	RedisPassword string
	// RedisDB is the database number of the external Redis
	// (FORMWORK_REDIS_DB), 0 to 15.
	RedisDB int
	// Signup is "open" (default) or "closed" (FORMWORK_SIGNUP).
	Signup string
	// BodyLimit is the largest request body in bytes (FORMWORK_BODY_LIMIT,
	// default 2 MiB).
	BodyLimit int
	// AttachmentMaxBytes is the largest uploaded file in bytes
	// (FORMWORK_ATTACHMENT_MAX_BYTES, default 20 MiB); upload bodies may
	// pass BodyLimit by this much.
	AttachmentMaxBytes int
	// AuthRateLimit is sign-in/sign-up attempts per client address per
	// minute (FORMWORK_AUTH_RATE_LIMIT, default 20).
	AuthRateLimit int
	// SessionTTL is how long a sign-in lasts (FORMWORK_SESSION_TTL, default
	// 168h).
	SessionTTL time.Duration
	// SecureCookies marks cookies Secure (FORMWORK_SECURE_COOKIES); set it
	// when serving over HTTPS.
	SecureCookies bool
	// TrustProxy takes client addresses from X-Forwarded-For
	// (FORMWORK_TRUST_PROXY); set it only behind a load balancer.
	TrustProxy bool
	// LogFormat is "auto" (text on a terminal, JSON otherwise), "text" or
	// "json" (FORMWORK_LOG_FORMAT).
	LogFormat string
	// LogLevel is "debug", "info" (default), "warn" or "error"
	// (FORMWORK_LOG_LEVEL).
	LogLevel string
	// WorkerConcurrency is how many background jobs run at once
	// (FORMWORK_WORKER_CONCURRENCY, default 0: twice the CPU count).
	WorkerConcurrency int
	// Clock is "real" (default) or "manual" (FORMWORK_CLOCK): a manual
	// clock stands still until an owner advances it through
	// POST /api/v1/debug/clock, for demos and tests. It is refused on a
	// non-loopback address unless ClockForce is set.
	Clock string
	// ClockForce allows a manual clock on any address
	// (FORMWORK_CLOCK_FORCE).
	ClockForce bool
	// PprofAddr, when set, serves Go's profiler (net/http/pprof) on its own
	// listener (FORMWORK_PPROF_ADDR, e.g. 127.0.0.1:6060). It must be a
	// loopback address: a profile shows the process's internals.
	PprofAddr string
	// PublicURL is the address people reach Formwork at, e.g.
	// "https://forms.example.com" (FORMWORK_PUBLIC_URL). Links sent by
	// e-mail or IM, such as password-reset links, are built from it and
	// never from a request's Host or X-Forwarded-* headers, which a client
	// can forge. Empty means "http://localhost" with Addr's port.
	PublicURL string
	// SecretKey encrypts plugin credentials at rest: FORMWORK_SECRET_KEY,
	// base64 of 32 bytes, environment only. Without it secrets are refused.
	SecretKey []byte
}

// secretKey decodes FORMWORK_SECRET_KEY: empty, or base64 of 32 bytes.
func secretKey(v string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(v)
	if err != nil || (len(key) != 32 && v != "") {
		return nil, errors.New("FORMWORK_SECRET_KEY must be base64 of 32 bytes " +
			"(openssl rand -base64 32)")
	}
	return key, nil
}

// Load reads settings from the environment (through getenv) and then from
// args, which win. It registers the flags on fs, so `-h` lists them all.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	env := envReader{getenv: getenv}
	var c Config
	fs.StringVar(&c.Addr, "addr", env.str("FORMWORK_ADDR", ":8080"), "HTTP listen address")
	fs.StringVar(&c.DataDir, "data-dir", env.str("FORMWORK_DATA_DIR", "./formwork-data"),
		"directory of the embedded stores' files")
	fs.StringVar(&c.MongoURI, "mongo-uri", env.str("FORMWORK_MONGO_URI", ""),
		"MongoDB URI; empty runs the embedded store")
	fs.StringVar(&c.MongoDatabase, "mongo-database",
		env.str("FORMWORK_MONGO_DATABASE", "formwork"), "MongoDB database name")
	fs.StringVar(&c.RedisAddr, "redis-addr", env.str("FORMWORK_REDIS_ADDR", ""),
		"Redis host:port; empty runs the embedded one")
	fs.StringVar(&c.RedisPassword, "redis-password", env.str("FORMWORK_REDIS_PASSWORD", ""),
		"Redis password")
	fs.IntVar(&c.RedisDB, "redis-db", env.int("FORMWORK_REDIS_DB", 0),
		"Redis database number (0-15)")
	fs.StringVar(&c.Signup, "signup", env.str("FORMWORK_SIGNUP", "open"),
		"self-service sign-up: open or closed")
	fs.IntVar(&c.BodyLimit, "body-limit", env.int("FORMWORK_BODY_LIMIT", 2<<20),
		"largest request body in bytes")
	fs.IntVar(&c.AttachmentMaxBytes, "attachment-max-bytes",
		env.int("FORMWORK_ATTACHMENT_MAX_BYTES", 20<<20), "largest uploaded file in bytes")
	fs.IntVar(&c.AuthRateLimit, "auth-rate-limit", env.int("FORMWORK_AUTH_RATE_LIMIT", 20),
		"sign-in and sign-up attempts per client address per minute")
	fs.DurationVar(&c.SessionTTL, "session-ttl",
		env.duration("FORMWORK_SESSION_TTL", 7*24*time.Hour), "how long a sign-in lasts")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", env.bool("FORMWORK_SECURE_COOKIES", false),
		"mark cookies Secure (behind HTTPS)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", env.bool("FORMWORK_TRUST_PROXY", false),
		"take client addresses from X-Forwarded-For")
	fs.StringVar(&c.LogFormat, "log-format", env.str("FORMWORK_LOG_FORMAT", "auto"),
		"log format: auto, text or json")
	fs.StringVar(&c.LogLevel, "log-level", env.str("FORMWORK_LOG_LEVEL", "info"),
		"log level: debug, info, warn or error")
	fs.IntVar(&c.WorkerConcurrency, "worker-concurrency",
		env.int("FORMWORK_WORKER_CONCURRENCY", 0), "background jobs at once (0: 2 per CPU)")

	fs.StringVar(&c.PprofAddr, "pprof-addr", env.str("FORMWORK_PPROF_ADDR", ""),
		"loopback address of the Go profiler (empty: off)")

	fs.StringVar(&c.PublicURL, "public-url", env.str("FORMWORK_PUBLIC_URL", ""),
		"address people reach Formwork at, for links in messages")

	fs.StringVar(&c.Clock, "clock", env.str("FORMWORK_CLOCK", "real"),
		"clock: real, or manual for demos and tests")
	fs.BoolVar(&c.ClockForce, "clock-force", env.bool("FORMWORK_CLOCK_FORCE", false),
		"allow a manual clock on a non-loopback address")

	if err := fs.Parse(args); err != nil {
		return c, err
	}
	key, keyErr := secretKey(env.str("FORMWORK_SECRET_KEY", ""))
	c.SecretKey = key
	c.PublicURL = publicURL(c.PublicURL, c.Addr)
	return c, errors.Join(env.errs, keyErr, c.validate())
}

func (c Config) validate() error {
	var errs []error
	if c.Signup != "open" && c.Signup != "closed" {
		errs = append(errs, fmt.Errorf("signup must be open or closed, not %q", c.Signup))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr %q is not host:port: %w", c.Addr, err))
	}
	if c.AttachmentMaxBytes < 1 {
		errs = append(errs, fmt.Errorf("attachment max bytes must be positive, not %d",
			c.AttachmentMaxBytes))
	}
	if c.BodyLimit < 1024 {
		errs = append(errs, fmt.Errorf("body limit must be at least 1024 bytes, not %d",
			c.BodyLimit))
	}
	if c.RedisDB < 0 || c.RedisDB > 15 {
		errs = append(errs, fmt.Errorf("redis db must be 0 to 15, not %d", c.RedisDB))
	}
	if c.AuthRateLimit < 1 {
		errs = append(errs, errors.New("auth rate limit must be at least 1"))
	}
	errs = append(errs, c.validateClock(), c.validatePprof(), validatePublicURL(c.PublicURL))
	switch c.LogFormat {
	case "auto", "text", "json":
	default:
		errs = append(errs, fmt.Errorf("log format must be auto, text or json, not %q",
			c.LogFormat))
	}
	return errors.Join(errs...)
}

// validateClock refuses an unknown clock, and a manual one on an address
// others can reach unless forced: whoever may move time may fire every
// deadline.
func (c Config) validateClock() error {
	switch c.Clock {
	case "real":
		return nil
	case "manual":
	default:
		return fmt.Errorf("clock must be real or manual, not %q", c.Clock)
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil || c.ClockForce {
		return nil
	}
	if loopback(host) {
		return nil
	}
	return fmt.Errorf("a manual clock needs a loopback address (FORMWORK_ADDR=127.0.0.1:8080), "+
		"not %q; set FORMWORK_CLOCK_FORCE=true to allow it anyway", c.Addr)
}

// validatePprof accepts an empty profiler address or a loopback one.
func (c Config) validatePprof() error {
	if c.PprofAddr == "" {
		return nil
	}
	host, _, err := net.SplitHostPort(c.PprofAddr)
	if err != nil {
		return fmt.Errorf("pprof addr %q is not host:port: %w", c.PprofAddr, err)
	}
	if !loopback(host) {
		return fmt.Errorf("the profiler needs a loopback address (FORMWORK_PPROF_ADDR="+
			"127.0.0.1:6060), not %q: a profile shows the process's internals", c.PprofAddr)
	}
	return nil
}

// loopback reports whether host names this machine only.
func loopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// publicURL is v without a trailing slash, or the loopback address of
// addr's port when v is empty.
func publicURL(v, addr string) string {
	if v != "" {
		return strings.TrimRight(v, "/")
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		port = "8080"
	}
	return "http://localhost:" + port
}

// validatePublicURL accepts an absolute http or https URL with a host and
// no query, fragment or user information.
func validatePublicURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("public URL must look like https://forms.example.com, not %q", v)
	}
	return nil
}

// ManualClock reports whether the clock is manual.
func (c Config) ManualClock() bool { return c.Clock == "manual" }

// SignupOpen reports whether self-service sign-up is on.
func (c Config) SignupOpen() bool { return c.Signup == "open" }

// envReader reads typed environment variables, collecting parse errors.
type envReader struct {
	getenv func(string) string
	errs   error
}

func (e *envReader) str(key, def string) string {
	if v := strings.TrimSpace(e.getenv(key)); v != "" {
		return v
	}
	return def
}

func (e *envReader) int(key string, def int) int {
	v := e.str(key, "")
	if v == "" {
		return def
	}
	var n int
	if _, err := fmt.Sscan(v, &n); err != nil {
		e.errs = errors.Join(e.errs, fmt.Errorf("%s=%q is not a whole number", key, v))
		return def
	}
	return n
}

func (e *envReader) duration(key string, def time.Duration) time.Duration {
	v := e.str(key, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		e.errs = errors.Join(e.errs, fmt.Errorf("%s=%q is not a duration like 90m", key, v))
		return def
	}
	return d
}

func (e *envReader) bool(key string, def bool) bool {
	switch strings.ToLower(e.str(key, "")) {
	case "":
		return def
	case "1", "true", "yes", "on":
		return true
	case "0", "false", "no", "off":
		return false
	}
	e.errs = errors.Join(e.errs, fmt.Errorf("%s must be true or false", key))
	return def
}
