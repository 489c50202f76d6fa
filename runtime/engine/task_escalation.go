package engine

// Escalation levels come from the tokens, not from a look at the graph.
//
// A token is at level 0 on the path the process reached normally. When
// the boundary (SLA) timer of a task fires, the path it starts runs one
// level above that task and remembers it: an interrupting edge moves the
// task's own token onto that path, a non-interrupting one starts a side
// token there. Every task and ticket a token creates carries the token's
// level and overdue task, written with the task document itself (no
// extra write), so an inbox can list escalations without reading the
// instance. The level travels with the token to the end of its path, and
// through parallel splits to every branch (a join goes on at the level of
// the branch that arrived last); an escalation task that is overdue in
// turn escalates one level further.

// escalate puts tok on the boundary path of over, the overdue task whose
// token was at level, one level above it.
func escalate(tok *Token, level int, over string) {
	tok.Escalation, tok.EscalatedFrom = level+1, over
}

// escalateBoundary sets the level of the token that runs the boundary
// path of owner's task: owner itself for an interrupting edge, else the
// side token.
func escalateBoundary(path *Token, owner Token) {
	if owner.Wait == nil {
		return
	}
	escalate(path, owner.Escalation, owner.Wait.TaskID)
}

// stampTask fills in a new task t what it keeps from its creation: the
// escalation the core gave its effect, and its first assignee.
func stampTask(t *Task, level int, from string) {
	t.EscalationLevel, t.EscalatedFrom = level, from
	t.FirstAssigneeID = t.AssigneeID
}
