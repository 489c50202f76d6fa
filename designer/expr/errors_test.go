package expr_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// ruleVars are the variables the error tests compile against.
var ruleVars = []expr.Var{
	{Name: "stage", Type: expr.String},
	{Name: "amount", Type: expr.Number},
	{Name: "count", Type: expr.Int},
	{Name: "scores", Type: expr.ListOf(expr.Number)},
	{Name: "record.amount", Type: expr.Number},
}

// errorCase is an expression that is refused, at compile time or when run.
type errorCase struct {
	name string
	src  string
	want expr.Type
	vars map[string]any
	// code, line and column are the expected *expr.Error fields.
	code         string
	line, column int
	// en and zh, when set, are the expected messages.
	en, zh string
}

func refusal(env *expr.Env, tt errorCase) error {
	prg, err := env.Compile(tt.src, tt.want)
	if err != nil {
		return err
	}
	_, err = prg.Eval(tt.vars)
	return err
}

func TestErrorCodes(t *testing.T) {
	env := mustEnv(t, ruleVars)
	many := make([]any, 30_000)
	for i := range many {
		many[i] = 1.0
	}
	runErrors(t, env, []errorCase{
		{name: "syntax", src: "amount >", code: expr.CodeSyntax, line: 1, column: 9,
			en: "The expression cannot be read at line 1, column 9",
			zh: "表达式第 1 行第 9 列有语法错误"},
		{name: "unknown name with a suggestion", src: "amout > 1", code: expr.CodeUnknownName,
			line: 1, column: 1,
			en: `The expression names "amout", which is not a field here; did you mean "amount"?`,
			zh: "表达式引用了“amout”，但这里没有这个字段。您是不是想写“amount”？"},
		{name: "unknown qualified name", src: "record.amout > 1", code: expr.CodeUnknownName,
			line: 1, column: 7},
		{name: "unknown function", src: "round_up(amount)", code: expr.CodeUnknownFunction,
			line: 1, column: 9, en: `There is no function called "round_up"`,
			zh: "没有名为“round_up”的函数"},
		{name: "operator on the wrong types", src: `amount + "x"`, code: expr.CodeCheck,
			line: 1, column: 8, en: `"+" cannot be used with "number" and "text"`,
			zh: "“+”不能用于“数字”、“文本”类型的值"},
		{name: "branches of different types", src: `amount > 1 ? "big" : 2`,
			code: expr.CodeCheck, line: 1, column: 12,
			en: `Both sides of "? :" must give the same type; here they give "text" and ` +
				`"whole number"`,
			zh: "“? :”两边的结果类型必须相同，这里分别是“文本”和“整数”"},
		{name: "condition not a bool", src: `amount ? 1 : 2`, code: expr.CodeCheck,
			en: `The condition before "?" must be true/false, but it is "number"`},
		{name: "field of a scalar", src: `stage.name == "x"`, code: expr.CodeCheck,
			en: `A "text" value has no fields`, zh: "“文本”类型的值没有字段"},
		{name: "result type", src: "amount * 2.0", want: expr.Bool, code: expr.CodeResultType,
			en: `The result must be "true/false", but the expression gives "number"`,
			zh: "此处需要“是/否”类型的结果，但表达式给出的是“数字”"},
		{name: "list result type", src: "scores", want: expr.ListOf(expr.String),
			code: expr.CodeResultType, zh: "此处需要“文本列表”类型的结果，但表达式给出的是“数字列表”"},
		{name: "too long", src: strings.Repeat("1+", 2049) + "1", code: expr.CodeTooLong,
			en: "The expression is longer than 4096 characters"},
		{name: "too costly when compiled", src: "scores.all(a, scores.all(b, a >= b))",
			code: expr.CodeTooCostly},
		{name: "too costly when run", src: "scores.all(s, s > 0.0)",
			vars: map[string]any{"scores": many}, code: expr.CodeTooCostly},
		{name: "bad constant date", src: `date("2026-02-30") > date("2026-01-01")`,
			code: expr.CodeBadDate, line: 1, column: 6,
			en: `"2026-02-30" is not a date; write it as YYYY-MM-DD, such as 2026-02-20`},
		{name: "bad constant duration", src: `add_business(date("2026-02-20"), "3 weeks")`,
			code: expr.CodeBadDuration, line: 1, column: 34,
			en: `The duration given to add_business cannot be used: "3 weeks" is not a ` +
				`duration; write it like "2h", "90m", "3d" or "1d 4h business"`},
		{name: "division by zero", src: "10 / count", code: expr.CodeEval,
			en: "The expression could not be evaluated: division by zero",
			zh: "表达式无法计算：除数为零"},
		{name: "index past the end", src: "scores[3] > 1.0", code: expr.CodeEval,
			zh: "表达式无法计算：读取的位置超出了列表范围"},
		{name: "bad value", src: "amount > 1", vars: map[string]any{"amount": "lots"},
			code: expr.CodeBadValue, en: `The value of "amount" is not of type "number"`,
			zh: "“amount”的值不是“数字”类型"},
	})
}

func TestUnboundNow(t *testing.T) {
	env := mustEnv(t, ruleVars, expr.WithNow())
	runErrors(t, env, []errorCase{
		{name: "now missing", src: "hours_between(now, now) == 0.0", code: expr.CodeUnbound,
			en: `The expression needs "now", which was not provided`},
	})
}

func runErrors(t *testing.T, env *expr.Env, cases []errorCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			err := refusal(env, tt)
			e, ok := err.(*expr.Error)
			if !ok {
				t.Fatalf("%q: error = %v, want an *expr.Error", tt.src, err)
			}
			if e.Code != tt.code {
				t.Fatalf("%q: code = %q (%v), want %q", tt.src, e.Code, e, tt.code)
			}
			if tt.line > 0 && (e.Line != tt.line || e.Column != tt.column) {
				t.Errorf("%q: at %d:%d, want %d:%d", tt.src, e.Line, e.Column, tt.line, tt.column)
			}
			checkMessages(t, e, tt.en, tt.zh)
		})
	}
}

func checkMessages(t *testing.T, e *expr.Error, en, zh string) {
	t.Helper()
	msgs := e.Messages()
	for _, l := range i18n.Locales {
		if m := msgs[l]; m == "" || strings.Contains(m, "{") || strings.HasPrefix(m, "expr.") {
			t.Errorf("%s message %q is not filled in", l, m)
		}
	}
	if en != "" {
		if diff := cmp.Diff(en, msgs[i18n.English]); diff != "" {
			t.Errorf("English message (-want +got):\n%s", diff)
		}
	}
	if zh != "" {
		if diff := cmp.Diff(zh, msgs[i18n.Chinese]); diff != "" {
			t.Errorf("Chinese message (-want +got):\n%s", diff)
		}
	}
	if n := strings.Count(e.Error(), "line"); e.Line > 0 && n != 1 {
		t.Errorf("Error() = %q names the line %d times, want once", e.Error(), n)
	}
}

func TestEveryMessageInEveryLocale(t *testing.T) {
	for _, key := range i18n.Keys() {
		if !strings.HasPrefix(key, "expr.") {
			continue
		}
		en, zh := i18n.T(i18n.English, key, nil), i18n.T(i18n.Chinese, key, nil)
		if en == key || zh == key || en == zh {
			t.Errorf("%s: en %q, zh %q; want a message in each locale", key, en, zh)
		}
	}
}
