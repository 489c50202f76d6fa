package insights

import (
	"context"
	"fmt"
	"strconv"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// OutboxAlerter raises a funnel alert as an in-app notification to the
// tenant's supervisors (its owners and admins when it has none), through
// the outbox: the alert's dedupe key makes it one message per metric,
// stage and period, however often the funnel is read.
type OutboxAlerter struct {
	Outbox *outbox.Service
	Store  *mongo.Store
}

var _ Alerter = OutboxAlerter{}

// Alert implements Alerter.
func (o OutboxAlerter) Alert(ctx context.Context, tenantID string, a Alert) error {
	to, err := o.recipients(ctx, tenantID)
	if err != nil || len(to) == 0 {
		return err
	}
	title, body := outbox.Text{}, outbox.Text{}
	for _, l := range i18n.Locales {
		p := i18n.Params{"stage": a.Stage, "widget": a.Widget.In(l), "from": a.From,
			"to": a.To, "conversion": percent(a.Conversion), "baseline": percent(a.Baseline)}
		title[l] = i18n.T(l, "insights.alert_title", p)
		body[l] = i18n.T(l, "insights.alert_body", p)
	}
	_, err = o.Outbox.Add(ctx, tenantID, outbox.Message{DedupeKey: a.DedupeKey,
		Channel: outbox.ChannelInApp, Kind: outbox.KindNotify, Recipients: to, Title: title,
		Body: body, Link: "/dashboards/" + a.Dashboard,
		Payload: map[string]any{"metric": a.Metric, "stage": a.Stage}})
	if err != nil {
		return fmt.Errorf("raising funnel alert: %w", err)
	}
	return nil
}

func (o OutboxAlerter) recipients(ctx context.Context, tenantID string) ([]string, error) {
	users := o.Store.Scope(tenantID).C(auth.UsersCollection)
	for _, roles := range [][]auth.Role{{auth.Supervisor}, {auth.Owner, auth.Admin}} {
		var found []person
		filter := bson.D{{Key: "roles", Value: bson.D{{Key: "$in", Value: roles}}},
			{Key: "disabled", Value: false}}
		if err := users.FindAll(ctx, filter, &found); err != nil {
			return nil, fmt.Errorf("reading alert recipients: %w", err)
		}
		if len(found) > 0 {
			out := make([]string, len(found))
			for i, p := range found {
				out[i] = p.ID
			}
			return out, nil
		}
	}
	return nil, nil
}

func percent(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }
