package designer

import (
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// cachedKeys is the keys collection read through the store's read cache.
//
// The runtime asks for the same few key documents (a form's key, the
// published index of processes, calendars and dashboards, a calendar key
// nobody defined) several times for every record it handles, and they
// change only on create, publish, archive and import. Every such change
// writes the keys collection through s.keys, which voids the tenant's
// cached answers in this process at once; another process's publish is
// seen within mongo.DefaultCacheTTL. Versions need no such care: they
// never change, and cachedVersion keeps them for good.
func (s *Service) cachedKeys(p auth.Principal) mongo.CachedColl {
	return s.store.Scope(p.TenantID).Cached(KeysCollection)
}
