package designer

import (
	"encoding/json"
	"fmt"

	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/designer/process"
)

// This file is what the runtime reads of published definitions: the latest
// versions of a kind, and each kind's content decoded into its model.

// FormDefinition decodes a form version into the form model, ready for
// form.Compile (or a form.Cache keyed by the version's definition id and
// number).
func FormDefinition(v *Version) (form.Definition, error) {
	if v.Kind != KindForm {
		return form.Definition{}, fmt.Errorf("version %s is a %s, not a form", v.ID, v.Kind)
	}
	return formDefinition(Meta{Key: v.Key, Name: v.Name}, v.ContentJSON())
}

// ProcessGraph decodes a process version's graph.
func ProcessGraph(v *Version) (process.Graph, error) {
	if v.Kind != KindProcess {
		return process.Graph{}, fmt.Errorf("version %s is a %s, not a process", v.ID, v.Kind)
	}
	return DraftGraph(v.ContentJSON())
}

// DraftGraph decodes the graph of process content (a version's or a
// draft's), for the simulator.
func DraftGraph(content json.RawMessage) (process.Graph, error) {
	var pc processContent
	if err := json.Unmarshal(content, &pc); err != nil {
		return process.Graph{}, fmt.Errorf("reading process content: %w", err)
	}
	return process.Decode(pc.Graph)
}

// CalendarOf decodes a calendar version.
func CalendarOf(v *Version) (*calendar.Calendar, error) {
	if v.Kind != KindCalendar {
		return nil, fmt.Errorf("version %s is a %s, not a calendar", v.ID, v.Kind)
	}
	var cc calendarContent
	if err := json.Unmarshal(v.ContentJSON(), &cc); err != nil {
		return nil, fmt.Errorf("reading calendar content: %w", err)
	}
	return &cc.Calendar, nil
}
