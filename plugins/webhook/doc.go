// Package webhook owns the outgoing webhook channel: JSON event payloads
// posted to a configured URL and signed the Standard Webhooks way, with the
// message id as webhook-id on every retry. Caller posts the input of a
// call_action step to a bare webhook URL the same way, signed with the
// tenant's signing key (plugins.Service.SigningKey), which its owners and
// admins read and rotate with the same overlap as an instance's secret.
package webhook
