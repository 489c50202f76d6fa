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

// BenchmarkByTask measures finding the messages of one task among 2,000
// (what a card update reads): the task's index document and its four
// messages, each by _id.
func BenchmarkByTask(b *testing.B) {
	e := newBenchEnv(b)
	for i := range 2000 {
		_, err := e.svc.Add(b.Context(), tenant, outbox.Message{Channel: outbox.ChannelWeCom,
			Kind: outbox.KindNotify, Recipients: []string{"u1"},
			TaskID: "task-" + strconv.Itoa(i%500)})
		if err != nil {
			b.Fatal(err)
		}
	}

	for b.Loop() {
		msgs, err := e.svc.ByTask(b.Context(), tenant, "task-7")
		if err != nil || len(msgs) != 4 {
			b.Fatalf("ByTask = %d messages, %v; want 4", len(msgs), err)
		}
	}
}

// BenchmarkAddTaskIndex measures Add of a notification without a task
// and with one (its task index is one more insert).
func BenchmarkAddTaskIndex(b *testing.B) {
	for _, withTask := range []bool{false, true} {
		b.Run("task="+strconv.FormatBool(withTask), func(b *testing.B) {
			e := newBenchEnv(b)
			i := 0
			for b.Loop() {
				m := outbox.Message{Channel: outbox.ChannelWeCom, Kind: outbox.KindNotify,
					Recipients: []string{"u1"}}
				if withTask {
					m.TaskID = "task-" + strconv.Itoa(i)
				}
				if _, err := e.svc.Add(b.Context(), tenant, m); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
