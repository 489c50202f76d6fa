package process

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

func (l *linter) checkNotify(i int, s scope) {
	c, _ := ConfigAs[*NotifyConfig](l.g.Nodes[i])
	p := atConfig(i)
	l.requiredRef(p.at("channel"), RefChannel, c.Channel, "channel")

	if len(c.Recipients) == 0 {
		l.required(p.at("recipients"), "recipients")
	}
	for k, r := range c.Recipients {
		l.checkRecipient(p.at("recipients", itoa(k)), r, s)
	}

	l.checkTemplate(p.at("message"), c.Message, s, true, "message")
}

// checkRecipient checks one recipient rule and the parameter it needs.
func (l *linter) checkRecipient(p place, r Recipient, s scope) {
	if !oneOf(l, p.at("kind"), "recipient_kind", r.Kind, recipientKinds) {
		return
	}
	switch r.Kind {
	case ToOwner, ToOwnerManager:
		l.needsRecord(p.at("kind"))
	case ToAssignee, ToAssigneeManager:
		l.needsTask(p.at("kind"), s, "recipient_kind")
	case ToRole:
		l.requiredRef(p.at("role"), RefRole, r.Role, "role")
	case ToUser:
		l.requiredRef(p.at("user"), RefUser, r.User, "user")
	}

	manager := r.Kind == ToOwnerManager || r.Kind == ToAssigneeManager
	if manager && (r.Levels < 0 || r.Levels > MaxManagerLevels) {
		l.invalidValue(p.at("levels"), "levels", itoa(r.Levels), "1–"+itoa(MaxManagerLevels))
	}
	l.unused(p.at("levels"), "levels", r.Levels != 0 && !manager)
	l.unused(p.at("role"), "role", r.Role != "" && r.Kind != ToRole)
	l.unused(p.at("user"), "user", r.User != "" && r.Kind != ToUser)
}

func (l *linter) checkSetFields(i int, s scope) {
	c, _ := ConfigAs[*SetFieldsConfig](l.g.Nodes[i])
	p := atConfig(i, "assignments")
	if !l.needsRecord(atNode(i)) {
		return
	}
	if len(c.Assignments) == 0 {
		l.required(p, "assignments")
	}

	for _, name := range sortedKeysOf(c.Assignments) {
		fp, src := p.at(name), c.Assignments[name]
		f, ok := s.record.field(name)
		if !ok && s.checkable {
			l.report(CodeUnknownField, fp, i18n.Params{"value": name, "form": s.recordKey})
		}
		if src == "" {
			l.required(fp, "value")
			continue
		}
		l.checkExpr(fp, src, f.Type, s)
	}
}

func (l *linter) checkAssignOwner(i int, s scope) {
	c, _ := ConfigAs[*AssignOwnerConfig](l.g.Nodes[i])
	if !l.needsRecord(atNode(i)) {
		return
	}
	for j, r := range c.Routes {
		rp := atConfig(i, "routes", strconv.Itoa(j))
		if r.When == "" {
			l.required(rp.at("when"), "when")
		} else {
			l.checkExpr(rp.at("when"), r.When, expr.Bool, s)
		}
		l.checkOwnerRule(rp.at("assignee"), r.Assignee)
	}
	if c.Assignee.Rule != "" || len(c.Routes) == 0 {
		l.checkOwnerRule(atConfig(i, "assignee"), c.Assignee)
	}
}

// checkOwnerRule checks an assignee rule that must name one person.
func (l *linter) checkOwnerRule(p place, a Assignee) {
	if oneOf(l, p.at("rule"), "assignee_rule", a.Rule, ownerRules) {
		l.checkAssignee(p, a)
	}
}

func (l *linter) checkMoveStage(i int, s scope) {
	c, _ := ConfigAs[*MoveStageConfig](l.g.Nodes[i])
	p := atConfig(i, "stage")
	if !l.needsRecord(atNode(i)) {
		return
	}
	if c.Stage == "" {
		l.required(p, "stage")
		return
	}

	if s.checkable && !slices.Contains(s.record.Stages, c.Stage) {
		l.report(CodeUnknownStage, p, i18n.Params{"value": c.Stage, "form": s.recordKey,
			"allowed": strings.Join(s.record.Stages, ", ")})
	}
}

