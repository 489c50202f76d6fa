package plugins

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// maxResponse is the most of a vendor's answer that is read.
const maxResponse = 1 << 20

// PostJSON posts body as JSON to target with the extra headers and returns
// the vendor's answer. A transport failure, 408, 429 and 5xx are
// Retryable, no sooner than the answer's Retry-After when it has one;
// other statuses outside 2xx are Permanent. Errors never show
// target, whose query may carry an access token.
func PostJSON(ctx context.Context, c *http.Client, target string, header http.Header,
	body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, outbox.Permanent(errors.New("building the request: invalid address"))
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")

	res, err := c.Do(req)
	if err != nil {
		return nil, outbox.Retryable(fmt.Errorf("calling %s: %w", req.URL.Host, unwrapURL(err)))
	}
	defer res.Body.Close()

	answer, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return nil, outbox.Retryable(fmt.Errorf("reading the answer of %s: %w", req.URL.Host, err))
	}

	err = classifyStatus(req.URL.Host, res.StatusCode, answer)
	if d := ParseRetryAfter(res.Header.Get("Retry-After"), res.Header.Get("Date")); d > 0 &&
		err != nil && !outbox.IsPermanent(err) {
		err = outbox.RetryAfter(errors.Unwrap(err), d)
	}

	return answer, err
}

// MaxRetryAfter caps a vendor's Retry-After.
const MaxRetryAfter = time.Hour

// ParseRetryAfter reads a Retry-After header: seconds, or an HTTP date
// measured against the answer's own Date header (never the local clock).
// Zero means none, or one that cannot be read.
func ParseRetryAfter(v, date string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		// Compare in seconds first: a huge value would overflow a Duration.
		if s >= int(MaxRetryAfter/time.Second) {
			return MaxRetryAfter
		}
		return time.Duration(s) * time.Second
	}

	at, err1 := http.ParseTime(v)
	sent, err2 := http.ParseTime(date)
	if err1 != nil || err2 != nil || !at.After(sent) {
		return 0
	}

	return min(at.Sub(sent), MaxRetryAfter)
}

// unwrapURL drops the *url.Error layer, whose text repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// classifyStatus turns an HTTP status into nil or a classified error.
func classifyStatus(host string, status int, answer []byte) error {
	if status >= 200 && status < 300 {
		return nil
	}

	err := fmt.Errorf("%s answered %d: %s", host, status, snippet(answer))
	if status == http.StatusRequestTimeout || status == http.StatusTooManyRequests ||
		status >= 500 {
		return outbox.Retryable(err)
	}

	return outbox.Permanent(err)
}

// snippet is the start of a vendor's answer, for error messages.
func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// MarshalBody encodes a vendor payload without escaping <, > and &, which
// vendors render literally in markdown.
func MarshalBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, outbox.Permanent(fmt.Errorf("encoding the message: %w", err))
	}

	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// TextOf picks a message text: Chinese first (the IM vendors' home
// market), then English, then any.
func TextOf(t outbox.Text) string {
	for _, l := range []i18n.Locale{i18n.Chinese, i18n.English} {
		if s := t[l]; s != "" {
			return s
		}
	}
	for _, s := range t {
		return s
	}

	return ""
}

// CheckURL is a SettingsChecker helper: the setting named key, when
// present, must be an absolute http(s) URL.
func CheckURL(settings map[string]any, key string) error {
	raw, _ := settings[key].(string)
	u, err := url.Parse(raw)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return nil
	}

	return problem.Fields(problem.FieldError{Pointer: "/settings/" + key, Code: "invalid",
		Messages: localized("plugins.url_invalid", nil)})
}

// SettingError is the refusal of one setting that is not valid.
func SettingError(key string) error {
	return problem.Fields(problem.FieldError{Pointer: "/settings/" + key, Code: "invalid",
		Messages: localized("plugins.setting_invalid", nil)})
}

// TaskOf is the task a message is about: its TaskID, or else the
// "task_id" of its payload (messages built before TaskID existed).
func TaskOf(m *outbox.Message) string {
	if m.TaskID != "" {
		return m.TaskID
	}
	id, _ := m.Payload["task_id"].(string)

	return id
}
