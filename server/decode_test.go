package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// FuzzDecodeJSON feeds arbitrary bodies to the strict decoder: it must never
// panic, must answer every refusal with a problem, and must never accept a
// body that carries an operator-like key.
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"email":"a@b.c","name":"A","password":"pw123456","roles":["rep"]}`,
		`{"im":{"wecom":"x"},"manager_id":"01j"}`,
		`{"$where":"1"}`, `{"im":{"a.b":1}}`, `[1]`, `{"roles":[1,{"$ne":2}]}`, `{`, `null`,
		`{"email":"x"} {}`, `{"name":"\u0000"}`, `{"roles":null,"im":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in auth.UserInput
		err := decodeBytes(body, &in)
		if err != nil {
			if _, ok := problem.As(err); !ok {
				t.Fatalf("refusal is not a problem: %v", err)
			}
			return
		}
		var generic any
		if json.Unmarshal(body, &generic) != nil {
			t.Fatalf("accepted a body encoding/json cannot read: %q", body)
		}
		if hasBadKey(generic) {
			t.Fatalf("accepted an operator-like key: %q", body)
		}
	})
}

func hasBadKey(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if strings.HasPrefix(k, "$") || strings.Contains(k, ".") || hasBadKey(item) {
				return true
			}
		}
	case []any:
		for _, item := range x {
			if hasBadKey(item) {
				return true
			}
		}
	}
	return false
}
