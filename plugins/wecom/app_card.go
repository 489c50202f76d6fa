package wecom

import (
	"context"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// templateCard is a button interaction card (按钮交互型): the only card
// type whose buttons update_template_card can later change, which is how
// a task card shows "done" once the task is.
type templateCard struct {
	CardType     string      `json:"card_type"`
	Source       *cardSource `json:"source,omitempty"`
	MainTitle    cardTitle   `json:"main_title"`
	SubTitleText string      `json:"sub_title_text,omitempty"`
	CardAction   cardAction  `json:"card_action"`
	TaskID       string      `json:"task_id"`
	ButtonList   []button    `json:"button_list"`
}

type cardSource struct {
	Desc string `json:"desc"`
}

type cardTitle struct {
	Title string `json:"title"`
	Desc  string `json:"desc,omitempty"`
}

// cardAction type 1 opens URL when the card is tapped.
type cardAction struct {
	Type int    `json:"type"`
	URL  string `json:"url"`
}

// button type 1 opens URL; style 1 is the primary colour.
type button struct {
	Type  int    `json:"type"`
	Text  string `json:"text"`
	Style int    `json:"style"`
	Key   string `json:"key"`
	URL   string `json:"url"`
}

// maxTaskID is WeCom's limit on a card's task_id, in bytes.
const maxTaskID = 128

// taskCard builds the card of a task message: its title, body and one
// button opening the task.
func taskCard(m *outbox.Message, title, body string) *templateCard {
	l := localeOf(m)
	return &templateCard{CardType: "button_interaction",
		Source:       &cardSource{Desc: "Formwork"},
		MainTitle:    cardTitle{Title: title},
		SubTitleText: body,
		CardAction:   cardAction{Type: 1, URL: m.Link},
		TaskID:       cardTaskID(m),
		ButtonList: []button{{Type: 1, Text: label(m, i18n.T(l, "wecom.open_task", nil)),
			Style: 1, Key: "open", URL: m.Link}},
	}
}

// cardTaskID is a card's task_id: the task id and the message id (a task
// may get several cards, WeCom refuses a task_id twice), in the letters
// WeCom allows, at most maxTaskID bytes.
func cardTaskID(m *outbox.Message) string {
	taskID := plugins.TaskOf(m)
	id := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z',
			r == '_', r == '-', r == '@':
			return r
		}
		return '_'
	}, taskID+"-"+m.ID)

	if len(id) > maxTaskID {
		id = id[len(id)-maxTaskID:]
	}

	return id
}

// localeOf is the locale a message's vendor-side texts use: Chinese when
// the message has Chinese text or none at all, as plugins.TextOf picks.
func localeOf(m *outbox.Message) i18n.Locale {
	if m.Title[i18n.Chinese] != "" || m.Body[i18n.Chinese] != "" {
		return i18n.Chinese
	}
	if m.Title[i18n.English] != "" || m.Body[i18n.English] != "" {
		return i18n.English
	}

	return i18n.Chinese
}

// vendorSep separates msgid and response_code in a vendor id.
const vendorSep = "|"

// VendorID is the vendor id Send reports: the msgid, followed by "|" and
// the response_code when WeCom returned one (template cards), which
// UpdateTaskCard needs.
func VendorID(msgID, responseCode string) string {
	if responseCode == "" {
		return msgID
	}
	return msgID + vendorSep + responseCode
}

// ParseVendorID splits a vendor id made by VendorID.
func ParseVendorID(vendorID string) (msgID, responseCode string) {
	msgID, responseCode, _ = strings.Cut(vendorID, vendorSep)
	return msgID, responseCode
}

// CardUpdater is implemented by Senders whose task cards can be updated
// after the task is done.
type CardUpdater interface {
	UpdateTaskCard(ctx context.Context, tenantID string, userIDs []string, vendorID,
		doneText string) error
}

var (
	_ CardUpdater         = (*App)(nil)
	_ plugins.CardUpdater = (*App)(nil)
)

// cardUpdateWindow is how long after sending WeCom accepts an update of
// a template card (72 hours); a later one is not tried.
const cardUpdateWindow = 72 * time.Hour

// UpdateCard greys out the button of every task card of card, a message
// Send delivered, for all its recipients, reading "已处理" ("Done" on an
// English card). Parts of it that were no template card (their vendor id
// has no response_code) are left alone. As WeCom accepts one update per
// response_code, a failure after some batches were updated reports them
// (see plugins.UpdateParts), so that a retry updates only the rest; a
// part whose response_code WeCom says was used already was updated by an
// attempt whose outcome was lost, and counts as updated. A card delivered
// cardUpdateWindow ago or more is left alone.
func (a *App) UpdateCard(ctx context.Context, card *outbox.Message) error {
	if card.DeliveredAt != nil && a.Clock.Now().Sub(*card.DeliveredAt) >= cardUpdateWindow {
		return nil // WeCom no longer takes its response_code
	}

	done := i18n.T(localeOf(card), "wecom.task_done", nil)
	return plugins.UpdateParts(card, func(part string) error {
		if _, code := ParseVendorID(part); code == "" {
			return nil
		}
		err := a.UpdateTaskCard(ctx, card.TenantID, nil, part, done)
		if codeUsedAgain(err) {
			return nil
		}
		return err
	})
}

// updateCard is the body of update_template_card that replaces the
// card's buttons by an inactive one reading replace_name.
type updateCard struct {
	UserIDs      []string      `json:"userids,omitempty"`
	AtAll        int           `json:"atall"`
	AgentID      int64         `json:"agentid"`
	ResponseCode string        `json:"response_code"`
	Button       replaceButton `json:"button"`
}

type replaceButton struct {
	ReplaceName string `json:"replace_name"`
}

// UpdateTaskCard greys out the button of a task card sent by Send, whose
// vendor id is vendorID, showing doneText ("已处理") on it, for userIDs
// (WeCom user ids) or, when there are none, for every recipient. WeCom
// accepts one update per response_code, within 72 hours of sending.
func (a *App) UpdateTaskCard(ctx context.Context, tenantID string, userIDs []string,
	vendorID, doneText string) error {
	_, code := ParseVendorID(vendorID)
	if code == "" {
		return outbox.Permanent(noticeError{key: "wecom.no_response_code"})
	}

	u := updateCard{UserIDs: userIDs, AgentID: a.Settings.AgentID, ResponseCode: code,
		Button: replaceButton{ReplaceName: doneText}}
	if len(userIDs) == 0 {
		u.AtAll = 1
	}
	body, err := plugins.MarshalBody(u)
	if err != nil {
		return err
	}

	_, err = a.call(ctx, tenantID, "/cgi-bin/message/update_template_card", body)

	return err
}
