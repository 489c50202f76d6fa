package queue

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/redis/go-redis/v9"
)

// requiredPolicy is the only maxmemory-policy Asynq can live with.
const requiredPolicy = "noeviction"

// checkEvictionPolicy refuses a Redis that may evict keys when memory runs
// out. Asynq keeps scheduled, retrying and pending tasks as ordinary keys:
// under any eviction policy a full Redis drops them without a word, and a
// timer would simply never fire. With noeviction a full Redis refuses
// writes instead, which Enqueue reports and the reconciler retries.
//
// Managed Redis services often forbid CONFIG; then the policy cannot be
// read, and we warn and go on rather than refuse a Redis that may be fine.
func checkEvictionPolicy(ctx context.Context, rdb redis.UniversalClient, addr string,
	log *slog.Logger) error {
	res, err := rdb.ConfigGet(ctx, "maxmemory-policy").Result()
	if err != nil && !isRedisReply(err) {
		return connError(addr, err)
	}
	policy, ok := res["maxmemory-policy"]
	if err != nil || !ok {
		log.Warn("redis maxmemory-policy unreadable; make sure it is noeviction",
			"addr", addr, "err", err)
		return nil
	}

	if policy != requiredPolicy {
		return &storeError{
			msg: fmt.Sprintf("redis at %s has maxmemory-policy %q, which evicts keys "+
				"when memory is full and would silently drop Asynq's scheduled tasks: "+
				"run CONFIG SET maxmemory-policy noeviction and set it in redis.conf",
				addr, policy),
			kind: ErrEvictionPolicy,
		}
	}
	return nil
}
