package templates

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"templates.not_found": {
			i18n.English: "There is no template \"{id}\" in the library.",
			i18n.Chinese: "模板库中没有“{id}”这个模板。",
		},
		"templates.need_channel": {
			i18n.English: "Configure a {channel} channel so that reminders reach people's phones; " +
				"in-app reminders work now.",
			i18n.Chinese: "请配置{channel}渠道，提醒才能推送到手机；站内提醒现在就能用。",
		},
		"templates.need_role": {
			i18n.English: "Nobody has the {role} role yet. Give it to someone under People " +
				"so that escalations reach a person.",
			i18n.Chinese: "还没有人担任{role}。请在“成员”中指定，升级提醒才有人接收。",
		},
		"templates.channel_wecom":    {i18n.English: "WeCom", i18n.Chinese: "企业微信"},
		"templates.channel_dingtalk": {i18n.English: "DingTalk", i18n.Chinese: "钉钉"},
		"templates.channel_feishu":   {i18n.English: "Feishu", i18n.Chinese: "飞书"},
		"templates.channel_email":    {i18n.English: "e-mail", i18n.Chinese: "邮件"},
		"templates.role_supervisor":  {i18n.English: "supervisor", i18n.Chinese: "主管"},
		"templates.role_service":     {i18n.English: "customer service", i18n.Chinese: "客服"},
		"templates.role_marketing":   {i18n.English: "marketing", i18n.Chinese: "市场"},
	})
}
