package audit

import (
	"context"
	"log/slog"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
)

// writeFailures counts entries that could not be written, in every Log of
// the process; the HTTP server exposes it on /metrics.
var writeFailures = prometheus.NewCounter(prometheus.CounterOpts{
	Name: "formwork_audit_write_failures_total",
	Help: "Audit entries that could not be written (logged at error level).",
})

// Metrics returns the package's Prometheus collector, for a registry.
func Metrics() prometheus.Collector { return writeFailures }

// Log writes and reads the audit log. It is safe for concurrent use; many
// Logs over one store write the same collection.
type Log struct {
	store *mongo.Store
	clock clock.Clock
	ids   *ids.Generator
	log   *slog.Logger
}

// New returns the audit log over store.
func New(store *mongo.Store, c clock.Clock, log *slog.Logger) *Log {
	return &Log{store: store, clock: c, ids: generatorOf(store, c),
		log: log.With("component", "audit")}
}

// generators holds one id generator per store: the Logs of one process
// (the accounts service's and the HTTP layer's) then mint strictly
// increasing ids, so entries list in the order they were written even
// under a manual clock that stands still.
var generators = struct {
	sync.Mutex
	byStore map[*mongo.Store]*ids.Generator
}{byStore: map[*mongo.Store]*ids.Generator{}}

func generatorOf(store *mongo.Store, c clock.Clock) *ids.Generator {
	generators.Lock()
	defer generators.Unlock()
	g, ok := generators.byStore[store]
	if !ok {
		g = ids.NewGenerator(c)
		generators.byStore[store] = g
	}
	return g
}

// EnsureIndexes creates the collection and its index; idempotent.
func (l *Log) EnsureIndexes(ctx context.Context) error {
	return l.store.EnsureCollection(ctx, Collection, []driver.IndexModel{
		{Keys: bson.D{{Key: "tenant_id", Value: 1}, {Key: "_id", Value: -1}},
			Options: options.Index().SetName("tenant_newest")},
	})
}

// Record appends e to the tenant's log, stamped with an id, the time and,
// when e has none, the client address carried by ctx (WithIP). An entry
// without a tenant (a refusal before anyone is known) is not kept. Record
// never fails the caller: see the package documentation.
func (l *Log) Record(ctx context.Context, tenantID string, e Entry) {
	if l == nil || l.store == nil || tenantID == "" {
		return
	}
	e.ID, e.At = l.ids.New(), l.clock.Now()
	if e.IP == "" {
		e.IP = IPFrom(ctx)
	}
	if e.Outcome == "" {
		e.Outcome = OK
	}
	e.Summary = cut(e.Summary)

	if err := l.store.Scope(tenantID).C(Collection).InsertOne(ctx, &e); err != nil {
		writeFailures.Inc()
		l.log.ErrorContext(ctx, "audit entry not written", "tenant_id", tenantID,
			"action", e.Action, "object_kind", e.ObjectKind, "object_id", e.ObjectID,
			"err", err)
	}
}

type ipKey struct{}

// WithIP returns ctx carrying the client address that Record stamps on
// entries made while serving the request.
func WithIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, ipKey{}, ip)
}

// IPFrom returns the client address WithIP put in ctx, or "".
func IPFrom(ctx context.Context) string {
	ip, _ := ctx.Value(ipKey{}).(string)
	return ip
}
