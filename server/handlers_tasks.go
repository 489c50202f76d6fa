package server

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/designer/calendar"
	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/engine"
)

// CompleteInput completes a task.
type CompleteInput struct {
	// Outcome is one of the task's outcomes; empty for a task without.
	Outcome string `json:"outcome,omitempty"`
	// Data is the task form's submission.
	Data json.RawMessage `json:"data,omitempty"`
	// Version, when set, must be the task's current version.
	Version *int64 `json:"version,omitempty"`
}

// HandOverInput names a person: the new assignee (转办) or a co-handler (加签).
type HandOverInput struct {
	UserID  string `json:"user_id"`
	Version *int64 `json:"version,omitempty"`
}

// CommentInput comments on a task.
type CommentInput struct {
	Text string `json:"text"`
}

// BreachList lists the work about to breach.
type BreachList struct {
	Items []engine.Breach `json:"items"`
}

// MigrateInput says what happens to the running instances of an older
// version once a new one is published.
type MigrateInput struct {
	// From is the version whose running instances are concerned.
	From int `json:"from"`
	// Mode is keep_running (the default), migrate (with Mapping) or
	// cancel_and_restart.
	Mode engine.MigrationMode `json:"mode"`
	// Mapping maps old node ids to new ones for migrate; a node absent
	// keeps its id.
	Mapping map[string]string `json:"mapping,omitempty"`
}

// EventView answers a posted event.
type EventView struct {
	// Started counts the process runs the event started (or had started,
	// for a repeated event id).
	Started int `json:"started"`
}

// SimulateInput runs a process against a virtual clock.
type SimulateInput struct {
	// Version is the published version to run; 0 runs the draft.
	Version int `json:"version,omitempty"`
	// Script is the record and the events to play; a "submit" event starts
	// the process, e.g. [{"kind": "submit"}, {"kind": "advance",
	// "duration": "5h"}].
	Script engine.Script `json:"script"`
}

func (s *Server) taskRoutes() []route {
	task := func(method, suffix, op, summary string, in, out any, status int,
		h fiber.Handler) route {
		return route{method: method, path: "/api/v1/tasks/:id" + suffix, op: op, tag: "tasks",
			summary: summary, object: "task", in: in, out: out, status: status, handler: h}
	}
	return []route{
		{method: http.MethodGet, path: "/api/v1/tasks", op: "listTasks", tag: "tasks",
			summary: "Task inbox: ?assignee=me|team|<user id>&status=open|done|overdue" +
				"&due_within=2h&escalated=true (escalation level 1 or more; without " +
				"assignee, every escalation the caller may see)",
			out: engine.InboxPage{}, status: http.StatusOK, handler: s.listTasks},
		{method: http.MethodGet, path: "/api/v1/tasks/about-to-breach", op: "aboutToBreach",
			tag: "tasks", summary: "Tasks and silent records about to breach (?within=4h)",
			out: BreachList{}, status: http.StatusOK, handler: s.aboutToBreach},
		task(http.MethodGet, "", "getTask", "One task", nil, engine.Task{}, http.StatusOK,
			s.getTask),
		task(http.MethodPost, "/complete", "completeTask", "Complete with an outcome and form",
			CompleteInput{}, engine.Task{}, http.StatusOK, s.completeTask),
		task(http.MethodPost, "/reassign", "reassignTask", "Hand the task to someone else (转办)",
			HandOverInput{}, engine.Task{}, http.StatusOK, s.reassignTask),
		task(http.MethodPost, "/co-handlers", "addCoHandler", "Add a co-handler (加签)",
			HandOverInput{}, engine.Task{}, http.StatusOK, s.addCoHandler),
		task(http.MethodPost, "/urge", "urgeTask", "Nudge the assignee (催办), once an hour",
			nil, nil, http.StatusNoContent, s.urgeTask),
		task(http.MethodPost, "/comments", "commentTask", "Comment on the task",
			CommentInput{}, engine.Task{}, http.StatusOK, s.commentTask),
		{method: http.MethodPost, path: "/api/v1/processes/:id/start", op: "startProcess",
			tag: "processes", summary: "Start a process whose trigger is manual",
			object: "process", idempotent: true, in: engine.ManualStart{},
			out: engine.Instance{}, status: http.StatusCreated, handler: s.startProcess},
		{method: http.MethodPost, path: "/api/v1/events", op: "postEvent", tag: "processes",
			summary: "Post an event from another system; inbound_event triggers start",
			in:      engine.InboundEvent{}, out: EventView{}, status: http.StatusAccepted,
			handler: s.postEvent},
		{method: http.MethodPost, path: "/api/v1/processes/:id/migrate", op: "migrateInstances",
			tag: "processes", summary: "Keep, migrate or restart the running instances of " +
				"an older version on the latest one; the choice is recorded on each",
			perm: auth.WriteDefinitions, object: "process", in: MigrateInput{},
			out: engine.MigrationReport{}, status: http.StatusOK, handler: s.migrate},
		{method: http.MethodPost, path: "/api/v1/processes/:id/simulate", op: "simulateProcess",
			tag: "processes", summary: "Run a version or the draft on a virtual clock: " +
				"nothing is written or sent", perm: auth.WriteDefinitions, object: "process",
			in: SimulateInput{}, out: engine.Timeline{}, status: http.StatusOK,
			handler: s.simulate},
	}
}

