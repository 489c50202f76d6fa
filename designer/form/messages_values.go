package form

import "github.com/formworkhq/formwork/internal/i18n"

// valueMessages are about submitted values; {label} is the field's label.
var valueMessages = map[string]map[i18n.Locale]string{
	"form.value.in_row": msg(
		"{table}, row {row}: {message}",
		"“{table}”第 {row} 行：{message}"),
	"form.value.not_object": msg(
		"The submission must be an object of field values.",
		"提交的内容必须是由各字段取值组成的对象。"),
	"form.value.required": msg("{label} is required", "“{label}”为必填项"),
	"form.value.type":     msg("{label} must be {expected}", "“{label}”应为{expected}"),
	"form.value.min_length": msg(
		"{label} needs at least {min} characters", "“{label}”至少需要 {min} 个字符"),
	"form.value.max_length": msg(
		"{label} can be at most {max} characters", "“{label}”最多只能填写 {max} 个字符"),
	"form.value.pattern": msg(
		"{label} is not in the expected format", "“{label}”的格式不正确"),
	"form.value.enum": msg(
		"{label} must be one of the listed options", "“{label}”的取值不在可选范围内"),
	"form.value.minimum":           msg("{label} must be at least {min}", "“{label}”不能小于 {min}"),
	"form.value.exclusive_minimum": msg("{label} must be more than {min}", "“{label}”必须大于 {min}"),
	"form.value.maximum":           msg("{label} can be at most {max}", "“{label}”不能大于 {max}"),
	"form.value.exclusive_maximum": msg("{label} must be less than {max}", "“{label}”必须小于 {max}"),
	"form.value.multiple_of": msg(
		"{label} must be a multiple of {step}", "“{label}”必须是 {step} 的整数倍"),
	"form.value.money_precision": msg(
		"{label} can have at most two decimal places", "“{label}”最多保留两位小数"),
	"form.value.format": msg(
		"{label} is not a valid {format}", "“{label}”不符合 {format} 格式"),
	"form.value.format_email": msg(
		"{label} must be an e-mail address such as name@example.com",
		"“{label}”不是有效的邮箱地址"),
	"form.value.format_date": msg(
		"{label} must be a date such as 2026-02-20", "“{label}”应为日期，例如 2026-02-20"),
	"form.value.format_date_time": msg(
		"{label} must be a date and time such as 2026-02-20T09:30:00+08:00",
		"“{label}”应为日期和时间，例如 2026-02-20T09:30:00+08:00"),
	"form.value.format_time": msg(
		"{label} must be a time such as 09:30:00+08:00", "“{label}”应为时间，例如 09:30:00+08:00"),
	"form.value.format_uri": msg(
		"{label} must be a web address such as https://example.com", "“{label}”不是有效的网址"),
	"form.value.phone": msg(
		"{label} must be an 11-digit mobile number or an international number starting with +",
		"“{label}”应为 11 位手机号码，或以 + 开头的国际号码"),
	"form.value.min_items": msg(
		"{label} needs at least {min} entries", "“{label}”至少需要 {min} 项"),
	"form.value.max_items": msg(
		"{label} can have at most {max} entries", "“{label}”最多只能有 {max} 项"),
	"form.value.unique_items": msg(
		"{label}: the same value is chosen more than once", "“{label}”中有重复的值"),
	"form.value.unknown_field": msg(
		"{label} is not a field of this form", "表单中没有“{label}”这个字段"),
	"form.value.not_allowed": msg(
		"{label} cannot be filled in here", "“{label}”在此处不能填写"),
	"form.value.invalid": msg("{label} is not valid", "“{label}”的取值无效"),
	"form.value.computed": msg(
		"{label} cannot be calculated from the values entered",
		"无法根据已填写的内容计算出“{label}”"),
	"form.value.unknown_user": msg(
		"{label}: this person is not a member of your organisation",
		"“{label}”中选择的人员不是本组织的成员"),
	"form.value.unknown_record": msg(
		"{label}: the linked record does not exist or has been deleted",
		"“{label}”关联的记录不存在或已被删除"),
	"form.value.unknown_file": msg(
		"{label}: this file was not uploaded to your organisation",
		"“{label}”中的文件不存在，或不是上传到本组织的文件"),
	"form.value.file_not_attachable": msg(
		"{label}: only the person who uploaded this file can add it to a record",
		"“{label}”中的文件只能由上传者本人添加到记录中"),
	"form.value.not_signature": msg(
		"{label} must be a signature drawn on the signature pad",
		"“{label}”必须是在签名板上手写的签名"),
	"form.value.max_files": msg(
		"{label} can hold at most {max} files", "“{label}”最多只能上传 {max} 个文件"),
	"form.value.file_too_large": msg(
		"{label}: {name} is larger than {max}", "“{label}”中的文件“{name}”超过了 {max}"),
	"form.value.file_type": msg(
		"{label}: {name} is not an accepted file type ({allowed})",
		"“{label}”中的文件“{name}”类型不符合要求（仅限 {allowed}）"),
	"form.value.url_scheme": msg(
		"{label} must start with http:// or https://", "“{label}”必须以 http:// 或 https:// 开头"),
}

// changeMessages explain what a change between versions does to records.
var changeMessages = map[string]map[i18n.Locale]string{
	"form.change.added": msg("{label} was added", "新增了字段“{label}”"),
	"form.change.added_required": msg(
		"{label} was added as a required field: existing records lack it, so editing one will "+
			"ask for it",
		"新增了必填字段“{label}”：已有记录中没有这个值，编辑这些记录时需要补填"),
	"form.change.removed": msg(
		"{label} was removed: removing a field hides it on existing records",
		"删除了字段“{label}”：已有记录中的这个字段将不再显示"),
	"form.change.retyped": msg(
		"{label} changed from {from} to {to}: values on existing records may no longer fit",
		"“{label}”的类型由{from}改为{to}：已有记录中的值可能不再符合要求"),
	"form.change.made_required": msg(
		"{label} is now required: making a field required blocks edits to old records that lack it",
		"“{label}”改为必填：缺少这个值的旧记录在补填之前无法再保存修改"),
	"form.change.options_removed": msg(
		"{label} no longer offers {options}: records that use them must choose again when next "+
			"edited",
		"“{label}”删除了选项 {options}：使用这些选项的记录下次编辑时需要重新选择"),
}
