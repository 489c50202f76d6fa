package wecom

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

// AppName is the registered name of the app message channel.
const AppName = "wecom_app"

// DefaultAPIBase is WeCom's server API.
const DefaultAPIBase = "https://qyapi.weixin.qq.com"

// appPerMinute paces one app. WeCom publishes quotas per corp and API
// (about 10,000 calls a minute) and per member and day rather than one
// send rate, and answers bursts with 45009/45033; 600 a minute per app
// stays far inside them and still sends a morning's reminders in minutes.
const appPerMinute = 600

func init() { plugins.Register(AppPlugin{}) }

// AppPlugin is the WeCom self-built app channel (应用消息).
type AppPlugin struct{}

var (
	_ plugins.Channel         = AppPlugin{}
	_ plugins.SettingsChecker = AppPlugin{}
	_ plugins.Tester          = (*App)(nil)
)

// Info describes the plugin.
func (AppPlugin) Info() plugins.Info {
	return plugins.Info{Name: AppName, Kind: plugins.KindChannel, Channel: outbox.ChannelWeCom,
		Version: "1.0.0", SettingsSchema: json.RawMessage(appSchema), PerMinute: appPerMinute}
}

// appSchema is the settings schema; "x-title" and "x-description" carry
// the texts per locale for the settings form.
const appSchema = `{
  "type": "object",
  "required": ["corp_id", "agent_id", "secret"],
  "additionalProperties": false,
  "properties": {
    "corp_id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{4,64}$",
      "title": "Corp ID",
      "x-title": {"en": "Corp ID", "zh-CN": "企业 ID"},
      "x-description": {"en": "My Company → Company Info → Corp ID (starts with ww).",
        "zh-CN": "我的企业 → 企业信息 → 企业 ID（以 ww 开头）。"}},
    "agent_id": {"type": "integer", "minimum": 1,
      "title": "AgentId",
      "x-title": {"en": "App AgentId", "zh-CN": "应用 AgentId"},
      "x-description": {"en": "App Management → your app → AgentId.",
        "zh-CN": "应用管理 → 自建应用 → AgentId。"}},
    "secret": {"type": "string", "minLength": 8, "x-secret": true,
      "title": "Secret",
      "x-title": {"en": "App Secret", "zh-CN": "应用 Secret"},
      "x-description": {"en": "The app's Secret; stored encrypted and never shown again.",
        "zh-CN": "应用的 Secret，加密保存，保存后不再显示。"}},
    "api_base": {"type": "string",
      "title": "API base",
      "x-title": {"en": "API address", "zh-CN": "接口地址"},
      "x-description": {"en": "Leave empty for https://qyapi.weixin.qq.com.",
        "zh-CN": "留空即使用 https://qyapi.weixin.qq.com。"}},
    "test_user": {"type": "string", "maxLength": 64,
      "title": "Test recipient",
      "x-title": {"en": "Test recipient (WeCom user ID)", "zh-CN": "测试接收人（企业微信账号）"},
      "x-description": {"en": "Who receives the test message.",
        "zh-CN": "接收测试消息的成员账号。"}}
  }
}`

// AppSettings are an instance's settings.
type AppSettings struct {
	// CorpID is the company's corp id (ww…).
	CorpID string `json:"corp_id"`
	// AgentID is the self-built app's AgentId.
	AgentID int64 `json:"agent_id"`
	// Secret is the app's Secret, sealed at rest.
	Secret string `json:"secret"`
	// APIBase is the server API's address; empty means DefaultAPIBase.
	APIBase string `json:"api_base,omitempty"`
	// TestUser receives the instance's test message; empty means none.
	TestUser string `json:"test_user,omitempty"`
}

// CheckSettings checks the API base when one is given.
func (AppPlugin) CheckSettings(settings map[string]any) error {
	if s, _ := settings["api_base"].(string); s == "" {
		return nil
	}

	return plugins.CheckURL(settings, "api_base")
}

// NewSender returns the app's Sender, sharing tokens.Shared.
func (AppPlugin) NewSender(env plugins.Env) (outbox.Sender, error) {
	var s AppSettings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, err
	}

	return NewApp(s, env.HTTP, env.Clock, tokens.Shared), nil
}

// App sends app messages of one WeCom app.
type App struct {
	Settings AppSettings
	HTTP     *http.Client
	Clock    clock.Clock
	Tokens   *tokens.Cache
}

// NewApp returns an App; an empty API base means DefaultAPIBase, a nil
// client one with the default address checks, a nil cache tokens.Shared
// and a nil clock the real one.
func NewApp(s AppSettings, c *http.Client, clk clock.Clock, cache *tokens.Cache) *App {
	s.APIBase = strings.TrimRight(strings.TrimSpace(s.APIBase), "/")
	if s.APIBase == "" {
		s.APIBase = DefaultAPIBase
	}
	if cache == nil {
		cache = tokens.Shared
	}
	if clk == nil {
		clk = clock.Real{}
	}
	if c == nil {
		c = httpx.NewClient(httpx.Options{})
	}

	return &App{Settings: s, HTTP: c, Clock: clk, Tokens: cache}
}

// key is the token cache key of the app within tenant.
func (a *App) key(tenant string) tokens.Key {
	app := "wecom:" + a.Settings.APIBase + "/" + a.Settings.CorpID + "/" +
		strconv.FormatInt(a.Settings.AgentID, 10)
	return tokens.KeyOf(tenant, "", app, a.Settings.Secret)
}
