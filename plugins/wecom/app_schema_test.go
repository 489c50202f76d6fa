package wecom_test

import (
	"encoding/json"
	"testing"

	"github.com/formworkhq/formwork/plugins/wecom"
)

// TestAppSettingsAreLocalized checks that every setting of the app
// channel has a title and a description in English and Chinese.
func TestAppSettingsAreLocalized(t *testing.T) {
	var schema struct {
		Properties map[string]map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(wecom.AppPlugin{}.Info().SettingsSchema, &schema); err != nil {
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
