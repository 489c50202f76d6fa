package datahub

import (
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// fieldPrefix starts the catalog keys of this package's field messages.
const fieldPrefix = "datahub.field."

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"import.not_found": {
			i18n.English: "No such import.",
			i18n.Chinese: "未找到该导入任务。",
		},
		"import.too_large": {
			i18n.English: "The file is larger than {max_mb} MB, the most one import takes. " +
				"Split it into smaller files.",
			i18n.Chinese: "文件超过单次导入上限 {max_mb} MB，请拆分成较小的文件后再导入。",
		},
		"import.file_required": {
			i18n.English: "Attach the file to import as the form field \"file\".",
			i18n.Chinese: "请以表单字段“file”上传要导入的文件。",
		},
		"import.xls_unsupported": {
			i18n.English: "This is an old Excel (.xls) or password-protected workbook. " +
				"Save it as .xlsx without a password, or as CSV, and upload it again.",
			i18n.Chinese: "这是旧版 Excel（.xls）或加密的工作簿。请另存为无密码的 .xlsx 或 CSV 后重新上传。",
		},
		"import.not_xlsx": {
			i18n.English: "This file is not a readable Excel workbook (.xlsx). " +
				"Open it in Excel and save it again, or export it as CSV.",
			i18n.Chinese: "该文件不是可读取的 Excel 工作簿（.xlsx）。请在 Excel 中重新保存，或导出为 CSV。",
		},
		"import.not_text": {
			i18n.English: "This file is neither a CSV text file nor an Excel workbook.",
			i18n.Chinese: "该文件既不是 CSV 文本文件，也不是 Excel 工作簿。",
		},
		"import.undetected_encoding": {
			i18n.English: "The file's text encoding could not be recognised (UTF-8 and GBK " +
				"were tried). Save it as UTF-8, or name its encoding.",
			i18n.Chinese: "无法识别文件的文字编码（已尝试 UTF-8 和 GBK）。请另存为 UTF-8，或指定编码。",
		},
		"import.unknown_encoding": {
			i18n.English: "\"{encoding}\" is not an encoding the import reads. " +
				"Use utf-8, gbk or utf-16.",
			i18n.Chinese: "不支持编码“{encoding}”。可选：utf-8、gbk、utf-16。",
		},
		"import.unknown_sheet": {
			i18n.English: "The workbook has no sheet \"{sheet}\".",
			i18n.Chinese: "工作簿中没有名为“{sheet}”的工作表。",
		},
		"import.empty_file": {
			i18n.English: "The file is empty: its first row must name the columns.",
			i18n.Chinese: "文件为空：第一行应为列标题。",
		},
		"import.bad_header": {
			i18n.English: "The first row, which must name the columns, could not be read.",
			i18n.Chinese: "无法读取第一行（列标题行）。",
		},
		"import.too_many_columns": {
			i18n.English: "The file has more than {max} columns.",
			i18n.Chinese: "文件的列数超过 {max}。",
		},
		"import.duplicate_column": {
			i18n.English: "Two columns are both called \"{column}\". Rename one of them.",
			i18n.Chinese: "有两列都叫“{column}”，请重命名其中一列。",
		},
		"import.file_gone": {
			i18n.English: "The uploaded file of this import is no longer kept. Upload it again.",
			i18n.Chinese: "该导入任务上传的文件已不再保留，请重新上传。",
		},
		"import.busy": {
			i18n.English: "This import is running. Wait until it has finished.",
			i18n.Chinese: "该导入任务正在进行，请等待其完成。",
		},
		"import.finished": {
			i18n.English: "This import has been completed. Upload the file again to run " +
				"another import.",
			i18n.Chinese: "该导入任务已完成。如需再次导入，请重新上传文件。",
		},
		"import.refused_invalid_rows": {
			i18n.English: "{failed} rows failed the check, so nothing was imported. Fix them, " +
				"or choose to import only the valid rows.",
			i18n.Chinese: "有 {failed} 行未通过校验，因此没有导入任何数据。请修正这些行，或选择仅导入有效行。",
		},
		// interrupted is no longer given (a worker that stops leaves its job
		// to the next); jobs failed before keep it. store_failed ends a job
		// that worker after worker could not get further.
		"import.store_failed": {
			i18n.English: "The import stopped at row {row} because the database failed. Rows " +
				"up to {landed} were stored; running the import again is safe.",
			i18n.Chinese: "数据库故障，导入在第 {row} 行中止。第 {landed} 行及之前的数据已保存；重新执行导入是安全的。",
		},
		"import.interrupted": {
			i18n.English: "The import stopped when the server restarted. Rows up to {landed} " +
				"were stored; running the import again is safe.",
			i18n.Chinese: "服务器重启导致导入中止。第 {landed} 行及之前的数据已保存；重新执行导入是安全的。",
		},
		"import.too_many_rows": {
			i18n.English: "The file has more than {max} rows. Split it into smaller files.",
			i18n.Chinese: "文件超过 {max} 行，请拆分成较小的文件。",
		},
		"export.invalid_format": {
			i18n.English: "Choose the format csv or xlsx.",
			i18n.Chinese: "请选择格式 csv 或 xlsx。",
		},
	})
	i18n.Register(fieldMessages)
	i18n.Register(reportMessages)
}

