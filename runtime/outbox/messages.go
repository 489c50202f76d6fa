package outbox

import (
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"outbox.refused_no_address": {
			i18n.English: "Not sent: this person has no account on the channel in their " +
				"profile, or is disabled.",
			i18n.Chinese: "未发送：此人的资料中没有该渠道的账号，或已停用。",
		},
		"outbox.refused_not_visible": {
			i18n.English: "Refused by the vendor: unknown, or outside the app's visible range.",
			i18n.Chinese: "被平台拒收：账号不存在，或不在应用的可见范围内。",
		},
		"outbox.refused_unlicensed": {
			i18n.English: "Refused by the vendor: this person has no licence for the app.",
			i18n.Chinese: "被平台拒收：此人没有该应用的接口许可。",
		},
		"outbox.message_not_found": {
			i18n.English: "No such delivery.",
			i18n.Chinese: "未找到该条发送记录。",
		},
		"outbox.not_retriable": {
			i18n.English: "Only failed or dead deliveries can be sent again; this one is {status}.",
			i18n.Chinese: "只有发送失败或已放弃的消息才能重新发送，这条消息当前状态为 {status}。",
		},
		"outbox.changed_meanwhile": {
			i18n.English: "This delivery changed in the meantime. Reload it and try again.",
			i18n.Chinese: "这条发送记录刚刚发生了变化，请刷新后重试。",
		},
		"outbox.retry_forbidden": {
			i18n.English: "Only owners, administrators, implementers and supervisors " +
				"can resend messages.",
			i18n.Chinese: "只有所有者、管理员、实施人员和主管可以重新发送消息。",
		},
		"outbox.invalid_status": {
			i18n.English: "Choose one of pending, sending, delivered, failed or dead.",
			i18n.Chinese: "请选择以下状态之一：pending（待发送）、sending（发送中）、" +
				"delivered（已送达）、failed（失败）、dead（已放弃）。",
		},
		"outbox.invalid_limit": {
			i18n.English: "The page size must be between 1 and 200.",
			i18n.Chinese: "每页条数必须在 1 到 200 之间。",
		},
		"outbox.notification_not_found": {
			i18n.English: "No such notification.",
			i18n.Chinese: "未找到该通知。",
		},
		"outbox.incident_title": {
			i18n.English: "Delivery failed on channel {channel}",
			i18n.Chinese: "渠道 {channel} 消息发送失败",
		},
		"outbox.incident_body": {
			i18n.English: "A message could not be delivered after {attempts} attempts and " +
				"will not be tried again: {reason}. Check the channel's settings, " +
				"then send it again from the deliveries list.",
			i18n.Chinese: "一条消息尝试发送 {attempts} 次后仍未送达，系统不再自动重试：{reason}。" +
				"请检查该渠道的配置，然后在发送记录中重新发送。",
		},
	})
}

// fieldError returns a field error whose message is the catalog's key in
// every locale, so that the codes stay short while the keys keep this
// package's prefix.
func fieldError(pointer, code, key string) problem.FieldError {
	msgs := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		msgs[l] = i18n.T(l, key, nil)
	}

	return problem.FieldError{Pointer: pointer, Code: code, Messages: msgs}
}
