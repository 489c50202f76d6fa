package server

import (
	"encoding/base64"

	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/problem"
)

// A cursor is the last id of a page, opaque to clients so that its form can
// change without breaking them.
func encodeCursor(lastID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(lastID))
}

func decodeCursor(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || !ids.Valid(string(b)) {
		return "", problem.New(problem.BadRequest, "request.invalid_cursor", nil)
	}
	return string(b), nil
}
