package kingdee

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// Saved is what Save stored.
type Saved struct {
	// ID is Kingdee's internal id of the record.
	ID string
	// Number is its business number (FNumber, FBillNo).
	Number string
}

// Save stores model as a record of formID. needUpdate, when not empty,
// lists the fields an update of an existing record (model holding its
// internal id) changes, leaving the others as they are.
func (c *Client) Save(ctx context.Context, formID string, model map[string]any,
	needUpdate []string) (Saved, error) {
	data := map[string]any{"Model": model}
	if len(needUpdate) > 0 {
		data["NeedUpDateFields"] = needUpdate
	}

	var out Saved
	body := map[string]any{"formid": formID, "data": data}
	err := c.call(ctx, PathSave, body, func(answer []byte) error {
		var err error
		out, err = parseSaved(answer)
		return err
	})

	return out, err
}

// parseSaved reads Save's {"Result": {...}} answer.
func parseSaved(answer []byte) (Saved, error) {
	var env resultEnvelope
	if err := json.Unmarshal(answer, &env); err != nil || env.Result.ResponseStatus == nil {
		return Saved{}, outbox.Retryable(fmt.Errorf("kingdee save answered an unknown "+
			"shape: %s", snippet(answer)))
	}
	st := env.Result.ResponseStatus
	if err := statusErr("save", st); err != nil {
		return Saved{}, err
	}

	out := Saved{ID: idText(env.Result.ID), Number: env.Result.Number}
	if len(st.SuccessEntitys) > 0 {
		e := st.SuccessEntitys[0]
		out.ID, out.Number = strconv.FormatInt(e.ID, 10), e.Number
	}
	if out.ID == "" || out.ID == "0" {
		return Saved{}, outbox.Permanent(fmt.Errorf("kingdee save answered no record id"))
	}

	return out, nil
}

// model nests a record keyed by field paths: "FGroup.FNumber": "01"
// becomes "FGroup": {"FNumber": "01"}, the shape Save expects for a
// reference to base data.
func model(rec map[string]any) map[string]any {
	out := map[string]any{}
	keys := make([]string, 0, len(rec))
	for k := range rec {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	for _, k := range keys {
		parts := strings.Split(k, ".")
		at := out
		for _, p := range parts[:len(parts)-1] {
			next, ok := at[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				at[p] = next
			}
			at = next
		}
		at[parts[len(parts)-1]] = rec[k]
	}

	return out
}

// topFields lists the top-level fields of m but skip, sorted.
func topFields(m map[string]any, skip string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != skip {
			out = append(out, k)
		}
	}
	slices.Sort(out)

	return out
}

// idText is a record id of an answer as text.
func idText(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	}

	return ""
}
