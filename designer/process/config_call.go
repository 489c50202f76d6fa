package process

// CallActionConfig configures a call-action step: it runs an action of a
// plugin, or posts to a webhook, with inputs computed by expressions. The
// call goes through the outbox with a dedupe key and retries.
type CallActionConfig struct {
	// Plugin is the name of the plugin whose action runs. Exactly one of
	// Plugin and Webhook is set.
	Plugin string `json:"plugin,omitempty"`
	// Action is the plugin's action name.
	Action string `json:"action,omitempty"`
	// Webhook is an https URL that receives a signed JSON POST of the
	// inputs.
	Webhook string `json:"webhook,omitempty"`
	// Input maps each input name to the expression computing its value.
	Input map[string]string `json:"input,omitempty"`
}

// Kind returns KindCallAction.
func (*CallActionConfig) Kind() Kind { return KindCallAction }

// SubProcessConfig configures a sub-process step: it starts another
// process as if manually, on this instance's record when there is one.
type SubProcessConfig struct {
	// Process is the key of the process to start; its published version at
	// the time of the start is used.
	Process string `json:"process"`
	// Input maps each input name to the expression computing its value; the
	// child reads them as input.<name>.
	Input map[string]string `json:"input,omitempty"`
	// Wait makes the token wait until the child instance completes; when
	// false the token moves on at once.
	Wait bool `json:"wait,omitempty"`
}

// Kind returns KindSubProcess.
func (*SubProcessConfig) Kind() Kind { return KindSubProcess }
