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
		"templates.overlay_invalid": {
			i18n.English: "Template \"{id}\" cannot be built from its base packs: " +
				"{count} problem(s), the first at {pointer}.",
			i18n.Chinese: "模板“{id}”无法在其基础模板上生成：共 {count} 处问题，第一处在 {pointer}。",
		},
		"field.overlay_too_large": {
			i18n.English: "overlay.json is larger than {limit} bytes.",
			i18n.Chinese: "overlay.json 超过 {limit} 字节。",
		},
		"field.overlay_unknown_base": {
			i18n.English: "There is no plain pack \"{base}\" to build on; " +
				"the library has: {known}.",
			i18n.Chinese: "没有可作为基础的模板“{base}”；模板库中有：{known}。",
		},
		"field.overlay_base_is_overlay": {
			i18n.English: "\"{base}\" is itself an edition or a starter; build on a plain pack.",
			i18n.Chinese: "“{base}”本身就是行业版或起步包，请以普通模板为基础。",
		},
		"field.overlay_unknown_kind": {
			i18n.English: "The kind \"{kind}\" is not known; use edition or starter.",
			i18n.Chinese: "未知的类型“{kind}”，请使用 edition（行业版）或 starter（起步包）。",
		},
		"field.overlay_folder": {
			i18n.English: "The id \"{id}\" differs from the folder \"{folder}\".",
			i18n.Chinese: "标识“{id}”与所在文件夹“{folder}”不一致。",
		},
		"field.overlay_both_files": {
			i18n.English: "A pack folder holds either manifest.json or overlay.json, not both.",
			i18n.Chinese: "模板文件夹只能包含 manifest.json 或 overlay.json 其中之一。",
		},
		"field.overlay_unknown_definition": {
			i18n.English: "The base packs have no {kind} \"{key}\".",
			i18n.Chinese: "基础模板中没有“{key}”（{kind}）。",
		},
		"field.overlay_duplicate_definition": {
			i18n.English: "The {kind} \"{key}\" comes from more than one pack.",
			i18n.Chinese: "“{key}”（{kind}）在多个模板中重复出现。",
		},
		"field.overlay_unknown_field": {
			i18n.English: "Form \"{form}\" has no field \"{field}\".",
			i18n.Chinese: "表单“{form}”中没有字段“{field}”。",
		},
		"field.overlay_field_exists": {
			i18n.English: "Form \"{form}\" already has a field \"{field}\"; change it " +
				"through labels, options or required instead.",
			i18n.Chinese: "表单“{form}”已有字段“{field}”，请通过 labels、options 或 required 修改它。",
		},
		"field.overlay_no_section": {
			i18n.English: "Form \"{form}\" has no section {section}.",
			i18n.Chinese: "表单“{form}”中没有第 {section} 个分组。",
		},
		"field.overlay_not_a_choice": {
			i18n.English: "Field \"{field}\" is not a select field, so it has no options.",
			i18n.Chinese: "字段“{field}”不是选择字段，没有选项可改。",
		},
		"field.overlay_option_in_use": {
			i18n.English: "Option \"{value}\" of {form}.{field} is removed, but \"{user}\" " +
				"still compares against it; keep the value and give it a new label.",
			i18n.Chinese: "{form}.{field} 删除了选项“{value}”，但“{user}”仍在使用它；请保留该值，只修改显示名称。",
		},
		"field.overlay_unknown_node": {
			i18n.English: "Process \"{process}\" has no node \"{node}\".",
			i18n.Chinese: "流程“{process}”中没有节点“{node}”。",
		},
		"field.overlay_unknown_edge": {
			i18n.English: "Process \"{process}\" has no edge \"{edge}\".",
			i18n.Chinese: "流程“{process}”中没有连线“{edge}”。",
		},
		"field.overlay_unknown_widget": {
			i18n.English: "Dashboard \"{dashboard}\" has no widget \"{widget}\".",
			i18n.Chinese: "看板“{dashboard}”中没有组件“{widget}”。",
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
