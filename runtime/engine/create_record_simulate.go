package engine

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/i18n"
)

func init() { i18n.Register(createRecordMessages) }

// createRecordMessages are the timeline texts of create-record steps.
var createRecordMessages = map[string]map[i18n.Locale]string{
	"engine.sim.create_record": {
		i18n.English: "A “{form}” record is created for {owner}: {fields}.",
		i18n.Chinese: "为{owner}创建一条“{form}”记录：{fields}。",
	},
}

// createRecord reports the record a create-record step asks for, with its
// owner and data; the simulation creates nothing.
func (w *world) createRecord(e Effect) {
	m := e.Message
	rule := m.Assignee
	if rule.Rule == "" {
		rule = process.Assignee{Rule: process.AssignOwner}
	}
	owner, _, _ := w.ppl.assign(w.ctx, rule, w.rec.OwnerID)
	if owner == "" {
		owner = w.rec.OwnerID
	}

	data := maps.Clone(m.Data)
	if m.LinkField != "" {
		if data == nil {
			data = map[string]any{}
		}
		data[m.LinkField] = w.rec.ID
	}
	w.add(e.Node, "create_record", "engine.sim.create_record", i18n.Params{
		"form": m.Form, "fields": fieldList(data),
		"owner": perLocale(func(l i18n.Locale) string { return w.names([]string{owner}, l) })})
}

// fieldList writes fields as "a = 1, b = x", by name.
func fieldList(fields map[string]any) string {
	parts := make([]string, 0, len(fields))
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		parts = append(parts, fmt.Sprintf("%s = %s", k, formatValue(fields[k])))
	}
	return strings.Join(parts, ", ")
}
