package form

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
)

// setting declares one key a kind's settings accept and where its value is
// decoded to.
type setting struct {
	name string
	dst  any
}

// decodeSettings decodes a settings object into the declared destinations.
// Empty or null settings leave every destination at its default. Unknown
// keys and values of the wrong JSON type are issues, all of them reported.
func decodeSettings(raw json.RawMessage, fields ...setting) []issue {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil
	}

	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return []issue{{code: "settings_not_object"}}
	}

	known := make(map[string]any, len(fields))
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		known[f.name] = f.dst
		names = append(names, f.name)
	}

	var issues []issue
	for _, key := range sortedKeys(obj) {
		dst, ok := known[key]
		if !ok {
			issues = append(issues, issue{ptr: pointer("", key), code: "setting_unknown",
				params: i18n.Params{"name": key, "allowed": allowedList(names)}})
			continue
		}
		if err := json.Unmarshal(obj[key], dst); err != nil {
			issues = append(issues, issue{ptr: pointer("", key), code: "setting_type",
				params: i18n.Params{"name": key}})
		}
	}
	return issues
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// allowedList renders names for a message; "none" when there are none.
func allowedList(names []string) string {
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}
