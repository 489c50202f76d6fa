package mongo

import (
	"context"
	"log/slog"
	"slices"
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
//
// It defers WithAttrs and WithGroup until a record passes: FerretDB makes
// a logger with the SQL text and arguments of every statement it runs,
// and a text or JSON handler formats those attributes as soon as it is
// asked, which cost the embedded store about a twentieth of its CPU for
// records that the level then dropped.
type minLevelHandler struct {
	slog.Handler
	min slog.Level
	// pending are the derivations not applied to Handler yet, in order.
	pending []func(slog.Handler) slog.Handler
}

// Enabled reports whether level passes both min and the wrapped handler.
func (h minLevelHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return level >= h.min && h.Handler.Enabled(ctx, level)
}

// Handle applies the pending derivations and hands r on.
func (h minLevelHandler) Handle(ctx context.Context, r slog.Record) error {
	out := h.Handler
	for _, derive := range h.pending {
		out = derive(out)
	}
	return out.Handle(ctx, r)
}

// WithAttrs keeps the level filter on the derived handler.
func (h minLevelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return h.then(func(next slog.Handler) slog.Handler { return next.WithAttrs(attrs) })
}

// WithGroup keeps the level filter on the derived handler.
func (h minLevelHandler) WithGroup(name string) slog.Handler {
	return h.then(func(next slog.Handler) slog.Handler { return next.WithGroup(name) })
}

// then is h with one more pending derivation.
func (h minLevelHandler) then(derive func(slog.Handler) slog.Handler) minLevelHandler {
	h.pending = append(slices.Clip(h.pending), derive)
	return h
}
