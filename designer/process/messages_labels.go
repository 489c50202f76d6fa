package process

import "github.com/formworkhq/formwork/internal/i18n"

// label is one catalog entry in both locales.
func label(en, zh string) map[i18n.Locale]string {
	return map[i18n.Locale]string{i18n.English: en, i18n.Chinese: zh}
}

// settingLabels name settings inside messages, keyed
// "process.setting.<key>"; English labels read after "the".
var settingLabels = map[string]map[i18n.Locale]string{
	"process.setting.id":                label("id", "编号"),
	"process.setting.kind":              label("kind of step", "节点类型"),
	"process.setting.edge_from":         label("step the connection starts from", "连线的起点"),
	"process.setting.edge_to":           label("step the connection leads to", "连线的终点"),
	"process.setting.edge_kind":         label("kind of connection", "连线类型"),
	"process.setting.after":             label("deadline", "时限"),
	"process.setting.on":                label("way the process starts", "触发方式"),
	"process.setting.form":              label("form", "表单"),
	"process.setting.fields":            label("fields to watch", "监听的字段"),
	"process.setting.cron":              label("schedule", "定时规则"),
	"process.setting.calendar":          label("business calendar", "工作日历"),
	"process.setting.working_days_only": label("working days only option", "“仅工作日”选项"),
	"process.setting.event":             label("event name", "事件名称"),
	"process.setting.assignee_rule":     label("assignment rule", "分配方式"),
	"process.setting.role":              label("role", "角色"),
	"process.setting.team":              label("team", "团队"),
	"process.setting.user":              label("user", "用户"),
	"process.setting.team_or_role":      label("team or role", "团队或角色"),
	"process.setting.due":               label("due time", "完成期限"),
	"process.setting.outcomes":          label("outcomes", "处理结果"),
	"process.setting.outcome_key":       label("outcome key", "处理结果的键"),
	"process.setting.outcome_label":     label("outcome name", "处理结果的名称"),
	"process.setting.duration":          label("duration", "时长"),
	"process.setting.until":             label("date field to wait until", "等待截止的日期字段"),
	"process.setting.duration_or_until": label("duration or date field", "时长或日期字段"),
	"process.setting.activities":        label("activities that count", "计入的活动类型"),
	"process.setting.channel":           label("channel", "发送渠道"),
	"process.setting.recipients":        label("recipients", "接收人"),
	"process.setting.recipient_kind":    label("recipient", "接收人"),
	"process.setting.levels":            label("number of manager levels", "上级层数"),
	"process.setting.message":           label("message", "消息内容"),
	"process.setting.assignments":       label("fields to set", "要更新的字段"),
	"process.setting.value":             label("expression for the value", "取值表达式"),
	"process.setting.stage":             label("stage", "阶段"),
	"process.setting.when":              label("condition", "条件"),
	"process.setting.routes":            label("assignment routes", "分配规则"),
	"process.setting.assignee":          label("assignee", "负责人"),
	"process.setting.ticket_form":       label("ticket form", "工单表单"),
	"process.setting.record_fields":     label("fields of the new record", "新记录的字段"),
	"process.setting.link_field":        label("link to this process's record", "关联本流程记录的字段"),
	"process.setting.record_owner":      label("owner of the new record", "新记录的负责人"),
	"process.setting.title":             label("title", "标题"),
	"process.setting.ledger":            label("points ledger", "积分账户"),
	"process.setting.points":            label("points", "积分数值"),
	"process.setting.award_to":          label("person receiving the points", "积分接收人"),
	"process.setting.reason":            label("reason", "原因说明"),
	"process.setting.plugin":            label("plugin", "插件"),
	"process.setting.action":            label("action", "动作"),
	"process.setting.webhook":           label("webhook address", "Webhook 地址"),
	"process.setting.plugin_or_webhook": label("plugin or webhook address", "插件或 Webhook 地址"),
	"process.setting.input_name":        label("input name", "输入参数名"),
	"process.setting.input":             label("inputs", "输入参数"),
	"process.setting.wait":              label("wait for the sub-process option", "“等待子流程结束”选项"),
	"process.setting.process":           label("process to start", "要启动的流程"),
}

// kindLabels name node kinds, keyed "process.kind.<kind>".
var kindLabels = map[string]map[i18n.Locale]string{
	"process.kind.trigger":           label("trigger", "触发器"),
	"process.kind.user_task":         label("user task", "人工任务"),
	"process.kind.timer":             label("timer", "定时器"),
	"process.kind.silence_watch":     label("silence watch", "静默监测"),
	"process.kind.exclusive_gateway": label("decision", "条件分支"),
	"process.kind.parallel_split":    label("parallel split", "并行分支"),
	"process.kind.parallel_join":     label("parallel join", "并行汇聚"),
	"process.kind.notify":            label("notification", "发送通知"),
	"process.kind.set_fields":        label("field update", "更新字段"),
	"process.kind.move_stage":        label("stage change", "变更阶段"),
	"process.kind.assign_owner":      label("owner assignment", "分配负责人"),
	"process.kind.create_ticket":     label("ticket creation", "创建工单"),
	"process.kind.create_record":     label("record creation", "创建记录"),
	"process.kind.award_points":      label("points award", "发放积分"),
	"process.kind.call_action":       label("action call", "调用动作"),
	"process.kind.sub_process":       label("sub-process", "子流程"),
	"process.kind.end":               label("end", "结束"),
}
