package wecom

import (
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

// apiAnswer is the common shape of WeCom's answers.
type apiAnswer struct {
	ErrCode      int    `json:"errcode"`
	ErrMsg       string `json:"errmsg"`
	AccessToken  string `json:"access_token"`
	ExpiresIn    int64  `json:"expires_in"`
	MsgID        string `json:"msgid"`
	ResponseCode string `json:"response_code"`
	// InvalidUser, InvalidParty and UnlicensedUser list, "|"-separated,
	// the recipients message/send did not deliver to while sending to the
	// rest.
	InvalidUser    string `json:"invaliduser"`
	InvalidParty   string `json:"invalidparty"`
	UnlicensedUser string `json:"unlicenseduser"`
}

// call posts body to path with the app's access token, fetching the
// token first and once more when WeCom says it expired.
func (a *App) call(ctx context.Context, tenant, path string, body []byte) (*apiAnswer,
	error) {
	var ans *apiAnswer
	fetch := func(ctx context.Context) (tokens.Token, error) { return a.fetchToken(ctx) }
	err := a.Tokens.Do(ctx, a.key(tenant), a.Clock.Now(), fetch, func(tok string) error {
		target := a.Settings.APIBase + path + "?access_token=" + url.QueryEscape(tok)
		raw, err := plugins.PostJSON(ctx, a.HTTP, target, nil, body)
		if err != nil {
			return err
		}
		ans, err = decode(raw, tok)
		return err
	})

	return ans, err
}

// fetchToken asks gettoken for a new access token.
func (a *App) fetchToken(ctx context.Context) (tokens.Token, error) {
	q := url.Values{"corpid": {a.Settings.CorpID}, "corpsecret": {a.Settings.Secret}}
	raw, err := getJSON(ctx, a.HTTP, a.Settings.APIBase+"/cgi-bin/gettoken?"+q.Encode())
	if err != nil {
		return tokens.Token{}, err
	}

	ans, err := decode(raw, "")
	if err != nil {
		return tokens.Token{}, err
	}

	return tokens.Token{Value: ans.AccessToken,
		TTL: time.Duration(ans.ExpiresIn) * time.Second}, nil
}

// getJSON GETs target and returns the answer. Errors never show target,
// whose query carries the app secret.
func getJSON(ctx context.Context, c *http.Client, target string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, outbox.Permanent(errors.New("building the request: invalid address"))
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
	if res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500 {
		return nil, outbox.Retryable(fmt.Errorf("%s answered %d", req.URL.Host, res.StatusCode))
	}
	if res.StatusCode >= 300 {
		return nil, outbox.Permanent(fmt.Errorf("%s answered %d", req.URL.Host, res.StatusCode))
	}

	return raw, nil
}

// unwrapURL drops the *url.Error layer, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// decode reads an answer and classifies its errcode; token is removed
// from the vendor's text should it be echoed.
func decode(raw []byte, token string) (*apiAnswer, error) {
	var ans apiAnswer
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, outbox.Retryable(errors.New("wecom answered something unreadable"))
	}
	if ans.ErrCode == codeOK {
		return &ans, nil
	}

	ans.ErrMsg = plugins.Redact(ans.ErrMsg, []string{token})

	return nil, classifyApp(ans.ErrCode, ans.ErrMsg)
}
