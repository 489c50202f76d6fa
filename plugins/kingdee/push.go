package kingdee

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Push saves rec (keyed by field key) as object: when a record with rec's
// key already exists it is updated in place (its internal id in the model
// and only rec's fields in NeedUpDateFields), else created. Looking the
// key up first makes a repeated push — delivery is at least once — update
// the record it created instead of failing on a duplicate number.
func (p *Plugin) Push(ctx context.Context, env plugins.CallEnv, object string,
	rec map[string]any) (string, error) {
	saved, err := p.push(ctx, env, object, rec)
	return saved.ID, err
}

// push is Push returning the number too.
func (p *Plugin) push(ctx context.Context, env plugins.CallEnv, name string,
	rec map[string]any) (Saved, error) {
	obj, err := objectNamed(name)
	if err != nil {
		return Saved{}, err
	}
	key, ok := rec[obj.spec.KeyField]
	if !ok || key == nil || key == "" {
		return Saved{}, outbox.Permanent(fmt.Errorf("kingdee %s needs %s", name,
			obj.spec.KeyField))
	}
	c, s, err := p.client(env)
	if err != nil {
		return Saved{}, err
	}

	formID := obj.formID(s)
	id, err := c.lookup(ctx, formID, obj, key)
	if err != nil {
		return Saved{}, err
	}

	m := model(rec)
	if id == nil {
		return c.Save(ctx, formID, m, nil)
	}
	need := topFields(m, obj.idField)
	m[obj.idField] = id

	return c.Save(ctx, formID, m, need)
}

// lookup returns the internal id of formID's record whose key is key, or
// nil when there is none.
func (c *Client) lookup(ctx context.Context, formID string, obj object, key any) (any, error) {
	rows, err := c.Query(ctx, BillQuery{FormID: formID, FieldKeys: obj.idField,
		FilterString: obj.spec.KeyField + " = " + quote(key), Limit: 1})
	if err != nil || len(rows) == 0 {
		return nil, err
	}

	return rows[0][obj.idField], nil
}

// Actions are save_customer and save_contract: each takes a record's form
// fields, maps them through the instance's field map and pushes them.
func (*Plugin) Actions() []plugins.ActionSpec {
	out := make([]plugins.ActionSpec, len(objects))
	for i, o := range objects {
		out[i] = plugins.ActionSpec{Name: o.actionID, Title: map[string]string{
			"en":    "Save to Kingdee: " + o.spec.Title["en"],
			"zh-CN": "保存到金蝶：" + o.spec.Title["zh-CN"]},
			InputSchema: json.RawMessage(actionInput), OutputSchema: json.RawMessage(actionOutput)}
	}
	return out
}

// actionInput is a record's form fields; the field map picks the mapped.
const actionInput = `{"type": "object", "minProperties": 1,
  "title": "The record's fields, by form field name"}`

// actionOutput is the saved record's ids.
const actionOutput = `{"type": "object", "required": ["id"],
  "properties": {"id": {"type": "string", "minLength": 1, "title": "Kingdee internal id"},
    "number": {"type": "string", "title": "Kingdee number"}}}`

// Invoke runs save_customer or save_contract.
func (p *Plugin) Invoke(ctx context.Context, env plugins.CallEnv, action string,
	input map[string]any) (map[string]any, error) {
	for _, o := range objects {
		if o.actionID != action {
			continue
		}
		rec := plugins.FieldMapOf(env.Settings, o.spec.Name).ToExternal(input)
		saved, err := p.push(ctx, env, o.spec.Name, rec)
		if err != nil {
			return nil, err
		}
		return map[string]any{"id": saved.ID, "number": saved.Number}, nil
	}

	return nil, outbox.Permanent(fmt.Errorf("kingdee has no action %q", action))
}
