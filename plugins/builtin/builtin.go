// Package builtin links every built-in plugin into the binary: importing
// it runs their init functions, which register them with plugins.Builtin.
package builtin

import (
	// Each registers itself from init.
	_ "github.com/formworkhq/formwork/plugins/dingtalk"
	_ "github.com/formworkhq/formwork/plugins/email"
	_ "github.com/formworkhq/formwork/plugins/feishu"
	_ "github.com/formworkhq/formwork/plugins/inbound"
	_ "github.com/formworkhq/formwork/plugins/kingdee"
	_ "github.com/formworkhq/formwork/plugins/webhook"
	_ "github.com/formworkhq/formwork/plugins/wecom"
)
