package intake

import (
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"
)

// Config tunes the rate limits; the zero value means the defaults.
type Config struct {
	// PerAddress is how many submissions one address may make to one link
	// per minute (default 10, in a burst of up to 5).
	PerAddress int
	// PerLink is how many submissions a link takes per minute from
	// everyone together (default 300).
	PerLink int
}

// limiter keeps token buckets per link and per link and address, for the
// most recently seen ones. The counts are per process.
type limiter struct {
	perAddress, perLink int
	mu                  sync.Mutex
	buckets             *lru.Cache[string, *rate.Limiter]
}

// trackedBuckets bounds the buckets kept; the oldest are forgotten.
const trackedBuckets = 65536

func newLimiter(cfg Config) *limiter {
	if cfg.PerAddress <= 0 {
		cfg.PerAddress = 10
	}
	if cfg.PerLink <= 0 {
		cfg.PerLink = 300
	}
	b, _ := lru.New[string, *rate.Limiter](trackedBuckets)
	return &limiter{perAddress: cfg.PerAddress, perLink: cfg.PerLink, buckets: b}
}

// allow takes a token for (link, address) and for link at now; false with
// the wait until the next one when either is empty.
func (l *limiter) allow(link, address string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	addr := l.bucket(link+"|"+address, l.perAddress, min(5, l.perAddress))
	all := l.bucket(link, l.perLink, l.perLink)
	if !addr.AllowN(now, 1) {
		return false, wait(addr, now)
	}
	if !all.AllowN(now, 1) {
		return false, wait(all, now)
	}
	return true, 0
}

func (l *limiter) bucket(key string, perMinute, burst int) *rate.Limiter {
	if b, ok := l.buckets.Get(key); ok {
		return b
	}
	b := rate.NewLimiter(rate.Limit(float64(perMinute)/60), burst)
	l.buckets.Add(key, b)
	return b
}

// wait is how long until b has a token, rounded up to a second.
func wait(b *rate.Limiter, now time.Time) time.Duration {
	r := b.ReserveN(now, 1)
	d := r.DelayFrom(now)
	r.CancelAt(now)
	return max(time.Second, d.Round(time.Second)+time.Second/2).Round(time.Second)
}
