package process

// RecipientKind says who receives a notification.
type RecipientKind string

// The recipient kinds.
const (
	// ToOwner is the record's owner.
	ToOwner RecipientKind = "owner"
	// ToOwnerManager is the owner's manager, or Levels of managers up the
	// chain.
	ToOwnerManager RecipientKind = "owner_manager"
	// ToAssignee is the assignee of the most recent user task on the
	// token's path.
	ToAssignee RecipientKind = "assignee"
	// ToAssigneeManager is that assignee's manager, or Levels of managers up
	// the chain.
	ToAssigneeManager RecipientKind = "assignee_manager"
	// ToRole is everyone holding Role.
	ToRole RecipientKind = "role"
	// ToUser is one named user.
	ToUser RecipientKind = "user"
)

var recipientKinds = []RecipientKind{ToOwner, ToOwnerManager, ToAssignee, ToAssigneeManager,
	ToRole, ToUser}

// MaxManagerLevels is the most levels of managers a recipient can climb.
const MaxManagerLevels = 10

// Recipient is one recipient rule of a notification.
type Recipient struct {
	// Kind is owner, owner_manager, assignee, assignee_manager, role or
	// user.
	Kind RecipientKind `json:"kind"`
	// Role is the role key, for role.
	Role string `json:"role,omitempty"`
	// User is the user id, for user.
	User string `json:"user,omitempty"`
	// Levels, for owner_manager and assignee_manager, is how many managers
	// up the chain receive the message: 1 (the default when 0) is the
	// direct manager, 2 adds their manager, up to MaxManagerLevels.
	// Escalating "up the manager chain" is a notification with Levels > 1.
	Levels int `json:"levels,omitempty"`
}

// NotifyConfig configures a notification: a message sent to people on a
// channel, without waiting for an answer. Delivery goes through the outbox.
type NotifyConfig struct {
	// Channel is the key of a configured channel instance ("wecom_sales")
	// or a channel kind ("email", "wecom"), which then uses the tenant's
	// default instance of that kind.
	Channel string `json:"channel"`
	// Recipients say who receives the message; someone named by several
	// rules receives it once.
	Recipients []Recipient `json:"recipients"`
	// Message is the text per locale, with {{record.field}} placeholders
	// (see ParseTemplate); each recipient gets their own locale's text.
	Message Text `json:"message"`
}

// Kind returns KindNotify.
func (*NotifyConfig) Kind() Kind { return KindNotify }
