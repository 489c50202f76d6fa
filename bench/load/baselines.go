package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/oklog/ulid/v2"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"
)

// driverCollection is the driver's collection type.
type driverCollection = driver.Collection

// Baseline names, as the report prints them.
const (
	rawInsert  = "raw InsertOne"
	rawUpdate  = "raw UpdateOne by _id"
	rawFind    = "raw FindOne by _id"
	rawZAdd    = "raw Redis ZADD"
	rawEvalSHA = "raw Redis EVALSHA"
	rawFiber   = "Fiber handler doing nothing"
)

// fallbackConns is the connection count of a baseline that got nothing
// done on -conns.
const fallbackConns = 16

// rawDocs is how many documents the update and find baselines pick from.
const rawDocs = 2000

// rawDoc is a document the size and shape of a stored lead record.
func rawDoc(id string) bson.M {
	return bson.M{"_id": id, "tenant_id": "01BENCHTENANT", "form_id": "01BENCHFORM",
		"form_version": 1, "owner_id": "01BENCHOWNER", "stage": "new", "version": 1,
		"created_at": time.Now(), "updated_at": time.Now(), "last_activity_at": time.Now(),
		"data": bson.M{"company": "杭州联信科技有限公司", "contact_name": "王磊",
			"mobile": "13800138000", "region": "east", "decision_role": "decision_maker",
			"budget_cycle": "quarterly", "pain_level": "high", "stage": "new",
			"utm_source": "baidu", "utm_medium": "cpc", "utm_campaign": "spring",
			"utm_content": "group-a", "landing_page": "https://example.com/demo"}}
}

// mongoBaselines measures the raw driver operations on the tool's store:
// inserts into a collection of their own, updates and finds by _id on one
// of rawDocs documents, so that the inserts do not grow what the others
// read (FerretDB's cost per _id lookup grows with the collection).
func (b *bench) mongoBaselines(ctx context.Context) error {
	inserts, err := b.freshCollection(ctx, "raw_inserts")
	if err != nil {
		return err
	}
	coll, err := b.freshCollection(ctx, "raw_records")
	if err != nil {
		return err
	}
	ids := make([]string, rawDocs)
	for i := range ids {
		ids[i] = ulid.Make().String()
		if _, err := coll.InsertOne(ctx, rawDoc(ids[i])); err != nil {
			return fmt.Errorf("seeding the baseline collection: %w", err)
		}
	}
	b.measure(ctx, rawInsert, func(ctx context.Context, _, _ int) error {
		_, err := inserts.InsertOne(ctx, rawDoc(ulid.Make().String()))
		return err
	})
	update := func(ctx context.Context, _, _ int) error {
		_, err := coll.UpdateOne(ctx, bson.M{"_id": ids[rand.IntN(len(ids))]},
			bson.M{"$max": bson.M{"last_activity_at": time.Now()}, "$inc": bson.M{"version": 1}})
		return err
	}
	if s := b.measure(ctx, rawUpdate, update); s.Ops == 0 && b.o.conns > fallbackConns {
		// FerretDB v1.24.2 on PostgreSQL has stopped answering 64 concurrent
		// updates on these machines; fewer connections still give a baseline.
		b.log.Warn("no update finished; measuring again on fewer connections",
			"conns", fallbackConns)
		b.res.updateConns = fallbackConns
		b.measureOn(ctx, rawUpdate, fallbackConns, update)
	}
	b.measure(ctx, rawFind, func(ctx context.Context, _, _ int) error {
		return coll.FindOne(ctx, bson.M{"_id": ids[rand.IntN(len(ids))]}).Err()
	})
	return nil
}

// freshCollection drops and recreates a baseline collection: what earlier
// runs left would make every baseline a lookup in a bigger table.
func (b *bench) freshCollection(ctx context.Context, name string) (*driverCollection, error) {
	coll := b.st.raw.DB.Collection(name)
	if err := coll.Drop(ctx); err != nil {
		return nil, fmt.Errorf("dropping the baseline collection %s: %w", name, err)
	}
	if err := b.st.raw.EnsureCollection(ctx, name, nil); err != nil {
		return nil, fmt.Errorf("preparing the baseline collection %s: %w", name, err)
	}
	return coll, nil
}

// zaddScript is a one-command Lua script, the smallest EVALSHA there is;
// Asynq enqueues and moves tasks with scripts of a few commands.
const zaddScript = "return redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])"

// redisBaselines measures ZADD and EVALSHA on the Redis of the setup.
func (b *bench) redisBaselines(ctx context.Context) error {
	sha, err := b.st.redis.ScriptLoad(ctx, zaddScript).Result()
	if err != nil {
		return fmt.Errorf("loading the baseline script: %w", err)
	}
	b.measure(ctx, rawZAdd, func(ctx context.Context, w, i int) error {
		return b.st.redis.ZAdd(ctx, "bench:zadd", redisZ(w, i)).Err()
	})
	b.measure(ctx, rawEvalSHA, func(ctx context.Context, w, i int) error {
		z := redisZ(w, i)
		return b.st.redis.EvalSha(ctx, sha, []string{"bench:evalsha"}, z.Score,
			z.Member).Err()
	})
	return b.st.redis.Del(ctx, "bench:zadd", "bench:evalsha").Err()
}

// fiberBaseline serves a Fiber handler that does nothing, in the tool's
// process, and drives it like Formwork's GET /healthz.
func (b *bench) fiberBaseline(ctx context.Context) error {
	app := fiber.New()
	app.Get("/noop", func(c fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening for the Fiber baseline: %w", err)
	}
	errc := make(chan error, 1)
	go func() {
		errc <- app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	}()
	defer func() {
		_ = app.ShutdownWithTimeout(5 * time.Second)
		if err := <-errc; err != nil && !errors.Is(err, net.ErrClosed) {
			b.log.Warn("fiber baseline", "err", err)
		}
	}()
	c := newClient("http://"+ln.Addr().String(), b.o.conns)
	b.measure(ctx, rawFiber, func(ctx context.Context, _, _ int) error {
		return c.call(ctx, http.MethodGet, "/noop", "", nil, nil)
	})
	return nil
}

// redisZ is a sorted-set member unique per worker and call, scored by now.
func redisZ(w, i int) redis.Z {
	return redis.Z{Score: float64(time.Now().UnixMilli()), Member: fmt.Sprintf("%d-%d", w, i)}
}
