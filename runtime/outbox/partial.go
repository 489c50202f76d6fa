package outbox

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/i18n"
)

// RecipientError is one recipient a channel refused for good (an unknown
// user, one outside the app's visible range), as the delivery log shows.
type RecipientError struct {
	Recipient string `bson:"recipient" json:"recipient"`
	// Code is the class of refusal, one of the Refused… codes, which the
	// delivery list shows in the reader's language.
	Code string `bson:"code,omitempty" json:"code,omitempty"`
	// Error is the channel's own words, in English.
	Error string `bson:"error" json:"error"`
}

// The classes of a recipient's refusal.
const (
	// RefusedNoAddress: the person has no address on the channel (no IM
	// id on their profile), or is disabled.
	RefusedNoAddress = "no_address"
	// RefusedNotVisible: the vendor does not know the person, or they are
	// outside the app's visible range.
	RefusedNotVisible = "not_visible"
	// RefusedUnlicensed: the person has no licence for the vendor's API.
	RefusedUnlicensed = "unlicensed"
)

// RefusedRecipient is a refused recipient as the delivery list shows it.
type RefusedRecipient struct {
	Recipient string `json:"recipient"`
	Code      string `json:"code,omitempty"`
	// Messages is why, per locale.
	Messages map[i18n.Locale]string `json:"messages"`
}

// refusedView is refused as the delivery list shows it.
func refusedView(refused []RecipientError) []RefusedRecipient {
	if len(refused) == 0 {
		return nil
	}

	out := make([]RefusedRecipient, len(refused))
	for i, r := range refused {
		msgs := map[i18n.Locale]string{}
		for _, l := range i18n.Locales {
			msgs[l] = r.Error
			if r.Code != "" {
				msgs[l] = i18n.T(l, "outbox.refused_"+r.Code, nil)
			}
		}
		out[i] = RefusedRecipient{Recipient: r.Recipient, Code: r.Code, Messages: msgs}
	}

	return out
}

// PartialError is a Sender's report of an attempt that settled some of a
// message's recipients and not others: a vendor that sends in batches, or
// that answers which recipients it refused.
//
// With Err nil, every recipient not in Refused was reached: the message is
// delivered and Refused are recorded as failed for good, without a retry.
// With Err set, the attempt failed as Err says (retryable or permanent);
// Reached and Refused are recorded all the same, and later attempts send
// only to the recipients still unsettled.
type PartialError struct {
	// Reached are the recipients this attempt delivered to.
	Reached []string
	// Refused are the recipients the vendor refused for good.
	Refused []RecipientError
	// VendorID is the vendor's id of what this attempt sent, if any.
	VendorID string
	// Err is why the rest of the recipients were not reached, or nil.
	Err error
}

// Error says how many recipients were refused, and why the rest failed.
func (e *PartialError) Error() string {
	msg := fmt.Sprintf("%d recipient(s) refused", len(e.Refused))
	if len(e.Refused) > 0 {
		msg += " (" + e.Refused[0].Recipient + ": " + e.Refused[0].Error + ")"
	}
	if e.Err != nil {
		msg = e.Err.Error() + "; " + msg
	}

	return msg
}

// Unwrap returns Err, so that IsPermanent and RetryDelay read its class.
func (e *PartialError) Unwrap() error { return e.Err }

// AsPartial returns err's PartialError, if it is one.
func AsPartial(err error) (*PartialError, bool) {
	var pe *PartialError
	ok := errors.As(err, &pe)

	return pe, ok
}

// vendorSep joins the vendor ids of the parts of one message.
const vendorSep = ","

// JoinVendorIDs joins the vendor ids of the parts of one message, skipping
// empty ones: "a,b".
func JoinVendorIDs(ids ...string) string {
	keep := slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == "" })
	return strings.Join(keep, vendorSep)
}

// SplitVendorIDs splits a vendor id made by JoinVendorIDs.
func SplitVendorIDs(id string) []string {
	if id == "" {
		return nil
	}

	return strings.Split(id, vendorSep)
}

// unsettled returns the recipients of m not yet reached nor refused.
func (m *Message) unsettled() []string {
	if len(m.Reached) == 0 && len(m.Refused) == 0 {
		return m.Recipients
	}

	out := make([]string, 0, len(m.Recipients))
	for _, r := range m.Recipients {
		if !slices.Contains(m.Reached, r) && !m.refused(r) {
			out = append(out, r)
		}
	}

	return out
}

// refused reports whether r is among m's refused recipients.
func (m *Message) refused(r string) bool {
	return slices.ContainsFunc(m.Refused, func(e RecipientError) bool { return e.Recipient == r })
}

// settle applies a partial outcome to m: the reached and refused
// recipients and the vendor id so far. It returns the vendor id and the
// error that decide the rest of the outcome, and the fields to set.
func (m *Message) settle(vendorID string, sendErr error) (string, error, bson.D) {
	pe, ok := AsPartial(sendErr)
	if !ok {
		if sendErr == nil {
			vendorID = JoinVendorIDs(m.VendorID, vendorID)
		}
		return vendorID, sendErr, nil
	}

	for _, r := range pe.Reached {
		if !slices.Contains(m.Reached, r) {
			m.Reached = append(m.Reached, r)
		}
	}
	for _, e := range pe.Refused {
		if !m.refused(e.Recipient) {
			e.Error = truncate(e.Error, maxErrorLen/4)
			m.Refused = append(m.Refused, e)
		}
	}
	m.VendorID = JoinVendorIDs(m.VendorID, vendorID, pe.VendorID)

	return m.VendorID, pe.Err, bson.D{{Key: "reached", Value: m.Reached},
		{Key: "refused", Value: m.Refused}, {Key: "vendor_id", Value: m.VendorID}}
}
