package engine

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// MaxSteps bounds the node visits of one Advance: a graph that loops
// without waiting fails its instance instead of spinning.
const MaxSteps = 1000

// ErrLoop is the failure of an instance that passed MaxSteps nodes in one
// step without waiting.
var ErrLoop = errors.New("process looped without waiting")

// StepKind says what happened to a token at a node.
type StepKind string

// The step kinds recorded in a transition.
const (
	StepArrived     StepKind = "arrived"
	StepWaiting     StepKind = "waiting"
	StepFired       StepKind = "fired"
	StepRescheduled StepKind = "rescheduled"
	StepReplanned   StepKind = "replanned"
	StepEnded       StepKind = "ended"
	StepNote        StepKind = "note"
)

// Step is one thing that happened in an Advance, for the instance history.
type Step struct {
	Token string   `bson:"token,omitempty" json:"token,omitempty"`
	Node  string   `bson:"node,omitempty" json:"node,omitempty"`
	What  StepKind `bson:"what" json:"what"`
	Note  string   `bson:"note,omitempty" json:"note,omitempty"`
}

// Result is what an Advance computed. When Changed is false the event did
// not concern the instance (a stale timer, a task it no longer waits for,
// an instance already ended): State is the input state and nothing is to
// be done.
type Result struct {
	State   State
	Effects []Effect
	Steps   []Step
	Changed bool
}

// run is one Advance in progress.
type run struct {
	m       *Model
	st      *State
	in      Input
	queue   []pending
	effects []Effect
	steps   []Step
	count   int
	note    *BoundaryNote
	failed  bool
}

// pending is a token on its way into a node.
type pending struct {
	tok  Token
	node string
}

// Advance applies one event to an instance's state at in.Now. It is pure:
// it reads only its arguments and changes neither of them.
func (m *Model) Advance(st State, in Input) Result {
	if in.Event.Kind != EventStart && st.Status != StatusRunning {
		return Result{State: st}
	}
	ns := st.Clone()
	if in.Record != nil {
		rec := *in.Record
		rec.Data = maps.Clone(rec.Data)
		in.Record = &rec
	}

	r := &run{m: m, st: &ns, in: in}
	if !r.dispatch() {
		return Result{State: st}
	}
	r.drain()
	r.finish()
	return Result{State: ns, Effects: r.effects, Steps: r.steps, Changed: true}
}

// dispatch starts the work of the event; false when it does not apply.
func (r *run) dispatch() bool {
	ev := r.in.Event
	switch ev.Kind {
	case EventStart:
		return r.start()
	case EventTaskCompleted:
		return r.taskCompleted(ev)
	case EventTimerFired:
		return r.timerFired(ev.TimerID)
	case EventRecordChanged:
		return r.recordChanged(ev.Fields)
	case EventChildDone:
		return r.childDone(ev.ChildID)
	case EventCalendarChanged:
		return r.calendarChanged(ev.Calendar)
	case EventCancel:
		r.cancelAll(StatusCancelled, ev.Reason)
		return true
	}
	return false
}

// start puts the first token on the trigger.
func (r *run) start() bool {
	if r.st.Status != "" || len(r.st.Tokens) > 0 {
		return false
	}
	r.st.Status = StatusRunning
	r.st.Vars = maps.Clone(r.in.Event.Vars)
	r.enter(r.newToken(""), r.m.Trigger().ID)
	return true
}

// newToken returns a fresh token in group.
func (r *run) newToken(group string) Token {
	r.st.Seq++
	return Token{ID: fmt.Sprintf("t%d", r.st.Seq), Group: group}
}

// enter queues tok to arrive at node.
func (r *run) enter(tok Token, node string) {
	tok.Wait = nil
	r.queue = append(r.queue, pending{tok: tok, node: node})
}

// drain moves queued tokens until each waits or ends.
func (r *run) drain() {
	for len(r.queue) > 0 && !r.failed {
		p := r.queue[0]
		r.queue = r.queue[1:]

		r.count++
		if r.count > MaxSteps {
			r.fail(fmt.Errorf("after %d steps: %w", MaxSteps, ErrLoop))
			return
		}
		r.arrive(p.tok, p.node)
	}
}

// rest keeps tok in the state, waiting.
func (r *run) rest(tok Token) {
	r.st.Tokens = append(r.st.Tokens, tok)
	r.step(tok, StepWaiting, string(tok.Wait.Kind))
}

// take removes the token at index i from the state and returns it.
func (r *run) take(i int) Token {
	tok := r.st.Tokens[i]
	r.st.Tokens = slices.Delete(r.st.Tokens, i, i+1)
	return tok
}

// leave moves tok along its node's normal outgoing edge; a node without
// one ends the token.
func (r *run) leave(tok Token) {
	out := r.m.edges(tok.Node, false)
	if len(out) == 0 {
		r.step(tok, StepEnded, "")
		return
	}
	r.enter(tok, out[0].To)
}

// key is the id of what tok does at its node on this visit:
// "<instance>.<token>.<node>.<visit>". Task, timer, dedupe and child ids
// derive from it, so applying an effect twice is harmless.
func (r *run) key(tok Token) string {
	return fmt.Sprintf("%s.%s.%s.%d", r.st.InstanceID, tok.ID, tok.Node, tok.Visits[tok.Node])
}

// emit adds an effect from tok at its node.
func (r *run) emit(tok Token, e Effect) {
	e.Node, e.Token, e.Boundary = tok.Node, tok.ID, r.note
	r.effects = append(r.effects, e)
}

// step records what happened to tok.
func (r *run) step(tok Token, what StepKind, note string) {
	r.steps = append(r.steps, Step{Token: tok.ID, Node: tok.Node, What: what, Note: note})
}

// finish completes the instance when no token is left.
func (r *run) finish() {
	if r.st.Status == StatusRunning && len(r.st.Tokens) == 0 {
		r.st.Status = StatusCompleted
		r.effects = append(r.effects, Effect{Kind: EffectEnd, Outcome: StatusCompleted})
	}
}

// fail ends the instance as failed, cancelling what it waits for.
func (r *run) fail(err error) {
	r.failed = true
	r.queue = nil
	r.cancelAll(StatusFailed, err.Error())
}

// cancelAll cancels every wait and ends the instance with status.
func (r *run) cancelAll(status Status, reason string) {
	for _, tok := range r.st.Tokens {
		r.cancelWait(tok)
	}
	r.st.Tokens = nil
	r.st.Status = status
	if status == StatusFailed {
		r.st.Failure = reason
	}
	r.steps = append(r.steps, Step{What: StepEnded, Note: string(status) + ": " + reason})
	r.effects = append(r.effects, Effect{Kind: EffectEnd, Outcome: status})
}

// cancelWait cancels the task and timers tok waits for.
func (r *run) cancelWait(tok Token) {
	w := tok.Wait
	if w == nil {
		return
	}
	if w.TaskID != "" {
		r.emit(tok, Effect{Kind: EffectCancelTask, TaskID: w.TaskID})
	}
	if w.TimerID != "" {
		r.emit(tok, Effect{Kind: EffectCancelTimer, TimerID: w.TimerID})
	}
	r.cancelBoundaries(tok, "")
}

// cancelBoundaries cancels tok's unfired SLA timers except keep's.
func (r *run) cancelBoundaries(tok Token, keep string) {
	for _, b := range tok.Wait.Boundaries {
		if !b.Fired && b.TimerID != keep {
			r.emit(tok, Effect{Kind: EffectCancelTimer, TimerID: b.TimerID})
		}
	}
}
