package process

import "github.com/formworkhq/formwork/internal/i18n"

// lintMessages are the messages of lint findings, keyed
// "process.lint.<code>". {subject} is the step's or connection's name.
var lintMessages = map[string]map[i18n.Locale]string{
	"process.lint." + CodeEmptyGraph: {
		i18n.English: "The process has no steps yet: add a trigger, the steps that follow " +
			"and an end.",
		i18n.Chinese: "流程还没有任何节点，请添加触发器、后续步骤和结束节点。",
	},
	"process.lint." + CodeRequired: {
		i18n.English: "“{subject}”: fill in the {setting}.",
		i18n.Chinese: "“{subject}”：请填写{setting}。",
	},
	"process.lint." + CodeInvalidID: {
		i18n.English: "“{subject}”: “{value}” may use only letters, digits, “_” and “-”, " +
			"at most 64 of them.",
		i18n.Chinese: "“{subject}”：“{value}”只能包含字母、数字、“_”和“-”，且不超过 64 个字符。",
	},
	"process.lint." + CodeDuplicateNodeID: {
		i18n.English: "Another step already has the id “{value}”; each step needs its own.",
		i18n.Chinese: "已有其他节点使用编号“{value}”，节点编号不能重复。",
	},
	"process.lint." + CodeDuplicateEdgeID: {
		i18n.English: "Another connection already has the id “{value}”; each connection " +
			"needs its own.",
		i18n.Chinese: "已有其他连线使用编号“{value}”，连线编号不能重复。",
	},
	"process.lint." + CodeEdgeUnknownNode: {
		i18n.English: "The connection “{subject}” refers to a step “{value}” that does not exist.",
		i18n.Chinese: "连线“{subject}”引用的节点“{value}”不存在。",
	},
	"process.lint." + CodeNoTrigger: {
		i18n.English: "The process has no trigger: add one to say what starts it.",
		i18n.Chinese: "流程缺少触发器，请添加一个触发器，说明流程由什么启动。",
	},
	"process.lint." + CodeMultipleTriggers: {
		i18n.English: "“{subject}” is a second trigger. A process has exactly one; " +
			"make a separate process for each way of starting.",
		i18n.Chinese: "“{subject}”是多余的触发器。一个流程只能有一个触发器，不同的启动方式请分别建立流程。",
	},
	"process.lint." + CodeTriggerHasIncoming: {
		i18n.English: "The connection “{subject}” leads into the trigger; nothing can lead " +
			"into a trigger.",
		i18n.Chinese: "连线“{subject}”指向了触发器，触发器不能有传入的连线。",
	},
	"process.lint." + CodeUnreachableNode: {
		i18n.English: "“{subject}” can never be reached from the trigger: connect it or remove it.",
		i18n.Chinese: "从触发器出发永远无法到达“{subject}”，请为它连线或将其删除。",
	},
	"process.lint." + CodeNoEnd: {
		i18n.English: "The process has no end step: add one so that every path can finish.",
		i18n.Chinese: "流程缺少结束节点，请添加一个，让每条路径都能结束。",
	},
	"process.lint." + CodeClosedCycle: {
		i18n.English: "The loop through {nodes} has no way out, so instances would never finish.",
		i18n.Chinese: "经过{nodes}的循环没有出口，流程实例将永远无法结束。",
	},
	"process.lint." + CodeCycleWithoutWait: {
		i18n.English: "The loop through {nodes} has no step that waits (a task, timer or " +
			"silence watch), so it would repeat without pause.",
		i18n.Chinese: "经过{nodes}的循环中没有任何需要等待的步骤（人工任务、定时器或静默监测），会不停地重复执行。",
	},
	"process.lint." + CodeEndHasOutgoing: {
		i18n.English: "The connection “{subject}” leaves an end step; nothing follows an end.",
		i18n.Chinese: "连线“{subject}”从结束节点引出，结束节点之后不能再有步骤。",
	},
	"process.lint." + CodeMissingOutgoing: {
		i18n.English: "“{subject}” leads nowhere: connect it to the next step.",
		i18n.Chinese: "“{subject}”没有后续步骤，请把它连到下一个节点。",
	},
	"process.lint." + CodeMultipleOutgoing: {
		i18n.English: "The connection “{subject}” is a second way out of “{from}”; " +
			"only a decision or a parallel split can branch.",
		i18n.Chinese: "连线“{subject}”是“{from}”的第二条出口；只有条件分支和并行分支节点才能分出多条路径。",
	},
	"process.lint." + CodeGatewayTooFewBranches: {
		i18n.English: "The decision “{subject}” needs at least two ways out.",
		i18n.Chinese: "条件分支“{subject}”至少需要两条出口。",
	},
	"process.lint." + CodeGatewayMissingCondition: {
		i18n.English: "The connection “{subject}” leaves a decision without a condition: " +
			"add a condition or make it the default.",
		i18n.Chinese: "连线“{subject}”从条件分支引出却没有条件，请填写条件，或将其设为默认路径。",
	},
	"process.lint." + CodeGatewayMissingDefault: {
		i18n.English: "The decision “{subject}” has no default way out for when no " +
			"condition holds.",
		i18n.Chinese: "条件分支“{subject}”缺少默认路径（所有条件都不满足时走的路径）。",
	},
	"process.lint." + CodeGatewayMultipleDefaults: {
		i18n.English: "The connection “{subject}” is a second default way out; a decision " +
			"has exactly one.",
		i18n.Chinese: "连线“{subject}”是第二条默认路径，一个条件分支只能有一条默认路径。",
	},
	"process.lint." + CodeDefaultHasCondition: {
		i18n.English: "The connection “{subject}” is the default way out, which takes no " +
			"condition.",
		i18n.Chinese: "连线“{subject}”是默认路径，默认路径不需要设置条件。",
	},
	"process.lint." + CodeConditionNotAllowed: {
		i18n.English: "The connection “{subject}” has a condition, but only connections " +
			"leaving a decision can have one.",
		i18n.Chinese: "连线“{subject}”设置了条件，但只有从条件分支引出的连线才能设置条件。",
	},
	"process.lint." + CodeDefaultNotAllowed: {
		i18n.English: "The connection “{subject}” is marked as the default, but only " +
			"connections leaving a decision can be.",
		i18n.Chinese: "连线“{subject}”被设为默认路径，但只有从条件分支引出的连线才能设为默认。",
	},
	"process.lint." + CodeSplitTooFewBranches: {
		i18n.English: "The parallel split “{subject}” needs at least two branches.",
		i18n.Chinese: "并行分支“{subject}”至少需要两条分支。",
	},
	"process.lint." + CodeJoinTooFewBranches: {
		i18n.English: "The parallel join “{subject}” needs at least two branches coming in.",
		i18n.Chinese: "并行汇聚“{subject}”至少需要两条传入的分支。",
	},
	"process.lint." + CodeJoinWithoutSplit: {
		i18n.English: "The parallel join “{subject}” has no parallel split before it whose " +
			"branches it could gather.",
		i18n.Chinese: "并行汇聚“{subject}”之前没有可供它汇集分支的并行分支节点。",
	},
	"process.lint." + CodeJoinMismatchedSplit: {
		i18n.English: "The parallel join “{subject}” gathers branches of different parallel " +
			"splits; each join closes exactly one split.",
		i18n.Chinese: "并行汇聚“{subject}”汇集了来自不同并行分支的路径，每个汇聚节点只能对应一个并行分支。",
	},
	"process.lint." + CodeSplitBranchSkipsJoin: {
		i18n.English: "The branch “{subject}” can finish without reaching “{join}”, which " +
			"would then wait for ever.",
		i18n.Chinese: "分支“{subject}”可能不经过“{join}”就结束，导致该汇聚节点永远等待。",
	},
	"process.lint." + CodeBoundaryReachesJoin: {
		i18n.English: "A deadline path flows into the parallel join “{subject}”. Deadline " +
			"paths run beside their task and must end on their own.",
		i18n.Chinese: "有时限路径流入了并行汇聚“{subject}”。时限路径与任务同时进行，必须自行结束。",
	},
	"process.lint." + CodeBoundaryNotFromTask: {
		i18n.English: "The connection “{subject}” is a deadline, but only user tasks can " +
			"have deadlines.",
		i18n.Chinese: "连线“{subject}”是时限连线，但只有人工任务才能设置时限。",
	},
	"process.lint." + CodeBoundaryOnNormalEdge: {
		i18n.English: "The connection “{subject}” is an ordinary one with a deadline setting: " +
			"make it a deadline connection or clear the setting.",
		i18n.Chinese: "连线“{subject}”是普通连线，却带有时限设置，请改为时限连线或清除该设置。",
	},
	"process.lint." + CodeInvalidValue: {
		i18n.English: "“{subject}”: “{value}” is not a valid {setting}; use one of: {allowed}.",
		i18n.Chinese: "“{subject}”：“{value}”不是有效的{setting}，可选：{allowed}。",
	},
	"process.lint." + CodeSettingNotUsed: {
		i18n.English: "“{subject}”: the {setting} has no effect here and will be ignored.",
		i18n.Chinese: "“{subject}”：{setting}在这里不起作用，将被忽略。",
	},
	"process.lint." + CodeConflictingSettings: {
		i18n.English: "“{subject}”: give either the {setting} or the {other}, not both.",
		i18n.Chinese: "“{subject}”：{setting}和{other}只能填写其中一项。",
	},
	"process.lint." + CodeDuplicateValue: {
		i18n.English: "“{subject}”: “{value}” appears twice in the {setting}.",
		i18n.Chinese: "“{subject}”：{setting}中“{value}”重复出现。",
	},
	"process.lint." + CodeDuplicateOutcome: {
		i18n.English: "“{subject}”: two outcomes have the key “{value}”; each needs its own.",
		i18n.Chinese: "“{subject}”：有两个处理结果使用了相同的键“{value}”，每个结果的键必须不同。",
	},
	"process.lint." + CodeInvalidDuration: {
		i18n.English: "“{subject}”: “{value}” is not a duration. Write it like 90m, 2h, 3d " +
			"or 1d 4h, adding “business” to count working time only.",
		i18n.Chinese: "“{subject}”：“{value}”不是有效的时长，请写成 90m、2h、3d 或 1d 4h 这样的形式；" +
			"如只计算工作时间，请在后面加上“business”。",
	},
	"process.lint." + CodeDurationOutOfRange: {
		i18n.English: "“{subject}”: “{value}” is out of range; a duration runs from 1 " +
			"minute to 366 days.",
		i18n.Chinese: "“{subject}”：时长“{value}”超出范围，时长应在 1 分钟到 366 天之间。",
	},
	"process.lint." + CodeInvalidCron: {
		i18n.English: "“{subject}”: “{value}” is not a schedule. Write five fields — minute, " +
			"hour, day, month, weekday — such as “0 9 * * 1-5” for 9:00 on weekdays.",
		i18n.Chinese: "“{subject}”：“{value}”不是有效的定时规则。请写五个字段：分、时、日、月、星期，" +
			"例如“0 9 * * 1-5”表示周一至周五 9:00。",
	},
	"process.lint." + CodeCronNeverFires: {
		i18n.English: "“{subject}”: the schedule “{value}” names a date that never comes, " +
			"such as 30 February.",
		i18n.Chinese: "“{subject}”：定时规则“{value}”指定的日期永远不会出现（例如 2 月 30 日）。",
	},
	"process.lint." + CodeInvalidExpression: {
		i18n.English: "“{subject}”: {detail}.",
		i18n.Chinese: "“{subject}”：{detail}。",
	},
	"process.lint." + CodeExpressionType: {
		i18n.English: "“{subject}”: the expression gives a {got} where a {want} is needed.",
		i18n.Chinese: "“{subject}”：此处需要 {want} 类型的结果，表达式给出的是 {got}。",
	},
	"process.lint." + CodeInvalidTemplate: {
		i18n.English: "“{subject}”: the placeholder at character {at} is not written like " +
			"{{record.company}}.",
		i18n.Chinese: "“{subject}”：第 {at} 个字符处的占位符格式不对，应写成 {{record.company}} 这样的形式。",
	},
	"process.lint." + CodeUnknownTemplateField: {
		i18n.English: "“{subject}”: the placeholder {{{name}}} is not a field this step can read.",
		i18n.Chinese: "“{subject}”：占位符 {{{name}}} 不是此步骤可以读取的字段。",
	},
	"process.lint." + CodeMissingLocale: {
		i18n.English: "“{subject}”: the {setting} has no {locale} version; people who use " +
			"{locale} will get another language.",
		i18n.Chinese: "“{subject}”：{setting}缺少{locale}版本，使用{locale}的人将收到其他语言的内容。",
	},
	"process.lint." + CodeNeedsRecord: {
		i18n.English: "“{subject}” works on a record, but this process's trigger does not " +
			"start it on one.",
		i18n.Chinese: "“{subject}”需要针对一条记录执行，但本流程的触发方式并不针对任何记录。",
	},
	"process.lint." + CodeNeedsTask: {
		i18n.English: "“{subject}”: the {setting} refers to a task's assignee, but no user " +
			"task comes before this step.",
		i18n.Chinese: "“{subject}”：{setting}指向任务处理人，但此步骤之前没有人工任务。",
	},
	"process.lint." + CodeInvalidOffset: {
		i18n.English: "“{subject}”: “{value}” is not an offset. Write a duration with “-” " +
			"for before the date or “+” for after it, like -1d, +2h or -4h business.",
		i18n.Chinese: "“{subject}”：“{value}”不是有效的偏移量，请在时长前加“-”表示日期之前、" +
			"加“+”表示日期之后，例如 -1d、+2h 或 -4h business。",
	},
	"process.lint." + CodeOffsetNeedsUntil: {
		i18n.English: "“{subject}”: an offset moves the date the timer waits until; " +
			"choose that date field, or remove the offset.",
		i18n.Chinese: "“{subject}”：偏移量用于调整定时器等待截止的日期，请选择该日期字段，或删除偏移量。",
	},
	"process.lint." + CodeFieldNotDate: {
		i18n.English: "“{subject}”: the field “{field}” is not a date, so there is nothing " +
			"to wait until.",
		i18n.Chinese: "“{subject}”：字段“{field}”不是日期字段，无法等待到该时间。",
	},
	"process.lint." + CodeFieldNotRecordLink: {
		i18n.English: "“{subject}”: the field “{field}” of the form “{form}” is not a record " +
			"link, so it cannot hold the id of this process's record.",
		i18n.Chinese: "“{subject}”：表单“{form}”的字段“{field}”不是关联记录字段，无法保存本流程所处理记录的编号。",
	},
	"process.lint." + CodeInvalidWebhookURL: {
		i18n.English: "“{subject}”: “{value}” is not a web address starting with https://.",
		i18n.Chinese: "“{subject}”：“{value}”不是以 https:// 开头的网址。",
	},
	"process.lint." + CodeUnknownForm: {
		i18n.English: "“{subject}”: there is no form “{value}”.",
		i18n.Chinese: "“{subject}”：表单“{value}”不存在。",
	},
	"process.lint." + CodeUnknownField: {
		i18n.English: "“{subject}”: the form “{form}” has no field “{value}”.",
		i18n.Chinese: "“{subject}”：表单“{form}”中没有字段“{value}”。",
	},
	"process.lint." + CodeUnknownStage: {
		i18n.English: "“{subject}”: “{value}” is not a stage of the form “{form}”; its stages " +
			"are: {allowed}.",
		i18n.Chinese: "“{subject}”：“{value}”不是表单“{form}”的阶段，可选阶段：{allowed}。",
	},
	"process.lint." + CodeUnknownRole: {
		i18n.English: "“{subject}”: there is no role “{value}”.",
		i18n.Chinese: "“{subject}”：角色“{value}”不存在。",
	},
	"process.lint." + CodeUnknownUser: {
		i18n.English: "“{subject}”: there is no user “{value}” in your organisation.",
		i18n.Chinese: "“{subject}”：您的组织中没有用户“{value}”。",
	},
	"process.lint." + CodeUnknownTeam: {
		i18n.English: "“{subject}”: there is no team “{value}”.",
		i18n.Chinese: "“{subject}”：团队“{value}”不存在。",
	},
	"process.lint." + CodeUnknownChannel: {
		i18n.English: "“{subject}”: there is no channel “{value}”; set it up under Channels first.",
		i18n.Chinese: "“{subject}”：渠道“{value}”不存在，请先在“渠道”中完成配置。",
	},
	"process.lint." + CodeUnknownPlugin: {
		i18n.English: "“{subject}”: there is no plugin “{value}”.",
		i18n.Chinese: "“{subject}”：插件“{value}”不存在。",
	},
	"process.lint." + CodeUnknownAction: {
		i18n.English: "“{subject}”: the plugin “{plugin}” has no action “{value}”.",
		i18n.Chinese: "“{subject}”：插件“{plugin}”没有名为“{value}”的动作。",
	},
	"process.lint." + CodeUnknownCalendar: {
		i18n.English: "“{subject}”: there is no business calendar “{value}”.",
		i18n.Chinese: "“{subject}”：工作日历“{value}”不存在。",
	},
	"process.lint." + CodeUnknownProcess: {
		i18n.English: "“{subject}”: there is no process “{value}” to start.",
		i18n.Chinese: "“{subject}”：要启动的流程“{value}”不存在。",
	},
	"process.lint." + CodeUnknownLedger: {
		i18n.English: "“{subject}”: there is no points ledger “{value}”.",
		i18n.Chinese: "“{subject}”：积分账户“{value}”不存在。",
	},
}
