package plugins_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"testing"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// crm is a test plugin that is both an action and a connector of a CRM
// whose credential is the secret setting "token".
type crm struct {
	mu sync.Mutex
	// seen are the settings of every call.
	seen []map[string]any
	// fail, when set, is what every call returns.
	fail error
	// output, when set, replaces the action's output.
	output map[string]any
	// records are what Pull answers, one page.
	records []map[string]any
}

var (
	_ plugins.Action    = (*crm)(nil)
	_ plugins.Connector = (*crm)(nil)
)

func (*crm) Info() plugins.Info {
	return plugins.Info{Name: "crm", Kind: plugins.KindConnector, Version: "0.1.0",
		SettingsSchema: json.RawMessage(`{"type": "object", "required": ["url", "token"],
		  "properties": {"url": {"type": "string"},
		    "token": {"type": "string", "minLength": 8, "x-secret": true},
		    "field_map": ` + plugins.FieldMapSchema + `}}`)}
}

func (*crm) Actions() []plugins.ActionSpec {
	return []plugins.ActionSpec{{Name: "create_lead",
		InputSchema: json.RawMessage(`{"type": "object", "required": ["email"],
		  "properties": {"email": {"type": "string", "format": "email"},
		    "score": {"type": "integer", "minimum": 0}}}`),
		OutputSchema: json.RawMessage(`{"type": "object", "required": ["id"],
		  "properties": {"id": {"type": "string"}}}`)}}
}

func (c *crm) call(env plugins.CallEnv) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen = append(c.seen, env.Settings)
	return c.fail
}

func (c *crm) Invoke(_ context.Context, env plugins.CallEnv, _ string,
	input map[string]any) (map[string]any, error) {
	if err := c.call(env); err != nil {
		return nil, err
	}
	if c.output != nil {
		return c.output, nil
	}
	return map[string]any{"id": "lead-" + input["email"].(string)}, nil
}

func (*crm) Objects() []plugins.ObjectSpec {
	return []plugins.ObjectSpec{{Name: "account", KeyField: "AccountNo"}}
}

func (c *crm) Pull(_ context.Context, env plugins.CallEnv, q plugins.Query,
	cursor string) (plugins.Page, error) {
	if err := c.call(env); err != nil {
		return plugins.Page{}, err
	}
	return plugins.Page{Records: c.records, Next: "after-" + cursor}, nil
}

func (c *crm) Push(_ context.Context, env plugins.CallEnv, _ string,
	rec map[string]any) (string, error) {
	if err := c.call(env); err != nil {
		return "", err
	}
	return "ext-" + rec["AccountNo"].(string), nil
}

// lastSettings are the settings of the latest call.
func (c *crm) lastSettings() map[string]any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.seen) == 0 {
		return nil
	}
	return c.seen[len(c.seen)-1]
}

const crmToken = "tok-SEEDED-4f1c2a"

// crmService is a service whose registry holds only a fresh crm plugin,
// with one instance "crm_main" configured for tenant t1.
func crmService(t *testing.T) (*plugins.Service, *crm, *plugins.InstanceView, *syncBuffer) {
	t.Helper()
	reg := plugins.NewRegistry()
	c := &crm{}
	if err := reg.Add(c); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := plugins.New(plugins.Config{Store: testenv.Mongo(t), Clock: clock.NewManual(start),
		Log: log, SecretKey: key, Registry: reg})
	if err := s.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}

	v, err := s.Create(context.Background(), admin("t1"), "crm", plugins.InstanceInput{
		Key: "crm_main", Settings: map[string]any{"url": "https://crm.example.com",
			"token": crmToken, "field_map": map[string]any{"account": map[string]any{
				"AccountNo": "account_no", "Name": "name"}}}})
	if err != nil {
		t.Fatal(err)
	}
	return s, c, v, logs
}

// upserts is a fake Upserter: rows whose name is "bad" are refused, the
// others created the first time and unchanged after.
type upserts struct {
	mu   sync.Mutex
	rows []map[string]any
	seen map[string]bool
}

func (u *upserts) UpsertRow(_ context.Context, p auth.Principal, form, keyField string,
	data map[string]any) (plugins.Upserted, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.rows = append(u.rows, data)
	if data["name"] == "bad" {
		return plugins.Upserted{}, errInvalidRow
	}
	key := p.TenantID + form + keyField + data[keyField].(string)
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	created := !u.seen[key]
	u.seen[key] = true
	return plugins.Upserted{RecordID: "r-" + data[keyField].(string), Created: created}, nil
}

var errInvalidRow = errors.New("row refused")

// retryable is a vendor failure that names the secret, as a careless
// vendor might.
var retryable = outbox.Retryable(errors.New("vendor down while checking " + crmToken))
