package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/formworkhq/formwork/designer/process"
)

// people resolves assignee and recipient rules to user ids. The shell and
// the simulator share it, with their own task counts and turn counters.
type people struct {
	dir    Directory
	tenant string
	// loads counts the open tasks of each of ids, for least_loaded; a
	// person without any may be missing from the answer.
	loads func(ctx context.Context, ids []string) (map[string]int, error)
	// turn returns the next number of a round-robin counter.
	turn func(ctx context.Context, key string) (int, error)
}

// assign picks who gets work under rule a. A role rule offers the work to
// every holder (candidates) and assigns no one yet.
func (p people) assign(ctx context.Context, a process.Assignee, ownerID string) (string,
	[]string, error) {
	switch a.Rule {
	case process.AssignOwner:
		return ownerID, nil, nil
	case process.AssignOwnerManager:
		m, err := p.managers(ctx, ownerID, 1)
		if err != nil || len(m) == 0 {
			return ownerID, nil, err
		}
		return m[0], nil, nil
	case process.AssignUser:
		return a.User, nil, nil
	case process.AssignRole:
		holders, err := p.dir.RoleHolders(ctx, p.tenant, a.Role)
		return "", holders, err
	case process.AssignRoundRobin:
		return p.roundRobin(ctx, a.Team)
	case process.AssignLeastLoaded:
		return p.leastLoaded(ctx, a)
	}
	return ownerID, nil, nil
}

func (p people) roundRobin(ctx context.Context, team string) (string, []string, error) {
	members, err := p.dir.TeamMembers(ctx, p.tenant, team)
	if err != nil || len(members) == 0 {
		return "", nil, err
	}
	slices.Sort(members)
	n, err := p.turn(ctx, "round_robin:"+team)
	if err != nil {
		return "", nil, err
	}
	return members[n%len(members)], nil, nil
}

func (p people) leastLoaded(ctx context.Context, a process.Assignee) (string, []string, error) {
	var pool []string
	var err error
	if a.Team != "" {
		pool, err = p.dir.TeamMembers(ctx, p.tenant, a.Team)
	} else {
		pool, err = p.dir.RoleHolders(ctx, p.tenant, a.Role)
	}
	if err != nil || len(pool) == 0 {
		return "", nil, err
	}
	slices.Sort(pool)

	load, err := p.loads(ctx, pool)
	if err != nil {
		return "", nil, err
	}
	best, bestLoad := "", -1
	for _, id := range pool {
		if n := load[id]; bestLoad < 0 || n < bestLoad {
			best, bestLoad = id, n
		}
	}
	return best, nil, nil
}

// managers returns up to levels managers above id, nearest first.
func (p people) managers(ctx context.Context, id string, levels int) ([]string, error) {
	if levels <= 0 {
		levels = 1
	}
	levels = min(levels, process.MaxManagerLevels)
	var out []string
	for cur := id; len(out) < levels && cur != ""; {
		person, ok, err := p.dir.Person(ctx, p.tenant, cur)
		if err != nil {
			return nil, fmt.Errorf("reading manager of %s: %w", cur, err)
		}
		if !ok || person.ManagerID == "" || slices.Contains(out, person.ManagerID) {
			break
		}
		out = append(out, person.ManagerID)
		cur = person.ManagerID
	}
	return out, nil
}

// recipients resolves notification rules; someone named twice is listed
// once.
func (p people) recipients(ctx context.Context, rules []process.Recipient, ownerID,
	assigneeID string) ([]string, error) {
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	for _, r := range rules {
		ids, err := p.recipient(ctx, r, ownerID, assigneeID)
		if err != nil {
			return nil, err
		}
		add(ids...)
	}
	return out, nil
}

func (p people) recipient(ctx context.Context, r process.Recipient, ownerID,
	assigneeID string) ([]string, error) {
	switch r.Kind {
	case process.ToOwner:
		return []string{ownerID}, nil
	case process.ToOwnerManager:
		return p.managers(ctx, ownerID, r.Levels)
	case process.ToAssignee:
		return []string{assigneeID}, nil
	case process.ToAssigneeManager:
		return p.managers(ctx, assigneeID, r.Levels)
	case process.ToRole:
		return p.dir.RoleHolders(ctx, p.tenant, r.Role)
	case process.ToUser:
		return []string{r.User}, nil
	}
	return nil, nil
}

// name returns a person's display name; for a person without one, their
// e-mail address; their id when neither is known.
func (p people) name(ctx context.Context, id string) string {
	if id == "" {
		return ""
	}
	person, ok, err := p.dir.Person(ctx, p.tenant, id)
	switch {
	case err != nil || !ok:
		return id
	case person.Name != "":
		return person.Name
	case person.Email != "":
		return person.Email
	}
	return id
}
