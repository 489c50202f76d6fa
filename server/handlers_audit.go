package server

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/audit"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/plugins/webhook"
)

// AuditEntryView is one entry of the audit log.
type AuditEntryView struct {
	ID string `json:"id"`
	// At is when it happened.
	At time.Time `json:"at"`
	// ActorID and ActorName say who acted (for a failed sign-in: whose
	// account); the name is the user's current one.
	ActorID   string `json:"actor_id"`
	ActorName string `json:"actor_name"`
	// Action is one of the actions of the audit contract, e.g. "user.update".
	Action string `json:"action"`
	// ObjectKind and ObjectID name what was acted on.
	ObjectKind string `json:"object_kind"`
	ObjectID   string `json:"object_id"`
	// Summary is made of field names, keys and versions, never values.
	Summary string `json:"summary"`
	// Outcome is "ok" or "denied".
	Outcome string `json:"outcome"`
	// IP is the client address.
	IP string `json:"ip"`
}

// AuditList is one page of the audit log, newest first.
type AuditList struct {
	Items []AuditEntryView `json:"items"`
	// NextCursor fetches the next page; absent on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

// auditRoutes declares the audit log. There is deliberately no route that
// changes or deletes an entry.
func (s *Server) auditRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/api/v1/audit", op: "listAudit", tag: "audit",
			summary: "The audit log, newest first (owners and admins)", perm: auth.ReadAudit,
			out: AuditList{}, status: http.StatusOK, handler: s.listAudit},
	}
}

func (s *Server) listAudit(c fiber.Ctx) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	f, err := audit.ParseFilter(func(name string) string { return c.Query(name) })
	if err != nil {
		return err
	}
	p := principalOf(c)

	entries, more, err := s.audit.List(c.Context(), p.TenantID, f, pg.After, pg.Limit)
	if err != nil {
		return err
	}
	names, err := s.deps.Accounts.UserNames(c.Context(), p, actorsOf(entries))
	if err != nil {
		return err
	}
	return c.JSON(auditList(entries, names, more))
}

