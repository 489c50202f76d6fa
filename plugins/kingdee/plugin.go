package kingdee

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// Name is the plugin's registered name.
const Name = "kingdee"

func init() { plugins.Register(New()) }

// Plugin is the Kingdee Cloud Galaxy connector. Its actions save a form's
// record as a customer or a contract.
type Plugin struct {
	sessions *Sessions
}

var (
	_ plugins.Connector       = (*Plugin)(nil)
	_ plugins.Action          = (*Plugin)(nil)
	_ plugins.SettingsChecker = (*Plugin)(nil)
)

// New returns the plugin with its own session cache.
func New() *Plugin { return &Plugin{sessions: &Sessions{}} }

// Info describes the plugin.
func (*Plugin) Info() plugins.Info {
	return plugins.Info{Name: Name, Kind: plugins.KindConnector, Version: "1.0.0",
		SettingsSchema: json.RawMessage(schema)}
}

const schema = `{
  "type": "object",
  "required": ["server_url", "acct_id", "username"],
  "additionalProperties": false,
  "properties": {
    "server_url": {"type": "string", "minLength": 8,
      "title": "Server URL (https://host/k3cloud/)"},
    "acct_id": {"type": "string", "minLength": 1, "title": "Data centre id (acct_id)"},
    "username": {"type": "string", "minLength": 1, "title": "Integration user name"},
    "app_id": {"type": "string", "title": "Third-party app id"},
    "app_secret": {"type": "string", "x-secret": true, "title": "Third-party app secret"},
    "password": {"type": "string", "x-secret": true,
      "title": "Password (only without an app id)"},
    "lcid": {"type": "integer", "enum": [2052, 1033, 3076], "default": 2052,
      "title": "Language (2052 简体中文, 1033 English, 3076 繁體中文)"},
    "customer_form_id": {"type": "string", "default": "BD_Customer",
      "pattern": "^[A-Za-z][A-Za-z0-9_]{1,63}$", "title": "Customer form id"},
    "contract_form_id": {"type": "string", "default": "SAL_SaleOrder",
      "pattern": "^[A-Za-z][A-Za-z0-9_]{1,63}$",
      "title": "Contract form id (SAL_SaleOrder, or CRM_Contract with the CRM module)"},
    "field_map": ` + plugins.FieldMapSchema + `
  }
}`

// Settings are an instance's settings.
type Settings struct {
	ServerURL      string `json:"server_url"`
	AcctID         string `json:"acct_id"`
	Username       string `json:"username"`
	AppID          string `json:"app_id"`
	AppSecret      string `json:"app_secret"`
	Password       string `json:"password"`
	LCID           int    `json:"lcid"`
	CustomerFormID string `json:"customer_form_id"`
	ContractFormID string `json:"contract_form_id"`
}

// lcid is the language id, 2052 (simplified Chinese) unless set.
func (s Settings) lcid() int {
	if s.LCID == 0 {
		return 2052
	}
	return s.LCID
}

// CheckSettings checks the URL and that one way to log in is complete:
// an app id with its secret, or else a password.
func (*Plugin) CheckSettings(settings map[string]any) error {
	if err := plugins.CheckURL(settings, "server_url"); err != nil {
		return err
	}

	appID, _ := settings["app_id"].(string)
	secret, _ := settings["app_secret"].(string)
	password, _ := settings["password"].(string)
	switch {
	case appID != "" && secret == "":
		return plugins.SettingError("app_secret")
	case appID == "" && password == "":
		return plugins.SettingError("app_id")
	}

	return nil
}

// object is what the plugin knows of one object: its key, its internal id
// field and which form id setting names its Kingdee form.
type object struct {
	spec     plugins.ObjectSpec
	idField  string
	formID   func(Settings) string
	actionID string
}

// objects are the objects the plugin pulls and pushes.
var objects = []object{
	{spec: plugins.ObjectSpec{Name: "customer", KeyField: "FNumber",
		Title: map[string]string{"en": "Customer", "zh-CN": "客户"}},
		idField: "FCUSTID", actionID: "save_customer",
		formID: func(s Settings) string { return orDefault(s.CustomerFormID, "BD_Customer") }},
	{spec: plugins.ObjectSpec{Name: "contract", KeyField: "FBillNo",
		Title: map[string]string{"en": "Contract", "zh-CN": "合同"}},
		idField: "FID", actionID: "save_contract",
		formID: func(s Settings) string { return orDefault(s.ContractFormID, "SAL_SaleOrder") }},
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// Objects lists the customer and contract objects.
func (*Plugin) Objects() []plugins.ObjectSpec {
	out := make([]plugins.ObjectSpec, len(objects))
	for i, o := range objects {
		out[i] = o.spec
	}
	return out
}

// objectNamed returns the object called name.
func objectNamed(name string) (object, error) {
	for _, o := range objects {
		if o.spec.Name == name {
			return o, nil
		}
	}
	return object{}, outbox.Permanent(fmt.Errorf("kingdee has no object %q", name))
}

// client returns the client of env's instance.
func (p *Plugin) client(env plugins.CallEnv) (*Client, Settings, error) {
	var s Settings
	if err := plugins.DecodeSettings(env.Settings, &s); err != nil {
		return nil, s, outbox.Permanent(err)
	}

	return &Client{settings: s, http: env.HTTP, sessions: p.sessions,
		key: sessionKey{tenantID: env.TenantID, instanceID: env.InstanceID,
			version: env.Version}}, s, nil
}

// Pull reads one page of q with ExecuteBillQuery, ordered by the object's
// key so that pages do not overlap; the cursor is the next StartRow.
func (p *Plugin) Pull(ctx context.Context, env plugins.CallEnv, q plugins.Query,
	cursor string) (plugins.Page, error) {
	obj, err := objectNamed(q.Object)
	if err != nil {
		return plugins.Page{}, err
	}
	start, err := startRow(cursor)
	if err != nil {
		return plugins.Page{}, err
	}
	c, s, err := p.client(env)
	if err != nil {
		return plugins.Page{}, err
	}

	limit := min(max(q.Limit, 1), MaxLimit)
	rows, err := c.Query(ctx, BillQuery{FormID: obj.formID(s), FieldKeys: joinFields(q.Fields),
		FilterString: q.Filter, OrderString: obj.spec.KeyField + " ASC", StartRow: start,
		Limit: limit})
	if err != nil {
		return plugins.Page{}, err
	}

	page := plugins.Page{Records: rows}
	if len(rows) == limit {
		page.Next = strconv.Itoa(start + limit)
	}
	return page, nil
}

// startRow reads a cursor: empty is row 0.
func startRow(cursor string) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(cursor)
	if err != nil || n < 0 {
		return 0, outbox.Permanent(fmt.Errorf("kingdee cursor %q is not a row number", cursor))
	}
	return n, nil
}

// joinFields is FieldKeys: the fields, comma-separated.
func joinFields(fields []string) string {
	out := ""
	for i, f := range fields {
		if i > 0 {
			out += ","
		}
		out += f
	}
	return out
}
