package outbox_test

import (
	"strconv"
	"testing"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// BenchmarkOutbox measures messages added and delivered (read, claim,
// send to a no-op channel, record) beside the raw InsertOne of a document
// of the same size on the same store, in one run.
func BenchmarkOutbox(b *testing.B) {
	b.Run("RawInsertOne", func(b *testing.B) {
		e := newBenchEnv(b)
		c := e.store.Scope(tenant).C("bench_raw")
		i := 0
		for b.Loop() {
			doc := &rawDoc{ID: "raw-" + strconv.Itoa(i), Channel: outbox.ChannelWeCom}
			if err := c.InsertOne(b.Context(), doc); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})

	b.Run("AddAndDeliver", func(b *testing.B) {
		e := newBenchEnv(b)
		e.svc.RegisterSender(outbox.ChannelWeCom, &fakeSender{})
		i := 0
		for b.Loop() {
			m, err := e.svc.Add(b.Context(), tenant, outbox.Message{
				DedupeKey: strconv.Itoa(i), Channel: outbox.ChannelWeCom, Kind: outbox.KindNotify,
				Recipients: []string{"u1"}, Title: outbox.Text{"en": "Hello"},
			})
			if err != nil {
				b.Fatal(err)
			}
			if err := e.svc.Deliver(b.Context(), tenant, m.ID); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// rawDoc is a document shaped like a small message.
type rawDoc struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	Channel        string `bson:"channel"`
}

func newBenchEnv(b *testing.B) *env {
	b.Helper()

	return newEnvTB(b)
}
