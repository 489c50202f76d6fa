package runtime

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// CardUpdateChannel is the outbox channel of card updates: when a task is
// completed or cancelled, one message keyed by the task adds one message
// keyed by each card sent for it, which marks that card as done (a WeCom
// template card's button, a DingTalk OA status bar).
const CardUpdateChannel = "card_update"

// cardUpdateHook is the engine's task hook that enqueues the card update
// of a completed task. It writes nothing for a tenant without a channel
// instance whose cards can be updated (cached per tenant for resolveTTL,
// so most completions cost no read), nor before RegisterPluginChannels
// connected ob.
func cardUpdateHook(ob *outbox.Service) engine.TaskHook {
	return func(ctx context.Context, done engine.TaskCompletion) error {
		if !mayHaveCards(ctx, ob, done.TenantID, done.At) {
			return nil
		}

		_, err := ob.Add(ctx, done.TenantID, outbox.Message{
			DedupeKey: "card_update/" + done.TaskID, Channel: CardUpdateChannel,
			Kind: outbox.KindUpdateCards, TaskID: done.TaskID,
			Payload: map[string]any{"outcome": done.Outcome}})
		if err != nil {
			return fmt.Errorf("adding the card update of task %s: %w", done.TaskID, err)
		}
		return nil
	}
}

// cardTenant is whether a tenant has a card channel, until when.
type cardTenant struct {
	has   bool
	until time.Time
}

// mayHaveCards reports whether the tenant has an enabled instance whose
// cards can be updated; an error counts as yes (the sender then decides).
// The answer is kept by the pacer of ob's plugin channels (see pacerOf).
func mayHaveCards(ctx context.Context, ob *outbox.Service, tenantID string,
	now time.Time) bool {
	cs, ok := ob.SenderOf(CardUpdateChannel).(cardSender)
	if !ok || cs.pacer == nil {
		return false
	}

	return cs.pacer.mayHaveCards(ctx, tenantID, now)
}

// mayHaveCards is mayHaveCards for the tenants this pacer's plugins serve,
// cached per tenant for resolveTTL.
func (p *instancePacer) mayHaveCards(ctx context.Context, tenantID string,
	now time.Time) bool {
	p.mu.Lock()
	c, ok := p.cards[tenantID]
	ps := p.plugins
	p.mu.Unlock()
	if ok && now.Before(c.until) {
		return c.has
	}

	has, err := ps.HasCardChannel(ctx, tenantID)
	if err != nil {
		return true
	}
	p.mu.Lock()
	p.cards[tenantID] = cardTenant{has: has, until: now.Add(resolveTTL)}
	p.mu.Unlock()

	return has
}

// cardSender delivers card updates. A task's update (see
// cardUpdateHook) only fans out: it adds one update per card, keyed by the
// card, which does the vendor call (see updateOne). The card's own
// delivery adds that same update when it lands after the task closed (see
// pluginSender.afterCard), so each card gets one update, whatever the
// order of the two.
type cardSender struct {
	outbox  *outbox.Service
	plugins *plugins.Service
	// pacer paces ob's plugin channels; it is kept here, on ob, for the
	// next registration and the card update hook to find (see pacerOf).
	pacer *instancePacer
}

// Send delivers a card update: the update of one card when m names one
// (payload "card"), else the fan-out of a task's update.
func (c cardSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	if cardID, _ := m.Payload["card"].(string); cardID != "" {
		return "", c.updateOne(ctx, m, cardID)
	}

	return "", c.fanOut(ctx, m)
}

// fanOut adds the update of every card of m.TaskID that was delivered or
// is being sent, unless an earlier attempt added it (m.Reached holds their
// ids). A card still waiting for an attempt is left to its own delivery,
// which sees the closed task; one that died, went in-app or through an
// instance that cannot update cards (or was since removed) is skipped.
func (c cardSender) fanOut(ctx context.Context, m *outbox.Message) error {
	msgs, err := c.outbox.ByTask(ctx, m.TenantID, m.TaskID)
	if err != nil {
		return outbox.Retryable(err)
	}

	outcome, _ := m.Payload["outcome"].(string)
	var added []string
	for i := range msgs {
		card := &msgs[i]
		if !isCard(card) || slices.Contains(m.Reached, card.ID) || !started(card) {
			continue
		}
		b, err := c.instanceOf(ctx, card)
		if err != nil {
			return progress(added, err)
		}
		if b == nil {
			continue
		}
		if err := addCardUpdate(ctx, c.outbox, card, outcome); err != nil {
			return progress(added, outbox.Retryable(err))
		}
		added = append(added, card.ID)
	}

	return progress(added, nil)
}

// started reports whether card reached its vendor or is on its way there:
// delivered, or claimed by a worker that may have read the task as still
// open before it closed.
func started(card *outbox.Message) bool {
	return card.Status == outbox.StatusDelivered || card.Status == outbox.StatusSending
}

// isCard reports whether msg told people something through a plugin
// channel and has not died, and so may be a card to update.
func isCard(msg *outbox.Message) bool {
	return msg.Kind == outbox.KindNotify && msg.Channel != outbox.ChannelInApp &&
		msg.Status != outbox.StatusDead
}

// instanceOf is the instance card went through when it can update cards,
// or nil.
func (c cardSender) instanceOf(ctx context.Context, card *outbox.Message) (*plugins.Bound,
	error) {
	b, err := c.plugins.Resolve(ctx, card.TenantID, card.Channel)
	if errors.Is(err, plugins.ErrNoInstance) {
		return nil, nil
	}
	if err != nil {
		return nil, outbox.Retryable(err)
	}
	if !b.CanUpdateCards() {
		return nil, nil
	}

	return b, nil
}

// progress is the outcome of an attempt that added the updates of the
// cards ids before ending with err: the ids are kept as reached, so that
// a retry does not add them again.
func progress(ids []string, err error) error {
	if len(ids) == 0 {
		return err
	}
	return &outbox.PartialError{Reached: ids, Err: err}
}
