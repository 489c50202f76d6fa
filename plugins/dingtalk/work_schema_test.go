package dingtalk_test

import (
	"encoding/json"
	"testing"

	"github.com/formworkhq/formwork/plugins/dingtalk"
)

// TestWorkSettingsAreLocalized checks that every setting of the work
// notification channel has a title and a description in English and
// Chinese.
func TestWorkSettingsAreLocalized(t *testing.T) {
	var schema struct {
		Properties map[string]map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(dingtalk.WorkPlugin{}.Info().SettingsSchema, &schema); err != nil {
		t.Fatal(err)
	}
	for name, prop := range schema.Properties {
		for _, kw := range []string{"x-title", "x-description"} {
			texts, _ := prop[kw].(map[string]any)
			if texts["en"] == nil || texts["zh-CN"] == nil {
				t.Errorf("%s: %s = %v, want en and zh-CN", name, kw, prop[kw])
			}
		}
	}
}
