package kingdee

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/formworkhq/formwork/runtime/outbox"
)

// The WebAPI services, relative to the server URL (".../k3cloud/").
const (
	PathLoginByAppSecret = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret" +
		".common.kdsvc"
	PathValidateUser = "Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc"
	PathSave         = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc"
	PathBillQuery    = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery" +
		".common.kdsvc"
)

// loginOK is the LoginResultType of a successful login.
const loginOK = 1

// maxAnswer is the most of an answer that is read: 2000 rows of a few
// dozen fields fit well within it.
const maxAnswer = 32 << 20

// Client calls one Kingdee data centre as one user.
type Client struct {
	settings Settings
	http     *http.Client
	sessions *Sessions
	key      sessionKey
}

// call posts body to path within the session, logging in first when
// needed; decode reads the answer and reports errSessionLost when Kingdee
// lost the session, which logs in again and repeats the call once.
func (c *Client) call(ctx context.Context, path string, body any,
	decode func([]byte) error) error {
	for attempt := 0; ; attempt++ {
		sess, err := c.sessions.get(ctx, c.key, c.login)
		if err != nil {
			return err
		}

		answer, _, err := c.post(ctx, path, sess.cookies, body)
		if err != nil {
			return err
		}
		err = decode(answer)
		if !errors.Is(err, errSessionLost) || attempt > 0 {
			return err
		}
		c.sessions.drop(c.key, sess)
	}
}

// loginAnswer is the answer of both login services.
type loginAnswer struct {
	LoginResultType int    `json:"LoginResultType"`
	Message         string `json:"Message"`
	KDSVCSessionID  string `json:"KDSVCSessionId"`
}

// login logs in with the app secret, or with the password when no app is
// configured, and keeps the cookies the answer sets.
func (c *Client) login(ctx context.Context) (*session, error) {
	path, body := c.loginRequest()
	answer, cookies, err := c.post(ctx, path, nil, body)
	if err != nil {
		return nil, fmt.Errorf("kingdee login: %w", err)
	}

	var a loginAnswer
	if err := json.Unmarshal(answer, &a); err != nil {
		return nil, outbox.Retryable(fmt.Errorf("kingdee login answered no JSON: %w", err))
	}
	if a.LoginResultType != loginOK {
		return nil, outbox.Permanent(fmt.Errorf("kingdee login refused (LoginResultType %d): "+
			"%s", a.LoginResultType, strings.TrimSpace(a.Message)))
	}
	if len(cookies) == 0 && a.KDSVCSessionID != "" {
		cookies = []*http.Cookie{{Name: "kdservice-sessionid", Value: a.KDSVCSessionID}}
	}
	if len(cookies) == 0 {
		return nil, outbox.Retryable(errors.New("kingdee login answered no session"))
	}

	return &session{cookies: cookies}, nil
}

// loginRequest is the login service and body the settings call for.
func (c *Client) loginRequest() (string, any) {
	s := c.settings
	if s.AppID != "" {
		return PathLoginByAppSecret, map[string]any{"acctID": s.AcctID, "username": s.Username,
			"appId": s.AppID, "appSecret": s.AppSecret, "lcid": s.lcid()}
	}

	return PathValidateUser, map[string]any{"acctID": s.AcctID, "username": s.Username,
		"password": s.Password, "lcid": s.lcid()}
}

// post sends body as JSON to path with cookies and returns the answer and
// the cookies it set. A transport failure, 408, 429 and 5xx are retryable,
// other statuses outside 2xx permanent.
func (c *Client) post(ctx context.Context, path string, cookies []*http.Cookie,
	body any) ([]byte, []*http.Cookie, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, nil, outbox.Permanent(fmt.Errorf("encoding the request: %w", err))
	}
	target := strings.TrimRight(c.settings.ServerURL, "/") + "/" + path
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(raw))
	if err != nil {
		return nil, nil, outbox.Permanent(errors.New("building the request: invalid address"))
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	for _, ck := range cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}

	res, err := c.http.Do(req)
	if err != nil {
		return nil, nil, outbox.Retryable(fmt.Errorf("calling %s: %w", req.URL.Host,
			unwrapURL(err)))
	}
	defer res.Body.Close()

	answer, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil {
		return nil, nil, outbox.Retryable(fmt.Errorf("reading the answer of %s: %w",
			req.URL.Host, err))
	}

	return answer, res.Cookies(), statusOf(req.URL.Host, res.StatusCode)
}

// statusOf classifies an HTTP status.
func statusOf(host string, status int) error {
	if status >= 200 && status < 300 {
		return nil
	}

	err := fmt.Errorf("%s answered HTTP %d", host, status)
	if status == http.StatusRequestTimeout || status == http.StatusTooManyRequests ||
		status >= 500 {
		return outbox.Retryable(err)
	}

	return outbox.Permanent(err)
}

// unwrapURL drops the *url.Error layer, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
