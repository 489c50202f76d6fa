package wecom

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"wecom.refused": {
			i18n.English: "WeCom refused the request: {hint} (errcode {code}: {errmsg})",
			i18n.Chinese: "企业微信拒绝了请求：{hint}（errcode {code}：{errmsg}）",
		},
		"wecom.hint_busy": {
			i18n.English: "WeCom is busy; the message will be sent again",
			i18n.Chinese: "企业微信繁忙，稍后将重新发送",
		},
		"wecom.hint_rate": {
			i18n.English: "too many requests; the message will be sent again later",
			i18n.Chinese: "调用过于频繁，稍后将重新发送",
		},
		"wecom.hint_credentials": {
			i18n.English: "the corp ID, AgentId or Secret is not accepted",
			i18n.Chinese: "企业 ID、AgentId 或 Secret 不正确",
		},
		"wecom.hint_ip": {
			i18n.English: "this server's IP address is not among the app's trusted IPs",
			i18n.Chinese: "本服务器的 IP 不在应用的企业可信 IP 中",
		},
		"wecom.hint_user": {
			i18n.English: "no recipient is a member visible to the app",
			i18n.Chinese: "接收人都不是该应用可见范围内的成员",
		},
		"wecom.hint_code_used": {
			i18n.English: "the card's response_code was used already: the card was updated before",
			i18n.Chinese: "该卡片的 response_code 已使用过：卡片此前已更新",
		},
		"wecom.hint_other": {
			i18n.English: "see the WeCom error code",
			i18n.Chinese: "请查看企业微信错误码说明",
		},
		"wecom.no_recipients": {
			i18n.English: "No recipient has a WeCom account; nothing was sent. " +
				"To test this channel, set its test recipient.",
			i18n.Chinese: "接收人均未绑定企业微信账号，消息未发送。测试该渠道请先填写测试接收人。",
		},
		"wecom.no_response_code": {
			i18n.English: "This message cannot be updated: WeCom gave no response code.",
			i18n.Chinese: "该消息无法更新：企业微信未返回 response_code。",
		},
		"wecom.all_refused": {
			i18n.English: "WeCom refused every recipient: none is a member within the " +
				"app's visible range with a licence.",
			i18n.Chinese: "企业微信拒绝了全部接收人：均不在应用可见范围内或没有许可。",
		},
		"wecom.task_done": {
			i18n.English: "Done",
			i18n.Chinese: "已处理",
		},
		"wecom.open_task": {
			i18n.English: "Open task",
			i18n.Chinese: "去处理",
		},
		"wecom.view_details": {
			i18n.English: "View details",
			i18n.Chinese: "查看详情",
		},
		"wecom.details": {
			i18n.English: "Details",
			i18n.Chinese: "详情",
		},
	})
}
