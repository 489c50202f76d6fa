package insights

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"insights.unknown_dashboard": {
			i18n.English: "No such published dashboard.",
			i18n.Chinese: "未找到该已发布的看板。",
		},
		"insights.unknown_metric": {
			i18n.English: "No such metric: name it as <dashboard id>.<widget id>.",
			i18n.Chinese: "未找到该指标：请写成 <看板 id>.<组件 id>。",
		},
		"insights.unsupported": {
			i18n.English: "This metric has no rollup: {reason}.",
			i18n.Chinese: "该指标没有汇总数据：{reason}。",
		},
		"insights.no_drill": {
			i18n.English: "Drill-down shows records; this metric measures {source}.",
			i18n.Chinese: "下钻只能查看记录；该指标统计的是 {source}。",
		},
		"field.insights.bad_date": {
			i18n.English: "“{value}” is not a date: write 2026-12-01 or 2026-12-01T08:00:00+08:00.",
			i18n.Chinese: "“{value}”不是日期：请写成 2026-12-01 或 2026-12-01T08:00:00+08:00。",
		},
		"field.insights.range_reversed": {
			i18n.English: "The end of the range must come after its start.",
			i18n.Chinese: "结束日期必须晚于开始日期。",
		},
		"field.insights.range_too_long": {
			i18n.English: "A range may span at most {max} days.",
			i18n.Chinese: "时间范围最多 {max} 天。",
		},
		"field.insights.unknown_filter": {
			i18n.English: "“{name}” cannot filter this view; allowed: {allowed}.",
			i18n.Chinese: "不能按“{name}”筛选；可用的筛选：{allowed}。",
		},
		"field.insights.filter_values": {
			i18n.English: "Give a filter 1 to {max} values, separated by commas.",
			i18n.Chinese: "每个筛选需 1 到 {max} 个值，以逗号分隔。",
		},
		"field.insights.unknown_dimension": {
			i18n.English: "“{name}” is not a dimension.",
			i18n.Chinese: "“{name}”不是可用的维度。",
		},
		"field.insights.dimension_not_kept": {
			i18n.English: "This metric is not kept by “{name}”; it can be grouped by: {allowed}.",
			i18n.Chinese: "该指标未按“{name}”汇总；可用的分组：{allowed}。",
		},
		"field.insights.group_by_widget": {
			i18n.English: "A dashboard is read as designed; group one widget instead: " +
				"GET /api/v1/metrics/<dashboard id>.<widget id>.",
			i18n.Chinese: "看板按设计读取；请对单个组件分组：GET /api/v1/metrics/<看板 id>.<组件 id>。",
		},
		"insights.alert_title": {
			i18n.English: "Funnel alert: stage {stage} converts below its baseline",
			i18n.Chinese: "漏斗预警：阶段 {stage} 转化率低于基线",
		},
		"insights.alert_body": {
			i18n.English: "{widget}: {conversion} of the previous stage reached {stage} " +
				"from {from} to {to}, against a baseline of {baseline}. Usual causes: " +
				"slow first response, leads not qualified before the hand-over, " +
				"proposals without a follow-up date, and an owner with too many open records.",
			i18n.Chinese: "{widget}：{from} 至 {to} 期间，上一阶段仅有 {conversion} 进入 {stage}，" +
				"基线为 {baseline}。常见原因：首次响应慢、交接前未确认需求、报价后未约定跟进时间、" +
				"负责人手上未结记录过多。",
		},
	})
}
