package timer

import (
	"context"
	"sync"
)

// FiredHook is told about every timer whose firing was recorded, with its
// FiredAt set. It runs on the firing path, so it must be quick; it cannot
// fail the firing.
type FiredHook func(ctx context.Context, t *Timer)

// firedHooks holds the hooks of each Service, beside it, so that hooks
// stay an optional add-on.
var firedHooks sync.Map // *Service → []FiredHook

var firedHooksMu sync.Mutex

// OnFired adds h to the hooks told about fired timers. Register hooks at
// start-up, before Start.
func (s *Service) OnFired(h FiredHook) {
	firedHooksMu.Lock()
	defer firedHooksMu.Unlock()

	old, _ := firedHooks.Load(s)
	hooks, _ := old.([]FiredHook)
	firedHooks.Store(s, append(append([]FiredHook(nil), hooks...), h))
}

// fired tells the hooks about t.
func (s *Service) fired(ctx context.Context, t *Timer) {
	v, ok := firedHooks.Load(s)
	if !ok {
		return
	}
	view := *t
	for _, h := range v.([]FiredHook) {
		h(ctx, &view)
	}
}
