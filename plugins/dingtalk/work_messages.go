package dingtalk

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"dingtalk.refused": {
			i18n.English: "DingTalk refused the request: {hint} (errcode {code}: {errmsg})",
			i18n.Chinese: "钉钉拒绝了请求：{hint}（errcode {code}：{errmsg}）",
		},
		"dingtalk.refused_status": {
			i18n.English: "DingTalk refused the request: {hint} (HTTP {status})",
			i18n.Chinese: "钉钉拒绝了请求：{hint}（HTTP {status}）",
		},
		"dingtalk.hint_busy": {
			i18n.English: "DingTalk is busy; the message will be sent again",
			i18n.Chinese: "钉钉繁忙，稍后将重新发送",
		},
		"dingtalk.hint_rate": {
			i18n.English: "too many requests; the message will be sent again later",
			i18n.Chinese: "调用过于频繁，稍后将重新发送",
		},
		"dingtalk.hint_credentials": {
			i18n.English: "the AppKey, AppSecret or AgentId is not accepted",
			i18n.Chinese: "AppKey、AppSecret 或 AgentId 不正确",
		},
		"dingtalk.hint_permission": {
			i18n.English: "the app lacks the permission to send work notifications",
			i18n.Chinese: "应用未开通发送工作通知的权限",
		},
		"dingtalk.hint_ip": {
			i18n.English: "this server's IP address is not on the app's allow list",
			i18n.Chinese: "本服务器的 IP 不在应用的服务器出口 IP 白名单中",
		},
		"dingtalk.hint_user": {
			i18n.English: "a recipient is not a member of the organisation",
			i18n.Chinese: "有接收人不是本组织的成员",
		},
		"dingtalk.hint_other": {
			i18n.English: "see the DingTalk error code",
			i18n.Chinese: "请查看钉钉错误码说明",
		},
		"dingtalk.no_recipients": {
			i18n.English: "No recipient has a DingTalk account; nothing was sent. " +
				"To test this channel, set its test recipient.",
			i18n.Chinese: "接收人均未绑定钉钉账号，消息未发送。测试该渠道请先填写测试接收人。",
		},
		"dingtalk.status_open": {
			i18n.English: "To do",
			i18n.Chinese: "待处理",
		},
		"dingtalk.status_done": {
			i18n.English: "Done",
			i18n.Chinese: "已完成",
		},
		"dingtalk.view_details": {
			i18n.English: "View details",
			i18n.Chinese: "查看详情",
		},
	})
}
