package inbound

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// KindVerify is the kind of the message that asks a Receiver to verify a
// delivery (see VerifyMessage).
const KindVerify outbox.Kind = "inbound_verify"

// Event is the JSON body another system posts, in the Standard Webhooks
// shape: its type names the event, data is what expressions read.
type Event struct {
	Type     string         `json:"type"`
	RecordID string         `json:"record_id,omitempty"`
	Data     map[string]any `json:"data,omitempty"`
}

// ParseEvent decodes a delivery's body, which must name its type.
func ParseEvent(body []byte) (Event, error) {
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil || ev.Type == "" {
		return Event{}, problem.New(problem.Invalid, "inbound.body_invalid", nil)
	}

	return ev, nil
}

// Unauthorized is the one refusal of an unknown instance or a delivery
// that does not verify, so that callers cannot tell which it was.
func Unauthorized() *problem.Error {
	return problem.New(problem.Unauthorized, "inbound.unauthorized", nil)
}

// Receiver verifies the deliveries of one configured instance.
type Receiver struct {
	Keys       [][]byte
	EventNames []string
	Clock      clock.Clock
}

// VerifyMessage wraps a delivery in the message a Receiver's Send checks.
// Its id is the delivery's webhook-id.
func VerifyMessage(h http.Header, body []byte) *outbox.Message {
	return &outbox.Message{ID: h.Get(HeaderID), Kind: KindVerify,
		Payload: map[string]any{"headers": h, "body": body}}
}

// Send verifies the delivery carried by a VerifyMessage and returns its
// webhook-id. It is how the plugin service hands out a Receiver, whose
// secrets it opens only for senders; any other message is refused, since an
// inbound instance sends nothing. A delivery that does not verify returns
// Unauthorized; a verified one of a type not allowed, a problem saying so.
func (r *Receiver) Send(_ context.Context, m *outbox.Message) (string, error) {
	h, _ := m.Payload["headers"].(http.Header)
	body, _ := m.Payload["body"].([]byte)
	if m.Kind != KindVerify || h == nil {
		return "", outbox.Permanent(errors.New("an inbound webhook receives events only"))
	}

	if err := Verify(r.Keys, h, body, r.Clock.Now()); err != nil {
		return "", Unauthorized()
	}

	ev, err := ParseEvent(body)
	if err != nil {
		return "", err
	}
	if len(r.EventNames) > 0 && !slices.Contains(r.EventNames, ev.Type) {
		return "", problem.New(problem.Invalid, "inbound.event_not_allowed",
			map[string]any{"type": ev.Type})
	}

	return h.Get(HeaderID), nil
}
