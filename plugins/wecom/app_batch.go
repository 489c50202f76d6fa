package wecom

import (
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// The limits of one message/send call on its recipients.
const (
	maxUsersPerSend   = 1000
	maxPartiesPerSend = 100
)

// partyPrefix marks a recipient that is a department id.
const partyPrefix = "party:"

// batch is the recipients of one message/send call.
type batch struct {
	users, parties []string
	// recipients are the outbox recipients of the batch, as given.
	recipients []string
}

// batchesOf splits recipients into calls of at most maxUsersPerSend users
// and maxPartiesPerSend departments.
func batchesOf(recipients []string) []batch {
	var users, parties []string
	for _, r := range recipients {
		if id, ok := strings.CutPrefix(r, partyPrefix); ok {
			parties = append(parties, id)
		} else {
			users = append(users, r)
		}
	}

	var out []batch
	for len(users) > 0 || len(parties) > 0 {
		var b batch
		b.users, users = cut(users, maxUsersPerSend)
		b.parties, parties = cut(parties, maxPartiesPerSend)
		b.recipients = append(append(b.recipients, b.users...), prefixed(b.parties)...)
		out = append(out, b)
	}

	return out
}

// cut returns the first n of ids and the rest.
func cut(ids []string, n int) ([]string, []string) {
	n = min(n, len(ids))
	return ids[:n], ids[n:]
}

// prefixed are department ids as outbox recipients.
func prefixed(parties []string) []string {
	out := make([]string, len(parties))
	for i, p := range parties {
		out[i] = partyPrefix + p
	}
	return out
}

// batchTaskID is the card task_id of the i-th batch (i > 0): WeCom
// refuses a task_id used before, so each batch's card gets its own.
func batchTaskID(id string, i int) string {
	suffix := "-" + strconv.Itoa(i+1)
	if len(id)+len(suffix) > maxTaskID {
		id = id[len(id)+len(suffix)-maxTaskID:]
	}
	return id + suffix
}

// Why WeCom did not deliver to a recipient it named in an answer.
const (
	refusedInvalid = "wecom: not a member, or outside the app's visible range (invaliduser)"
	refusedParty   = "wecom: not a department, or outside the app's visible range " +
		"(invalidparty)"
	refusedUnlicensed = "wecom: no licence for the app's API (unlicenseduser)"
)

// errAllRefused fails a message WeCom accepted for none of its recipients.
var errAllRefused = noticeError{key: "wecom.all_refused"}

// sendProgress is what the batches of one Send settled so far.
type sendProgress struct {
	reached   []string
	refused   []outbox.RecipientError
	vendorIDs []string
}

// add records the answer to batch b: WeCom lists refused recipients in
// lower case, separated by "|"; every other recipient was reached.
func (p *sendProgress) add(b batch, ans *apiAnswer) {
	p.vendorIDs = append(p.vendorIDs, VendorID(ans.MsgID, ans.ResponseCode))
	why := map[string]outbox.RecipientError{}
	for _, list := range []struct{ ids, prefix, code, reason string }{
		{ans.InvalidUser, "", outbox.RefusedNotVisible, refusedInvalid},
		{ans.UnlicensedUser, "", outbox.RefusedUnlicensed, refusedUnlicensed},
		{ans.InvalidParty, partyPrefix, outbox.RefusedNotVisible, refusedParty},
	} {
		for id := range strings.SplitSeq(list.ids, "|") {
			if id != "" {
				why[strings.ToLower(list.prefix+id)] = outbox.RecipientError{Code: list.code,
					Error: list.reason}
			}
		}
	}

	for _, r := range b.recipients {
		if e, ok := why[strings.ToLower(r)]; ok {
			e.Recipient = r
			p.refused = append(p.refused, e)
		} else {
			p.reached = append(p.reached, r)
		}
	}
}

// result is Send's answer once the batches stopped, err being why.
func (p *sendProgress) result(err error) (string, error) {
	id := outbox.JoinVendorIDs(p.vendorIDs...)
	if err == nil && len(p.reached) == 0 {
		err = outbox.Permanent(errAllRefused) // nobody got it: the message failed
	}
	switch {
	case err == nil && len(p.refused) == 0:
		return id, nil
	case err != nil && len(p.vendorIDs) == 0:
		return "", err
	}

	return "", &outbox.PartialError{Reached: p.reached, Refused: p.refused, VendorID: id,
		Err: err}
}
