package wecom

import (
	"encoding/json"
	"slices"
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

// FuzzSendProgress feeds arbitrary invaliduser/invalidparty/unlicenseduser
// lists to a batch's bookkeeping: every recipient ends up reached or
// refused, exactly once, and nothing else does.
func FuzzSendProgress(f *testing.F) {
	f.Add("zhangsan|LISI|party:9", "lisi|x", "9|", "")
	f.Add("a", "", "", "a|a|A")
	f.Fuzz(func(t *testing.T, recipients, invalidUser, invalidParty, unlicensed string) {
		rs := strings.Split(recipients, "|")
		var p sendProgress
		for _, b := range batchesOf(rs) {
			p.add(b, &apiAnswer{InvalidUser: invalidUser, InvalidParty: invalidParty,
				UnlicensedUser: unlicensed})
		}
		got := len(p.reached) + len(p.refused)
		if got != len(rs) {
			t.Errorf("%d recipients settled as %d reached + %d refused", len(rs),
				len(p.reached), len(p.refused))
		}
		for _, r := range p.refused {
			if r.Error == "" || r.Recipient == "" && !slices.Contains(rs, "") {
				t.Errorf("refusal %+v", r)
			}
		}
		if _, err := p.result(nil); err != nil && len(p.refused) == 0 {
			t.Errorf("result = %v with nothing refused", err)
		}
	})
}
