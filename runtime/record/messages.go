package record

import (
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// fieldPrefix starts the catalog keys of this package's field messages.
const fieldPrefix = "record.field."

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"record.not_found": {
			i18n.English: "No such record.",
			i18n.Chinese: "未找到该记录。",
		},
		"record.stale_version": {
			i18n.English: "Someone changed this record in the meantime (now version {version}). " +
				"Reload it and apply your change again.",
			i18n.Chinese: "在您编辑期间有人修改了这条记录（当前版本 {version}）。请刷新后重新修改。",
		},
		"record.deleted": {
			i18n.English: "This record has been deleted, so no more activity can be logged on it.",
			i18n.Chinese: "这条记录已被删除，不能再登记跟进活动。",
		},
	})
	i18n.Register(fieldMessages)
}

// fieldMessages are the messages of the field errors this package raises,
// keyed fieldPrefix + code.
var fieldMessages = map[string]map[i18n.Locale]string{
	fieldPrefix + "required": {
		i18n.English: "This is required.",
		i18n.Chinese: "此项必填。",
	},
	fieldPrefix + "unknown_form": {
		i18n.English: "There is no form \"{form}\".",
		i18n.Chinese: "不存在表单“{form}”。",
	},
	fieldPrefix + "form_not_published": {
		i18n.English: "The form \"{form}\" has not been published yet, so it cannot take records.",
		i18n.Chinese: "表单“{form}”尚未发布，暂时不能提交记录。",
	},
	fieldPrefix + "unknown_user": {
		i18n.English: "There is no active member with this id in your organisation.",
		i18n.Chinese: "本组织中没有该成员，或该成员已停用。",
	},
	fieldPrefix + "unknown_kind": {
		i18n.English: "\"{kind}\" is not a kind of activity. Use one of: {kinds}.",
		i18n.Chinese: "“{kind}”不是可登记的活动类型。可选：{kinds}。",
	},
	fieldPrefix + "reserved_kind": {
		i18n.English: "\"{kind}\" is recorded by the system itself and cannot be logged by hand.",
		i18n.Chinese: "“{kind}”由系统自动记录，不能手动登记。",
	},
	fieldPrefix + "out_of_range": {
		i18n.English: "Must be between {min} and {max}.",
		i18n.Chinese: "必须在 {min} 到 {max} 之间。",
	},
	fieldPrefix + "too_long": {
		i18n.English: "Must be at most {max} characters.",
		i18n.Chinese: "不能超过 {max} 个字符。",
	},
	fieldPrefix + "not_allowed": {
		i18n.English: "Only external events have this.",
		i18n.Chinese: "只有外部系统事件才能填写此项。",
	},
	fieldPrefix + "invalid_name": {
		i18n.English: "Use lower-case letters, digits, \"_\", \".\" or \"-\", starting with a letter.",
		i18n.Chinese: "只能使用小写字母、数字、“_”、“.”或“-”，并以字母开头。",
	},
	fieldPrefix + "in_future": {
		i18n.English: "This time is in the future.",
		i18n.Chinese: "该时间晚于当前时间。",
	},
	fieldPrefix + "too_early": {
		i18n.English: "This time is too far in the past.",
		i18n.Chinese: "该时间过早。",
	},
	fieldPrefix + "invalid_sort": {
		i18n.English: "Sort by one of: {fields} (prefix \"-\" for newest first).",
		i18n.Chinese: "排序字段只能是：{fields}（加前缀“-”表示倒序）。",
	},
	fieldPrefix + "invalid_cursor": {
		i18n.English: "This page link is not valid for this list. Start again from the first page.",
		i18n.Chinese: "分页标记无效或与当前列表不符，请从第一页重新开始。",
	},
	fieldPrefix + "range_reversed": {
		i18n.English: "The end of the range is before its start.",
		i18n.Chinese: "结束时间早于开始时间。",
	},
}

// fieldErr returns a field error carrying this package's messages in every
// locale, so that its codes stay short without claiming the platform's
// "field.<code>" keys.
func fieldErr(ptr, code string, params i18n.Params) problem.FieldError {
	f := problem.Field(ptr, code, params)
	f.Messages = make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		f.Messages[l] = i18n.T(l, fieldPrefix+code, params)
	}

	return f
}
