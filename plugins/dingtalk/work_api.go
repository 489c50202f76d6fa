package dingtalk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/tokens"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// maxAnswer is the most of an answer that is read.
const maxAnswer = 1 << 20

// maxRetryAfter caps a vendor's Retry-After.
const maxRetryAfter = plugins.MaxRetryAfter

// workAnswer is the common shape of the oapi answers.
type workAnswer struct {
	ErrCode     int         `json:"errcode"`
	ErrMsg      string      `json:"errmsg"`
	SubCode     string      `json:"sub_code"`
	SubMsg      string      `json:"sub_msg"`
	AccessToken string      `json:"access_token"`
	ExpiresIn   int64       `json:"expires_in"`
	TaskID      json.Number `json:"task_id"`
}

// vendorReply is one HTTP answer: its status, Retry-After and body.
type vendorReply struct {
	status     int
	retryAfter time.Duration
	body       []byte
}

// call posts body to path with the app's access token, fetching the token
// first and once more when DingTalk says it is invalid.
func (w *Work) call(ctx context.Context, tenant, path string, body []byte) (*workAnswer,
	error) {
	var ans *workAnswer
	fetch := func(ctx context.Context) (tokens.Token, error) { return w.fetchToken(ctx) }
	err := w.Tokens.Do(ctx, w.key(tenant), w.Clock.Now(), fetch, func(tok string) error {
		target := w.Settings.APIBase + path + "?access_token=" + url.QueryEscape(tok)
		rep, err := do(ctx, w.HTTP, http.MethodPost, target, body)
		if err != nil {
			return err
		}
		ans, err = decodeWork(rep, tok)
		return err
	})

	return ans, err
}

// fetchToken asks gettoken for a new access token.
func (w *Work) fetchToken(ctx context.Context) (tokens.Token, error) {
	q := url.Values{"appkey": {w.Settings.AppKey}, "appsecret": {w.Settings.AppSecret}}
	rep, err := do(ctx, w.HTTP, http.MethodGet, w.Settings.APIBase+"/gettoken?"+q.Encode(), nil)
	if err != nil {
		return tokens.Token{}, err
	}

	ans, err := decodeWork(rep, "")
	if err != nil {
		return tokens.Token{}, err
	}

	return tokens.Token{Value: ans.AccessToken,
		TTL: time.Duration(ans.ExpiresIn) * time.Second}, nil
}

// do sends one request. Errors never show target, whose query carries the
// app secret or the access token.
func do(ctx context.Context, c *http.Client, method, target string, body []byte) (
	*vendorReply, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return nil, outbox.Permanent(errors.New("building the request: invalid address"))
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	} else {
		req.Body, req.ContentLength = http.NoBody, 0
	}

	res, err := c.Do(req)
	if err != nil {
		return nil, outbox.Retryable(fmt.Errorf("calling %s: %w", req.URL.Host, unwrapURL(err)))
	}
	defer res.Body.Close()

	raw, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil {
		return nil, outbox.Retryable(fmt.Errorf("reading the answer of %s: %w", req.URL.Host,
			err))
	}

	return &vendorReply{status: res.StatusCode, body: raw,
		retryAfter: parseRetryAfter(res.Header.Get("Retry-After"), res.Header.Get("Date"))}, nil
}

// unwrapURL drops the *url.Error layer, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// parseRetryAfter reads a Retry-After header (see plugins.ParseRetryAfter).
func parseRetryAfter(v, date string) time.Duration { return plugins.ParseRetryAfter(v, date) }

// decodeWork classifies an answer: the HTTP status first, then errcode;
// token is removed from the vendor's text should it be echoed.
func decodeWork(rep *vendorReply, token string) (*workAnswer, error) {
	if err := statusError(rep); err != nil {
		return nil, err
	}

	var ans workAnswer
	if err := json.Unmarshal(rep.body, &ans); err != nil {
		return nil, outbox.Retryable(errors.New("dingtalk answered something unreadable"))
	}
	if ans.ErrCode == codeOK {
		return &ans, nil
	}

	// Both texts are the vendor's and end up in errors and logs: neither
	// may carry the token, whatever DingTalk echoes back.
	secrets := []string{token}
	msg := plugins.Redact(ans.ErrMsg, secrets)
	sub := plugins.Redact(ans.SubCode, secrets)

	return nil, classifyWork(ans.ErrCode, sub, msg, rep.retryAfter)
}

// statusError classifies a status outside 2xx: 429 and 5xx are retryable
// (after Retry-After when given), the rest permanent.
func statusError(rep *vendorReply) error {
	if rep.status >= 200 && rep.status < 300 {
		return nil
	}

	err := &RefusalError{HTTPStatus: rep.status, hint: "dingtalk.hint_other"}
	switch {
	case rep.status == http.StatusTooManyRequests:
		err.hint = "dingtalk.hint_rate"
		return retryable(err, rep.retryAfter)
	case rep.status >= 500:
		err.hint = "dingtalk.hint_busy"
		return retryable(err, rep.retryAfter)
	}

	return outbox.Permanent(err)
}
