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
// completed, one message keyed by the task marks the cards sent for it as
// done (a WeCom template card's button, a DingTalk OA status bar).
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
func mayHaveCards(ctx context.Context, ob *outbox.Service, tenantID string,
	now time.Time) bool {
	pacersMu.Lock()
	p, ok := pacers[ob]
	pacersMu.Unlock()
	if !ok {
		return false
	}

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

// cardSender delivers card updates: it finds the messages sent about the
// task in the outbox and asks the instance each went through to update
// it.
type cardSender struct {
	outbox  *outbox.Service
	plugins *plugins.Service
}

// Send updates every delivered card of m.TaskID not yet updated by an
// earlier attempt (m.Reached holds their ids). A card still on its way is
// waited for with a retry; one that died, went in-app or through an
// instance that cannot update cards (or was since removed) is skipped.
func (c cardSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	msgs, err := c.outbox.ByTask(ctx, m.TenantID, m.TaskID)
	if err != nil {
		return "", outbox.Retryable(err)
	}

	var updated []string
	waiting := 0
	for i := range msgs {
		card := &msgs[i]
		if !isCard(card) || slices.Contains(m.Reached, card.ID) {
			continue
		}
		b, err := c.instanceOf(ctx, card)
		if err != nil {
			return "", progress(updated, err)
		}
		switch {
		case b == nil:
			continue
		case card.Status != outbox.StatusDelivered:
			waiting++
			continue
		}
		if _, err := b.UpdateCard(ctx, card); err != nil {
			return "", progress(updated, err)
		}
		updated = append(updated, card.ID)
	}

	if waiting > 0 {
		return "", progress(updated, outbox.Retryable(fmt.Errorf("%d card(s) of task %s "+
			"not delivered yet", waiting, m.TaskID)))
	}
	return "", progress(updated, nil)
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

// progress is the outcome of an attempt that updated the cards ids before
// ending with err: the ids are kept as reached, so that a retry does not
// update them twice (WeCom takes one update per card).
func progress(ids []string, err error) error {
	if len(ids) == 0 {
		return err
	}
	return &outbox.PartialError{Reached: ids, Err: err}
}
