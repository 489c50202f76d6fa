package email

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"email.from_invalid": {
			i18n.English: "Enter the sender as an e-mail address, e.g. sales@example.com.",
			i18n.Chinese: "请填写发件人的邮箱地址，例如 sales@example.com。",
		},
		"email.template_invalid": {
			i18n.English: "This template cannot be used: {error}. Templates may use " +
				"{{.Title}}, {{.Body}}, {{.Paragraphs}}, {{.Link}} and {{.Lang}}, with if, " +
				"range and with.",
			i18n.Chinese: "该模板无法使用：{error}。模板中可使用 {{.Title}}、{{.Body}}、" +
				"{{.Paragraphs}}、{{.Link}}、{{.Lang}}，以及 if、range、with。",
		},
		"email.host_forbidden": {
			i18n.English: "The SMTP server {address} is on a private or local network. " +
				"Ask your system administrator to allow this host for outgoing connections.",
			i18n.Chinese: "SMTP 服务器 {address} 位于内网或本机地址，" +
				"请联系系统管理员将该主机加入外发连接白名单。",
		},
	})
}
