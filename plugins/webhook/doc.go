// Package webhook owns the outgoing webhook channel: JSON event payloads
// posted to a configured URL and signed the Standard Webhooks way, with the
// message id as webhook-id on every retry.
package webhook
