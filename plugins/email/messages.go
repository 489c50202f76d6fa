package email

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"email.from_invalid": {
			i18n.English: "Enter the sender as an e-mail address, e.g. sales@example.com.",
			i18n.Chinese: "请填写发件人的邮箱地址，例如 sales@example.com。",
		},
	})
}
