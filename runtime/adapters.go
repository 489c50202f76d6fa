package runtime

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/process"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/plugins"
	"github.com/formworkhq/formwork/runtime/engine"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/outbox"
	"github.com/formworkhq/formwork/runtime/record"
	"github.com/formworkhq/formwork/runtime/timer"
)

// systemActor is the user id of changes a process makes by itself.
const systemActor = "system"

// system is the principal of a process step in tenantID.
func system(tenantID string) auth.Principal {
	return auth.Principal{TenantID: tenantID, UserID: systemActor,
		Roles: []auth.Role{auth.Admin}}
}

// recordEvent turns a stored record write into the engine's event.
func recordEvent(ev record.Event) engine.RecordEvent {
	out := engine.RecordEvent{ID: ev.ID, TenantID: ev.TenantID, Fields: ev.Changed, At: ev.At}
	if ev.Record != nil {
		out.RecordID, out.Form = ev.Record.ID, ev.Record.Form
		if ev.Kind != record.EventDeleted {
			out.Record = engineRecord(ev.Record)
		}
	}
	switch ev.Kind {
	case record.EventCreated:
		out.Kind = engine.RecordCreated
	case record.EventDeleted:
		out.Kind = engine.RecordDeleted
	case record.EventActivity:
		out.Kind = engine.RecordActivity
	default:
		out.Kind = engine.RecordChanged
	}
	return out
}

// recordAccess gives the engine the records it works on.
type recordAccess struct{ svc *record.Service }

var _ engine.RecordAccess = recordAccess{}

func (a recordAccess) Record(ctx context.Context, tenantID, id string) (*engine.Record, error) {
	r, err := a.svc.Get(ctx, system(tenantID), id)
	if pe, ok := problem.As(err); ok && pe.Kind == problem.NotFound {
		return nil, engine.ErrRecordNotFound
	}
	if err != nil {
		return nil, err
	}
	return engineRecord(r), nil
}

var _ engine.RecordPager = recordAccess{}

// RecordsPage lists a form's records oldest first, for a schedule that
// starts an instance per record.
func (a recordAccess) RecordsPage(ctx context.Context, tenantID, form, cursor string,
	limit int) ([]*engine.Record, string, error) {
	page, err := a.svc.List(ctx, system(tenantID), record.Query{Form: form,
		Sort: "created_at", Cursor: cursor, Limit: limit})
	if err != nil {
		return nil, "", err
	}
	out := make([]*engine.Record, len(page.Items))
	for i, r := range page.Items {
		out[i] = engineRecord(r)
	}
	return out, page.NextCursor, nil
}

// engineRecord is what the engine sees of a record.
func engineRecord(r *record.Record) *engine.Record {
	return &engine.Record{ID: r.ID, Form: r.Form, OwnerID: r.OwnerID, Stage: r.Stage,
		Data: r.Data, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		LastActivityAt: r.LastActivityAt}
}

// Assign gives a record to another owner on behalf of a process step.
func (a recordAccess) Assign(ctx context.Context, tenantID, id, ownerID string) error {
	_, err := a.svc.Assign(ctx, system(tenantID), id, ownerID)
	if pe, ok := problem.As(err); ok && pe.Kind == problem.NotFound {
		return engine.ErrRecordNotFound
	}
	return err
}

// SetFields writes a process step's changes with the record's own
// validation; values already in place change nothing, which makes a
// repeated step harmless. A concurrent edit is retried on the new version.
func (a recordAccess) SetFields(ctx context.Context, tenantID, id string,
	change engine.FieldsSpec) error {
	p := system(tenantID)
	for range 3 {
		r, err := a.svc.Get(ctx, p, id)
		if err != nil {
			return err
		}
		patch := pendingChanges(r, change)
		if len(patch) == 0 {
			return nil
		}
		_, err = a.svc.Update(ctx, p, id, r.Version, patch)
		if pe, ok := problem.As(err); ok && pe.Kind == problem.Conflict {
			continue
		}
		return err
	}
	return fmt.Errorf("setting fields of record %s: it kept changing", id)
}

func pendingChanges(r *record.Record, change engine.FieldsSpec) map[string]any {
	patch := map[string]any{}
	for k, v := range change.Set {
		if !reflect.DeepEqual(r.Data[k], v) {
			patch[k] = v
		}
	}
	if change.Stage != "" && r.Stage != change.Stage {
		patch[record.StageField] = change.Stage
	}
	return patch
}

// timerAccess keeps the engine's timers as durable timers; the engine's
// opaque reference travels in Ref.InstanceID and comes back on firing.
type timerAccess struct{ svc *timer.Service }

var _ engine.TimerBatchScheduler = timerAccess{}

func (a timerAccess) Schedule(ctx context.Context, tenantID string, t engine.Timer) error {
	return a.svc.Schedule(ctx, tenantID, durableTimer(t))
}

// ScheduleAll stores the timers of one event with one insert.
func (a timerAccess) ScheduleAll(ctx context.Context, tenantID string, ts []engine.Timer) error {
	out := make([]*timer.Timer, len(ts))
	for i, t := range ts {
		out[i] = durableTimer(t)
	}
	return a.svc.ScheduleAll(ctx, tenantID, out)
}

