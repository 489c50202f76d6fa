// Package outbox owns the side effects of Formwork's runtime: every message,
// webhook call, ticket or action a process asks for is first written as an
// outbox document with a dedupe key, then delivered by a queue task with
// retries (DESIGN.md invariant 3).
//
// The flow of one message:
//
//   - Add writes the document (status pending) and only then enqueues an
//     Asynq task for it; adding the same dedupe key again returns the
//     message already there and writes nothing.
//   - The delivery task reads the message by id, claims it with a
//     compare-and-set on its version (pending or failed → sending), calls
//     the Sender registered for its channel, and records the outcome:
//     delivered, failed with a next attempt after an exponential backoff
//     with jitter, or dead (a permanent error, or too many attempts).
//   - A message that dies raises an Incident: a document naming the
//     message, its channel, attempts and last error, and an in-app notice
//     to the tenant's owners and admins; the dead message carries the
//     incident's id, shown in the deliveries list. Nothing fails silently.
//   - A Sweeper re-enqueues, at start-up and periodically, every message
//     whose next attempt is due, so a flushed Redis loses nothing; a claim
//     whose worker died is taken over once its lease ends, and a death
//     whose incident was not raised (the worker died in between) gets it.
//
// Task ids are derived from the document: the message id for its first
// delivery and "<id>-<version>" for every later one, so enqueueing the same
// state twice is harmless while a retry scheduled from inside a running
// task does not collide with that task's own id.
//
// A Sender that settles some recipients and not others (a vendor that
// sends in batches, or names the recipients it refused) returns a
// PartialError: refused recipients are recorded on the message as failed
// for good while the rest is delivered, and recipients an unfinished
// attempt reached are skipped by the next one.
//
// A failed delivery never blocks anything: it only changes its own
// document. Channels are Senders registered by name; "in_app" is built in
// and writes one notification per recipient (see InApp). The vendor
// channels (WeCom, DingTalk, Feishu, e-mail, webhooks) are plugins that
// register their Senders when configured.
package outbox