func actorsOf(entries []audit.Entry) []string {
	seen := map[string]bool{}
	for _, e := range entries {
		if e.ActorID != "" {
			seen[e.ActorID] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

func auditList(entries []audit.Entry, names map[string]string, more bool) AuditList {
	out := AuditList{Items: make([]AuditEntryView, 0, len(entries))}
	for _, e := range entries {
		out.Items = append(out.Items, AuditEntryView{ID: e.ID, At: e.At, ActorID: e.ActorID,
			ActorName: names[e.ActorID], Action: e.Action, ObjectKind: e.ObjectKind,
			ObjectID: e.ObjectID, Summary: e.Summary, Outcome: string(e.Outcome), IP: e.IP})
	}
	if more {
		out.NextCursor = encodeCursor(entries[len(entries)-1].ID)
	}
	return out
}

// auditSpec says what a successful call of a route is recorded as.
type auditSpec struct {
	action string
	kind   string // object kind
	// versioned entries are summarised by the version the answer names.
	versioned bool
}

// auditedOps maps the op id of every route that changes a definition, a
// person, a token, an intake link or a plugin instance to its audit
// action. This is the one place such changes are recorded: the route hook
// (audited) writes the entry, so no domain package needs to know about the
// audit log. A test fails when a changing route is neither here nor
// exempted there with a reason.
var auditedOps = func() map[string]auditSpec {
	m := map[string]auditSpec{
		"createUser":            {audit.UserCreate, "user", false},
		"updateUser":            {audit.UserUpdate, "user", false},
		"updateMe":              {audit.UserUpdate, "user", false},
		"createToken":           {audit.TokenCreate, "token", false},
		"revokeToken":           {audit.TokenRevoke, "token", false},
		"createIntakeLink":      {audit.TokenCreate, "intake_link", false},
		"revokeIntakeLink":      {audit.TokenRevoke, "intake_link", false},
		"createPluginInstance":  {audit.PluginInstanceCreate, "plugin_instance", false},
		"updatePluginInstance":  {audit.PluginInstanceUpdate, "plugin_instance", false},
		"disablePluginInstance": {audit.PluginInstanceDelete, "plugin_instance", false},
		"importApp":             {audit.DefinitionSave, "app", false},
		"installTemplate":       {audit.DefinitionSave, "template", false},
		"putReward":             {audit.DefinitionSave, "reward", false},
		"rotateSigningKey":      {audit.WebhookRotate, "signing_key", true},
		// The one read audited: the signing key is a credential.
		"getSigningKey": {audit.SigningKeyRead, "signing_key", true},
	}
	for _, k := range designer.Kinds {
		one := strings.ToUpper(string(k[:1])) + string(k[1:])
		m["create"+one] = auditSpec{audit.DefinitionSave, string(k), false}
		m["update"+one] = auditSpec{audit.DefinitionSave, string(k), false}
		m["archive"+one] = auditSpec{audit.DefinitionDelete, string(k), false}
		m["publish"+one] = auditSpec{audit.DefinitionPublish, string(k), true}
	}
	return m
}()

// AuditedOps lists the op ids whose successful calls are audited, for the
// test that checks every changing route is.
func AuditedOps() []string { return slices.Sorted(maps.Keys(auditedOps)) }

// audited is the route hook of the audit log. It carries the client address
// to the domain (sign-in events), renders an error answer itself so that it
// sees the final status, and then records a 403 as access.denied and a
// successful change as its action. A replayed idempotent answer changed
// nothing and is not recorded again.
func (s *Server) audited(r route) fiber.Handler {
	spec, changes := auditedOps[r.op]
	return func(c fiber.Ctx) error {
		c.SetContext(audit.WithIP(c.Context(), c.IP()))
		if err := c.Next(); err != nil {
			if herr := s.app.Config().ErrorHandler(c, err); herr != nil {
				return herr
			}
		}

		status := c.Response().StatusCode()
		switch {
		case status == http.StatusForbidden:
			s.recordDenial(c, r)
		case changes && status/100 == 2 && c.GetRespHeader("Idempotent-Replayed") == "":
			s.recordChange(c, r, spec)
		}
		return nil
	}
}

func (s *Server) recordDenial(c fiber.Ctx, r route) {
	p := principalOf(c)
	var answer struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(c.Response().Body(), &answer)
	s.audit.Record(c.Context(), p.TenantID, audit.Entry{ActorID: p.UserID,
		Action: audit.AccessDenied, ObjectKind: r.object, ObjectID: firstParam(c, r),
		Summary: strings.TrimSpace(r.op + " " + answer.Code), Outcome: audit.Denied})
}

func (s *Server) recordChange(c fiber.Ctx, r route, spec auditSpec) {
	p := principalOf(c)
	answer := answerFields(c.Response().Body())
	e := audit.Entry{ActorID: p.UserID, Action: spec.action, ObjectKind: spec.kind,
		ObjectID: firstParam(c, r), Summary: audit.FieldSummary(bodyFields(c.Body()))}
	if r.object != spec.kind || e.ObjectID == "" {
		e.ObjectID = answer.ID
	}
	if r.op == "updateMe" {
		e.ObjectID = p.UserID
	}

	switch {
	case spec.versioned:
		e.Summary = "v" + strconv.Itoa(answer.Version)
	case spec.kind == "plugin_instance" && spec.action != audit.PluginInstanceDelete:
		if spec.action == audit.PluginInstanceUpdate && rotatesSecret(c.Body(), answer) {
			e.Action = audit.WebhookRotate
		}
		e.Summary = strings.TrimSpace(audit.FieldSummary([]string{answer.Plugin}) + " " +
			e.Summary)
	}
	s.audit.Record(c.Context(), p.TenantID, e)
}

// firstParam is the value of the route's :id, or of its first parameter
// when it names the route's object.
func firstParam(c fiber.Ctx, r route) string {
	if v := c.Params("id"); v != "" && r.object != "" {
		return v
	}
	return ""
}

// answered holds the few fields of a success answer an entry may name.
type answered struct {
	ID       string         `json:"id"`
	Version  int            `json:"version"`
	Plugin   string         `json:"plugin"`
	Settings map[string]any `json:"settings"`
}

func answerFields(body []byte) answered {
	var a answered
	_ = json.Unmarshal(body, &a)
	return a
}

// bodyFields lists a request body's top-level keys, and the keys of its
// settings object as "settings.<key>"; never a value.
func bodyFields(body []byte) []string {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return nil
	}
	out := make([]string, 0, len(top))
	for k, v := range top {
		out = append(out, k)
		if k != "settings" {
			continue
		}
		var inner map[string]json.RawMessage
		if json.Unmarshal(v, &inner) == nil {
			for ik := range inner {
				out = append(out, "settings."+ik)
			}
		}
	}
	return out
}

// rotatesSecret reports whether a change of a webhook instance sets a new
// signing secret: the answer masks the setting, the request sent a value
// other than the mask.
func rotatesSecret(body []byte, a answered) bool {
	if a.Plugin != webhook.Name || a.Settings["secret"] != plugins.Mask {
		return false
	}
	var in struct {
		Settings map[string]any `json:"settings"`
	}
	if json.Unmarshal(body, &in) != nil {
		return false
	}
	sent, ok := in.Settings["secret"].(string)
	return ok && sent != "" && sent != plugins.Mask
}
