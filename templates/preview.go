package templates

import "github.com/formworkhq/formwork/designer"

// Preview is a pack as shown before installing it: its summary, what it
// needs and the definitions it brings, by kind.
type Preview struct {
	Summary
	Requires   designer.Requirements `json:"requires"`
	Calendars  []Item                `json:"calendars"`
	Forms      []Item                `json:"forms"`
	Processes  []Item                `json:"processes"`
	Dashboards []Item                `json:"dashboards"`
	// Includes are the packs a starter bundles beside its base.
	Includes []string `json:"includes"`
	// SampleRecords is how many sample records installing with sample data
	// submits.
	SampleRecords int `json:"sample_records"`
}

// Item is one definition of a pack.
type Item struct {
	Key         string        `json:"key"`
	Name        designer.Text `json:"name"`
	Description designer.Text `json:"description,omitempty"`
}

// Get returns the preview of the pack with id, or a NotFound refusal.
func (c *Catalog) Get(id string) (*Preview, error) {
	e, err := c.entry(id)
	if err != nil {
		return nil, err
	}
	m := e.pack.Manifest
	pv := &Preview{Summary: summaryOf(e), Requires: m.Requires, Includes: nonNil(e.include),
		Calendars: []Item{}, Forms: []Item{}, Processes: []Item{}, Dashboards: []Item{},
		SampleRecords: len(e.samples)}
	pv.Requires.Channels, pv.Requires.Roles = nonNil(m.Requires.Channels), nonNil(m.Requires.Roles)

	byKind := map[designer.Kind]*[]Item{designer.KindCalendar: &pv.Calendars,
		designer.KindForm: &pv.Forms, designer.KindProcess: &pv.Processes,
		designer.KindDashboard: &pv.Dashboards}
	for _, it := range e.pack.Items {
		if list := byKind[it.Kind]; list != nil {
			*list = append(*list, Item{Key: it.Meta.Key, Name: it.Meta.Name,
				Description: it.Meta.Description})
		}
	}
	return pv, nil
}