func (s *Server) listTasks(c fiber.Ctx) error {
	q := engine.Query{Assignee: c.Query("assignee"), Status: c.Query("status"),
		Cursor: c.Query("cursor"), Limit: fiber.Query[int](c, "limit", 0)}
	if v := c.Query("due_within"); v != "" {
		d, err := queryDuration(v, "due_within")
		if err != nil {
			return err
		}
		q.DueWithin = d
	}
	escalated, err := queryBool(c.Query("escalated"), "escalated")
	if err != nil {
		return err
	}
	q.Escalated = escalated
	page, err := s.deps.Engine.Inbox(c.Context(), principalOf(c), q)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

// queryBool reads a true/false query parameter; absent is false.
func queryBool(v, name string) (bool, error) {
	switch v {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, problem.New(problem.BadRequest, "request.invalid_query",
		i18n.Params{"name": name})
}

func queryDuration(v, name string) (time.Duration, error) {
	d, err := calendar.ParseDuration(v)
	if err != nil || d.Business {
		return 0, problem.New(problem.BadRequest, "request.invalid_query",
			i18n.Params{"name": name})
	}
	return d.Nominal(), nil
}

func (s *Server) aboutToBreach(c fiber.Ctx) error {
	within, err := queryDuration(c.Query("within", "4h"), "within")
	if err != nil {
		return err
	}
	items, err := s.deps.Engine.AboutToBreach(c.Context(), principalOf(c), within)
	if err != nil {
		return err
	}
	if items == nil {
		items = []engine.Breach{}
	}
	return c.JSON(BreachList{Items: items})
}

func (s *Server) getTask(c fiber.Ctx) error {
	t, err := s.deps.Engine.Task(c.Context(), principalOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(t)
}

// taskAction reads a task action's body after checking the task is
// visible, runs it and answers the task as it is afterwards.
func (s *Server) taskAction(c fiber.Ctx, in any,
	run func(p auth.Principal, id string) error) error {
	p, id := principalOf(c), c.Params("id")
	if _, err := s.deps.Engine.Task(c.Context(), p, id); err != nil {
		return err
	}
	if in != nil {
		if err := decodeJSON(c, in); err != nil {
			return err
		}
	}
	if err := run(p, id); err != nil {
		return err
	}
	t, err := s.deps.Engine.Task(c.Context(), p, id)
	if err != nil {
		return err
	}
	return c.JSON(t)
}

func (s *Server) completeTask(c fiber.Ctx) error {
	var in CompleteInput
	return s.taskAction(c, &in, func(p auth.Principal, id string) error {
		_, err := s.deps.Engine.Complete(c.Context(), p, id,
			engine.Completion{Version: in.Version, Outcome: in.Outcome, Data: in.Data})
		return err
	})
}

func (s *Server) reassignTask(c fiber.Ctx) error {
	var in HandOverInput
	return s.taskAction(c, &in, func(p auth.Principal, id string) error {
		return s.deps.Engine.Reassign(c.Context(), p, id, in.UserID, in.Version)
	})
}

func (s *Server) addCoHandler(c fiber.Ctx) error {
	var in HandOverInput
	return s.taskAction(c, &in, func(p auth.Principal, id string) error {
		return s.deps.Engine.AddCoHandler(c.Context(), p, id, in.UserID, in.Version)
	})
}

func (s *Server) urgeTask(c fiber.Ctx) error {
	p, id := principalOf(c), c.Params("id")
	if err := s.deps.Engine.Urge(c.Context(), p, id); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) commentTask(c fiber.Ctx) error {
	var in CommentInput
	return s.taskAction(c, &in, func(p auth.Principal, id string) error {
		return s.deps.Engine.Comment(c.Context(), p, id, in.Text)
	})
}

func (s *Server) simulate(c fiber.Ctx) error {
	p := principalOf(c)
	d, err := s.deps.Designer.Get(c.Context(), p, designer.KindProcess, c.Params("id"))
	if err != nil {
		return err
	}
	var in SimulateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	g, err := s.graphToSimulate(c, d, in.Version)
	if err != nil {
		return err
	}
	tl, err := s.deps.Engine.Simulate(c.Context(), p, g, in.Script)
	if err != nil {
		return err
	}
	if tl.Entries == nil {
		tl.Entries = []engine.TimelineEntry{}
	}
	return c.JSON(tl)
}

func (s *Server) graphToSimulate(c fiber.Ctx, d *designer.Definition,
	version int) (process.Graph, error) {
	if version == 0 {
		return designer.DraftGraph(d.DraftJSON())
	}
	v, err := s.deps.Designer.Version(c.Context(), principalOf(c), designer.KindProcess, d.ID,
		version)
	if err != nil {
		return process.Graph{}, err
	}
	return designer.ProcessGraph(v)
}

func (s *Server) migrate(c fiber.Ctx) error {
	p := principalOf(c)
	d, err := s.deps.Designer.Get(c.Context(), p, designer.KindProcess, c.Params("id"))
	if err != nil {
		return err
	}
	var in MigrateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.From < 1 || in.From >= d.Published {
		return problem.Fields(problem.Field("/from", "out_of_range",
			i18n.Params{"min": 1, "max": d.Published - 1}))
	}
	if in.Mode == "" {
		in.Mode = engine.KeepRunning
	}
	rep, err := s.deps.Engine.MigrateInstances(c.Context(), p, d.Key, in.From,
		engine.MigrationPlan{Mode: in.Mode, Mapping: in.Mapping})
	if err != nil {
		return err
	}
	return c.JSON(rep)
}

func (s *Server) startProcess(c fiber.Ctx) error {
	p := principalOf(c)
	d, err := s.deps.Designer.Get(c.Context(), p, designer.KindProcess, c.Params("id"))
	if err != nil {
		return err
	}
	var in engine.ManualStart
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	inst, err := s.deps.Engine.StartManual(c.Context(), p, d.Key, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(inst)
}

func (s *Server) postEvent(c fiber.Ctx) error {
	var in engine.InboundEvent
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	n, err := s.deps.Engine.OnInboundEvent(c.Context(), principalOf(c).TenantID, in)
	if err != nil {
		return err
	}
	return c.Status(http.StatusAccepted).JSON(EventView{Started: n})
}
