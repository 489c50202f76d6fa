// Package ids mints the identifiers of every Formwork document.
//
// Identifiers are ULIDs: 26 characters of Crockford base32 that sort by
// creation time, so a list ordered by `_id` is ordered by age and a cursor is
// just the last id seen. The timestamp part comes from the injected clock, the
// rest from crypto/rand, so ids stay unique across processes.
package ids

import (
	"crypto/rand"
	"strings"
	"sync"

	"github.com/oklog/ulid/v2"

	"github.com/formworkhq/formwork/internal/clock"
)

// Generator mints ids stamped with its clock's time. Ids from one generator
// increase strictly, even within one millisecond (and under a manual clock
// that stands still), so creation order is id order. It is safe for
// concurrent use.
type Generator struct {
	clock   clock.Clock
	mu      sync.Mutex
	entropy *ulid.MonotonicEntropy
}

// NewGenerator returns a generator that stamps ids with c's time.
func NewGenerator(c clock.Clock) *Generator {
	return &Generator{clock: c, entropy: ulid.Monotonic(rand.Reader, 0)}
}

// New returns a fresh id in lower case, e.g. "01jd3k6x0f7m9r2t4v6w8y0z1a".
func (g *Generator) New() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := ulid.MustNew(ulid.Timestamp(g.clock.Now()), g.entropy)
	return strings.ToLower(id.String())
}

// Valid reports whether s has the shape of an id minted by a Generator. It
// lets handlers answer 404 for garbage without asking the store.
func Valid(s string) bool {
	if len(s) != ulid.EncodedSize {
		return false
	}
	_, err := ulid.ParseStrict(strings.ToUpper(s))
	return err == nil
}