// fieldMessages are the messages of field and row errors, keyed
// fieldPrefix + code.
var fieldMessages = map[string]map[i18n.Locale]string{
	fieldPrefix + "too_large": {
		i18n.English: "The mapping is too large.",
		i18n.Chinese: "映射内容过大。",
	},
	fieldPrefix + "not_object": {
		i18n.English: "Send the mapping as an object from column header to field name.",
		i18n.Chinese: "映射应为“列标题 → 字段名”的对象。",
	},
	fieldPrefix + "duplicate_column": {
		i18n.English: "This column is mapped twice.",
		i18n.Chinese: "该列被重复映射。",
	},
	fieldPrefix + "not_string": {
		i18n.English: "Name the field as text, or null to skip the column.",
		i18n.Chinese: "请以文本填写字段名；填 null 表示跳过该列。",
	},
	fieldPrefix + "empty_mapping": {
		i18n.English: "Map at least one column to a field.",
		i18n.Chinese: "请至少把一列映射到字段。",
	},
	fieldPrefix + "unknown_column": {
		i18n.English: "The file has no column \"{column}\".",
		i18n.Chinese: "文件中没有“{column}”列。",
	},
	fieldPrefix + "unknown_field": {
		i18n.English: "The form has no field \"{field}\".",
		i18n.Chinese: "表单中没有字段“{field}”。",
	},
	fieldPrefix + "computed_field": {
		i18n.English: "\"{field}\" is computed by the form and cannot be imported.",
		i18n.Chinese: "“{field}”由表单自动计算，不能导入。",
	},
	fieldPrefix + "field_not_importable": {
		i18n.English: "\"{field}\" (a table, file or signature) cannot be filled from a cell.",
		i18n.Chinese: "“{field}”（子表、附件或签名）不能从单元格导入。",
	},
	fieldPrefix + "duplicate_field": {
		i18n.English: "The field \"{field}\" is already filled by the column \"{column}\".",
		i18n.Chinese: "字段“{field}”已由“{column}”列填充。",
	},
	fieldPrefix + "key_required": {
		i18n.English: "Name the key field that says which record a row belongs to " +
			"(a customer id, say).",
		i18n.Chinese: "请指定关键字段（例如客户编号），用于确定每一行归入哪条记录。",
	},
	fieldPrefix + "key_not_mapped": {
		i18n.English: "No column fills the key field \"{field}\".",
		i18n.Chinese: "没有任何列映射到关键字段“{field}”。",
	},
	fieldPrefix + "invalid_mode": {
		i18n.English: "Choose the mode all_or_nothing or valid_rows.",
		i18n.Chinese: "导入方式只能是 all_or_nothing 或 valid_rows。",
	},
	fieldPrefix + "too_many_cells": {
		i18n.English: "This row has {cells} cells but the header names only {columns} columns.",
		i18n.Chinese: "该行有 {cells} 个单元格，但标题行只有 {columns} 列。",
	},
	fieldPrefix + "malformed_csv": {
		i18n.English: "This row is not valid CSV (check its quotes).",
		i18n.Chinese: "该行不是有效的 CSV（请检查引号）。",
	},
	fieldPrefix + "invalid_encoding": {
		i18n.English: "This row holds bytes that are not UTF-8 text: the file may mix " +
			"encodings. Save it as UTF-8 or choose its encoding.",
		i18n.Chinese: "该行含有非 UTF-8 的字节，文件可能混用了编码。请另存为 UTF-8 或指定编码。",
	},
	fieldPrefix + "cell_too_long": {
		i18n.English: "A cell of this row is longer than {max} characters.",
		i18n.Chinese: "该行有单元格超过 {max} 个字符。",
	},
	fieldPrefix + "unreadable_row": {
		i18n.English: "This row of the sheet could not be read.",
		i18n.Chinese: "无法读取工作表的这一行。",
	},
}

// fieldErr returns a field error carrying this package's messages in every
// locale.
func fieldErr(ptr, code string, params i18n.Params) problem.FieldError {
	f := problem.Field(ptr, code, params)
	f.Messages = messages(fieldPrefix+code, params)
	return f
}

// messages renders key in every locale.
func messages(key string, params i18n.Params) map[i18n.Locale]string {
	out := make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		out[l] = i18n.T(l, key, params)
	}
	return out
}
