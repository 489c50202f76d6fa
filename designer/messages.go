package designer

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"form.not_found":          {i18n.English: "No such form.", i18n.Chinese: "未找到该表单。"},
		"process.not_found":       {i18n.English: "No such process.", i18n.Chinese: "未找到该流程。"},
		"dashboard.not_found":     {i18n.English: "No such dashboard.", i18n.Chinese: "未找到该看板。"},
		"calendar.not_found":      {i18n.English: "No such calendar.", i18n.Chinese: "未找到该日历。"},
		"form.not_published":      {i18n.English: "This form has not been published yet.", i18n.Chinese: "该表单尚未发布。"},
		"process.not_published":   {i18n.English: "This process has not been published yet.", i18n.Chinese: "该流程尚未发布。"},
		"dashboard.not_published": {i18n.English: "This dashboard has not been published yet.", i18n.Chinese: "该看板尚未发布。"},
		"calendar.not_published":  {i18n.English: "This calendar has not been published yet.", i18n.Chinese: "该日历尚未发布。"},
		"pack.not_installed": {
			i18n.English: "This template is not installed in your organisation yet, " +
				"so there is nothing to compare.",
			i18n.Chinese: "贵组织尚未安装该模板，暂无可比较的内容。",
		},
		"definition.archived": {
			i18n.English: "This definition is archived and can no longer be changed.",
			i18n.Chinese: "该定义已归档，不能再修改。",
		},
		"definition.stale_revision": {
			i18n.English: "Someone saved this draft in the meantime (now revision {revision}). Reload it and apply your change again.",
			i18n.Chinese: "在您编辑期间有人保存了此草稿（当前修订号 {revision}）。请重新加载后再修改。",
		},
		"definition.publish_race": {
			i18n.English: "Another publish of this definition finished first. Reload and publish again if needed.",
			i18n.Chinese: "该定义刚被他人发布。如仍需发布，请重新加载后再试。",
		},
		"definition.version_not_found": {
			i18n.English: "No such version.",
			i18n.Chinese: "未找到该版本。",
		},
		"app.not_found": {
			i18n.English: "No such app, or it has no definitions.",
			i18n.Chinese: "未找到该应用，或应用中没有任何定义。",
		},
		"pack.too_large": {
			i18n.English: "The pack is larger than {limit} bytes.",
			i18n.Chinese: "模板包超过 {limit} 字节。",
		},
		"pack.not_an_archive": {
			i18n.English: "The upload is not a zip archive of a pack.",
			i18n.Chinese: "上传的文件不是模板包的 zip 压缩包。",
		},

		"field.key_taken": {
			i18n.English: "This key is already used by another definition of the same kind.",
			i18n.Chinese: "同类定义中已有相同的标识。",
		},
		"field.invalid_key_format": {
			i18n.English: "Use lowercase letters, digits and _ only, starting with a letter (at most 63).",
			i18n.Chinese: "只能使用小写字母、数字和下划线，且以字母开头（最多 63 个字符）。",
		},
		"field.unknown_dimension": {
			i18n.English: "Not a dimension that can be grouped by. Allowed: {allowed}, or a field of the form.",
			i18n.Chinese: "不能按此维度分组。可选：{allowed}，或表单中的字段。",
		},
		"field.not_allowed": {
			i18n.English: "Not an allowed value. Allowed: {allowed}.",
			i18n.Chinese: "取值不在允许范围内。可选：{allowed}。",
		},
		"field.baselines_funnel_only": {
			i18n.English: "Only a funnel widget has stage baselines.",
			i18n.Chinese: "只有漏斗组件可以设置阶段基线。",
		},
		"field.baseline_percent": {
			i18n.English: "A baseline is a percentage above 0 and at most 100.",
			i18n.Chinese: "基线是大于 0 且不超过 100 的百分比。",
		},
		"field.baseline_stage": {
			i18n.English: "Name the stage by its value in the form (1 to 64 characters).",
			i18n.Chinese: "请用表单中的阶段取值命名阶段（1 到 64 个字符）。",
		},
		"field.out_of_range": {
			i18n.English: "Must be between {min} and {max}.",
			i18n.Chinese: "必须在 {min} 到 {max} 之间。",
		},
		"field.unknown_form": {
			i18n.English: "There is no form with key \"{key}\".",
			i18n.Chinese: "不存在标识为“{key}”的表单。",
		},
		"field.reserved_calendar_key": {
			i18n.English: "\"{key}\" is reserved: a step that names it counts in its " +
				"person's team calendar. Choose another key.",
			i18n.Chinese: "“{key}”为保留标识：步骤选择它时按负责人所在团队的日历计算。请换一个标识。",
		},
		"field.unknown_calendar": {
			i18n.English: "There is no calendar with key \"{key}\".",
			i18n.Chinese: "不存在标识为“{key}”的日历。",
		},
		"field.unknown_field": {
			i18n.English: "The form has no field \"{field}\".",
			i18n.Chinese: "表单中没有字段“{field}”。",
		},
		"field.not_a_number": {
			i18n.English: "\"{field}\" is not a number field, so it cannot be summed or averaged.",
			i18n.Chinese: "“{field}”不是数字字段，无法求和或求平均。",
		},
		"field.metric_event_tasks_only": {
			i18n.English: "Only a metric over tasks counts an event (created, completed or cancelled).",
			i18n.Chinese: "只有统计任务的指标才能选择事件（创建、完成或取消）。",
		},
		"field.nested_ratio": {
			i18n.English: "A ratio cannot be made of other ratios.",
			i18n.Chinese: "比率的分子和分母不能再是比率。",
		},
		"field.invalid_expression": {
			i18n.English: "The expression cannot be used: {reason}",
			i18n.Chinese: "表达式无法使用：{reason}",
		},
		"field.too_many": {
			i18n.English: "At most {max} are allowed.",
			i18n.Chinese: "最多允许 {max} 个。",
		},
		"field.missing_manifest": {
			i18n.English: "The pack has no manifest.json.",
			i18n.Chinese: "模板包缺少 manifest.json。",
		},
		"field.too_many_files": {
			i18n.English: "The pack has more than {max} files.",
			i18n.Chinese: "模板包的文件超过 {max} 个。",
		},
		"field.unreadable_file": {
			i18n.English: "This file of the pack cannot be read: {reason}",
			i18n.Chinese: "无法读取模板包中的此文件：{reason}",
		},
		"field.invalid_json": {
			i18n.English: "Not valid JSON: {reason}",
			i18n.Chinese: "不是有效的 JSON：{reason}",
		},

		"change.widget_added": {
			i18n.English: "Widget \"{subject}\" added.",
			i18n.Chinese: "新增图表“{subject}”。",
		},
		"change.widget_removed": {
			i18n.English: "Widget \"{subject}\" removed.",
			i18n.Chinese: "删除图表“{subject}”。",
		},
		"change.widget_changed": {
			i18n.English: "Widget \"{subject}\" changed.",
			i18n.Chinese: "修改图表“{subject}”。",
		},
		"change.widget_metric_changed": {
			i18n.English: "Widget \"{subject}\" measures something else now; its figures are recomputed from the raw data.",
			i18n.Chinese: "图表“{subject}”的指标已变更，数据将根据原始记录重新计算。",
		},
		"change.calendar_time_zone_changed": {
			i18n.English: "Time zone changed to {subject}. Deadlines already set keep their time; new ones follow the new zone.",
			i18n.Chinese: "时区改为 {subject}。已计算的截止时间不变，新的截止时间按新时区计算。",
		},
		"change.calendar_hours_changed": {
			i18n.English: "Working hours changed. Deadlines already set keep their time.",
			i18n.Chinese: "工作时间已变更。已计算的截止时间不变。",
		},
		"change.calendar_holiday_added": {
			i18n.English: "Holiday {subject} added.",
			i18n.Chinese: "新增节假日 {subject}。",
		},
		"change.calendar_holiday_removed": {
			i18n.English: "Holiday {subject} removed.",
			i18n.Chinese: "删除节假日 {subject}。",
		},
		"change.calendar_make_up_day_added": {
			i18n.English: "Make-up working day {subject} added.",
			i18n.Chinese: "新增调休工作日 {subject}。",
		},
		"change.calendar_make_up_day_removed": {
			i18n.English: "Make-up working day {subject} removed.",
			i18n.Chinese: "删除调休工作日 {subject}。",
		},
		"change.calendar_team_added": {
			i18n.English: "Team {subject} now works to this calendar; its running " +
				"business-time deadlines move to it.",
			i18n.Chinese: "团队 {subject} 改用此日历，其进行中的工作时间截止时间随之调整。",
		},
		"change.calendar_team_removed": {
			i18n.English: "Team {subject} no longer works to this calendar; its running " +
				"business-time deadlines move to the default calendar.",
			i18n.Chinese: "团队 {subject} 不再使用此日历，其进行中的工作时间截止时间改按默认日历计算。",
		},
		"change.calendar_closures_changed": {
			i18n.English: "Closures changed.",
			i18n.Chinese: "停工日期已变更。",
		},
	})
}
