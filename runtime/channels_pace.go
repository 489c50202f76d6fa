package runtime

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// resolveTTL is how long the pacer trusts which instance a channel name
// resolves to; an instance added or disabled meanwhile is paced in its
// own bucket at most this much later.
const resolveTTL = time.Minute

// instancePacer paces plugin channels per configured instance: each
// tenant's robot or app has its own bucket at its plugin's PerMinute, so
// tenants and instances sharing a channel name or kind never share a
// vendor's limit, and the kind and the key of one instance share one.
type instancePacer struct {
	mu       sync.Mutex
	plugins  *plugins.Service
	buckets  map[string]*rate.Limiter
	resolved map[string]resolution
	// cards says per tenant whether it has a channel whose cards can be
	// updated (see mayHaveCards).
	cards map[string]cardTenant
}

// resolution is the instance a tenant's channel name resolved to.
type resolution struct {
	instance  string
	perMinute int
	until     time.Time
}

var _ outbox.MessageLimiter = (*instancePacer)(nil)

// newInstancePacer returns a pacer with empty buckets over ps.
func newInstancePacer(ps *plugins.Service) *instancePacer {
	return &instancePacer{plugins: ps, buckets: map[string]*rate.Limiter{},
		resolved: map[string]resolution{}, cards: map[string]cardTenant{}}
}

// pacerOf returns ob's pacer over ps. The pacer belongs to the wiring of
// ob's plugin channels: the card sender RegisterPluginChannels registers
// on ob holds it, so registering a tenant's channels again finds it there
// and keeps every bucket's state, and two outboxes never share one. The
// first registration (at start-up, before any other) makes the pacer.
func pacerOf(ob *outbox.Service, ps *plugins.Service) *instancePacer {
	cs, ok := ob.SenderOf(CardUpdateChannel).(cardSender)
	if !ok || cs.pacer == nil {
		return newInstancePacer(ps)
	}

	p := cs.pacer
	p.mu.Lock()
	p.plugins = ps
	p.mu.Unlock()

	return p
}

// Take is never asked: the outbox asks TakeMessage of a MessageLimiter.
func (p *instancePacer) Take(time.Time) time.Duration { return 0 }

// TakeMessage takes a token of the bucket of the instance m goes through.
// A message whose instance cannot be resolved goes on unpaced: sending it
// records why it failed.
func (p *instancePacer) TakeMessage(ctx context.Context, now time.Time,
	m *outbox.Message) time.Duration {
	r, ok := p.resolve(ctx, now, m.TenantID, m.Channel)
	if !ok || r.perMinute <= 0 {
		return 0
	}

	return outbox.RateLimiter(p.bucket(m.TenantID+"/"+r.instance, r.perMinute)).Take(now)
}

// resolve finds the instance of the tenant's channel name, cached for
// resolveTTL.
func (p *instancePacer) resolve(ctx context.Context, now time.Time, tenant,
	channel string) (resolution, bool) {
	key := tenant + "/" + channel
	p.mu.Lock()
	r, ok := p.resolved[key]
	ps := p.plugins
	p.mu.Unlock()
	if ok && now.Before(r.until) {
		return r, true
	}

	b, err := ps.Resolve(ctx, tenant, channel)
	if err != nil {
		return resolution{}, false
	}

	r = resolution{instance: b.Instance.ID, perMinute: b.Info.PerMinute,
		until: now.Add(resolveTTL)}
	p.mu.Lock()
	p.resolved[key] = r
	p.mu.Unlock()

	return r, true
}

// bucket returns the instance's token bucket: perMinute a minute, bursts
// of up to perMinute included.
func (p *instancePacer) bucket(key string, perMinute int) *rate.Limiter {
	p.mu.Lock()
	defer p.mu.Unlock()

	l, ok := p.buckets[key]
	if !ok || l.Burst() != perMinute {
		l = rate.NewLimiter(rate.Every(time.Minute/time.Duration(perMinute)), perMinute)
		p.buckets[key] = l
	}

	return l
}
