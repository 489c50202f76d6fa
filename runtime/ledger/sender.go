package ledger

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// ChannelPoints is the outbox channel that books award_points messages.
const ChannelPoints = "ledger"

// Sender returns the outbox Sender of the points channel: it books an
// award_points message (Payload: "ledger", "user_id", "points", and
// optionally "source") as an award whose reason is the message's Body and
// whose dedupe key is the message's, so a redelivered message books once.
func (s *Service) Sender() outbox.Sender { return pointsSender{svc: s} }

type pointsSender struct{ svc *Service }

var _ outbox.Sender = pointsSender{}

// Send books the award the message describes.
func (ps pointsSender) Send(ctx context.Context, m *outbox.Message) (string, error) {
	a, err := awardOf(m)
	if err != nil {
		return "", outbox.Permanent(err)
	}

	e, _, err := ps.svc.Award(ctx, m.TenantID, a)
	if err != nil {
		return "", err
	}

	return e.ID, nil
}

// awardOf reads the award of an award_points message.
func awardOf(m *outbox.Message) (Award, error) {
	ledger, _ := m.Payload["ledger"].(string)
	user, _ := m.Payload["user_id"].(string)
	source, _ := m.Payload["source"].(string)
	if source == "" {
		source = m.InstanceID
	}

	points, err := wholePoints(m.Payload["points"])
	if err != nil {
		return Award{}, err
	}
	if user == "" {
		return Award{}, errors.New("points message has no user_id")
	}

	return Award{
		Ledger: ledger, UserID: user, Points: points, Reason: Text(m.Body),
		Source: source, DedupeKey: "outbox:" + m.DedupeKey,
	}, nil
}

// wholePoints reads a number of points as BSON or JSON decoding left it,
// rounding fractions to the nearest whole point.
func wholePoints(v any) (int64, error) {
	switch n := v.(type) {
	case int32:
		return int64(n), nil
	case int64:
		return n, nil
	case int:
		return int64(n), nil
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) > 1e15 {
			return 0, fmt.Errorf("points %v out of range", n)
		}
		return int64(math.Round(n)), nil
	}

	return 0, fmt.Errorf("points message has no number of points: %v", v)
}
