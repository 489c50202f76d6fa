package intake

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"intake.link_not_found": {
			i18n.English: "This form link does not exist or was switched off.",
			i18n.Chinese: "该表单链接不存在或已停用。",
		},
		"intake.rate_limited": {
			i18n.English: "Too many submissions from here; try again in {seconds} seconds.",
			i18n.Chinese: "提交过于频繁，请 {seconds} 秒后再试。",
		},
		"intake.not_an_object": {
			i18n.English: "The submission must be a JSON object of field values.",
			i18n.Chinese: "提交内容必须是由字段值组成的 JSON 对象。",
		},
	})
}
