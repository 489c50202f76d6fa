package wecom

import (
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/plugins/tokens"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// The app API's error codes that are classified explicitly; every other
// code is permanent: retrying a request WeCom refused does not change it.
const (
	codeSecretInvalid = 40001
	codeCorpInvalid   = 40013
	codeTokenInvalid  = 40014
	codeAgentInvalid  = 40056
	codeTokenExpired  = 42001
	// codeCodeUsed answers a one-time code used a second time; WeCom's
	// global error codes list 42022 as "code已经被使用过。只能使用一次" (the
	// code was used already; it can be used once), and update_template_card
	// takes a response_code once. The list does not name the API, so this
	// is the documented code nearest to a reused response_code, not a
	// confirmed one.
	codeCodeUsed        = 42022
	codeTooFrequent     = 45011
	codeConcurrentLimit = 45033
	codeIPNotAllowed    = 60020
	codeNoValidUser     = 81013
	codeNoTarget        = 82001
)

// appRefusal is one class of refusal: its hint key and whether it passes.
type appRefusal struct {
	hint      string
	retryable bool
}

// appRefusals maps errcodes to their class.
var appRefusals = map[int]appRefusal{
	codeBusy:            {"wecom.hint_busy", true},
	codeRateLimit:       {"wecom.hint_rate", true},
	codeTooFrequent:     {"wecom.hint_rate", true},
	codeConcurrentLimit: {"wecom.hint_rate", true},
	codeSecretInvalid:   {"wecom.hint_credentials", false},
	codeCorpInvalid:     {"wecom.hint_credentials", false},
	codeAgentInvalid:    {"wecom.hint_credentials", false},
	codeTokenInvalid:    {"wecom.hint_credentials", false},
	codeTokenExpired:    {"wecom.hint_credentials", false},
	codeCodeUsed:        {"wecom.hint_code_used", false},
	codeIPNotAllowed:    {"wecom.hint_ip", false},
	codeNoValidUser:     {"wecom.hint_user", false},
	codeNoTarget:        {"wecom.hint_user", false},
}

// RefusalError is WeCom's refusal of a request: the errcode, the vendor's
// errmsg and a hint at the cause, in every locale.
type RefusalError struct {
	Code   int
	ErrMsg string
	hint   string
	token  bool
}

// Error is the refusal in English.
func (e *RefusalError) Error() string { return e.Localized(i18n.English) }

// Localized is the refusal in locale l.
func (e *RefusalError) Localized(l i18n.Locale) string {
	return i18n.T(l, "wecom.refused", i18n.Params{"hint": i18n.T(l, e.hint, nil),
		"code": fmt.Sprint(e.Code), "errmsg": e.ErrMsg})
}

// Unwrap makes an expired or invalid access token match tokens.ErrInvalid.
func (e *RefusalError) Unwrap() error {
	if e.token {
		return tokens.ErrInvalid
	}
	return nil
}

// classifyApp turns a non-zero errcode into a Retryable or Permanent
// RefusalError.
func classifyApp(code int, errmsg string) error {
	r, ok := appRefusals[code]
	if !ok {
		r = appRefusal{hint: "wecom.hint_other"}
	}

	err := &RefusalError{Code: code, ErrMsg: errmsg, hint: r.hint,
		token: code == codeTokenInvalid || code == codeTokenExpired}
	if r.retryable {
		return outbox.Retryable(err)
	}

	return outbox.Permanent(err)
}

// codeUsedAgain reports whether err is WeCom's refusal of a one-time
// code used before.
func codeUsedAgain(err error) bool {
	var re *RefusalError
	return errors.As(err, &re) && re.Code == codeCodeUsed
}

// noticeError is a refusal of ours, before calling WeCom, in every locale.
type noticeError struct{ key string }

// Error is the refusal in English.
func (e noticeError) Error() string { return i18n.T(i18n.English, e.key, nil) }

// Localized is the refusal in locale l.
func (e noticeError) Localized(l i18n.Locale) string { return i18n.T(l, e.key, nil) }

// errNoRecipients refuses a message none of whose people has a WeCom id.
var errNoRecipients = noticeError{key: "wecom.no_recipients"}
