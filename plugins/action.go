package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// ActionSpec declares one action a plugin runs for a process node. The
// designer shows the schemas; the service validates the input against
// InputSchema before calling, and the output against OutputSchema after.
type ActionSpec struct {
	// Name is unique within the plugin ("save_customer").
	Name string `json:"name"`
	// Title is the action's label per locale ("en", "zh-CN").
	Title map[string]string `json:"title,omitempty"`
	// InputSchema is the JSON Schema (2020-12) of the input object.
	InputSchema json.RawMessage `json:"input_schema"`
	// OutputSchema is the JSON Schema (2020-12) of the output object.
	OutputSchema json.RawMessage `json:"output_schema"`
}

// Action is a plugin whose instances run the effects of call_action
// nodes. Invoke runs action with an input already valid against its
// InputSchema; its error is outbox.Retryable (a timeout, a vendor outage)
// or outbox.Permanent (bad credentials, data the vendor refuses), as for
// channels, and an unclassified error counts as retryable. Invoke may run
// twice for one node (delivery is at least once).
type Action interface {
	Plugin
	Actions() []ActionSpec
	Invoke(ctx context.Context, env CallEnv, action string, input map[string]any) (
		map[string]any, error)
}

// CallEnv is the Env of an action or connector call, with the instance it
// runs for, so that a plugin can keep per-instance state such as a session.
type CallEnv struct {
	Env
	// TenantID and InstanceID name the instance.
	TenantID   string
	InstanceID string
	// Version is the instance's version; it grows with every change of its
	// settings, so state kept under it is dropped when credentials change.
	Version int64
}

// callEnv is the CallEnv of inst with its settings in clear.
func (s *Service) callEnv(inst *Instance, settings map[string]any) CallEnv {
	return CallEnv{Env: Env{Settings: settings, HTTP: s.http, Clock: s.clock},
		TenantID: inst.TenantID, InstanceID: inst.ID, Version: inst.Version}
}

// compiledAction is an action's compiled schemas.
type compiledAction struct {
	input, output *settingsSchema
}

// actionSchemas caches compiled action schemas by plugin and action:
// they are part of the binary, so they never change while it runs.
var actionSchemas sync.Map

// compileAction compiles the schemas of spec of plugin name, once.
func compileAction(name string, spec ActionSpec) (*compiledAction, error) {
	key := name + "/" + spec.Name
	if c, ok := actionSchemas.Load(key); ok {
		return c.(*compiledAction), nil
	}

	in, err := compileSettings(key+"/input", spec.InputSchema)
	if err != nil {
		return nil, fmt.Errorf("action %s input schema: %w", key, err)
	}
	out, err := compileSettings(key+"/output", spec.OutputSchema)
	if err != nil {
		return nil, fmt.Errorf("action %s output schema: %w", key, err)
	}

	c, _ := actionSchemas.LoadOrStore(key, &compiledAction{input: in, output: out})
	return c.(*compiledAction), nil
}

// CheckActions compiles every action schema of p; a test of each built-in
// action plugin calls it, so a broken schema fails the build's tests
// rather than a process at run time.
func CheckActions(p Action) error {
	for _, spec := range p.Actions() {
		if _, err := compileAction(p.Info().Name, spec); err != nil {
			return err
		}
	}

	return nil
}

// Actions returns the action specs of plugin name; false when no such
// plugin is registered or it runs no actions.
func (s *Service) Actions(name string) ([]ActionSpec, bool) {
	p, ok := s.registry.Lookup(name)
	if !ok {
		return nil, false
	}
	a, ok := p.(Action)
	if !ok {
		return nil, false
	}

	return a.Actions(), true
}

// Invoke runs action of the tenant's enabled instance ref (an instance key,
// or else the first enabled instance of the plugin named ref) with input.
// Input that does not match the action's schema is a problem with field
// errors under /input, and nothing is called. Errors from the plugin keep
// their class and never carry secret values.
func (s *Service) Invoke(ctx context.Context, tenantID, ref, action string,
	input map[string]any) (map[string]any, error) {
	inst, err := s.findAction(ctx, tenantID, ref)
	if err != nil {
		return nil, err
	}

	a, spec, err := s.actionOf(inst, action)
	if err != nil {
		return nil, err
	}

	return s.invoke(ctx, inst, a, spec, input)
}

// invoke validates input, opens the settings, calls and checks the output.
func (s *Service) invoke(ctx context.Context, inst *Instance, a Action, spec ActionSpec,
	input map[string]any) (map[string]any, error) {
	c, err := compileAction(inst.Plugin, spec)
	if err != nil {
		return nil, outbox.Permanent(err)
	}
	if err := validateAt(c.input, "/input", input); err != nil {
		return nil, err
	}

	settings, secrets, err := s.open(inst)
	if err != nil {
		return nil, err
	}

	out, err := a.Invoke(ctx, s.callEnv(inst, settings), spec.Name, input)
	if err != nil {
		return nil, redactErr(fmt.Errorf("action %s of %s: %w", spec.Name, inst.Key, err),
			secrets)
	}
	if err := validateAt(c.output, "/output", out); err != nil {
		return nil, outbox.Permanent(fmt.Errorf("action %s of %s answered an output "+
			"that does not match its schema", spec.Name, inst.Key))
	}

	return out, nil
}

