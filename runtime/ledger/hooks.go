package ledger

import "context"

// EntryHook is told about every entry booked (an award or a redemption),
// after its insert. It runs on the caller's path, so it must be quick; it
// cannot fail the booking.
type EntryHook func(ctx context.Context, tenantID string, e *Entry)

// OnEntry adds h to the hooks told about booked entries. Register hooks
// at start-up.
func (s *Service) OnEntry(h EntryHook) {
	s.hooksMu.Lock()
	defer s.hooksMu.Unlock()
	s.hooks = append(s.hooks, h)
}

// booked tells the hooks about e.
func (s *Service) booked(ctx context.Context, tenantID string, e *Entry) {
	s.hooksMu.RLock()
	hooks := s.hooks
	s.hooksMu.RUnlock()
	for _, h := range hooks {
		h(ctx, tenantID, e)
	}
}
