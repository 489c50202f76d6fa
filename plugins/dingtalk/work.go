package dingtalk

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/httpx"
	"github.com/formworkhq/formwork/plugins/tokens"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// WorkName is the registered name of the work notification channel.
const WorkName = "dingtalk_work"

// DefaultAPIBase is DingTalk's server API (the "oapi" generation that
// gettoken and asyncsend_v2 belong to).
const DefaultAPIBase = "https://oapi.dingtalk.com"

// workPerMinute paces one app. DingTalk limits asyncsend_v2 per app and
// second and dedupes identical content per person and day; 600 a minute
// (10 a second) keeps an instance inside the QPS limit of the basic plan.
const workPerMinute = 600

func init() { plugins.Register(WorkPlugin{}) }

// WorkPlugin is the DingTalk work notification channel (工作通知).
type WorkPlugin struct{}

var (
	_ plugins.Channel         = WorkPlugin{}
	_ plugins.SettingsChecker = WorkPlugin{}
	_ plugins.Tester          = (*Work)(nil)
)

// Info describes the plugin.
func (WorkPlugin) Info() plugins.Info {
	return plugins.Info{Name: WorkName, Kind: plugins.KindChannel,
		Channel: outbox.ChannelDingTalk, Version: "1.0.0",
		SettingsSchema: json.RawMessage(workSchema), PerMinute: workPerMinute}
}

// workSchema is the settings schema; "x-title" and "x-description" carry
// the texts per locale for the settings form.
const workSchema = `{
  "type": "object",
  "required": ["app_key", "app_secret", "agent_id"],
  "additionalProperties": false,
  "properties": {
    "app_key": {"type": "string", "pattern": "^[A-Za-z0-9_-]{4,64}$",
      "title": "AppKey",
      "x-title": {"en": "AppKey (Client ID)", "zh-CN": "AppKey（Client ID）"},
      "x-description": {"en": "Developer console → your app → Credentials.",
        "zh-CN": "开发者后台 → 应用 → 凭证与基础信息。"}},
    "app_secret": {"type": "string", "minLength": 8, "x-secret": true,
      "title": "AppSecret",
      "x-title": {"en": "AppSecret (Client Secret)", "zh-CN": "AppSecret（Client Secret）"},
      "x-description": {"en": "Stored encrypted and never shown again.",
        "zh-CN": "加密保存，保存后不再显示。"}},
    "agent_id": {"type": "integer", "minimum": 1,
      "title": "AgentId",
      "x-title": {"en": "AgentId", "zh-CN": "AgentId"},
      "x-description": {"en": "The app's AgentId, shown next to its credentials.",
        "zh-CN": "应用的 AgentId，与凭证显示在同一页。"}},
    "api_base": {"type": "string",
      "title": "API base",
      "x-title": {"en": "API address", "zh-CN": "接口地址"},
      "x-description": {"en": "Leave empty for https://oapi.dingtalk.com.",
        "zh-CN": "留空即使用 https://oapi.dingtalk.com。"}},
    "test_user": {"type": "string", "maxLength": 64,
      "title": "Test recipient",
      "x-title": {"en": "Test recipient (DingTalk userid)", "zh-CN": "测试接收人（钉钉 userid）"},
      "x-description": {"en": "Who receives the test message.",
        "zh-CN": "接收测试消息的员工 userid。"}}
  }
}`

// WorkSettings are an instance's settings.
type WorkSettings struct {
	// AppKey is the internal app's AppKey (Client ID).
	AppKey string `json:"app_key"`
	// AppSecret is its AppSecret (Client Secret), sealed at rest.
	AppSecret string `json:"app_secret"`
	// AgentID is the app's AgentId.
	AgentID int64 `json:"agent_id"`
	// APIBase is the server API's address; empty means DefaultAPIBase.
	APIBase string `json:"api_base,omitempty"`
	// TestUser receives the instance's test message; empty means none.
	TestUser string `json:"test_user,omitempty"`
}

// CheckSettings checks the API base when one is given.
func (WorkPlugin) CheckSettings(settings map[string]any) error {
	if s, _ := settings["api_base"].(string); s == "" {
		return nil
	}

	return plugins.CheckURL(settings, "api_base")
}

// NewSender returns the app's Sender, sharing tokens.Shared.
func (WorkPlugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s WorkSettings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	return NewWork(s, env.HTTP, env.Clock, tokens.Shared), nil
}

// Work sends work notifications of one DingTalk app.
type Work struct {
	Settings WorkSettings
	HTTP     *http.Client
	Clock    clock.Clock
	Tokens   *tokens.Cache
}

// NewWork returns a Work; an empty API base means DefaultAPIBase, a nil
// client one with the default address checks, a nil cache tokens.Shared
// and a nil clock the real one.
func NewWork(s WorkSettings, c *http.Client, clk clock.Clock, cache *tokens.Cache) *Work {
	s.APIBase = strings.TrimRight(strings.TrimSpace(s.APIBase), "/")
	if s.APIBase == "" {
		s.APIBase = DefaultAPIBase
	}
	if c == nil {
		c = httpx.NewClient(httpx.Options{})
	}
	if clk == nil {
		clk = clock.Real{}
	}
	if cache == nil {
		cache = tokens.Shared
	}

	return &Work{Settings: s, HTTP: c, Clock: clk, Tokens: cache}
}

// key is the token cache key of the app within tenant.
func (w *Work) key(tenant string) tokens.Key {
	app := "dingtalk:" + w.Settings.APIBase + "/" + w.Settings.AppKey + "/" +
		strconv.FormatInt(w.Settings.AgentID, 10)
	return tokens.KeyOf(tenant, "", app, w.Settings.AppSecret)
}
