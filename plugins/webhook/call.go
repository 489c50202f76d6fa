package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// CallType is the event type of a call_action step's webhook call.
const CallType = "formwork.call_action"

// KeySource gives the secrets a tenant's calls are signed with;
// plugins.Service is one.
type KeySource interface {
	WebhookKeys(ctx context.Context, tenantID string) (plugins.SigningKeys, error)
}

// Caller delivers the call_action steps whose target is a bare webhook
// URL rather than a plugin instance: a JSON POST of the step's input,
// signed the Standard Webhooks way with the tenant's signing key (and,
// during a rotation, the previous one), the outbox message id as the
// webhook-id on every retry. The URL is dialled through HTTP, the client
// that refuses private and local addresses.
type Caller struct {
	Keys  KeySource
	HTTP  *http.Client
	Clock clock.Clock
}

var _ outbox.Sender = Caller{}

// CallData is what a call's event carries.
type CallData struct {
	// DeliveryID is the outbox message id, also the webhook-id.
	DeliveryID string         `json:"delivery_id"`
	RecordID   string         `json:"record_id,omitempty"`
	InstanceID string         `json:"instance_id,omitempty"`
	Input      map[string]any `json:"input"`
}

// CallEvent is the body of a call.
type CallEvent struct {
	Type      string    `json:"type"`
	Timestamp time.Time `json:"timestamp"`
	Data      CallData  `json:"data"`
}

// Send posts m.Payload["input"] to m.Payload["webhook"]. A URL that is not
// an absolute https (or http) URL is a permanent failure; so are an
// address the client refuses (private, local) and any 4xx but 408 and
// 429, while those, 5xx and network failures are retried, no sooner than
// a Retry-After.
// The vendor id is the delivery id.
func (c Caller) Send(ctx context.Context, m *outbox.Message) (string, error) {
	target, err := callURL(m.Payload["webhook"])
	if err != nil {
		return "", err
	}
	input, err := plugins.PlainObject(m.Payload["input"])
	if err != nil {
		return "", outbox.Permanent(fmt.Errorf("call_action webhook input: %w", err))
	}

	keys, err := c.keys(ctx, m.TenantID)
	if err != nil {
		return "", err
	}

	now := c.Clock.Now()
	body, err := plugins.MarshalBody(CallEvent{Type: CallType, Timestamp: now.UTC(),
		Data: CallData{DeliveryID: m.ID, RecordID: m.RecordID, InstanceID: m.InstanceID,
			Input: input}})
	if err != nil {
		return "", err
	}
	_, err = post(ctx, c.HTTP, target, m.ID, body, now, keys)
	if errors.Is(err, httpx.ErrForbiddenAddress) {
		return "", outbox.Permanent(err) // the address will not become public
	}
	if err != nil {
		return "", err
	}

	return m.ID, nil
}

// keys decodes the tenant's signing secrets.
func (c Caller) keys(ctx context.Context, tenantID string) ([][]byte, error) {
	sk, err := c.Keys.WebhookKeys(ctx, tenantID)
	if err != nil {
		return nil, err
	}

	var out [][]byte
	for _, secret := range []string{sk.Current, sk.Previous} {
		if secret == "" {
			continue
		}
		key, err := DecodeSecret(secret)
		if err != nil {
			return nil, outbox.Permanent(errors.New("the tenant's signing key is not valid"))
		}
		out = append(out, key)
	}

	return out, nil
}

// errBadURL refuses a call whose target is no usable URL.
var errBadURL = errors.New("call_action webhook: not an absolute http(s) URL without " +
	"credentials")

// callURL checks a call's target.
func callURL(v any) (string, error) {
	raw, _ := v.(string)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.User != nil {
		return "", outbox.Permanent(errBadURL)
	}

	return raw, nil
}
