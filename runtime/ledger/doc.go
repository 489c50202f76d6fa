// Package ledger owns points ledgers, the "process points bank": entries
// that award points to people (from process steps) or take them back
// (redemptions of rewards), the balance of each person per ledger, the
// catalog of rewards, and leaderboards over a period.
//
// The entries are the truth. Each carries a dedupe key unique per tenant,
// so awarding the same step twice books one entry. A balance is one
// document per tenant, ledger and person, moved with $inc by the same call
// that inserts the entry; Rebuild recomputes balances from the entries and
// corrects any that disagree (after a crash between the two writes).
//
// A redemption first takes the cost off the balance with a conditional
// update that only matches while the balance covers it, so concurrent
// redemptions can never take a balance below zero; stock, when a reward
// has one, is taken the same way. Points are whole numbers.
package ledger
