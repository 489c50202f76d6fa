package form

import "github.com/formworkhq/formwork/internal/i18n"

// layoutMessages are about a layout's sections, fields and settings, and
// about how a field's kind fits its schema property.
var layoutMessages = map[string]map[i18n.Locale]string{
	"form.section_columns": msg(
		"A section has {min} to {max} columns.",
		"每个分组的列数应在 {min} 到 {max} 之间。"),
	"form.field_name_missing": msg(
		"The field needs the \"name\" of the schema property it shows.",
		"字段需要填写 \"name\"，即它所对应的 schema 属性。"),
	"form.layout_unknown_field": msg(
		"The layout places \"{name}\", but the schema has no such property.",
		"布局中放置了“{name}”，但 schema 中没有这个属性。"),
	"form.layout_duplicate": msg(
		"\"{name}\" is already placed elsewhere in the layout; each field appears once.",
		"“{name}”已在布局的其他位置出现过；每个字段只能出现一次。"),
	"form.column_visible_when": msg(
		"Columns of a sub-table are always shown; \"visible_when\" is not allowed here.",
		"子表的列始终显示，此处不能设置 \"visible_when\"。"),
	"form.unknown_kind": msg(
		"\"{kind}\" is not a field kind; use one of: {allowed}.",
		"没有“{kind}”这种字段类型，可选：{allowed}。"),
	"form.nested_table": msg(
		"A sub-table cannot contain another sub-table.",
		"子表中不能再嵌套子表。"),
	"form.unknown_widget": msg(
		"A {kind} field cannot use the widget \"{widget}\"; use one of: {allowed}.",
		"{kind}字段不能使用控件“{widget}”，可选：{allowed}。"),
	"form.settings_not_object": msg(
		"Settings must be a JSON object.",
		"设置必须是一个 JSON 对象。"),
	"form.setting_unknown": msg(
		"\"{name}\" is not a setting of this field kind; it takes: {allowed}.",
		"该字段类型没有“{name}”这项设置，可用的设置：{allowed}。"),
	"form.setting_type": msg(
		"The setting \"{name}\" has a value of the wrong type.",
		"设置“{name}”的取值类型不正确。"),
	"form.setting_range": msg(
		"The setting \"{name}\" must be between {min} and {max}.",
		"设置“{name}”的取值应在 {min} 到 {max} 之间。"),
	"form.setting_choice": msg(
		"The setting \"{name}\" must be one of: {allowed}.",
		"设置“{name}”只能取以下值之一：{allowed}。"),
	"form.setting_required": msg(
		"The setting \"{name}\" is required.",
		"必须填写设置“{name}”。"),
	"form.currency_invalid": msg(
		"\"{currency}\" is not an ISO 4217 currency code such as CNY or USD.",
		"“{currency}”不是 ISO 4217 货币代码（例如 CNY、USD）。"),
	"form.options_required": msg(
		"A single-choice field needs at least one option.",
		"单选字段至少需要一个选项。"),
	"form.option_value_missing": msg(
		"The option needs a value.",
		"选项需要填写取值。"),
	"form.option_duplicate": msg(
		"Another option already has the value \"{value}\".",
		"已有其他选项使用取值“{value}”。"),
	"form.option_color": msg(
		"An option's colour is written #RRGGBB, for example #1677FF.",
		"选项颜色的格式为 #RRGGBB，例如 #1677FF。"),
	"form.options_enum": msg(
		"The schema's \"enum\" must list exactly the values of the field's options.",
		"Schema 中的 \"enum\" 必须与字段选项的取值完全一致。"),
	"form.tags_unique": msg(
		"A tags field needs \"uniqueItems\": true, so that no tag is chosen twice.",
		"多选标签字段需要 \"uniqueItems\": true，以免同一标签被选两次。"),
	"form.kind_type": msg(
		"A {kind} field needs \"type\": \"{want}\" in its schema, not {got}.",
		"{kind}字段的 schema 需要 \"type\": \"{want}\"，而不是 {got}。"),
	"form.kind_format": msg(
		"A {kind} field needs \"format\": \"{want}\" in its schema.",
		"{kind}字段的 schema 需要 \"format\": \"{want}\"。"),
	"form.money_multiple_of": msg(
		"A money field needs \"multipleOf\": 0.01 in its schema, so that amounts stay to the cent.",
		"金额字段的 schema 需要 \"multipleOf\": 0.01，确保金额精确到分。"),
	"form.file_property": msg(
		"A {kind} field's schema needs the property \"{name}\" of type {want}.",
		"{kind}字段的 schema 需要类型为 {want} 的属性“{name}”。"),
	"form.media_type_invalid": msg(
		"\"{type}\" is not a media type such as application/pdf or image/*.",
		"“{type}”不是有效的文件类型，例如 application/pdf 或 image/*。"),
	"form.table_items": msg(
		"A sub-table's schema needs \"items\" of \"type\": \"object\", one property per column.",
		"子表的 schema 需要 \"items\" 为 \"type\": \"object\"，每列对应一个属性。"),
	"form.computed_read_only": msg(
		"A computed field's schema needs \"readOnly\": true; its value is calculated, never "+
			"entered.",
		"计算字段的 schema 需要 \"readOnly\": true，因为它的值由系统计算，不能手动填写。"),
}
