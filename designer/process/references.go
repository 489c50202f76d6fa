package process

import (
	"slices"
	"sort"
)

// References lists, by kind, every key the graph's nodes refer to, sorted
// and without repeats, so that a caller can load exactly what Lint will
// ask its Context about. Kinds with no reference are absent.
func References(g Graph) map[RefKind][]string {
	refs := map[RefKind][]string{}
	add := func(kind RefKind, key string) {
		if key != "" {
			refs[kind] = append(refs[kind], key)
		}
	}
	for _, n := range g.Nodes {
		nodeReferences(n, add)
	}

	for kind, keys := range refs {
		sort.Strings(keys)
		refs[kind] = slices.Compact(keys)
	}
	return refs
}

// nodeReferences calls add for every reference of one node.
func nodeReferences(n Node, add func(RefKind, string)) {
	switch c := n.Config.(type) {
	case *TriggerConfig:
		add(RefForm, c.Form)
		add(RefCalendar, c.Calendar)
	case *UserTaskConfig:
		assigneeReferences(c.Assignee, add)
		add(RefForm, c.Form)
		add(RefCalendar, c.Calendar)
	case *TimerConfig:
		add(RefCalendar, c.Calendar)
	case *SilenceWatchConfig:
		add(RefCalendar, c.Calendar)
	case *NotifyConfig:
		add(RefChannel, c.Channel)
		for _, r := range c.Recipients {
			add(RefRole, r.Role)
			add(RefUser, r.User)
		}
	case *CreateTicketConfig:
		add(RefForm, c.Form)
		assigneeReferences(c.Assignee, add)
	case *CreateRecordConfig:
		add(RefForm, c.Form)
		assigneeReferences(c.Owner, add)
	case *AwardPointsConfig:
		add(RefLedger, c.Ledger)
		add(RefUser, c.User)
	case *CallActionConfig:
		add(RefPlugin, c.Plugin)
	case *SubProcessConfig:
		add(RefProcess, c.Process)
	}
}

func assigneeReferences(a Assignee, add func(RefKind, string)) {
	add(RefRole, a.Role)
	add(RefTeam, a.Team)
	add(RefUser, a.User)
}
