package process

import "github.com/formworkhq/formwork/internal/i18n"

// checkCreateRecord checks a create-record step: a form of the tenant,
// fields it has with expressions over this instance's record that give
// values of their types, a link field that is a record link, and an owner
// rule that names one person.
func (l *linter) checkCreateRecord(i int, s scope) {
	c, _ := ConfigAs[*CreateRecordConfig](l.g.Nodes[i])
	p := atConfig(i)
	target, known := l.checkForm(p.at("form"), c.Form, true)

	if len(c.Fields) == 0 && c.LinkField == "" {
		l.required(p.at("fields"), "record_fields")
	}
	for _, name := range sortedKeysOf(c.Fields) {
		l.checkRecordField(p.at("fields", name), c, name, target, known, s)
	}

	if c.LinkField != "" && l.needsRecord(p.at("link_field")) && known {
		l.checkLinkField(p.at("link_field"), c, target)
	}
	l.checkRecordOwner(p.at("owner"), c.Owner)
}

// checkRecordField checks one field of the new record and its expression.
func (l *linter) checkRecordField(p place, c *CreateRecordConfig, name string,
	target FormInfo, known bool, s scope) {
	f, ok := target.field(name)
	if known && !ok {
		l.report(CodeUnknownField, p, i18n.Params{"value": name, "form": c.Form})
	}
	if name == c.LinkField {
		l.conflicting(p, "link_field", "record_fields")
	}

	src := c.Fields[name]
	if src == "" {
		l.required(p, "value")
		return
	}
	l.checkExpr(p, src, f.Type, s)
}

// checkLinkField checks that the link field is a record link of the new
// record's form; a context that does not tell field kinds is trusted.
func (l *linter) checkLinkField(p place, c *CreateRecordConfig, target FormInfo) {
	f, ok := target.field(c.LinkField)
	switch {
	case !ok:
		l.report(CodeUnknownField, p, i18n.Params{"value": c.LinkField, "form": c.Form})
	case f.Kind != "" && f.Kind != RecordLinkKind:
		l.report(CodeFieldNotRecordLink, p, i18n.Params{"field": c.LinkField,
			"form": c.Form})
	}
}

// checkRecordOwner checks the owner rule of a new record. Left empty it is
// the owner of this instance's record, which a process without one lacks.
func (l *linter) checkRecordOwner(p place, a Assignee) {
	if a.Rule == "" {
		if !l.base.hasRecord && validTriggerOn(l.base.on) {
			l.required(p, "record_owner")
		}
		return
	}
	if oneOf(l, p.at("rule"), "record_owner", a.Rule, recordOwnerRules) {
		l.checkAssignee(p, a)
	}
}
