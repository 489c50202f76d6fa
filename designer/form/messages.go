package form

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(definitionMessages)
	i18n.Register(schemaMessages)
	i18n.Register(layoutMessages)
	i18n.Register(valueMessages)
	i18n.Register(changeMessages)
}

// msg is one message in both locales.
func msg(en, zh string) map[i18n.Locale]string {
	return map[i18n.Locale]string{i18n.English: en, i18n.Chinese: zh}
}

// definitionMessages are about a definition as a whole and its rules.
var definitionMessages = map[string]map[i18n.Locale]string{
	"form.invalid": msg(
		"The form definition has {count} problem(s); see errors.",
		"表单定义中有 {count} 处问题，详见 errors。"),
	"form.submission_invalid": msg(
		"{count} field(s) need attention before the record can be saved.",
		"有 {count} 处内容需要修改后才能保存。"),
	"form.key_missing": msg(
		"The form needs a key, such as \"lead\".",
		"表单需要一个标识，例如 \"lead\"。"),
	"form.form_key_invalid": msg(
		"\"{key}\" cannot be a form key: use lower-case letters, digits and _, starting with a "+
			"letter, at most 63 characters.",
		"“{key}”不能作为表单标识：只能使用小写字母、数字和下划线，以字母开头，最多 63 个字符。"),
	"form.name_missing": msg(
		"The form needs a name in at least one language.",
		"表单至少需要一种语言的名称。"),
	"form.unknown_locale": msg(
		"\"{locale}\" is not a supported language; use {allowed}.",
		"不支持语言“{locale}”，请使用 {allowed}。"),
	"form.rule_id_missing": msg(
		"The rule needs an id.",
		"规则需要一个编号（id）。"),
	"form.rule_id_duplicate": msg(
		"Another rule already has the id \"{id}\".",
		"已有其他规则使用编号“{id}”。"),
	"form.rule_shape": msg(
		"A rule either requires fields (\"when\" and \"require\") or asserts something "+
			"(\"assert\", \"field\" and \"message\"), not both and not neither.",
		"规则要么是条件必填（\"when\" 加 \"require\"），要么是自定义校验（\"assert\"、\"field\" 加 \"message\"），二者必选其一。"),
	"form.rule_when_missing": msg(
		"A conditional requirement needs a \"when\" condition; fields that are always required "+
			"belong in the schema's \"required\".",
		"条件必填规则需要 \"when\" 条件；始终必填的字段请写在 schema 的 \"required\" 中。"),
	"form.rule_unknown_field": msg(
		"The rule names \"{name}\", which is not a field of this form.",
		"规则引用了“{name}”，但表单中没有这个字段。"),
	"form.rule_field_missing": msg(
		"An assertion needs the \"field\" its error is shown on.",
		"自定义校验需要指定错误提示显示在哪个字段（\"field\"）。"),
	"form.rule_message_missing": msg(
		"An assertion needs the message people see when it fails.",
		"自定义校验需要填写校验不通过时显示的提示语。"),
	"form.expression_env": msg(
		"The fields cannot be used in expressions: {reason}.",
		"这些字段无法在表达式中使用：{reason}。"),
	"form.expression_invalid": msg(
		"The expression cannot be used: {reason}.",
		"表达式无法使用：{reason}。"),
	"form.expression_cycle": msg(
		"These fields depend on each other in a circle: {cycle}.",
		"这些字段相互依赖，形成了循环：{cycle}。"),
}

// schemaMessages are about a definition's JSON Schema.
var schemaMessages = map[string]map[i18n.Locale]string{
	"form.schema_missing": msg(
		"The form needs a JSON Schema.",
		"表单需要一个 JSON Schema。"),
	"form.schema_too_large": msg(
		"The schema is larger than {max}.",
		"Schema 超过了 {max} 的大小上限。"),
	"form.schema_too_deep": msg(
		"The schema nests objects and lists more than {max} levels deep.",
		"Schema 的对象和数组嵌套超过了 {max} 层。"),
	"form.schema_not_json": msg(
		"The schema is not a JSON object.",
		"Schema 不是一个 JSON 对象。"),
	"form.schema_dialect": msg(
		"Forms use JSON Schema 2020-12; \"$schema\" must be {want} or left out.",
		"表单使用 JSON Schema 2020-12，\"$schema\" 必须是 {want}，或者不填。"),
	"form.remote_ref": msg(
		"\"{ref}\" points outside this schema; only references inside it (starting with #) are "+
			"allowed.",
		"“{ref}”指向了本 schema 之外；只允许引用本 schema 内部的定义（以 # 开头）。"),
	"form.ref_missing": msg(
		"\"{ref}\" points to nothing in this schema.",
		"“{ref}”在本 schema 中找不到对应的定义。"),
	"form.schema_top_object": msg(
		"The top level of a form's schema must be \"type\": \"object\".",
		"表单 schema 的顶层必须是 \"type\": \"object\"。"),
	"form.schema_no_properties": msg(
		"The schema declares no fields; add them under \"properties\".",
		"Schema 中没有声明任何字段，请在 \"properties\" 中添加。"),
	"form.schema_compile": msg(
		"The schema cannot be compiled: {reason}.",
		"Schema 无法编译：{reason}。"),
	"form.schema_regex": msg(
		"\"{regex}\" is not a regular expression the validator understands.",
		"“{regex}”不是校验器能识别的正则表达式。"),
	"form.schema_invalid": msg(
		"This is not valid JSON Schema 2020-12: {reason}.",
		"此处不符合 JSON Schema 2020-12 规范：{reason}。"),
	"form.schema_reason.type": msg("{expected} is expected here", "此处应为{expected}"),
	"form.schema_reason.enum": msg("the value is not one of those allowed",
		"取值不在允许的范围内"),
	"form.schema_reason.required": msg("a required keyword is missing", "缺少必需的关键字"),
	"form.schema_reason.minimum":  msg("the number is below {min}", "数值小于 {min}"),
	"form.schema_reason.min_items": msg("at least {min} entries are needed",
		"至少需要 {min} 项"),
	"form.schema_reason.unique_items": msg("a value is listed twice", "有重复的值"),
	"form.schema_reason.format": msg("the value is not a valid {format}",
		"取值不符合 {format} 格式"),
	"form.schema_reason.invalid": msg("the value is not allowed here", "此处不允许这样的取值"),
	"form.property_key": msg(
		"\"{key}\" cannot be a field name: use lower-case letters, digits and _, starting with a "+
			"letter, at most 63 characters.",
		"“{key}”不能作为字段名：只能使用小写字母、数字和下划线，以字母开头，最多 63 个字符。"),
	"form.property_reserved": msg(
		"\"{key}\" is a reserved word of the expression language and cannot be a field name.",
		"“{key}”是表达式语言的保留字，不能作为字段名。"),
	"form.property_unsupported": msg(
		"No field kind fits \"{name}\" as declared; place it in the layout with a kind, or "+
			"change its schema.",
		"“{name}”的 schema 不对应任何字段类型；请在布局中为它指定字段类型，或修改它的 schema。"),
}