// findAction finds the enabled instance ref names, as a key first.
func (s *Service) findAction(ctx context.Context, tenantID, ref string) (*Instance, error) {
	inst, err := s.findEnabledBy(ctx, tenantID, "key", ref)
	if err == nil {
		return inst, nil
	}
	if !isNoInstance(err) {
		return nil, err
	}

	return s.findEnabledBy(ctx, tenantID, "plugin", ref)
}

// findEnabledBy finds the first enabled instance (by id) whose field is
// value; ErrNoInstance when there is none.
func (s *Service) findEnabledBy(ctx context.Context, tenantID, field,
	value string) (*Instance, error) {
	var inst Instance
	opts := options.FindOne().SetSort(bson.D{{Key: "_id", Value: 1}})
	err := s.instances(tenantID).FindOne(ctx, bson.D{{Key: field, Value: value},
		{Key: "enabled", Value: true}}, &inst, opts)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, outbox.Permanent(fmt.Errorf("%s %s: %w", field, value, ErrNoInstance))
	}
	if err != nil {
		return nil, fmt.Errorf("reading plugin instance %s: %w", value, err)
	}

	return &inst, nil
}

// isNoInstance reports whether err says no enabled instance was found.
func isNoInstance(err error) bool { return errors.Is(err, ErrNoInstance) }

// validateAt validates v against schema, reporting field errors under
// base instead of /settings.
func validateAt(schema *settingsSchema, base string, v map[string]any) error {
	if v == nil {
		v = map[string]any{}
	}
	err := schema.validate(v)
	pe, ok := problem.As(err)
	if !ok {
		return err
	}

	out := *pe
	out.Fields = make([]problem.FieldError, len(pe.Fields))
	for i, f := range pe.Fields {
		f.Pointer = base + strings.TrimPrefix(f.Pointer, "/settings")
		if f.Code == "invalid" {
			f.Messages = localized("plugins.input_invalid", nil)
		}
		out.Fields[i] = f
	}

	return &out
}

// actionOf returns the Action of inst and its spec called action.
func (s *Service) actionOf(inst *Instance, action string) (Action, ActionSpec, error) {
	p, ok := s.registry.Lookup(inst.Plugin)
	if !ok {
		return nil, ActionSpec{}, outbox.Permanent(fmt.Errorf("instance %s: plugin %s is "+
			"not registered", inst.ID, inst.Plugin))
	}
	a, ok := p.(Action)
	if !ok {
		return nil, ActionSpec{}, outbox.Permanent(fmt.Errorf("plugin %s runs no actions",
			inst.Plugin))
	}

	specs := a.Actions()
	i := slices.IndexFunc(specs, func(sp ActionSpec) bool { return sp.Name == action })
	if i < 0 {
		return nil, ActionSpec{}, outbox.Permanent(fmt.Errorf("plugin %s has no action %q",
			inst.Plugin, action))
	}

	return a, specs[i], nil
}

// ActionChannel is the outbox channel name under which ActionSender
// delivers call_action messages.
const ActionChannel = "action"

// ActionSender returns the outbox Sender of call_action messages that run
// a plugin's action: Payload "plugin" names the instance (key or plugin
// name), "action" the action and "input" its input. (A call_action whose
// target is a bare webhook URL is delivered by webhook.Caller; runtime
// routes each message to the one it needs.) Input refused by the schema and an unknown plugin or
// action are permanent failures, so the message dies visibly with the
// reason instead of retrying. The vendor id is the output's "id", if any.
func (s *Service) ActionSender() outbox.Sender {
	return outbox.SenderFunc(func(ctx context.Context, m *outbox.Message) (string, error) {
		ref, _ := m.Payload["plugin"].(string)
		action, _ := m.Payload["action"].(string)
		if ref == "" || action == "" {
			return "", outbox.Permanent(fmt.Errorf("call_action message %s names no plugin "+
				"action", m.ID))
		}

		input, err := PlainObject(m.Payload["input"])
		if err != nil {
			return "", outbox.Permanent(fmt.Errorf("call_action message %s: input: %w", m.ID,
				err))
		}
		out, err := s.Invoke(ctx, m.TenantID, ref, action, input)
		if pe, ok := problem.As(err); ok {
			return "", outbox.Permanent(fmt.Errorf("action %s: %s", action, problemText(pe)))
		}
		if err != nil {
			return "", err
		}

		id, _ := out["id"].(string)
		return id, nil
	})
}

// PlainObject turns a stored payload object (the driver decodes nested
// documents into its own types) into plain JSON values; nil stays empty.
func PlainObject(v any) (map[string]any, error) {
	if v == nil {
		return map[string]any{}, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding: %w", err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("not an object: %w", err)
	}

	return out, nil
}

// problemText is a refusal in English with each field's pointer, for a
// delivery's last error.
func problemText(pe *problem.Error) string {
	parts := []string{i18n.T(i18n.English, pe.Code, pe.Params)}
	for _, f := range pe.Fields {
		parts = append(parts, f.Pointer+": "+f.Message(i18n.English))
	}

	return strings.Join(parts, " ")
}
