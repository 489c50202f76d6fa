package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// secretPrefix starts every Standard Webhooks secret.
const secretPrefix = "whsec_"

// DecodeSecret returns the key of a "whsec_<base64>" secret.
func DecodeSecret(secret string) ([]byte, error) {
	if !strings.HasPrefix(secret, secretPrefix) {
		return nil, errors.New("webhook secret must start with whsec_")
	}

	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, secretPrefix))
	if err != nil || len(key) < 16 {
		return nil, errors.New("webhook secret must be base64 of at least 16 bytes")
	}

	return key, nil
}

// Signature is the webhook-signature header: "v1," and base64 of
// HMAC-SHA256 keyed by key over "id.timestamp.body".
func Signature(key []byte, id, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(body)

	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
