package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

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
// once it is delivered; a card still on its way is waited for with a
// retry, one that died or whose instance cannot update cards is left
// alone. The parts of the card updated by earlier attempts (m.Reached
// holds their vendor ids) are skipped, so a card sent in batches is
// updated batch by batch across retries, each once.
//
// The wait is short in practice: the update is added for a card that is
// delivered or being sent. Should that send fail and the card's retries
// outlast the update's, the update dies and raises an incident like any
// dead message; retried by hand once the card is delivered, it updates it.
func (c cardSender) updateOne(ctx context.Context, m *outbox.Message, cardID string) error {
	card, err := c.outbox.Get(ctx, auth.Principal{TenantID: m.TenantID}, cardID)
	if err != nil {
		return missingCard(err)
	}
	switch card.Status {
	case outbox.StatusDead:
		return nil
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
