package engine

import (
	"slices"

	"github.com/formworkhq/formwork/designer/process"
)

// createdWatched reports whether a field_changed trigger that also fires
// on creation fires for a record created with rec's data: one of the
// watched fields is set, to anything but an empty value. A record the
// event does not carry counts as having every watched field set, so the
// process's own conditions decide, as they do for a change.
func createdWatched(c *process.TriggerConfig, rec *Record) bool {
	if !c.AlsoOnCreate {
		return false
	}
	if rec == nil {
		return true
	}
	return slices.ContainsFunc(c.Fields, func(f string) bool {
		return isSet(rec.Data[f])
	})
}

// isSet reports whether a field value counts as given: not missing, not
// null, not an empty string or list.
func isSet(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	}
	return true
}
