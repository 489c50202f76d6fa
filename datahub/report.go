package datahub

import (
	"context"
	"io"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
)

// reportMessages are the headers of downloaded reports and exports.
var reportMessages = map[string]map[i18n.Locale]string{
	"report.row":              {i18n.English: "Row", i18n.Chinese: "行号"},
	"report.column":           {i18n.English: "Column", i18n.Chinese: "列"},
	"report.field":            {i18n.English: "Field", i18n.Chinese: "字段"},
	"report.message":          {i18n.English: "Problem", i18n.Chinese: "问题"},
	"export.id":               {i18n.English: "Record id", i18n.Chinese: "记录编号"},
	"export.form":             {i18n.English: "Form", i18n.Chinese: "表单"},
	"export.data":             {i18n.English: "Data", i18n.Chinese: "数据"},
	"export.owner_id":         {i18n.English: "Owner", i18n.Chinese: "负责人"},
	"export.stage":            {i18n.English: "Stage", i18n.Chinese: "阶段"},
	"export.created_at":       {i18n.English: "Created", i18n.Chinese: "创建时间"},
	"export.updated_at":       {i18n.English: "Updated", i18n.Chinese: "更新时间"},
	"export.last_activity_at": {i18n.English: "Last activity", i18n.Chinese: "最近活动时间"},
	"export.widget":           {i18n.English: "Widget", i18n.Chinese: "组件"},
	"export.metric":           {i18n.English: "Metric", i18n.Chinese: "指标"},
	"export.part":             {i18n.English: "Part", i18n.Chinese: "类别"},
	"export.item":             {i18n.English: "Item", i18n.Chinese: "项目"},
	"export.value":            {i18n.English: "Value", i18n.Chinese: "数值"},
	"export.numerator":        {i18n.English: "Numerator", i18n.Chinese: "分子"},
	"export.denominator":      {i18n.English: "Denominator", i18n.Chinese: "分母"},
	"export.rank":             {i18n.English: "Rank", i18n.Chinese: "排名"},
	"export.conversion":       {i18n.English: "Conversion", i18n.Chinese: "转化率"},
	"export.baseline":         {i18n.English: "Baseline", i18n.Chinese: "基线"},
	"export.part.total":       {i18n.English: "total", i18n.Chinese: "合计"},
	"export.part.group":       {i18n.English: "group", i18n.Chinese: "分组"},
	"export.part.bucket":      {i18n.English: "period", i18n.Chinese: "时间段"},
	"export.part.stage":       {i18n.English: "stage", i18n.Chinese: "阶段"},
}

// WriteIssues writes the whole report of job j's latest pass as a table in
// format f, headers and messages in locale l: one line per problem with
// its row, column, field and message. Rows stream chunk by chunk.
func (s *Service) WriteIssues(ctx context.Context, p auth.Principal, j *Job, f Format,
	l i18n.Locale, w io.Writer) error {
	t, err := newTable(f, w)
	if err != nil {
		return err
	}
	head := []any{i18n.T(l, "report.row", nil), i18n.T(l, "report.column", nil),
		i18n.T(l, "report.field", nil), i18n.T(l, "report.message", nil)}
	if err := t.Write(head); err != nil {
		return err
	}

	for n := 0; ; n++ {
		issues, err := s.chunk(ctx, p, j, n)
		if err != nil {
			return err
		}
		if issues == nil {
			return t.Close()
		}
		for _, is := range issues {
			if err := t.Write([]any{is.Row, is.Column, is.Field, is.Message(l)}); err != nil {
				return err
			}
		}
	}
}
