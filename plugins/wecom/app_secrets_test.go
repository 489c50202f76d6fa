package wecom_test

import (
	"testing"

	"github.com/formworkhq/formwork/plugins/internal/vendortest"
)

// TestAppSecretsNeverShow configures a wecom_app instance whose vendor
// echoes both the app secret and the access token in its refusal, then
// checks the API answers, the test result, a send error and the logs.
func TestAppSecretsNeverShow(t *testing.T) {
	_, srv := newFakeWeCom(t, `{"errcode":40014,"errmsg":"invalid access_token `+
		`{token} for corpsecret `+appSecret+`"}`)

	vendortest.CheckSecretsNeverShow(t, vendortest.SecretsCase{Plugin: "wecom_app",
		Key: "wecom_sales", Settings: map[string]any{"corp_id": "ww1234",
			"agent_id": 1000002, "secret": appSecret, "api_base": srv.URL,
			"test_user": "zhangsan"},
		Recipient: "zhangsan", Code: "40014", Secrets: []string{appSecret, "ACCESS-TOKEN-"},
		Now: now})
}
