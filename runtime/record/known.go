package record

import "context"

// A record event's subscribers often write the same record back at once:
// a process assigns the lead it was started by, sets a field, logs the
// assignment. The event carries the record as its write left it, so emit
// puts it in the subscribers' context and a compare-and-set write there
// starts from it instead of reading it again. Only writes conditional on
// the version use it: when another writer came first, the update matches
// nothing and the retry reads the store.

// knownKey is the context key of the record an event is about.
type knownKey struct{}

// withKnown returns ctx carrying r, the record as last written.
func withKnown(ctx context.Context, r *Record) context.Context {
	if r == nil {
		return ctx
	}
	return context.WithValue(ctx, knownKey{}, r)
}

// known returns a copy of the live record id carried by ctx, or nil.
func known(ctx context.Context, tenantID, id string) *Record {
	r, _ := ctx.Value(knownKey{}).(*Record)
	if r == nil || r.ID != id || r.TenantID != tenantID || r.Deleted {
		return nil
	}
	return r.clone()
}
