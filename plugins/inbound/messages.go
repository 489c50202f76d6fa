package inbound

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"inbound.unauthorized": {
			i18n.English: "The event could not be verified. Check the webhook address " +
				"and the signing secret.",
			i18n.Chinese: "无法验证该事件，请核对 Webhook 地址和签名密钥。",
		},
		"inbound.body_invalid": {
			i18n.English: "The event must be a JSON object that names its \"type\".",
			i18n.Chinese: "事件内容必须是 JSON 对象，并注明事件类型（type）。",
		},
		"inbound.event_not_allowed": {
			i18n.English: "This webhook does not accept \"{type}\" events.",
			i18n.Chinese: "该 Webhook 不接收“{type}”类型的事件。",
		},
	})
}
