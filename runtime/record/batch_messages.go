package record

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		fieldPrefix + "key_required": {
			i18n.English: "The key field \"{field}\" needs a value: it says which record " +
				"this row belongs to.",
			i18n.Chinese: "关键字段“{field}”必须有值：它决定这一行归入哪条记录。",
		},
		fieldPrefix + "batch_size": {
			i18n.English: "Send between 1 and {max} events at a time.",
			i18n.Chinese: "每批须包含 1 到 {max} 个事件。",
		},
		fieldPrefix + "record_ref": {
			i18n.English: "Name the record either by record_id or by form, key_field " +
				"and key, not both.",
			i18n.Chinese: "请用 record_id，或用 form、key_field 和 key 指明记录，二者取其一。",
		},
	})
}
