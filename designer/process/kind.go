package process

import (
	"reflect"
	"slices"
)

// Kind is the kind of a node: what the step does.
type Kind string

// The node kinds, each with its config type.
const (
	KindTrigger          Kind = "trigger"           // *TriggerConfig
	KindUserTask         Kind = "user_task"         // *UserTaskConfig
	KindTimer            Kind = "timer"             // *TimerConfig
	KindSilenceWatch     Kind = "silence_watch"     // *SilenceWatchConfig
	KindExclusiveGateway Kind = "exclusive_gateway" // *ExclusiveGatewayConfig
	KindParallelSplit    Kind = "parallel_split"    // *ParallelSplitConfig
	KindParallelJoin     Kind = "parallel_join"     // *ParallelJoinConfig
	KindNotify           Kind = "notify"            // *NotifyConfig
	KindSetFields        Kind = "set_fields"        // *SetFieldsConfig
	KindMoveStage        Kind = "move_stage"        // *MoveStageConfig
	KindAssignOwner      Kind = "assign_owner"      // *AssignOwnerConfig
	KindCreateTicket     Kind = "create_ticket"     // *CreateTicketConfig
	KindCreateRecord     Kind = "create_record"     // *CreateRecordConfig
	KindAwardPoints      Kind = "award_points"      // *AwardPointsConfig
	KindCallAction       Kind = "call_action"       // *CallActionConfig
	KindSubProcess       Kind = "sub_process"       // *SubProcessConfig
	KindEnd              Kind = "end"               // *EndConfig
)

// Config is the kind-specific settings of a node. Every config type is a
// pointer to a struct whose Kind method names the node kind it belongs to.
type Config interface {
	// Kind returns the node kind the config belongs to.
	Kind() Kind
}

// kindConfigs builds an empty config for each kind, in palette order.
var kindConfigs = []func() Config{
	func() Config { return &TriggerConfig{} },
	func() Config { return &UserTaskConfig{} },
	func() Config { return &TimerConfig{} },
	func() Config { return &SilenceWatchConfig{} },
	func() Config { return &ExclusiveGatewayConfig{} },
	func() Config { return &ParallelSplitConfig{} },
	func() Config { return &ParallelJoinConfig{} },
	func() Config { return &NotifyConfig{} },
	func() Config { return &SetFieldsConfig{} },
	func() Config { return &MoveStageConfig{} },
	func() Config { return &AssignOwnerConfig{} },
	func() Config { return &CreateTicketConfig{} },
	func() Config { return &CreateRecordConfig{} },
	func() Config { return &AwardPointsConfig{} },
	func() Config { return &CallActionConfig{} },
	func() Config { return &SubProcessConfig{} },
	func() Config { return &EndConfig{} },
}

var configByKind = func() map[Kind]func() Config {
	m := make(map[Kind]func() Config, len(kindConfigs))
	for _, f := range kindConfigs {
		m[f().Kind()] = f
	}
	return m
}()

// Kinds lists every node kind in the order the designer's palette shows
// them.
func Kinds() []Kind {
	out := make([]Kind, len(kindConfigs))
	for i, f := range kindConfigs {
		out[i] = f().Kind()
	}
	return out
}

// Known reports whether k is one of the node kinds.
func (k Kind) Known() bool {
	_, ok := configByKind[k]
	return ok
}

// newConfig returns an empty config for kind k.
func newConfig(k Kind) (Config, bool) {
	f, ok := configByKind[k]
	if !ok {
		return nil, false
	}
	return f(), true
}

// configType is the struct type of kind k's config.
func configType(k Kind) (reflect.Type, bool) {
	c, ok := newConfig(k)
	if !ok {
		return nil, false
	}
	return reflect.TypeOf(c).Elem(), true
}

// ConfigAs returns n's config as T, for example
// ConfigAs[*UserTaskConfig](n). When the config is missing or of another
// type it returns a new empty T and false, so callers never see nil.
func ConfigAs[T Config](n Node) (T, bool) {
	if c, ok := n.Config.(T); ok && !reflect.ValueOf(c).IsNil() {
		return c, true
	}
	return reflect.New(reflect.TypeFor[T]().Elem()).Interface().(T), false
}

// waitingKinds are the kinds at which a token can rest.
var waitingKinds = []Kind{KindUserTask, KindTimer, KindSilenceWatch, KindParallelJoin}

// Waits reports whether a token can rest at n for a while: user tasks,
// timers and silence watches wait for people or time, a parallel join
// waits for its sibling branches, and a sub-process with Wait set waits
// for its child. Removing such a node strands the tokens resting there.
func (n Node) Waits() bool {
	if n.Kind == KindSubProcess {
		c, _ := ConfigAs[*SubProcessConfig](n)
		return c.Wait
	}
	return slices.Contains(waitingKinds, n.Kind)
}
