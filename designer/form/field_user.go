package form

import (
	"context"
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// userKind is a member of the tenant (an owner, a reviewer), stored as the
// user's id. Validate asks the Resolver whether the user exists.
type userKind struct{}

func (userKind) name() string      { return "user" }
func (userKind) label() Text       { return text("Member", "成员") }
func (userKind) widgets() []string { return []string{"user_picker"} }

func (userKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (userKind) fragment(any) map[string]any {
	return map[string]any{"type": "string", "minLength": 1, "maxLength": 64}
}

func (k userKind) checkProperty(p property, _ any) []issue {
	return wantType(p, k, "string")
}

func (userKind) exprType(property, any) expr.Type { return expr.String }

func (userKind) exists(ctx context.Context, res Resolver, id string, _ any) (bool, error) {
	return res.UserExists(ctx, id)
}

func (userKind) missingCode() string { return "unknown_user" }
