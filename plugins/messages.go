package plugins

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"plugins.plugin_not_found": {
			i18n.English: "No such plugin.",
			i18n.Chinese: "未找到该插件。",
		},
		"plugins.instance_not_found": {
			i18n.English: "No such plugin configuration.",
			i18n.Chinese: "未找到该插件配置。",
		},
		"plugins.configure_forbidden": {
			i18n.English: "Only owners, administrators and implementers can configure plugins.",
			i18n.Chinese: "只有所有者、管理员和实施人员可以配置插件。",
		},
		"plugins.secret_key_missing": {
			i18n.English: "Passwords and keys cannot be saved yet: the server has no " +
				"encryption key. Ask your system administrator to set FORMWORK_SECRET_KEY.",
			i18n.Chinese: "暂时无法保存密码和密钥：服务器尚未配置加密密钥，" +
				"请联系系统管理员设置 FORMWORK_SECRET_KEY。",
		},
		"plugins.signing_key_forbidden": {
			i18n.English: "Only owners and administrators can read or rotate the webhook " +
				"signing key.",
			i18n.Chinese: "只有所有者和管理员可以查看或轮换 Webhook 签名密钥。",
		},
		"plugins.signing_key_changed": {
			i18n.English: "The webhook signing key was rotated meanwhile; read it again.",
			i18n.Chinese: "Webhook 签名密钥刚刚已被轮换，请重新读取。",
		},
		"plugins.setting_invalid": {
			i18n.English: "This setting is not valid.",
			i18n.Chinese: "该设置项的值不正确。",
		},
		"plugins.url_invalid": {
			i18n.English: "Enter a full https:// address.",
			i18n.Chinese: "请填写完整的 https:// 地址。",
		},
		"plugins.test_title": {
			i18n.English: "Formwork test message",
			i18n.Chinese: "Formwork 测试消息",
		},
		"plugins.test_body": {
			i18n.English: "If you can read this, \"{name}\" is set up correctly.",
			i18n.Chinese: "收到这条消息，说明“{name}”已配置成功。",
		},
	})
}
