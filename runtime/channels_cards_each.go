package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// cardUpdateKey is the dedupe key of the update of one card: the outbox
// keeps one message per key, so a card whose update is added both by its
// task's fan-out and by its own late delivery is still updated once.
func cardUpdateKey(card *outbox.Message) string {
	return "card_update/" + card.TaskID + "/" + card.ID
}

// addCardUpdate adds the update of card, a task card delivered or on its
// way, for a task closed with outcome.
func addCardUpdate(ctx context.Context, ob *outbox.Service, card *outbox.Message,
	outcome string) error {
	_, err := ob.Add(ctx, card.TenantID, outbox.Message{
		DedupeKey: cardUpdateKey(card), Channel: CardUpdateChannel,
		Kind: outbox.KindUpdateCards, TaskID: card.TaskID,
		Payload: map[string]any{"card": card.ID, "outcome": outcome}})
	if err != nil {
		return fmt.Errorf("adding the update of card %s: %w", card.ID, err)
	}

	return nil
}

// updateOne updates card cardID through the instance it went through,
// once it is delivered; one whose instance cannot update cards is left
// alone. The parts of the card updated by earlier attempts (m.Reached
// holds their vendor ids) are skipped, so a card sent in batches is
// updated batch by batch across retries, each once.
//
// While the card's own delivery is pending (a retry to come, or a send
// under way) the update does not get here: cardWait postpones it without
// spending its attempts, however long the card's retries last. A card
// that died having delivered nothing is given up on, the update dying
// with the card's failure as its reason; one that died after delivering
// some batches has those updated. A card retried by hand and delivered
// later is updated when its dead update is retried too.
func (c cardSender) updateOne(ctx context.Context, m *outbox.Message, cardID string) error {
	card, err := c.outbox.Get(ctx, auth.Principal{TenantID: m.TenantID}, cardID)
	if err != nil {
		return missingCard(err)
	}
	switch card.Status {
	case outbox.StatusDead:
		if card.VendorID == "" {
			return outbox.Permanent(fmt.Errorf("card %s was never delivered: %s", cardID,
				card.LastError))
		}
	case outbox.StatusDelivered:
	default:
		return outbox.Retryable(fmt.Errorf("card %s not delivered yet", cardID))
	}

	b, err := c.instanceOf(ctx, card)
	if err != nil || b == nil {
		return err
	}
	rest := *card
	rest.VendorID = outbox.JoinVendorIDs(slices.DeleteFunc(outbox.SplitVendorIDs(card.VendorID),
		func(part string) bool { return slices.Contains(m.Reached, part) })...)
	if rest.VendorID == "" {
		return nil
	}

	_, err = b.UpdateCard(ctx, &rest)
	return err
}

// cardWaitMargin is how long after a card's next attempt is due its
// update looks again: time for that attempt to run and be recorded.
const cardWaitMargin = 10 * time.Second

// cardWait is the limiter of the card update channel: it holds back the
// update of a card whose own delivery is pending, failed with a retry to
// come or being sent, until shortly after the card's next attempt. The
// outbox postpones a message its limiter holds back without counting an
// attempt, so an update waits for as many retries as its card takes and
// only the card's death ends the wait (see updateOne).
type cardWait struct{ outbox *outbox.Service }

var _ outbox.MessageLimiter = cardWait{}

// Take is never asked: the outbox asks TakeMessage of a MessageLimiter.
func (cardWait) Take(time.Time) time.Duration { return 0 }

// TakeMessage returns how long m should wait for its card: zero for a
// task's fan-out and for a card delivered, dead or gone, and when the card
// cannot be read (the attempt then says why).
func (w cardWait) TakeMessage(ctx context.Context, now time.Time,
	m *outbox.Message) time.Duration {
	cardID, _ := m.Payload["card"].(string)
	if cardID == "" {
		return 0
	}
	card, err := w.outbox.Get(ctx, auth.Principal{TenantID: m.TenantID}, cardID)
	if err != nil || !pendingCard(card) {
		return 0
	}

	return max(card.NextAttemptAt.Sub(now), 0) + cardWaitMargin
}

// pendingCard reports whether card's delivery is still to be decided.
func pendingCard(card *outbox.Message) bool {
	switch card.Status {
	case outbox.StatusPending, outbox.StatusFailed, outbox.StatusSending:
		return true
	}
	return false
}

// missingCard classifies a failed read of a card: a card that no longer
// exists has nothing to update; any other failure is retried.
func missingCard(err error) error {
	if pe, ok := problem.As(err); ok && pe.Kind == problem.NotFound {
		return nil
	}
	return outbox.Retryable(err)
}

// afterCard queues the update of card, a task card the vendor has just
// accepted, when its task already closed: its task's update ran before
// the card was delivered and left it to this. It is quiet on failure
// (logged): the card went out, and failing here would send it again.
func (p pluginSender) afterCard(ctx context.Context, card *outbox.Message, b *plugins.Bound) {
	if card.Kind != outbox.KindNotify || card.TaskID == "" || !b.CanUpdateCards() {
		return
	}

	outcome, closed, err := p.taskClosed(ctx, card.TenantID, card.TaskID)
	if err == nil && closed {
		err = addCardUpdate(ctx, p.outbox, card, outcome)
	}
	if err != nil {
		p.plugins.Logger().WarnContext(ctx, "card delivered after its task closed not updated",
			slog.String("tenant_id", card.TenantID), slog.String("message_id", card.ID),
			slog.Any("err", err))
	}
}

// taskClosed reads the tenant's task by _id and reports whether it is
// closed, with its outcome ("cancelled" for a cancelled task). A task that
// does not exist is not closed.
func (p pluginSender) taskClosed(ctx context.Context, tenantID, taskID string) (string, bool,
	error) {
	var t engine.Task
	err := p.store.Scope(tenantID).C(engine.TasksCollection).FindByID(ctx, taskID, &t)
	if errors.Is(err, mongo.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("reading task %s: %w", taskID, err)
	}

	switch t.Status {
	case engine.TaskDone:
		return t.Outcome, true, nil
	case engine.TaskCancelled:
		return string(engine.TaskCancelled), true, nil
	}
	return "", false, nil
}
