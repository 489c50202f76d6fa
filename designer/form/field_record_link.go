package form

import (
	"context"
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// recordLinkKind points at a record of another form (a lead's customer),
// stored as the record's id. Validate asks the Resolver whether a record of
// the allowed form has that id.
type recordLinkKind struct{}

// recordLinkSettings say which form the linked record belongs to.
type recordLinkSettings struct {
	// FormKey is the key of the form whose records may be linked; required.
	FormKey string `json:"form_key"`
}

func (recordLinkKind) name() string      { return "record_link" }
func (recordLinkKind) label() Text       { return text("Record link", "关联记录") }
func (recordLinkKind) widgets() []string { return []string{"record_picker"} }

func (recordLinkKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s recordLinkSettings
	issues := decodeSettings(raw, setting{"form_key", &s.FormKey})

	switch {
	case s.FormKey == "":
		issues = append(issues, issue{ptr: "/form_key", code: "setting_required",
			params: i18n.Params{"name": "form_key"}})
	case !keyPattern.MatchString(s.FormKey):
		issues = append(issues, issue{ptr: "/form_key", code: "form_key_invalid",
			params: i18n.Params{"key": s.FormKey}})
	}
	return s, issues
}

func (recordLinkKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "minLength": 1, "maxLength": 64}
}

func (k recordLinkKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "string")
}

func (recordLinkKind) exprType(property, any) expr.Type { return expr.String }

func (recordLinkKind) exists(ctx context.Context, res Resolver, id string, s any) (bool, error) {
	return res.RecordExists(ctx, s.(recordLinkSettings).FormKey, id)
}

func (recordLinkKind) missingCode() string { return "unknown_record" }
