package dingtalk

import (
	"fmt"
	"strconv"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/tokens"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// The oapi error codes that are classified explicitly (DingTalk's global
// error code table); every other code is permanent. Errcode 88 carries the
// real cause in sub_code, which is classified the same way.
const (
	codeAuth          = 88
	codeQPSLimit      = 90002
	codeAPILimit      = 90006
	codeCorpAPILimit  = 90018
	codeUserInvalid   = 33012
	codeTokenInvalid  = 40014
	codeTokenExpired  = 42001
	codeKeyInvalid    = 40089
	codeAppKeyInvalid = 40096
	codeIPNotAllowed  = 60020
	codeNoPermission  = 60011
	codeAgentInvalid  = 400002
)

// workRefusal is one class of refusal: its hint key and whether it passes.
type workRefusal struct {
	hint      string
	retryable bool
}

// workRefusals maps (sub) error codes to their class.
var workRefusals = map[int]workRefusal{
	codeBusy:          {"dingtalk.hint_busy", true},
	codeRateLimit:     {"dingtalk.hint_rate", true},
	codeQPSLimit:      {"dingtalk.hint_rate", true},
	codeAPILimit:      {"dingtalk.hint_rate", true},
	codeCorpAPILimit:  {"dingtalk.hint_rate", true},
	codeTokenInvalid:  {"dingtalk.hint_credentials", false},
	codeTokenExpired:  {"dingtalk.hint_credentials", false},
	codeKeyInvalid:    {"dingtalk.hint_credentials", false},
	codeAppKeyInvalid: {"dingtalk.hint_credentials", false},
	codeAgentInvalid:  {"dingtalk.hint_credentials", false},
	codeNoPermission:  {"dingtalk.hint_permission", false},
	codeIPNotAllowed:  {"dingtalk.hint_ip", false},
	codeUserInvalid:   {"dingtalk.hint_user", false},
}

// RefusalError is DingTalk's refusal of a request: the HTTP status or the
// errcode (and sub_code), the vendor's text and a hint at the cause, in
// every locale.
type RefusalError struct {
	HTTPStatus int
	Code       int
	SubCode    string
	ErrMsg     string
	hint       string
	token      bool
}

// Error is the refusal in English.
func (e *RefusalError) Error() string { return e.Localized(i18n.English) }

// Localized is the refusal in locale l.
func (e *RefusalError) Localized(l i18n.Locale) string {
	hint := i18n.T(l, e.hint, nil)
	if e.HTTPStatus != 0 {
		return i18n.T(l, "dingtalk.refused_status", i18n.Params{"hint": hint,
			"status": fmt.Sprint(e.HTTPStatus)})
	}

	code := fmt.Sprint(e.Code)
	if e.SubCode != "" {
		code += "/" + e.SubCode
	}

	return i18n.T(l, "dingtalk.refused", i18n.Params{"hint": hint, "code": code,
		"errmsg": e.ErrMsg})
}

// Unwrap makes an invalid or expired access token match tokens.ErrInvalid.
func (e *RefusalError) Unwrap() error {
	if e.token {
		return tokens.ErrInvalid
	}
	return nil
}

// classifyWork turns a non-zero errcode into a Retryable (after
// retryAfter, when DingTalk gave one) or Permanent RefusalError.
func classifyWork(code int, subCode, errmsg string, retryAfter time.Duration) error {
	cause := code
	if n, err := strconv.Atoi(subCode); code == codeAuth && err == nil {
		cause = n
	}
	r, ok := workRefusals[cause]
	if !ok {
		r = workRefusal{hint: "dingtalk.hint_other"}
	}

	err := &RefusalError{Code: code, SubCode: subCode, ErrMsg: errmsg, hint: r.hint,
		token: cause == codeTokenInvalid || cause == codeTokenExpired}
	if r.retryable {
		return retryable(err, retryAfter)
	}

	return outbox.Permanent(err)
}

// retryable marks err retryable, no sooner than after d when d > 0.
func retryable(err error, d time.Duration) error {
	if d > 0 {
		return outbox.RetryAfter(err, d)
	}
	return outbox.Retryable(err)
}

// noticeError is a refusal of ours, before calling DingTalk.
type noticeError struct{ key string }

// Error is the refusal in English.
func (e noticeError) Error() string { return i18n.T(i18n.English, e.key, nil) }

// Localized is the refusal in locale l.
func (e noticeError) Localized(l i18n.Locale) string { return i18n.T(l, e.key, nil) }
