package feishu_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"testing"

	"github.com/formworkhq/formwork/plugins/feishu"
)

// TestSignSecondGoldenVector checks a second vector, computed outside Go
// (Python's hmac): Feishu keys the HMAC with "timestamp\nsecret" and signs
// an empty message, the reverse of DingTalk; the DingTalk-style value must
// not come out.
func TestSignSecondGoldenVector(t *testing.T) {
	const (
		ts     = 1700000000
		secret = "qJ8h2Kx9mN4pL7vR3tY6wZ"
		want   = "HevxAAzQuo5xojd8jLhBQdynADtM0CU9Dij0RclE5EY="
	)
	got := feishu.Sign(ts, secret)
	if got != want {
		t.Errorf("Sign = %q, want %q", got, want)
	}

	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("1700000000\n" + secret))
	if swapped := base64.StdEncoding.EncodeToString(mac.Sum(nil)); got == swapped {
		t.Errorf("Sign uses the secret as key, as DingTalk does: %q", got)
	}
}
