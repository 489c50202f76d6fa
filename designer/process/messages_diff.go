package process

import "github.com/formworkhq/formwork/internal/i18n"

// diffMessages are the messages of changes between versions, keyed
// "process.diff.<code>", and the names of what can change.
var diffMessages = map[string]map[i18n.Locale]string{
	"process.diff." + ChangeNodeAdded: {
		i18n.English: "Added the {kind} “{node}”.",
		i18n.Chinese: "新增了{kind}“{node}”。",
	},
	"process.diff." + ChangeNodeRemoved: {
		i18n.English: "Removed the {kind} “{node}”.",
		i18n.Chinese: "删除了{kind}“{node}”。",
	},
	"process.diff." + ChangeWaitingNodeRemoved: {
		i18n.English: "Removed the {kind} “{node}”. Running instances may be waiting there: " +
			"they stay on their current version unless a migration gives them another step.",
		i18n.Chinese: "删除了{kind}“{node}”。可能有运行中的实例正停留在此步骤，" +
			"除非迁移时为它们指定其他步骤，否则它们将继续按原版本运行。",
	},
	"process.diff." + ChangeNodeChanged: {
		i18n.English: "Changed the {kind} “{node}”: {aspects}.",
		i18n.Chinese: "修改了{kind}“{node}”：{aspects}。",
	},
	"process.diff." + ChangeWaitingNodeKind: {
		i18n.English: "“{node}” was a {old_kind} and is now a {kind}. Running instances may " +
			"be waiting there: they stay on their current version unless a migration gives " +
			"them another step.",
		i18n.Chinese: "“{node}”由{old_kind}改为了{kind}。可能有运行中的实例正停留在此步骤，" +
			"除非迁移时为它们指定其他步骤，否则它们将继续按原版本运行。",
	},
	"process.diff." + ChangeEdgeAdded: {
		i18n.English: "Added the connection “{edge}”.",
		i18n.Chinese: "新增了连线“{edge}”。",
	},
	"process.diff." + ChangeEdgeRemoved: {
		i18n.English: "Removed the connection “{edge}”.",
		i18n.Chinese: "删除了连线“{edge}”。",
	},
	"process.diff." + ChangeEdgeChanged: {
		i18n.English: "Changed the connection “{edge}”: {aspects}.",
		i18n.Chinese: "修改了连线“{edge}”：{aspects}。",
	},

	"process.aspect.kind":         label("kind", "类型"),
	"process.aspect.name":         label("name", "名称"),
	"process.aspect.config":       label("settings", "设置"),
	"process.aspect.config_keys":  label("settings ({keys})", "设置（{keys}）"),
	"process.aspect.from":         label("start point", "起点"),
	"process.aspect.to":           label("end point", "终点"),
	"process.aspect.condition":    label("condition", "条件"),
	"process.aspect.default":      label("default path", "默认路径"),
	"process.aspect.after":        label("deadline", "时限"),
	"process.aspect.interrupting": label("whether it interrupts the task", "是否中断任务"),
	"process.aspect.label":        label("caption", "标注"),
}