func (l *linter) checkCreateTicket(i int, s scope) {
	c, _ := ConfigAs[*CreateTicketConfig](l.g.Nodes[i])
	p := atConfig(i)
	if c.Form == "" {
		l.required(p.at("form"), "ticket_form")
	} else {
		l.checkForm(p.at("form"), c.Form, true)
	}
	l.checkTemplate(p.at("title"), c.Title, s, true, "title")
	l.checkAssignee(p.at("assignee"), c.Assignee)
}

func (l *linter) checkAwardPoints(i int, s scope) {
	c, _ := ConfigAs[*AwardPointsConfig](l.g.Nodes[i])
	p := atConfig(i)
	l.requiredRef(p.at("ledger"), RefLedger, c.Ledger, "ledger")
	switch {
	case c.Points.Expr != "":
		l.checkExpr(p.at("points"), c.Points.Expr, expr.Number, s)
	case c.Points.Value == 0:
		l.required(p.at("points"), "points")
	}

	if oneOf(l, p.at("to"), "award_to", c.To, pointsTos) {
		switch c.To {
		case PointsToOwner:
			l.needsRecord(p.at("to"))
		case PointsToAssignee:
			l.needsTask(p.at("to"), s, "award_to")
		case PointsToUser:
			l.requiredRef(p.at("user"), RefUser, c.User, "user")
		}
	}
	l.unused(p.at("user"), "user", c.User != "" && c.To != PointsToUser)
	l.checkTemplate(p.at("reason"), c.Reason, s, false, "reason")
}

func (l *linter) checkCallAction(i int, s scope) {
	c, _ := ConfigAs[*CallActionConfig](l.g.Nodes[i])
	p := atConfig(i)
	switch {
	case c.Plugin != "" && c.Webhook != "":
		l.conflicting(p.at("webhook"), "plugin", "webhook")
	case c.Plugin != "":
		l.checkPluginAction(p, c)
	case c.Webhook != "":
		l.checkWebhook(p.at("webhook"), c.Webhook)
		l.unused(p.at("action"), "action", c.Action != "")
	default:
		l.required(p.at("plugin"), "plugin_or_webhook")
	}

	l.checkInputs(p.at("input"), c.Input, s)
}

func (l *linter) checkPluginAction(p place, c *CallActionConfig) {
	plugin, ok := l.ctx.Plugin(c.Plugin)
	if !ok {
		l.report(CodeUnknownPlugin, p.at("plugin"), i18n.Params{"value": c.Plugin})
	}

	switch {
	case c.Action == "":
		l.required(p.at("action"), "action")
	case ok && !slices.Contains(plugin.Actions, c.Action):
		l.report(CodeUnknownAction, p.at("action"), i18n.Params{"value": c.Action,
			"plugin": c.Plugin})
	}
}

// checkWebhook accepts only absolute https URLs without credentials: the
// signed payload carries record data across networks.
func (l *linter) checkWebhook(p place, raw string) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		l.report(CodeInvalidWebhookURL, p, i18n.Params{"value": raw})
	}
}

// checkInputs checks an input mapping: names expressions can read and
// expressions that compile.
func (l *linter) checkInputs(p place, inputs map[string]string, s scope) {
	for _, name := range sortedKeysOf(inputs) {
		ip, src := p.at(name), inputs[name]
		if !isIdent(name) {
			l.invalidValue(ip, "input_name", name, "a-z, A-Z, 0-9, _")
		}

		if src == "" {
			l.required(ip, "value")
			continue
		}
		l.checkExpr(ip, src, nil, s)
	}
}

func (l *linter) checkSubProcess(i int, s scope) {
	c, _ := ConfigAs[*SubProcessConfig](l.g.Nodes[i])
	p := atConfig(i)
	l.requiredRef(p.at("process"), RefProcess, c.Process, "process")
	l.checkInputs(p.at("input"), c.Input, s)
}

func sortedKeysOf(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
