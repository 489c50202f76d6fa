package dingtalk_test

import (
	"testing"

	"github.com/formworkhq/formwork/plugins/internal/vendortest"
)

// TestWorkSecretsNeverShow configures a dingtalk_work instance whose
// vendor echoes the app secret and the access token in its refusal, then
// checks the API answers, the test result, a send error and the logs.
func TestWorkSecretsNeverShow(t *testing.T) {
	_, srv := newFakeDingTalk(t, ok(`{"errcode":33012,"errmsg":"无效的USERID {token} `+
		`appsecret=`+workSecret+`"}`))

	vendortest.CheckSecretsNeverShow(t, vendortest.SecretsCase{Plugin: "dingtalk_work",
		Key: "ding_work", Settings: map[string]any{"app_key": "dingkey01",
			"app_secret": workSecret, "agent_id": 2233, "api_base": srv.URL,
			"test_user": "u1"},
		Recipient: "u1", Code: "33012", Secrets: []string{workSecret, "DT-TOKEN-"}, Now: now})
}
