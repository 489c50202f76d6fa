package kingdee

import (
	"errors"
	"fmt"
	"strings"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// The MsgCode values of a ResponseStatus that this package tells apart.
// Kingdee documents 0 default, 1 context lost, 2 no permission, 3 no
// operation, 4 exception, 5 no form id, 6 database failure, 7 licence, 8
// bad parameter, 9 no such field or value, 10 no data, 11 validation
// failed, 12 not allowed, 13 network-control conflict, 14 call limit and
// 15 administrator login refused.
const (
	msgSessionLost = 1
	msgException   = 4
	msgDatabase    = 6
	msgNetControl  = 13
	msgCallLimit   = 14
)

// retryableCodes are the MsgCodes that may pass on a later attempt: a
// server exception, a database failure, a record locked by another user
// (network control) and the call limit. Every other refusal is permanent.
var retryableCodes = map[int]bool{msgSessionLost: true, msgException: true,
	msgDatabase: true, msgNetControl: true, msgCallLimit: true}

// ResponseStatus is Kingdee's verdict on an operation.
type ResponseStatus struct {
	ErrorCode int           `json:"ErrorCode"`
	IsSuccess bool          `json:"IsSuccess"`
	Errors    []StatusError `json:"Errors"`
	// SuccessEntitys (sic) lists the saved records.
	SuccessEntitys []SuccessEntity `json:"SuccessEntitys"`
	MsgCode        int             `json:"MsgCode"`
}

// StatusError is one reason of a refusal.
type StatusError struct {
	FieldName any    `json:"FieldName"`
	Message   string `json:"Message"`
	DIndex    int    `json:"DIndex"`
}

// SuccessEntity is one saved record.
type SuccessEntity struct {
	ID     int64  `json:"Id"`
	Number string `json:"Number"`
	DIndex int    `json:"DIndex"`
}

// resultEnvelope is the {"Result": {...}} answer of Save and the error
// answer of every operation.
type resultEnvelope struct {
	Result struct {
		ResponseStatus *ResponseStatus `json:"ResponseStatus"`
		// ID is a number on success and "" on a refusal.
		ID     any    `json:"Id"`
		Number string `json:"Number"`
	} `json:"Result"`
}

// errSessionLost says that Kingdee no longer knows the session.
var errSessionLost = errors.New("kingdee session lost")

// statusErr turns a refusing status into a classified error: session lost
// wraps errSessionLost so the caller logs in again.
func statusErr(op string, st *ResponseStatus) error {
	if st == nil || st.IsSuccess {
		return nil
	}

	msgs := make([]string, 0, len(st.Errors))
	for _, e := range st.Errors {
		if m := strings.TrimSpace(e.Message); m != "" {
			msgs = append(msgs, m)
		}
	}
	err := fmt.Errorf("kingdee %s refused (MsgCode %d): %s", op, st.MsgCode,
		strings.Join(msgs, "; "))
	switch {
	case st.MsgCode == msgSessionLost:
		return outbox.Retryable(fmt.Errorf("%w: %w", errSessionLost, err))
	case retryableCodes[st.MsgCode]:
		return outbox.Retryable(err)
	}

	return outbox.Permanent(err)
}
