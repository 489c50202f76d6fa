package designer

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// processContent is a process definition's stored content.
type processContent struct {
	Graph json.RawMessage `json:"graph"`
}

// BuiltinChannels are the channel kinds a notify node may name before a
// tenant has configured any plugin instance.
var BuiltinChannels = []string{"in_app", "wecom", "dingtalk", "feishu", "email", "webhook"}

type processSpec struct{ svc *Service }

func (sp processSpec) check(ctx context.Context, _ Meta, content json.RawMessage,
	refs *Refs) (json.RawMessage, []problem.FieldError, error) {
	var pc processContent
	if err := strictDecode(content, &pc); err != nil {
		return nil, nil, err
	}
	if len(pc.Graph) == 0 {
		return nil, nil, problem.Fields(problem.Field("/graph", "required", nil))
	}
	g, err := process.Decode(pc.Graph)
	if err != nil {
		return nil, nil, prefixed(err, "/graph")
	}

	findings := process.Lint(g, lintContext{ctx: ctx, refs: refs})
	var warnings []problem.FieldError
	for _, f := range findings {
		if f.Severity != process.SeverityError {
			fe := f.FieldError()
			fe.Pointer = "/graph" + fe.Pointer
			warnings = append(warnings, fe)
		}
	}
	if e := findings.Err(); e != nil {
		return nil, nil, prefixed(e, "/graph")
	}
	graph, err := json.Marshal(g)
	if err != nil {
		return nil, nil, err
	}
	canonical, err := json.Marshal(processContent{Graph: graph})
	return canonical, warnings, err
}

func (processSpec) diff(old, new json.RawMessage) []Change {
	var a, b processContent
	if json.Unmarshal(old, &a) != nil || json.Unmarshal(new, &b) != nil {
		return nil
	}
	ga, errA := process.Decode(a.Graph)
	gb, errB := process.Decode(b.Graph)
	if errA != nil || errB != nil {
		return nil
	}
	var out []Change
	for _, ch := range process.Diff(ga, gb) {
		subject := ch.Node
		if subject == "" {
			subject = ch.Edge
		}
		msg := Text{}
		for _, l := range i18n.Locales {
			msg[string(l)] = ch.Message(l)
		}
		out = append(out, Change{Code: ch.Code, Subject: subject, Breaking: ch.Breaking,
			Message: msg})
	}
	return out
}

// lintContext answers a process lint's questions about the tenant.
type lintContext struct {
	ctx  context.Context
	refs *Refs
}

var _ process.Context = lintContext{}

// Form implements process.Context.
func (lc lintContext) Form(key string) (process.FormInfo, bool) {
	fields, ok := lc.refs.FormFields(lc.ctx, key)
	if !ok {
		return process.FormInfo{}, false
	}
	info := process.FormInfo{Stages: lc.refs.FormStages(lc.ctx, key)}
	kinds := lc.refs.FormFieldKinds(lc.ctx, key)
	for _, name := range sortedKeys(fields) {
		info.Fields = append(info.Fields, process.Field{Name: name, Type: fields[name],
			Kind: kinds[name]})
	}
	return info, true
}

// Plugin implements process.Context from the plugin catalog the service
// was given (SetPluginActions); without one, no plugin is known and a
// call_action node can only call a webhook.
func (lc lintContext) Plugin(name string) (process.PluginInfo, bool) {
	if lc.refs.svc.pluginActions == nil {
		return process.PluginInfo{}, false
	}
	actions, ok := lc.refs.svc.pluginActions(name)
	return process.PluginInfo{Actions: actions}, ok
}

// Has implements process.Context.
func (lc lintContext) Has(kind process.RefKind, key string) bool {
	switch kind {
	case process.RefRole:
		return auth.ValidRole(auth.Role(key))
	case process.RefUser:
		return lc.refs.userExists(lc.ctx, key)
	case process.RefTeam:
		return lc.refs.teamExists(lc.ctx, key)
	case process.RefChannel:
		return slices.Contains(BuiltinChannels, key)
	case process.RefCalendar:
		return lc.refs.exists(lc.ctx, KindCalendar, key)
	case process.RefProcess:
		return lc.refs.exists(lc.ctx, KindProcess, key)
	case process.RefForm:
		return lc.refs.exists(lc.ctx, KindForm, key)
	case process.RefLedger:
		// Ledgers come into being with their first entry; any well-formed
		// key names one.
		return keyPattern.MatchString(key)
	}
	return false
}
