package process

// AssigneeRule says who gets a task or a ticket.
type AssigneeRule string

// The assignee rules.
const (
	// AssignOwner gives the work to the record's owner.
	AssignOwner AssigneeRule = "owner"
	// AssignOwnerManager gives it to the owner's direct manager.
	AssignOwnerManager AssigneeRule = "owner_manager"
	// AssignRole offers it to everyone holding Role; the first to claim it
	// takes it.
	AssignRole AssigneeRule = "role"
	// AssignRoundRobin gives it to the members of Team in turn.
	AssignRoundRobin AssigneeRule = "round_robin"
	// AssignLeastLoaded gives it to the member of Team, or the holder of
	// Role, with the fewest open tasks.
	AssignLeastLoaded AssigneeRule = "least_loaded"
	// AssignUser gives it to one named user.
	AssignUser AssigneeRule = "user"
)

var assigneeRules = []AssigneeRule{AssignOwner, AssignOwnerManager, AssignRole,
	AssignRoundRobin, AssignLeastLoaded, AssignUser}

// Assignee is an assignee rule with its parameter.
type Assignee struct {
	// Rule is owner, owner_manager, role, round_robin, least_loaded or user.
	Rule AssigneeRule `json:"rule"`
	// Role is the role key, for role, and for least_loaded when Team is
	// empty.
	Role string `json:"role,omitempty"`
	// Team is the team key, for round_robin, and for least_loaded when Role
	// is empty.
	Team string `json:"team,omitempty"`
	// User is the user id, for user.
	User string `json:"user,omitempty"`
}

// UserTaskConfig configures a user task: work a person does, shown in
// their inbox with an SLA countdown. The token waits until the task is
// completed. Boundary edges leaving the task fire while it is still open.
type UserTaskConfig struct {
	// Assignee says who does the task.
	Assignee Assignee `json:"assignee"`
	// Form, when set, is the key of the form the assignee submits to
	// complete the task; later steps read its values as task.<field>. When
	// empty the task is completed by choosing an outcome or marking it done.
	Form string `json:"form,omitempty"`
	// Due is how long after its creation the task is due ("2h", "1d
	// business"); empty means no due time. It drives the countdown; what
	// happens when time runs out is said by boundary edges.
	Due string `json:"due,omitempty"`
	// Calendar is the key of the business calendar for business durations
	// (Due and the After of boundary edges); empty means the tenant's
	// default calendar.
	Calendar string `json:"calendar,omitempty"`
	// Outcomes are the choices the assignee completes the task with
	// ("reached", "no_answer"); later steps read the choice as
	// task.outcome. Empty means the task is simply done.
	Outcomes []Outcome `json:"outcomes,omitempty"`
}

// Kind returns KindUserTask.
func (*UserTaskConfig) Kind() Kind { return KindUserTask }

// Outcome is one way to complete a user task.
type Outcome struct {
	// Key is the value task.outcome takes; same alphabet as node ids.
	Key string `json:"key"`
	// Label is the button's caption per locale.
	Label Text `json:"label"`
}
