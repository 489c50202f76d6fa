package inbound_test

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/formworkhq/formwork/plugins/inbound"
	"github.com/formworkhq/formwork/plugins/webhook"
)

// The Standard Webhooks specification's example delivery.
const (
	specSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	specID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	specTS     = "1614265330"
	specBody   = `{"test": 2432232314}`
	specSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

// otherSecret is whsec_ + base64("0123456789abcdef0123456789abcdef").
const otherSecret = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

func keys(t *testing.T, secrets ...string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, s := range secrets {
		k, err := webhook.DecodeSecret(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}

func headers(id, ts, sig string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", ts)
	h.Set("webhook-signature", sig)
	return h
}

func TestVerify(t *testing.T) {
	at := time.Unix(1614265330, 0)
	spec := keys(t, specSecret)
	other := keys(t, otherSecret)
	// Computed outside Go: HMAC-SHA256(key, `msg_1.1767225600.{"a":1}`).
	otherSig := "v1,0Ud8OcCNFjx1ntpzsrZcFsX85Gq5zrTv2y1pQkuKzNI="
	otherAt := time.Unix(1767225600, 0)

	cases := []struct {
		name    string
		secrets [][]byte
		h       http.Header
		body    string
		now     time.Time
		want    error
	}{
		{"spec vector", spec, headers(specID, specTS, specSig), specBody, at, nil},
		{"second golden vector", other, headers("msg_1", "1767225600", otherSig),
			`{"a":1}`, otherAt, nil},
		{"one of several signatures", spec,
			headers(specID, specTS, "v1,bm90IGl0 "+specSig), specBody, at, nil},
		{"rotated secrets, the old one signs", append(other, spec...),
			headers(specID, specTS, specSig), specBody, at, nil},
		{"other scheme ignored", spec, headers(specID, specTS, "v1a,"+specSig[3:]),
			specBody, at, inbound.ErrNoSignatureMatch},
		{"body changed", spec, headers(specID, specTS, specSig), `{"test": 1}`, at,
			inbound.ErrNoSignatureMatch},
		{"id changed", spec, headers("msg_other", specTS, specSig), specBody, at,
			inbound.ErrNoSignatureMatch},
		{"wrong secret", other, headers(specID, specTS, specSig), specBody, at,
			inbound.ErrNoSignatureMatch},
		{"no secrets", nil, headers(specID, specTS, specSig), specBody, at,
			inbound.ErrNoSignatureMatch},
		{"five minutes late is fine", spec, headers(specID, specTS, specSig), specBody,
			at.Add(5 * time.Minute), nil},
		{"too old", spec, headers(specID, specTS, specSig), specBody,
			at.Add(5*time.Minute + time.Second), inbound.ErrOutsideWindow},
		{"from the future", spec, headers(specID, specTS, specSig), specBody,
			at.Add(-6 * time.Minute), inbound.ErrOutsideWindow},
		{"timestamp in milliseconds", spec, headers(specID, specTS+"000", specSig),
			specBody, at, inbound.ErrOutsideWindow},
		{"timestamp not a number", spec, headers(specID, "yesterday", specSig), specBody,
			at, inbound.ErrBadTimestamp},
		{"missing signature", spec, headers(specID, specTS, ""), specBody, at,
			inbound.ErrMissingHeader},
		{"missing id", spec, headers("", specTS, specSig), specBody, at,
			inbound.ErrMissingHeader},
		{"id with a space", spec, headers("msg 1", specTS, specSig), specBody, at,
			inbound.ErrBadID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := inbound.Verify(tc.secrets, tc.h, []byte(tc.body), tc.now)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func FuzzVerify(f *testing.F) {
	f.Add(specID, specTS, specSig, []byte(specBody))
	f.Add("", "", "", []byte{})
	f.Add("msg_1", "-1", "v1,", []byte("{}"))
	f.Add("msg_1", "99999999999999999999", "v1,x v1,y", []byte("null"))
	key, _ := webhook.DecodeSecret(specSecret)
	at := time.Unix(1614265330, 0)
	f.Fuzz(func(t *testing.T, id, ts, sig string, body []byte) {
		err := inbound.Verify([][]byte{key}, headers(id, ts, sig), body, at)
		if err != nil {
			return
		}
		// Accepted: the signature must be the real one, in the window.
		sec, perr := strconv.ParseInt(ts, 10, 64)
		if perr != nil || time.Unix(sec, 0).Sub(at).Abs() > inbound.Tolerance {
			t.Errorf("accepted timestamp %q", ts)
		}
		h := headers(id, ts, webhook.Signature(key, id, ts, body))
		if inbound.Verify([][]byte{key}, h, body, at) != nil {
			t.Errorf("the exact signature of an accepted delivery does not verify")
		}
	})
}
