package ledger

import (
	"context"
	"sync"
)

// EntryHook is told about every entry booked (an award or a redemption),
// after its insert. It runs on the caller's path, so it must be quick; it
// cannot fail the booking.
type EntryHook func(ctx context.Context, tenantID string, e *Entry)

// entryHooks holds the hooks of each Service, beside it, so that hooks
// stay an optional add-on.
var entryHooks sync.Map // *Service → []EntryHook

var entryHooksMu sync.Mutex

// OnEntry adds h to the hooks told about booked entries. Register hooks
// at start-up.
func (s *Service) OnEntry(h EntryHook) {
	entryHooksMu.Lock()
	defer entryHooksMu.Unlock()

	old, _ := entryHooks.Load(s)
	hooks, _ := old.([]EntryHook)
	entryHooks.Store(s, append(append([]EntryHook(nil), hooks...), h))
}

// booked tells the hooks about e.
func (s *Service) booked(ctx context.Context, tenantID string, e *Entry) {
	v, ok := entryHooks.Load(s)
	if !ok {
		return
	}
	for _, h := range v.([]EntryHook) {
		h(ctx, tenantID, e)
	}
}
