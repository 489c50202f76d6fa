package designer

import (
	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// checkDateField checks the field a metric over records counts its
// records on: a date or date-time field of its form (both are timestamps
// to expressions). Other sources count on their own day and take none.
func checkDateField(c *problem.Collector, ptr string, m *Metric,
	fields map[string]expr.Type) {
	switch {
	case m.DateField == "":
	case m.Source != "records":
		c.Add(ptr, "date_field_records_only", nil)
	case fields[m.DateField] == nil:
		c.Add(ptr, "unknown_field", i18n.Params{"field": m.DateField})
	case fields[m.DateField] != expr.Timestamp:
		c.Add(ptr, "not_a_date", i18n.Params{"field": m.DateField})
	}
}

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"field.date_field_records_only": {
			i18n.English: "Only a metric over records can count on a date field; " +
				"activities, tasks, timers and ledger entries count on their own day.",
			i18n.Chinese: "只有统计记录的指标才能按日期字段归日；行为、任务、定时器和积分流水按各自发生的日期统计。",
		},
		"field.not_a_date": {
			i18n.English: "\"{field}\" is not a date or date-time field, " +
				"so records cannot count on its day.",
			i18n.Chinese: "“{field}”不是日期或日期时间字段，无法按它的日期统计记录。",
		},
		"field.date_field_on_parts": {
			i18n.English: "Set the date field on the ratio's numerator and denominator, " +
				"not on the ratio.",
			i18n.Chinese: "请在比率的分子和分母上设置日期字段，而不是在比率本身上。",
		},
		"field.ratio_date_field": {
			i18n.English: "A ratio's numerator and denominator must count on the same " +
				"date field.",
			i18n.Chinese: "比率的分子和分母必须按同一个日期字段统计。",
		},
	})
}
