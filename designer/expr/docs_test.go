package expr_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/designer/expr"
)

// docsPath is the language reference whose examples this test runs.
const docsPath = "../../docs/expressions.md"

// docExample is one row of a "function | example | result" table.
type docExample struct{ line, example, result string }

// docExamples reads the examples of every function table in the reference.
func docExamples(t *testing.T) []docExample {
	t.Helper()
	raw, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatalf("reading the reference: %v", err)
	}

	var out []docExample
	inTable := false
	for i, line := range strings.Split(string(raw), "\n") {
		cells := tableCells(line)
		switch {
		case len(cells) == 3 && cells[0] == "function":
			inTable = true
		case len(cells) == 3 && inTable && strings.HasPrefix(cells[1], "`"):
			out = append(out, docExample{line: fmt.Sprintf("%s:%d", docsPath, i+1),
				example: unquote(cells[1]), result: unquote(cells[2])})
		case len(cells) == 0:
			inTable = false
		}
	}
	return out
}

func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") {
		return nil
	}
	cells := strings.Split(strings.Trim(line, "|"), " | ")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func unquote(cell string) string { return strings.TrimSuffix(strings.TrimPrefix(cell, "`"), "`") }

// TestDocumentedExamples runs every example of docs/expressions.md and
// checks it gives the documented result.
func TestDocumentedExamples(t *testing.T) {
	env := mustEnv(t, []expr.Var{
		{Name: "created", Type: expr.Timestamp}, {Name: "stage", Type: expr.String},
		{Name: "amount", Type: expr.Number}, {Name: "tags", Type: expr.ListOf(expr.String)},
		{Name: "scores", Type: expr.ListOf(expr.Number)},
		{Name: "lines", Type: expr.ListOf(expr.MapOf(expr.Dyn))},
	}, expr.WithNow())
	vars := map[string]any{
		"now": sh("2026-02-23 10:00"), "created": sh("2026-02-20 17:00"), "stage": "won",
		"amount": 12000.0, "tags": []any{"vip", "north"}, "scores": []any{8.0, 9.5, 7.5},
		"lines": []any{map[string]any{"product": "A", "amount": 1200.0},
			map[string]any{"product": "B", "amount": 800.5}},
	}

	examples := docExamples(t)
	if len(examples) < 40 {
		t.Fatalf("found %d examples in %s, want every function's", len(examples), docsPath)
	}
	for _, ex := range examples {
		src := "(" + ex.example + ") == (" + ex.result + ")"
		prg, err := env.Compile(src, expr.Bool)
		if err != nil {
			t.Errorf("%s: %s: %v", ex.line, src, err)
			continue
		}
		if ok, err := prg.EvalBool(vars); err != nil || !ok {
			got, _ := mustCompile(t, env, ex.example).Eval(vars)
			t.Errorf("%s: %s gives %v (%v), want %s", ex.line, ex.example, got, err, ex.result)
		}
	}
}

func mustCompile(t *testing.T, env *expr.Env, src string) *expr.Program {
	t.Helper()
	prg, err := env.Compile(src, nil)
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return prg
}
