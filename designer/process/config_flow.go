package process

// ExclusiveGatewayConfig configures an exclusive gateway (a decision). It
// has no settings: its outgoing edges carry the conditions, tried in graph
// order, and exactly one of them is the default.
type ExclusiveGatewayConfig struct{}

// Kind returns KindExclusiveGateway.
func (*ExclusiveGatewayConfig) Kind() Kind { return KindExclusiveGateway }

// ParallelSplitConfig configures a parallel split: the token is replaced by
// one token per outgoing edge (a branch). It has no settings.
type ParallelSplitConfig struct{}

// Kind returns KindParallelSplit.
func (*ParallelSplitConfig) Kind() Kind { return KindParallelSplit }

// ParallelJoinConfig configures a parallel join. It closes exactly one
// parallel split: it waits until every branch that split started has
// arrived, then lets one token go on. It has no settings.
type ParallelJoinConfig struct{}

// Kind returns KindParallelJoin.
func (*ParallelJoinConfig) Kind() Kind { return KindParallelJoin }

// EndConfig configures an end node: the token that reaches it finishes,
// and the instance completes when it has no tokens left. It has no
// settings.
type EndConfig struct{}

// Kind returns KindEnd.
func (*EndConfig) Kind() Kind { return KindEnd }
