package designer

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/formworkhq/formwork/internal/auth"
)

// PublishHook is told about every new published version, after it is
// stored and indexed. It cannot fail the publish; long work belongs in a
// job of its own.
type PublishHook func(ctx context.Context, p auth.Principal, v *Version)

// OnPublish adds fn to the hooks, called in the order they were added.
// Hooks are added while the process starts, before any publish.
func (s *Service) OnPublish(fn PublishHook) {
	s.publishHooks = append(s.publishHooks, fn)
}

// published runs the hooks, each shielded from the others' panics.
func (s *Service) published(ctx context.Context, p auth.Principal, v *Version) {
	for _, fn := range s.publishHooks {
		func() {
			defer func() {
				if r := recover(); r != nil {
					s.log.ErrorContext(ctx, "publish hook panicked", "version", v.ID,
						"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				}
			}()
			fn(ctx, p, v)
		}()
	}
}
