package engine

import (
	"fmt"
	"maps"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/designer/process"
)

// effectNode runs a step that only asks for an effect and moves on:
// notify, set fields, move stage, create ticket, create record, award
// points, call action.
func (r *run) effectNode(tok Token, node process.Node) error {
	e, err := r.effectOf(&tok, node)
	if err != nil {
		return err
	}
	if e != nil {
		r.emit(tok, *e)
	}
	r.leave(tok)
	return nil
}

// effectOf builds the effect of an effect step.
func (r *run) effectOf(tok *Token, node process.Node) (*Effect, error) {
	switch c := node.Config.(type) {
	case *process.NotifyConfig:
		return r.message(tok, &MessageSpec{Kind: MessageNotify, Channel: c.Channel,
			Recipients: c.Recipients, Text: r.render(tok, c.Message)}), nil
	case *process.CreateTicketConfig:
		return r.message(tok, &MessageSpec{Kind: MessageCreateTicket, Form: c.Form,
			Assignee: c.Assignee, Text: r.render(tok, c.Title),
			Escalation: tok.Escalation, EscalatedFrom: tok.EscalatedFrom}), nil
	case *process.CallActionConfig:
		return r.callAction(tok, c)
	case *process.CreateRecordConfig:
		return r.createRecord(tok, c)
	case *process.SetFieldsConfig:
		return r.setFields(tok, c)
	case *process.MoveStageConfig:
		if r.in.Record != nil {
			r.in.Record.Stage = c.Stage
		}
		return &Effect{Kind: EffectSetFields,
			Fields: &FieldsSpec{DedupeKey: r.key(*tok), Stage: c.Stage}}, nil
	case *process.AwardPointsConfig:
		return r.points(tok, c)
	case *process.AssignOwnerConfig:
		return r.assignOwner(tok, c)
	}
	return nil, nil
}

// assignOwner picks the rule of the first route whose condition holds.
func (r *run) assignOwner(tok *Token, c *process.AssignOwnerConfig) (*Effect, error) {
	rule := c.Assignee
	for _, route := range c.Routes {
		v, err := r.eval(tok, route.When, expr.Bool)
		if err != nil {
			return nil, err
		}
		if ok, _ := v.(bool); ok {
			rule = route.Assignee
			break
		}
	}
	if rule.Rule == "" {
		return nil, nil // no route matched and no default: the owner stays
	}
	return &Effect{Kind: EffectAssignOwner, Owner: &OwnerSpec{DedupeKey: r.key(*tok),
		Assignee: rule}}, nil
}

// message wraps an outbox message with its dedupe key and task.
func (r *run) message(tok *Token, m *MessageSpec) *Effect {
	m.DedupeKey = r.key(*tok)
	m.TaskID, _ = tok.Task["id"].(string)
	return &Effect{Kind: EffectMessage, Message: m}
}

func (r *run) callAction(tok *Token, c *process.CallActionConfig) (*Effect, error) {
	input, err := r.evalAll(tok, c.Input)
	if err != nil {
		return nil, err
	}
	return r.message(tok, &MessageSpec{Kind: MessageCallAction, Plugin: c.Plugin,
		Action: c.Action, Webhook: c.Webhook, Input: input}), nil
}

// setFields computes every assignment from the record as it was, then
// writes them all; later steps of this Advance read the new values.
func (r *run) setFields(tok *Token, c *process.SetFieldsConfig) (*Effect, error) {
	set, err := r.evalAll(tok, c.Assignments)
	if err != nil {
		return nil, err
	}
	if r.in.Record != nil {
		if r.in.Record.Data == nil {
			r.in.Record.Data = map[string]any{}
		}
		maps.Copy(r.in.Record.Data, set)
	}
	return &Effect{Kind: EffectSetFields, Fields: &FieldsSpec{DedupeKey: r.key(*tok),
		Set: set}}, nil
}

// points computes an award.
func (r *run) points(tok *Token, c *process.AwardPointsConfig) (*Effect, error) {
	n := c.Points.Value
	if c.Points.Expr != "" {
		v, err := r.eval(tok, c.Points.Expr, nil)
		if err != nil {
			return nil, err
		}
		if n, err = toFloat(v); err != nil {
			return nil, err
		}
	}
	taskID, _ := tok.Task["id"].(string)
	return &Effect{Kind: EffectAwardPoints, Points: &PointsSpec{DedupeKey: r.key(*tok),
		Ledger: c.Ledger, Points: n, To: c.To, User: c.User, TaskID: taskID,
		Reason: r.render(tok, c.Reason)}}, nil
}

// toFloat reads a number result.
func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	}
	return 0, fmt.Errorf("points expression gave %v, not a number", v)
}
