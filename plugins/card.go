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
//
// A card sent in parts (one vendor id per batch, see
// outbox.JoinVendorIDs) is updated part by part, and a vendor may take
// one update per part only (WeCom refuses a response_code used before).
// An updater that fails after updating some parts reports them as an
// *outbox.PartialError whose Reached are those parts' vendor ids (see
// UpdateParts); the caller then passes, on its next attempt, a card whose
// VendorID holds only the parts still to update.
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

// UpdateParts calls update for each part of card's vendor id, in order,
// and stops at the first error. When parts before it were updated, the
// error comes back as an *outbox.PartialError naming them in Reached, so
// that a retry skips them.
func UpdateParts(card *outbox.Message, update func(part string) error) error {
	var done []string
	for _, part := range outbox.SplitVendorIDs(card.VendorID) {
		if err := update(part); err != nil {
			return partsDone(done, err)
		}
		done = append(done, part)
	}

	return nil
}

// partsDone is err, carrying the parts updated before it, if any.
func partsDone(parts []string, err error) error {
	if len(parts) == 0 {
		return err
	}
	return &outbox.PartialError{Reached: parts, Err: err}
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
