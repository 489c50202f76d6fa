package wecom

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// FuzzDecode feeds arbitrary answers to the answer parser: it never
// panics, succeeds only on errcode 0 and never repeats the token.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"errcode":0,"msgid":"M","response_code":"R"}`,
		`{"errcode":42001,"errmsg":"access_token expired TOKEN-123456"}`,
		`{"errcode":-1}`, `[]`, `{"errcode":"x"}`, ``} {
		f.Add([]byte(s))
	}
	const token = "TOKEN-123456"
	f.Fuzz(func(t *testing.T, raw []byte) {
		ans, err := decode(raw, token)
		var probe struct {
			ErrCode *int `json:"errcode"`
		}
		okCode := json.Unmarshal(raw, &probe) == nil && (probe.ErrCode == nil ||
			*probe.ErrCode == 0)
		if err == nil && !okCode {
			t.Errorf("decode(%q) = %v, %v", raw, ans, err)
		}
		if err != nil && strings.Contains(err.Error(), token) {
			t.Errorf("error repeats the token: %v", err)
		}
	})
}

// FuzzCardTaskID checks that any task and message id give a task_id
// WeCom accepts: its letters only, at most 128 bytes.
func FuzzCardTaskID(f *testing.F) {
	f.Add("01JTASK", "01JMSG")
	f.Add("任务/7?x", strings.Repeat("m", 200))
	f.Fuzz(func(t *testing.T, taskID, msgID string) {
		id := cardTaskID(&outbox.Message{ID: msgID, Payload: map[string]any{"task_id": taskID}})
		if len(id) > maxTaskID {
			t.Errorf("task_id %q is %d bytes", id, len(id))
		}
		for _, r := range id {
			if !strings.ContainsRune("_-@", r) && !(r >= '0' && r <= '9') &&
				!(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') {
				t.Errorf("task_id %q has %q", id, r)
			}
		}
	})
}
