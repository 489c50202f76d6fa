package dingtalk

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// FuzzDecodeWork feeds arbitrary answers to the answer parser: it never
// panics, succeeds only on a 2xx answer with errcode 0 and never repeats
// the token.
func FuzzDecodeWork(f *testing.F) {
	for _, s := range []string{`{"errcode":0,"task_id":1}`,
		`{"errcode":88,"sub_code":"40014","errmsg":"TOKEN-123456"}`,
		`{"errcode":130101}`, `[]`, `{"task_id":"x"}`, ``} {
		f.Add([]byte(s), 200)
	}
	const token = "TOKEN-123456"
	f.Fuzz(func(t *testing.T, raw []byte, status int) {
		_, err := decodeWork(&vendorReply{status: status, body: raw}, token)
		var probe struct {
			ErrCode *int `json:"errcode"`
		}
		okCode := json.Unmarshal(raw, &probe) == nil && (probe.ErrCode == nil ||
			*probe.ErrCode == 0)
		if err == nil && (!okCode || status < 200 || status >= 300) {
			t.Errorf("decodeWork(%q, %d) succeeded", raw, status)
		}
		if err != nil && strings.Contains(err.Error(), token) {
			t.Errorf("error repeats the token: %v", err)
		}
	})
}

// FuzzParseRetryAfter checks that any header gives a wait between zero
// and the cap.
func FuzzParseRetryAfter(f *testing.F) {
	f.Add("120", "")
	f.Add("Wed, 21 Oct 2026 07:28:00 GMT", "Wed, 21 Oct 2026 07:27:00 GMT")
	f.Add("-5", "")
	f.Fuzz(func(t *testing.T, v, date string) {
		if d := parseRetryAfter(v, date); d < 0 || d > maxRetryAfter {
			t.Errorf("parseRetryAfter(%q, %q) = %v", v, date, d)
		}
	})
}

func TestParseRetryAfter(t *testing.T) {
	cases := []struct {
		v, date string
		want    time.Duration
	}{
		{"30", "", 30 * time.Second},
		{"Wed, 21 Oct 2026 07:28:00 GMT", "Wed, 21 Oct 2026 07:27:00 GMT", time.Minute},
		{"Wed, 21 Oct 2026 07:28:00 GMT", "", 0},
		{"999999", "", maxRetryAfter},
		{"soon", "", 0},
		{"", "", 0},
	}
	for _, tc := range cases {
		if got := parseRetryAfter(tc.v, tc.date); got != tc.want {
			t.Errorf("parseRetryAfter(%q, %q) = %v, want %v", tc.v, tc.date, got, tc.want)
		}
	}
}
