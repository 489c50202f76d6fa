package expr

import "github.com/formworkhq/formwork/internal/i18n"

func init() {
	i18n.Register(messages)
	i18n.Register(checkMessages)
	i18n.Register(reasonMessages)
}

// messages word the refusals by code.
var messages = map[string]map[i18n.Locale]string{
	"expr." + CodeSyntax: {
		i18n.English: "The expression cannot be read at line {line}, column {column}",
		i18n.Chinese: "表达式第 {line} 行第 {column} 列有语法错误",
	},
	"expr." + CodeUnknownName: {
		i18n.English: "The expression names \"{name}\", which is not a field here",
		i18n.Chinese: "表达式引用了“{name}”，但这里没有这个字段",
	},
	"expr." + CodeUnknownName + ".suggest": {
		i18n.English: "The expression names \"{name}\", which is not a field here; " +
			"did you mean \"{suggestion}\"?",
		i18n.Chinese: "表达式引用了“{name}”，但这里没有这个字段。您是不是想写“{suggestion}”？",
	},
	"expr." + CodeUnknownFunction: {
		i18n.English: "There is no function called \"{name}\"",
		i18n.Chinese: "没有名为“{name}”的函数",
	},
	"expr." + CodeUnknownFunction + ".suggest": {
		i18n.English: "There is no function called \"{name}\"; did you mean \"{suggestion}\"?",
		i18n.Chinese: "没有名为“{name}”的函数，您是不是想写“{suggestion}”？",
	},
	"expr." + CodeResultType: {
		i18n.English: "The result must be \"{want}\", but the expression gives \"{got}\"",
		i18n.Chinese: "此处需要“{want}”类型的结果，但表达式给出的是“{got}”",
	},
	"expr." + CodeTooLong: {
		i18n.English: "The expression is longer than {max} characters",
		i18n.Chinese: "表达式超过了 {max} 个字符",
	},
	"expr." + CodeTooCostly: {
		i18n.English: "The expression could take too much work to evaluate, for example " +
			"by looping over a long list inside another loop; simplify it",
		i18n.Chinese: "表达式的计算量可能过大（例如在长列表的循环里再嵌套循环），请简化",
	},
	"expr." + CodeBadDate: {
		i18n.English: "\"{value}\" is not a date; write it as YYYY-MM-DD, such as 2026-02-20",
		i18n.Chinese: "“{value}”不是有效的日期，请按 YYYY-MM-DD 格式填写，例如 2026-02-20",
	},
	"expr." + CodeBadDuration: {
		i18n.English: "The duration given to add_business cannot be used: {reason}",
		i18n.Chinese: "add_business 的时长无法使用：{reason}",
	},
	"expr." + CodeEval: {
		i18n.English: "The expression could not be evaluated: {reason}",
		i18n.Chinese: "表达式无法计算：{reason}",
	},
	"expr." + CodeBadValue: {
		i18n.English: "The value of \"{name}\" is not of type \"{want}\"",
		i18n.Chinese: "“{name}”的值不是“{want}”类型",
	},
	"expr." + CodeUnbound: {
		i18n.English: "The expression needs \"{name}\", which was not provided",
		i18n.Chinese: "表达式需要“{name}”，但调用方没有提供",
	},
}

// checkMessages word the type-check errors the checker's text identifies.
var checkMessages = map[string]map[i18n.Locale]string{
	"expr." + CodeCheck: {
		i18n.English: "The expression does not fit its fields' types: {detail}",
		i18n.Chinese: "表达式与字段的类型不匹配：{detail}",
	},
	"expr." + CodeCheck + ".no_overload": {
		i18n.English: "\"{function}\" cannot be used with {args}",
		i18n.Chinese: "“{function}”不能用于{args}类型的值",
	},
	"expr." + CodeCheck + ".condition": {
		i18n.English: "The condition before \"?\" must be true/false, but it is \"{got}\"",
		i18n.Chinese: "“?”前面的条件必须是“是/否”，这里却是“{got}”",
	},
	"expr." + CodeCheck + ".branches": {
		i18n.English: "Both sides of \"? :\" must give the same type; here they give " +
			"\"{a}\" and \"{b}\"",
		i18n.Chinese: "“? :”两边的结果类型必须相同，这里分别是“{a}”和“{b}”",
	},
	"expr." + CodeCheck + ".no_field": {
		i18n.English: "There is no field \"{name}\" here",
		i18n.Chinese: "这里没有“{name}”字段",
	},
	"expr." + CodeCheck + ".no_fields": {
		i18n.English: "A \"{type}\" value has no fields",
		i18n.Chinese: "“{type}”类型的值没有字段",
	},
}

// reasonMessages word why an evaluation failed; they follow a colon.
var reasonMessages = map[string]map[i18n.Locale]string{
	"expr.reason.division_by_zero": {
		i18n.English: "division by zero",
		i18n.Chinese: "除数为零",
	},
	"expr.reason.no_such_key": {
		i18n.English: "a key it reads is missing",
		i18n.Chinese: "读取的键不存在",
	},
	"expr.reason.index_out_of_bounds": {
		i18n.English: "it reads past the end of a list",
		i18n.Chinese: "读取的位置超出了列表范围",
	},
	"expr.reason.overflow": {
		i18n.English: "a number became too large",
		i18n.Chinese: "数值超出了范围",
	},
	"expr.reason.wrong_type": {
		i18n.English: "a value has the wrong type for an operation",
		i18n.Chinese: "某个值的类型不适用于该运算",
	},
	"expr.reason.no_such_field": {
		i18n.English: "a field it reads is missing",
		i18n.Chinese: "读取的字段不存在",
	},
	"expr.reason.not_numbers": {
		i18n.English: "a list holds an item that is not a number",
		i18n.Chinese: "列表中有不是数字的项",
	},
	"expr.reason.out_of_range": {
		i18n.English: "a date falls outside the years 1 to 9999",
		i18n.Chinese: "日期超出了公元 1 年至 9999 年的范围",
	},
	"expr.reason.bad_date": {
		i18n.English: "\"{value}\" is not a date written YYYY-MM-DD",
		i18n.Chinese: "“{value}”不是 YYYY-MM-DD 格式的日期",
	},
}
