package dingtalk

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

var _ plugins.CardUpdater = (*Work)(nil)

// oaDoneColor is the status bar's background once the task is done (ARGB,
// green).
const oaDoneColor = "0xFF52C41A"

// statusBar is the body of status_bar/update, which changes the status bar
// of an OA work notification. DingTalk offers no update of an action card
// (only recalling it), so only OA messages are updated.
type statusBar struct {
	AgentID     int64       `json:"agent_id"`
	TaskID      json.Number `json:"task_id"`
	StatusValue string      `json:"status_value"`
	StatusBg    string      `json:"status_bg,omitempty"`
}

// UpdateCard sets the status bar of card, an OA message Send delivered, to
// "已完成" ("Done" on an English card), for each task id of its vendor id
// (one per batch of 100 recipients); a failure after some batches reports
// them (see plugins.UpdateParts), so that a retry updates only the rest.
// A message sent as another type is left alone: DingTalk cannot change it.
func (w *Work) UpdateCard(ctx context.Context, card *outbox.Message) error {
	if chooseWorkType(card) != typeOA {
		return nil
	}

	done := i18n.T(localeOf(card), "dingtalk.status_done", nil)
	return plugins.UpdateParts(card, func(id string) error {
		if _, err := strconv.ParseInt(id, 10, 64); err != nil {
			return outbox.Permanent(fmt.Errorf("dingtalk task id %q is not a number", id))
		}
		body, err := plugins.MarshalBody(statusBar{AgentID: w.Settings.AgentID,
			TaskID: json.Number(id), StatusValue: done, StatusBg: oaDoneColor})
		if err != nil {
			return err
		}
		path := "/topapi/message/corpconversation/status_bar/update"
		_, err = w.call(ctx, card.TenantID, path, body)
		return err
	})
}
