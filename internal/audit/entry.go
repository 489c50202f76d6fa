package audit

import (
	"slices"
	"strings"
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Collection is the collection of audit entries.
const Collection = "audit_log"

// Outcome says whether the audited request was carried out.
type Outcome string

// The outcomes.
const (
	// OK: the change was made, or the event happened.
	OK Outcome = "ok"
	// Denied: the request was refused (403, a failed or locked sign-in).
	Denied Outcome = "denied"
)

// The actions of the audit contract (briefs/audit_contract.md); the web app
// shows a localised label for each.
const (
	DefinitionSave       = "definition.save"
	DefinitionPublish    = "definition.publish"
	DefinitionDelete     = "definition.delete"
	UserCreate           = "user.create"
	UserUpdate           = "user.update"
	TokenCreate          = "token.create"
	TokenRevoke          = "token.revoke"
	PluginInstanceCreate = "plugin_instance.create"
	PluginInstanceUpdate = "plugin_instance.update"
	PluginInstanceDelete = "plugin_instance.delete"
	WebhookRotate        = "webhook.rotate"
	AuthLoginFailed      = "auth.login_failed"
	AuthLockout          = "auth.lockout"
	AuthResetRequested   = "auth.reset_requested"
	AuthPasswordReset    = "auth.password_reset"
	AccessDenied         = "access.denied"
	TenantUpdate         = "tenant.update"

	// SigningKeyRead is a read of the tenant's call_action signing key: a
	// credential, so who saw it is recorded like who changed it.
	SigningKeyRead = "signing_key.read"
)

// Limits on what an entry and a filter hold.
const (
	maxSummaryLen    = 200
	maxObjectKindLen = 40
)

// Actions lists every action an entry may carry.
var Actions = []string{DefinitionSave, DefinitionPublish, DefinitionDelete, UserCreate,
	UserUpdate, TokenCreate, TokenRevoke, PluginInstanceCreate, PluginInstanceUpdate,
	PluginInstanceDelete, WebhookRotate, AuthLoginFailed, AuthLockout, AuthResetRequested,
	AuthPasswordReset, AccessDenied, TenantUpdate, SigningKeyRead}

// Entry is one audited event of one tenant.
type Entry struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	// At is when the event happened, from the injected clock.
	At time.Time `bson:"at"`
	// ActorID is the user who acted; for a failed sign-in, the account.
	ActorID string `bson:"actor_id,omitempty"`
	// Action is one of Actions.
	Action string `bson:"action"`
	// ObjectKind and ObjectID name what was acted on ("user", "form" …).
	ObjectKind string `bson:"object_kind,omitempty"`
	ObjectID   string `bson:"object_id,omitempty"`
	// Summary is made of field names, keys and versions, never values.
	Summary string `bson:"summary,omitempty"`
	// Outcome is OK or Denied.
	Outcome Outcome `bson:"outcome"`
	// IP is the client address of the request.
	IP string `bson:"ip,omitempty"`
}

// KnownAction reports whether a is one of Actions.
func KnownAction(a string) bool { return slices.Contains(Actions, a) }

// FieldSummary joins field names into a summary: sorted, without
// duplicates, each reduced to the characters a field name may hold, the
// whole cut at 200 bytes. It is how callers turn a request body's keys into
// text that can carry no value.
func FieldSummary(names []string) string {
	clean := make([]string, 0, len(names))
	for _, n := range names {
		if n = fieldName(n); n != "" {
			clean = append(clean, n)
		}
	}
	slices.Sort(clean)
	return cut(strings.Join(slices.Compact(clean), ","))
}

// fieldName keeps a name made of lower-case letters, digits, "_" and "."
// and at most 64 bytes long; anything else becomes "" so that a value sent
// where a key belongs cannot reach the log.
func fieldName(n string) string {
	if n == "" || len(n) > 64 {
		return ""
	}
	for _, r := range n {
		ok := r == '_' || r == '.' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
		if !ok {
			return ""
		}
	}
	return n
}

func cut(s string) string {
	if len(s) <= maxSummaryLen {
		return s
	}
	s = s[:maxSummaryLen]
	if i := strings.LastIndexByte(s, ','); i > 0 {
		return s[:i]
	}
	return s
}
