package queue

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// logAdapter lets Asynq log through slog. Asynq hands over free text, so it
// goes under one constant message with the text in the "detail" field.
type logAdapter struct {
	log *slog.Logger
}

var _ asynq.Logger = logAdapter{}

// Debug logs Asynq's debug output at slog's debug level.
func (a logAdapter) Debug(args ...any) { a.emit(slog.LevelDebug, args) }

// Info logs at info level.
func (a logAdapter) Info(args ...any) { a.emit(slog.LevelInfo, args) }

// Warn logs at warn level.
func (a logAdapter) Warn(args ...any) { a.emit(slog.LevelWarn, args) }

// Error logs at error level.
func (a logAdapter) Error(args ...any) { a.emit(slog.LevelError, args) }

// Fatal logs at error level, marked fatal. It does not exit: a library must
// not end the process, and Asynq v0.26 never calls it.
func (a logAdapter) Fatal(args ...any) {
	a.emit(slog.LevelError, append([]any{"fatal: "}, args...))
}

func (a logAdapter) emit(level slog.Level, args []any) {
	ctx := context.Background()
	if !a.log.Enabled(ctx, level) {
		return
	}
	a.log.Log(ctx, level, "asynq", "detail", fmt.Sprint(args...))
}

// RouteRedisLogs sends the go-redis library's own log lines (failed dials,
// pool trouble) to log at warn level instead of the standard logger's
// stderr. go-redis keeps one logger per process, so the binary calls this
// once at start-up; the last call wins.
func RouteRedisLogs(log *slog.Logger) {
	redis.SetLogger(redisLogAdapter{log: log.With("component", "go-redis")})
}

// redisLogAdapter lets go-redis log through slog, under one constant message.
type redisLogAdapter struct {
	log *slog.Logger
}

// Printf logs one go-redis line at warn level.
func (a redisLogAdapter) Printf(ctx context.Context, format string, v ...any) {
	if !a.log.Enabled(ctx, slog.LevelWarn) {
		return
	}
	a.log.WarnContext(ctx, "go-redis", "detail", fmt.Sprintf(format, v...))
}