func durableTimer(t engine.Timer) *timer.Timer {
	return &timer.Timer{ID: t.ID, Kind: string(t.Kind), Ref: timer.Ref{InstanceID: t.Ref},
		DueAt: t.Due}
}

func (a timerAccess) Cancel(ctx context.Context, tenantID, id string) error {
	err := a.svc.Cancel(ctx, tenantID, id)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil
	}
	return err
}

// outboxAccess hands the engine's side effects to the outbox. A message
// about a record links to the record's page under publicURL, so that an
// e-mail or IM card has somewhere to take its reader (WeCom and DingTalk
// task cards need a link); without a publicURL messages carry none.
type outboxAccess struct {
	svc       *outbox.Service
	publicURL string
}

var _ engine.OutboxWriter = outboxAccess{}

func (a outboxAccess) Write(ctx context.Context, tenantID string, m engine.OutboxMessage) error {
	channel := m.Channel
	if m.Kind == engine.MessageCallAction {
		channel = plugins.ActionChannel // a plugin's action or a signed webhook call
	}
	if isCreateRecord(m) {
		channel = CreateRecordChannel
	}
	if channel == "" {
		channel = outbox.ChannelInApp
	}
	link := a.link(m)
	text := outboxText(m.Text, link)
	_, err := a.svc.Add(ctx, tenantID, outbox.Message{DedupeKey: m.DedupeKey,
		Channel: channel, Kind: outbox.Kind(m.Kind), Recipients: m.Recipients,
		Title: text, Body: text, Link: link,
		RecordID: m.RecordID, InstanceID: m.InstanceID, TaskID: m.TaskID,
		Payload: m.Payload})
	return err
}

// link is the web app's page of the message's record, or "".
func (a outboxAccess) link(m engine.OutboxMessage) string {
	if a.publicURL == "" || m.RecordID == "" || m.Kind == engine.MessageCallAction {
		return ""
	}
	return strings.TrimRight(a.publicURL, "/") + "/records/" + url.PathEscape(m.RecordID)
}

// outboxText is t per locale with {{record.link}} replaced by link.
func outboxText(t process.Text, link string) outbox.Text {
	out := outbox.Text{}
	for l, s := range t {
		out[i18n.Locale(l)] = strings.ReplaceAll(s, engine.LinkPlaceholder, link)
	}
	return out
}

// ledgerAccess books the engine's points.
type ledgerAccess struct{ svc *ledger.Service }

var _ engine.PointsLedger = ledgerAccess{}

func (a ledgerAccess) Award(ctx context.Context, tenantID string, e engine.PointsEntry) error {
	reason := ledger.Text{}
	for l, s := range e.Reason {
		reason[l] = s
	}
	_, _, err := a.svc.Award(ctx, tenantID, ledger.Award{Ledger: e.Ledger, UserID: e.UserID,
		Points: int64(math.Round(e.Points)), Reason: reason,
		Source: e.InstanceID + "/" + e.RecordID, DedupeKey: e.DedupeKey})
	return err
}

// directory answers the engine's questions about people from the users
// collection.
type directory struct{ store *mongo.Store }

var _ engine.Directory = directory{}

// users reads through the store's read cache: people change rarely, and
// routing and notifying ask about the same ones for every record (see
// mongo.Scope.Cached for how soon a change is seen).
func (d directory) users(tenantID string) mongo.CachedColl {
	return d.store.Scope(tenantID).Cached(auth.UsersCollection)
}

func (d directory) Person(ctx context.Context, tenantID, id string) (engine.Person, bool,
	error) {
	var u auth.User
	err := d.users(tenantID).FindByID(ctx, id, &u)
	if errors.Is(err, mongo.ErrNotFound) {
		return engine.Person{}, false, nil
	}
	if err != nil {
		return engine.Person{}, false, err
	}
	return engine.Person{ID: u.ID, Name: u.Name, Email: u.Email, ManagerID: u.ManagerID,
		Team: u.Team, Roles: u.Roles}, !u.Disabled, nil
}

func (d directory) ids(ctx context.Context, tenantID string, filter bson.D) ([]string, error) {
	filter = append(filter, bson.E{Key: "disabled", Value: false})
	var users []auth.User
	if err := d.users(tenantID).FindAll(ctx, filter, &users); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, u.ID)
	}
	return out, nil
}

func (d directory) TeamMembers(ctx context.Context, tenantID, team string) ([]string, error) {
	return d.ids(ctx, tenantID, bson.D{{Key: "team", Value: team}})
}

func (d directory) RoleHolders(ctx context.Context, tenantID, role string) ([]string, error) {
	return d.ids(ctx, tenantID, bson.D{{Key: "roles", Value: role}})
}

func (d directory) DirectReports(ctx context.Context, tenantID, id string) ([]string, error) {
	return d.ids(ctx, tenantID, bson.D{{Key: "manager_id", Value: id}})
}
