// Package inbound owns signed inbound event webhooks: the "inbound_webhook"
// connector whose instances hold a tenant's signing secret and allowed
// event names, and the Standard Webhooks verification of what another
// system posts (webhook-id, webhook-timestamp, webhook-signature within a
// five-minute window, several signatures and secrets for rotation).
package inbound
