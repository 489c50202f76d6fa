package process

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	for _, m := range []map[string]map[i18n.Locale]string{
		lintMessages, settingLabels, kindLabels, diffMessages, otherMessages,
	} {
		i18n.Register(m)
	}
}

// otherMessages are the decode refusals, problem details and small words.
var otherMessages = map[string]map[i18n.Locale]string{
	"process.too_large": {
		i18n.English: "The process is larger than the limit of {limit} bytes.",
		i18n.Chinese: "流程内容超过了 {limit} 字节的上限。",
	},
	"process.invalid": {
		i18n.English: "The process has {count} problems to fix before it can run; see errors.",
		i18n.Chinese: "流程中有 {count} 处问题需要修正后才能运行，详见 errors。",
	},
	"process.decode.unknown_node_kind": {
		i18n.English: "“{value}” is not a kind of step; use one of: {allowed}.",
		i18n.Chinese: "“{value}”不是有效的节点类型，可选：{allowed}。",
	},
	"process.decode.too_many_nodes": {
		i18n.English: "A process can have at most {max} steps.",
		i18n.Chinese: "一个流程最多只能有 {max} 个节点。",
	},
	"process.decode.too_many_edges": {
		i18n.English: "A process can have at most {max} connections.",
		i18n.Chinese: "一个流程最多只能有 {max} 条连线。",
	},
	"process.decode.points_type": {
		i18n.English: "Enter a number of points or an expression that computes them.",
		i18n.Chinese: "请填写积分数值，或填写计算积分的表达式。",
	},
	"process.list_separator": {
		i18n.English: ", ",
		i18n.Chinese: "、",
	},
	"process.locale.en": {
		i18n.English: "English",
		i18n.Chinese: "英文",
	},
	"process.locale.zh-CN": {
		i18n.English: "Chinese",
		i18n.Chinese: "中文",
	},
}
