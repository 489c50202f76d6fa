package calendar

import "github.com/formworkhq/formwork/internal/i18n"

func init() { i18n.Register(messages) }

// messages word the refusals of durations and calendars, keyed by code.
var messages = map[string]map[i18n.Locale]string{
	CodeBadDuration: {
		i18n.English: "\"{value}\" is not a duration; write it like \"2h\", \"90m\", " +
			"\"3d\" or \"1d 4h business\"",
		i18n.Chinese: "“{value}”不是有效的时长，请按“2h”“90m”“3d”或“1d 4h business”的格式填写",
	},
	CodeDurationNotPositive: {
		i18n.English: "A duration must be longer than zero",
		i18n.Chinese: "时长必须大于零",
	},
	CodeDurationTooLong: {
		i18n.English: "A duration can be at most {max} days",
		i18n.Chinese: "时长最长为 {max} 天",
	},
	"calendar.bad_key": {
		i18n.English: "Use up to 64 lowercase letters, digits, \"-\" or \"_\", " +
			"starting with a letter or digit",
		i18n.Chinese: "请使用不超过 64 个小写字母、数字、“-”或“_”，并以字母或数字开头",
	},
	"calendar.bad_time_zone": {
		i18n.English: "\"{value}\" is not a time zone; use a name such as Asia/Shanghai",
		i18n.Chinese: "“{value}”不是有效的时区，请填写 Asia/Shanghai 这样的时区名称",
	},
	"calendar.bad_time": {
		i18n.English: "\"{value}\" is not a time of day; write it as HH:MM, such as 09:00",
		i18n.Chinese: "“{value}”不是有效的时间，请按 HH:MM 格式填写，例如 09:00",
	},
	"calendar.bad_date": {
		i18n.English: "\"{value}\" is not a date; write it as YYYY-MM-DD, such as 2026-02-20",
		i18n.Chinese: "“{value}”不是有效的日期，请按 YYYY-MM-DD 格式填写，例如 2026-02-20",
	},
	"calendar.inverted_interval": {
		i18n.English: "The end time must be later than the start time",
		i18n.Chinese: "结束时间必须晚于开始时间",
	},
	"calendar.overlapping_interval": {
		i18n.English: "These working hours overlap {other} on the same day",
		i18n.Chinese: "这段工作时间与同一天的 {other} 重叠",
	},
	"calendar.no_working_hours": {
		i18n.English: "The calendar needs working hours on at least one day of the week",
		i18n.Chinese: "工作日历至少要有一天设置工作时间",
	},
	"calendar.too_many": {
		i18n.English: "At most {max} entries are allowed here",
		i18n.Chinese: "此处最多只能填写 {max} 项",
	},
	"calendar.inverted_range": {
		i18n.English: "The last day must not be before the first",
		i18n.Chinese: "结束日期不能早于开始日期",
	},
	"calendar.holiday_and_make_up": {
		i18n.English: "This date is listed both as a holiday and as a make-up working day",
		i18n.Chinese: "该日期同时被设为节假日和调休上班日",
	},
	"calendar.make_up_in_closure": {
		i18n.English: "This make-up working day falls inside the closure from {start} to {end}",
		i18n.Chinese: "该调休上班日落在 {start} 至 {end} 的休息期内",
	},
	"calendar.team_taken": {
		i18n.English: "Team \"{team}\" already works to the calendar \"{calendar}\"; " +
			"remove it there and publish that calendar first",
		i18n.Chinese: "团队“{team}”已使用日历“{calendar}”，请先在该日历中移除并发布",
	},
	"calendar.make_up_on_working_day": {
		i18n.English: "This date is a working day already; make-up days are days that " +
			"would otherwise be off",
		i18n.Chinese: "该日期本来就是工作日；调休上班日应是原本休息的日子",
	},
}
