package plugins

import (
	"context"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// CardUpdater is an optional interface of a channel's Sender: one whose
// task cards can show, after the fact, that the task is done (a WeCom
// template card's button, a DingTalk OA message's status bar).
//
// UpdateCard updates what card (a message it delivered, with its vendor
// id) shows. A card it cannot update (a plain text message, a card type
// the vendor cannot change) is no error: nothing is done. Errors are
// classified like Send's.
type CardUpdater interface {
	UpdateCard(ctx context.Context, card *outbox.Message) error
}

// UpdateCard updates card through the instance's Sender when it is a
// CardUpdater, reporting false when it is not. Errors never carry secret
// values.
func (b *Bound) UpdateCard(ctx context.Context, card *outbox.Message) (bool, error) {
	u, ok := b.raw.(CardUpdater)
	if !ok {
		return false, nil
	}

	return true, redactErr(u.UpdateCard(ctx, card), b.secrets)
}

// CanUpdateCards reports whether the instance's Sender is a CardUpdater.
func (b *Bound) CanUpdateCards() bool {
	_, ok := b.raw.(CardUpdater)
	return ok
}

// HasCardChannel reports whether the tenant has an enabled channel
// instance whose cards can be updated, so that a completed task only
// costs a card update where there may be cards to update.
func (s *Service) HasCardChannel(ctx context.Context, tenantID string) (bool, error) {
	insts, err := s.Enabled(ctx, tenantID)
	if err != nil {
		return false, err
	}

	for i := range insts {
		b, err := s.bind(&insts[i])
		if err == nil && b.CanUpdateCards() {
			return true, nil
		}
	}

	return false, nil
}
