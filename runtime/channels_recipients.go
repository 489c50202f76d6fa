package runtime

import (
	"maps"
	"strings"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// addressBook is a message's recipients as one channel reaches them.
type addressBook struct {
	// addrs are the addresses to send to.
	addrs []string
	// owners maps an address (lower case) to the recipient it stands for.
	owners map[string]string
	// missing are recipients the channel cannot reach.
	missing []string
	// locales maps an e-mail address to its owner's locale.
	locales map[string]string
}

func newAddressBook() *addressBook {
	return &addressBook{owners: map[string]string{}, locales: map[string]string{}}
}

// add lists addr as the address of recipient.
func (b *addressBook) add(recipient, addr string) {
	key := strings.ToLower(addr)
	if _, dup := b.owners[key]; dup {
		return
	}
	b.owners[key] = recipient
	b.addrs = append(b.addrs, addr)
}

// addUser lists user id u's address on channel, or notes it missing.
func (b *addressBook) addUser(channel, id string, u auth.User) {
	addr := addressOf(channel, u)
	if addr == "" || u.Disabled {
		b.missing = append(b.missing, id)
		return
	}
	b.add(id, addr)
	if channel == outbox.ChannelEmail && u.Locale != "" {
		b.locales[strings.ToLower(addr)] = string(u.Locale)
	}
}

// addUnknown lists a recipient that is no user: an e-mail address or a
// WeCom department stays as it is; anything else is missing.
func (b *addressBook) addUnknown(channel, id string) {
	switch {
	case channel == outbox.ChannelEmail && strings.Contains(id, "@"),
		channel == outbox.ChannelWeCom && strings.HasPrefix(id, "party:"):
		b.add(id, id)
	default:
		b.missing = append(b.missing, id)
	}
}

// owner is the recipient addr stands for.
func (b *addressBook) owner(addr string) string {
	if r, ok := b.owners[strings.ToLower(addr)]; ok {
		return r
	}
	return addr
}

// report turns a Sender's answer about addresses into one about the
// message's recipients, adding the missing ones as refused.
func (b *addressBook) report(channel, vendorID string, err error) (string, error) {
	pe, partial := outbox.AsPartial(err)
	switch {
	case partial:
		return "", b.translate(channel, pe)
	case err != nil || len(b.missing) == 0 || len(b.addrs) == 0:
		return vendorID, err
	}

	return "", b.translate(channel, &outbox.PartialError{VendorID: vendorID})
}

// translate maps pe's recipients back and adds the missing ones.
func (b *addressBook) translate(channel string, pe *outbox.PartialError) error {
	out := *pe
	out.Reached = make([]string, len(pe.Reached))
	for i, r := range pe.Reached {
		out.Reached[i] = b.owner(r)
	}
	out.Refused = make([]outbox.RecipientError, 0, len(pe.Refused)+len(b.missing))
	for _, r := range pe.Refused {
		out.Refused = append(out.Refused, outbox.RecipientError{Recipient: b.owner(r.Recipient),
			Code: r.Code, Error: r.Error})
	}
	for _, id := range b.missing {
		out.Refused = append(out.Refused, outbox.RecipientError{Recipient: id,
			Code:  outbox.RefusedNoAddress,
			Error: "no " + channel + " address on the person's profile, or disabled"})
	}

	return &out
}

// withLocales is payload with the e-mail recipients' locales under
// "recipient_locales" (address → locale), for the mailer to pick each
// one's template.
func withLocales(payload map[string]any, locales map[string]string) map[string]any {
	if len(locales) == 0 {
		return payload
	}
	out := maps.Clone(payload)
	if out == nil {
		out = map[string]any{}
	}
	byAddr := make(map[string]any, len(locales))
	for k, v := range locales {
		byAddr[k] = v
	}
	out["recipient_locales"] = byAddr

	return out
}
