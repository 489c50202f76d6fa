package kingdee

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// MaxLimit is the most rows ExecuteBillQuery answers per call.
const MaxLimit = 2000

// BillQuery is the data of an ExecuteBillQuery call.
type BillQuery struct {
	FormID       string `json:"FormId"`
	FieldKeys    string `json:"FieldKeys"`
	FilterString string `json:"FilterString"`
	OrderString  string `json:"OrderString"`
	TopRowCount  int    `json:"TopRowCount"`
	StartRow     int    `json:"StartRow"`
	Limit        int    `json:"Limit"`
}

// Query runs q and returns its rows, each keyed by field key. Limit is
// capped at MaxLimit.
func (c *Client) Query(ctx context.Context, q BillQuery) ([]map[string]any, error) {
	q.Limit = min(max(q.Limit, 1), MaxLimit)
	fields := strings.Split(q.FieldKeys, ",")
	var rows []map[string]any
	err := c.call(ctx, PathBillQuery, map[string]any{"data": q}, func(answer []byte) error {
		var err error
		rows, err = parseRows(answer, fields)
		return err
	})

	return rows, err
}

// parseRows reads ExecuteBillQuery's answer: an array of rows, each an
// array of values in FieldKeys order; a refusal is one row holding one
// {"Result": {"ResponseStatus": ...}} object (or that object alone).
func parseRows(answer []byte, fields []string) ([]map[string]any, error) {
	trimmed := bytes.TrimSpace(answer)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return nil, refusal(trimmed)
	}

	var raw [][]json.RawMessage
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		return nil, outbox.Retryable(fmt.Errorf("kingdee query answered no rows: %w", err))
	}
	if len(raw) == 1 && len(raw[0]) == 1 && isResult(raw[0][0]) {
		return nil, refusal(raw[0][0])
	}

	out := make([]map[string]any, 0, len(raw))
	for _, r := range raw {
		row, err := decodeRow(r, fields)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}

	return out, nil
}

// decodeRow pairs one row's values with the field keys.
func decodeRow(values []json.RawMessage, fields []string) (map[string]any, error) {
	if len(values) != len(fields) {
		return nil, outbox.Permanent(fmt.Errorf("kingdee query answered %d values for %d "+
			"fields", len(values), len(fields)))
	}

	row := make(map[string]any, len(fields))
	for i, f := range fields {
		var v any
		if err := json.Unmarshal(values[i], &v); err != nil {
			return nil, outbox.Retryable(fmt.Errorf("kingdee query value %s: %w", f, err))
		}
		row[f] = v
	}

	return row, nil
}

// isResult reports whether raw is an object with a Result.
func isResult(raw json.RawMessage) bool {
	var probe map[string]json.RawMessage
	if json.Unmarshal(raw, &probe) != nil {
		return false
	}
	_, ok := probe["Result"]

	return ok
}

// refusal turns a {"Result": ...} answer into its classified error.
func refusal(raw []byte) error {
	var env resultEnvelope
	if err := json.Unmarshal(raw, &env); err != nil || env.Result.ResponseStatus == nil {
		return outbox.Retryable(fmt.Errorf("kingdee answered an unknown shape: %s",
			snippet(raw)))
	}
	if err := statusErr("query", env.Result.ResponseStatus); err != nil {
		return err
	}

	return outbox.Permanent(fmt.Errorf("kingdee query answered a status instead of rows"))
}

// snippet is the start of an answer, for error messages.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}

	return s
}

// quote is a value as a FilterString literal: single quotes doubled.
func quote(v any) string {
	return "'" + strings.ReplaceAll(fmt.Sprint(v), "'", "''") + "'"
}
