package timer

import "context"

// FiredHook is told about every timer whose firing was recorded, with its
// FiredAt set. It runs on the firing path, so it must be quick; it cannot
// fail the firing.
type FiredHook func(ctx context.Context, t *Timer)

// OnFired adds h to the hooks told about fired timers. Register hooks at
// start-up, before Start.
func (s *Service) OnFired(h FiredHook) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.firedHooks = append(s.firedHooks, h)
}

// fired tells the hooks about t.
func (s *Service) fired(ctx context.Context, t *Timer) {
	s.mu.RLock()
	hooks := s.firedHooks
	s.mu.RUnlock()
	view := *t
	for _, h := range hooks {
		h(ctx, &view)
	}
}
