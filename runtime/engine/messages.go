package engine

import "github.com/formworkhq/formwork/internal/i18n"

func init() { i18n.Register(messages) }

// messages are the engine's refusals and the simulator's timeline texts.
var messages = map[string]map[i18n.Locale]string{
	"engine.not_manual": {
		i18n.English: "Process {process} is not started by hand; its trigger starts it.",
		i18n.Chinese: "流程 {process} 不能手动启动，它由触发条件自动启动。",
	},
	"field.unknown_record": {
		i18n.English: "There is no such record.",
		i18n.Chinese: "没有这条记录。",
	},
	"engine.task_not_found": {
		i18n.English: "This task does not exist.",
		i18n.Chinese: "该任务不存在。",
	},
	"engine.instance_not_found": {
		i18n.English: "This process run does not exist.",
		i18n.Chinese: "该流程实例不存在。",
	},
	"engine.task_not_yours": {
		i18n.English: "Only the person the task is assigned to, a co-handler or a supervisor can do this.",
		i18n.Chinese: "只有任务的处理人、协办人或主管可以进行此操作。",
	},
	"engine.task_not_open": {
		i18n.English: "This task is already closed ({status}); nothing was changed.",
		i18n.Chinese: "该任务已关闭（{status}），未做任何更改。",
	},
	"engine.task_version": {
		i18n.English: "Someone changed this task in the meantime; reload it and try again.",
		i18n.Chinese: "该任务刚被他人修改，请刷新后重试。",
	},
	"engine.urge_too_soon": {
		i18n.English: "This task was urged less than an hour ago; please wait before urging again.",
		i18n.Chinese: "该任务一小时内已催办过，请稍后再催。",
	},
	"engine.urge_message": {
		i18n.English: "Reminder: “{title}” is waiting for you.",
		i18n.Chinese: "催办提醒：“{title}”正在等您处理。",
	},
	"engine.inbox_not_yours": {
		i18n.English: "Only supervisors and admins can see other people's tasks.",
		i18n.Chinese: "只有主管和管理员可以查看他人的任务。",
	},
	"engine.migrate_forbidden": {
		i18n.English: "Only people who can change processes can migrate running instances.",
		i18n.Chinese: "只有可以修改流程的人员才能迁移运行中的流程实例。",
	},
	"field.engine_outcome": {
		i18n.English: "Choose one of the task's outcomes: {allowed}.",
		i18n.Chinese: "请选择任务的处理结果之一：{allowed}。",
	},
	"field.engine_unknown_user": {
		i18n.English: "No such person in your organisation.",
		i18n.Chinese: "贵组织中没有此人。",
	},
	"field.engine_comment_length": {
		i18n.English: "Write a comment of 1 to {max} characters.",
		i18n.Chinese: "评论需为 1 到 {max} 个字符。",
	},
	"field.engine_data_object": {
		i18n.English: "Send the task's data as a JSON object.",
		i18n.Chinese: "任务数据需为 JSON 对象。",
	},
	"field.engine_script_too_long": {
		i18n.English: "A simulation script can have at most {max} events.",
		i18n.Chinese: "模拟脚本最多只能包含 {max} 个事件。",
	},
	"field.engine_graph_not_runnable": {
		i18n.English: "This process cannot run: it needs a trigger and connections between existing steps.",
		i18n.Chinese: "该流程无法运行：需要一个触发节点，且连线两端都必须是已有节点。",
	},
	"field.engine_script_time": {
		i18n.English: "Write the time as a duration such as 2h, 90m or 1d business.",
		i18n.Chinese: "请以时长填写时间，例如 2h、90m 或 1d business。",
	},
	"field.engine_inbox_status": {
		i18n.English: "Status must be open, done or overdue.",
		i18n.Chinese: "状态只能是 open（待办）、done（已办）或 overdue（已超时）。",
	},
	"engine.sim.task_created": {
		i18n.English: "Task “{title}” created for {assignee}, due {due}.",
		i18n.Chinese: "已为{assignee}创建任务“{title}”，截止时间 {due}。",
	},
	"engine.sim.task_due": {
		i18n.English: "Task “{title}” is now overdue.",
		i18n.Chinese: "任务“{title}”已超时。",
	},
	"engine.sim.task_done": {
		i18n.English: "Task “{title}” completed: {outcome}.",
		i18n.Chinese: "任务“{title}”已完成：{outcome}。",
	},
	"engine.sim.owner_assigned": {
		i18n.English: "The record is assigned to {owner}.",
		i18n.Chinese: "记录已分配给 {owner}。",
	},
	"engine.sim.task_cancelled": {
		i18n.English: "Task “{title}” cancelled.",
		i18n.Chinese: "任务“{title}”已取消。",
	},
	"engine.sim.timer_scheduled": {
		i18n.English: "Timer set for {due}.",
		i18n.Chinese: "已设定定时，将于 {due} 触发。",
	},
	"engine.sim.timer_fired": {
		i18n.English: "Timer fired.",
		i18n.Chinese: "定时已触发。",
	},
	"engine.sim.notify": {
		i18n.English: "Message on {channel} to {recipients}: {text}",
		i18n.Chinese: "通过 {channel} 发送给{recipients}：{text}",
	},
	"engine.sim.escalate": {
		i18n.English: "After {after}: message on {channel} to {recipients}: {text}",
		i18n.Chinese: "{after}后：通过 {channel} 发送给{recipients}：{text}",
	},
	"engine.sim.set_fields": {
		i18n.English: "Record fields set: {fields}.",
		i18n.Chinese: "已更新记录字段：{fields}。",
	},
	"engine.sim.move_stage": {
		i18n.English: "Record moved to stage {stage}.",
		i18n.Chinese: "记录已进入阶段 {stage}。",
	},
	"engine.sim.points": {
		i18n.English: "{points} points to {person} in {ledger}.",
		i18n.Chinese: "为{person}在 {ledger} 中记 {points} 分。",
	},
	"engine.sim.ticket": {
		i18n.English: "Ticket “{text}” raised for {assignee}.",
		i18n.Chinese: "已为{assignee}创建工单“{text}”。",
	},
	"engine.sim.call_action": {
		i18n.English: "Action {action} called.",
		i18n.Chinese: "已调用动作 {action}。",
	},
	"engine.sim.sub_process": {
		i18n.English: "Sub-process {process} started (not simulated).",
		i18n.Chinese: "已启动子流程 {process}（模拟中不展开）。",
	},
	"engine.sim.ended": {
		i18n.English: "The process ended: {status}.",
		i18n.Chinese: "流程已结束：{status}。",
	},
	"engine.sim.nobody": {
		i18n.English: "nobody",
		i18n.Chinese: "（无人）",
	},
	"engine.sim.stalled": {
		i18n.English: "The script stopped: too many timers fired ({max}).",
		i18n.Chinese: "模拟已停止：触发的定时过多（{max} 个）。",
	},
}
