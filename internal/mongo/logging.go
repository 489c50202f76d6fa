package mongo

import (
	"context"
	"log/slog"
)

// quietLogger returns a logger for FerretDB's own records that keeps only
// errors, so that the embedded store does not chatter in Formwork's logs.
func quietLogger(log *slog.Logger) *slog.Logger {
	return minLevelLogger(log, slog.LevelError).With(slog.String("component", "ferretdb"))
}

// minLevelLogger returns log without its records below min.
func minLevelLogger(log *slog.Logger, min slog.Level) *slog.Logger {
	return slog.New(minLevelHandler{Handler: log.Handler(), min: min})
}

// minLevelHandler drops records below min and passes the rest on.
type minLevelHandler struct {
	slog.Handler
	min slog.Level
}

// Enabled reports whether level passes both min and the wrapped handler.
func (h minLevelHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= h.min && h.Handler.Enabled(ctx, level)
}

// WithAttrs keeps the level filter on the derived handler.
func (h minLevelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevelHandler{Handler: h.Handler.WithAttrs(attrs), min: h.min}
}

// WithGroup keeps the level filter on the derived handler.
func (h minLevelHandler) WithGroup(name string) slog.Handler {
	return minLevelHandler{Handler: h.Handler.WithGroup(name), min: h.min}
}
