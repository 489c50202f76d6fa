package plugins

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/outbox"
)

// FieldMapSetting is the settings property of a connector instance that
// holds its field map: for each object the connector knows ("customer"),
// an object mapping each external field ("FNumber", or a dotted path such
// as "FGroup.FNumber") to the form field it fills ("customer_no"). It is
// stored with the instance's other settings, so PATCH changes it.
const FieldMapSetting = "field_map"

// FieldMapSchema is the JSON Schema fragment of FieldMapSetting, for
// connectors to embed in their settings schema.
const FieldMapSchema = `{"type": "object", "title": "Field map",
  "additionalProperties": {"type": "object", "minProperties": 1,
    "additionalProperties": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"}}}`

// ObjectSpec is one kind of record a connector pulls and pushes.
type ObjectSpec struct {
	// Name is the object's name in field maps and pulls ("customer").
	Name string `json:"name"`
	// Title is the object's label per locale ("en", "zh-CN").
	Title map[string]string `json:"title,omitempty"`
	// KeyField is the external field that identifies a record ("FNumber").
	KeyField string `json:"key_field"`
}

// Query is what a connector pulls: Object's records, Fields of each (the
// external fields of the field map), at most Limit of them.
type Query struct {
	Object string
	Fields []string
	// Filter is an optional condition in the external system's language.
	Filter string
	Limit  int
}

// Page is one page of pulled records, each keyed by external field. Next
// is the cursor of the following page, empty after the last.
type Page struct {
	Records []map[string]any
	Next    string
}

// Connector is a plugin that pulls and pushes the records of another
// system. Errors are outbox.Retryable or outbox.Permanent as for channels.
type Connector interface {
	Plugin
	Objects() []ObjectSpec
	// Pull reads the page of q that cursor ("" for the first) points at.
	Pull(ctx context.Context, env CallEnv, q Query, cursor string) (Page, error)
	// Push creates or updates one record, keyed by external field, and
	// returns its id in the external system.
	Push(ctx context.Context, env CallEnv, object string, record map[string]any) (string, error)
}

// FieldMap maps external fields to form fields, for one object.
type FieldMap map[string]string

// FieldMapOf reads the field map of object from an instance's settings.
// Settings read back from the store hold nested documents in the driver's
// types, so the map is read through JSON, which both encode alike.
func FieldMapOf(settings map[string]any, object string) FieldMap {
	raw, err := json.Marshal(settings[FieldMapSetting])
	if err != nil {
		return FieldMap{}
	}
	var all map[string]map[string]string
	if json.Unmarshal(raw, &all) != nil {
		return FieldMap{}
	}

	out := FieldMap{}
	for ext, field := range all[object] {
		if field != "" {
			out[ext] = field
		}
	}

	return out
}

// External lists the mapped external fields, sorted.
func (m FieldMap) External() []string {
	out := make([]string, 0, len(m))
	for ext := range m {
		out = append(out, ext)
	}
	slices.Sort(out)

	return out
}

// ToForm turns an external record into form data: only mapped fields, and
// a null external value is left out rather than clearing the form field.
func (m FieldMap) ToForm(rec map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for ext, field := range m {
		if v, ok := rec[ext]; ok && v != nil {
			out[field] = v
		}
	}

	return out
}

// ToExternal turns form data into an external record: only mapped fields
// the data holds.
func (m FieldMap) ToExternal(data map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for ext, field := range m {
		if v, ok := data[field]; ok {
			out[ext] = v
		}
	}

	return out
}

// FormField returns the form field that ext maps to.
func (m FieldMap) FormField(ext string) string { return m[ext] }

// connectorOf returns the Connector of inst.
func (s *Service) connectorOf(inst *Instance) (Connector, error) {
	p, ok := s.registry.Lookup(inst.Plugin)
	if !ok {
		return nil, fmt.Errorf("instance %s: plugin %s is not registered", inst.ID, inst.Plugin)
	}
	c, ok := p.(Connector)
	if !ok {
		return nil, problem.New(problem.Conflict, "plugins.not_connector", nil)
	}

	return c, nil
}

// objectOf returns the spec of the object called name, or the connector's
// first object when name is empty.
func objectOf(c Connector, name string) (ObjectSpec, bool) {
	objs := c.Objects()
	if name == "" && len(objs) > 0 {
		return objs[0], true
	}
	i := slices.IndexFunc(objs, func(o ObjectSpec) bool { return o.Name == name })
	if i < 0 {
		return ObjectSpec{}, false
	}

	return objs[i], true
}

// Push maps a form record's data through the instance's field map and
// pushes it as object; it returns the external id.
func (s *Service) Push(ctx context.Context, tenantID, ref, object string,
	data map[string]any) (string, error) {
	inst, err := s.findAction(ctx, tenantID, ref)
	if err != nil {
		return "", err
	}
	c, err := s.connectorOf(inst)
	if err != nil {
		return "", err
	}

	settings, secrets, err := s.open(inst)
	if err != nil {
		return "", err
	}
	rec := FieldMapOf(settings, object).ToExternal(data)
	if len(rec) == 0 {
		return "", problem.New(problem.Invalid, "plugins.field_map_empty",
			i18n.Params{"object": object})
	}

	id, err := c.Push(ctx, s.callEnv(inst, settings), object, rec)
	if err != nil {
		return "", redactErr(fmt.Errorf("pushing %s to %s: %w", object, inst.Key, err), secrets)
	}

	return id, nil
}

// The bounds of one pull.
const (
	// DefaultPullLimit is the page size when a pull names none.
	DefaultPullLimit = 100
	// MaxPullLimit is the largest page; Kingdee's ExecuteBillQuery allows
	// 2000 rows per call.
	MaxPullLimit = 2000
)

// PullInput asks for one page of a connector's records to be merged into
// a form, record by record, by the value of a key field.
type PullInput struct {
	// Form is the key or id of the published form the records go into.
	Form string `json:"form"`
	// KeyField is the form field that identifies a record; the field map
	// must fill it.
	KeyField string `json:"key_field"`
	// Object is the connector's object; empty means its first.
	Object string `json:"object,omitempty"`
	// Limit is the page size, 1 to 2000; zero means 100.
	Limit int `json:"limit,omitempty"`
	// Cursor is the Next of the previous page; empty means the first page.
	Cursor string `json:"cursor,omitempty"`
}

// Upserted is what merging one row did.
type Upserted struct {
	RecordID string
	Created  bool
	Changed  []string
}

// Upserter merges one pulled row into the form's record whose key field
// holds the row's value (runtime/record's Upsert, adapted by the caller).
// A refusal of the data is a *problem.Error.
type Upserter interface {
	UpsertRow(ctx context.Context, p auth.Principal, form, keyField string,
		data map[string]any) (Upserted, error)
}

// The outcomes of one pulled row.
const (
	RowCreated   = "created"
	RowUpdated   = "updated"
	RowUnchanged = "unchanged"
	RowFailed    = "failed"
)

// PullRow is the outcome of one pulled record.
type PullRow struct {
	// Key is the row's key value as text.
	Key      string `json:"key"`
	RecordID string `json:"record_id,omitempty"`
	// Status is created, updated, unchanged or failed.
	Status string `json:"status"`
	// Error says, per locale, why a failed row was refused.
	Error map[i18n.Locale]string `json:"error,omitempty"`
}

// PullResult is what a pull did.
type PullResult struct {
	Object    string    `json:"object"`
	Form      string    `json:"form"`
	Pulled    int       `json:"pulled"`
	Created   int       `json:"created"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Failed    int       `json:"failed"`
	Rows      []PullRow `json:"rows"`
	// Next is the cursor of the following page; empty after the last.
	Next string `json:"next,omitempty"`
}

// Pull reads one page of the connector instance id and merges each record
// into in.Form by in.KeyField through up. A row the form refuses is
// reported and skipped; the others are stored.
func (s *Service) Pull(ctx context.Context, p auth.Principal, id string, in PullInput,
	up Upserter) (*PullResult, error) {
	if !mayConfigure(p) {
		return nil, problem.New(problem.Forbidden, "plugins.configure_forbidden", nil)
	}
	inst, err := s.instance(ctx, p.TenantID, id)
	if err != nil {
		return nil, err
	}
	c, obj, err := s.pullable(inst, &in)
	if err != nil {
		return nil, err
	}

	settings, secrets, err := s.open(inst)
	if err != nil {
		return nil, err
	}
	fm, err := checkFieldMap(FieldMapOf(settings, obj.Name), in.KeyField)
	if err != nil {
		return nil, err
	}

	q := Query{Object: obj.Name, Fields: fm.External(), Limit: in.Limit}
	page, err := c.Pull(ctx, s.callEnv(inst, settings), q, in.Cursor)
	if err != nil {
		return nil, vendorProblem(redactErr(err, secrets))
	}

	res := &PullResult{Object: obj.Name, Form: in.Form, Next: page.Next, Rows: []PullRow{}}
	for _, rec := range page.Records {
		res.add(s.upsertRow(ctx, p, up, in, fm.ToForm(rec)))
	}

	return res, nil
}

// pullable checks that inst is an enabled connector and in is a valid
// pull of it, filling in defaults.
func (s *Service) pullable(inst *Instance, in *PullInput) (Connector, ObjectSpec, error) {
	c, err := s.connectorOf(inst)
	if err != nil {
		return nil, ObjectSpec{}, err
	}
	if !inst.Enabled {
		return nil, ObjectSpec{}, problem.New(problem.Conflict, "plugins.instance_disabled", nil)
	}

	var col problem.Collector
	if in.Form == "" {
		col.Add("/form", "required", nil)
	}
	if in.KeyField == "" {
		col.Add("/key_field", "required", nil)
	}
	if in.Limit == 0 {
		in.Limit = DefaultPullLimit
	}
	if in.Limit < 1 || in.Limit > MaxPullLimit {
		col.AddField(fieldMessage("/limit", "limit_out_of_range", i18n.Params{"max": MaxPullLimit}))
	}
	obj, ok := objectOf(c, in.Object)
	if !ok {
		col.AddField(fieldMessage("/object", "unknown_object", i18n.Params{"object": in.Object}))
	}

	return c, obj, col.Err()
}

// checkFieldMap refuses an empty map and one that does not fill keyField.
func checkFieldMap(fm FieldMap, keyField string) (FieldMap, error) {
	if len(fm) == 0 {
		return nil, problem.Fields(fieldMessage("/object", "field_map_missing", nil))
	}
	for _, f := range fm {
		if f == keyField {
			return fm, nil
		}
	}

	return nil, problem.Fields(fieldMessage("/key_field", "key_not_mapped",
		i18n.Params{"field": keyField}))
}

// fieldMessage is a field error whose message is plugins.<code>.
func fieldMessage(pointer, code string, params i18n.Params) problem.FieldError {
	return problem.FieldError{Pointer: pointer, Code: code, Params: params,
		Messages: localized("plugins."+code, params)}
}

// upsertRow merges one row and reports the outcome.
func (s *Service) upsertRow(ctx context.Context, p auth.Principal, up Upserter, in PullInput,
	data map[string]any) PullRow {
	row := PullRow{Key: fmt.Sprint(data[in.KeyField])}
	got, err := up.UpsertRow(ctx, p, in.Form, in.KeyField, data)
	if err != nil {
		row.Status, row.Error = RowFailed, rowError(err)
		return row
	}

	row.RecordID = got.RecordID
	switch {
	case got.Created:
		row.Status = RowCreated
	case len(got.Changed) > 0:
		row.Status = RowUpdated
	default:
		row.Status = RowUnchanged
	}

	return row
}

// add counts row into the result.
func (r *PullResult) add(row PullRow) {
	r.Pulled++
	switch row.Status {
	case RowCreated:
		r.Created++
	case RowUpdated:
		r.Updated++
	case RowUnchanged:
		r.Unchanged++
	default:
		r.Failed++
	}
	r.Rows = append(r.Rows, row)
}

// rowError says why a row was refused, per locale: the problem's detail
// and its first field's message.
func rowError(err error) map[i18n.Locale]string {
	pe, ok := problem.As(err)
	if !ok || pe.Kind == problem.Internal {
		return localized("plugins.row_failed", nil)
	}

	out := map[i18n.Locale]string{}
	for _, l := range []i18n.Locale{i18n.English, i18n.Chinese} {
		msg := i18n.T(l, pe.Code, pe.Params)
		if len(pe.Fields) > 0 {
			msg += " " + pe.Fields[0].Pointer + ": " + pe.Fields[0].Message(l)
		}
		out[l] = msg
	}

	return out
}

// vendorProblem is the answer to a vendor's failure during an API call: a
// retryable one is 503, a permanent one (bad credentials, a refused query)
// 409, each with the vendor's reason, secrets already removed.
func vendorProblem(err error) error {
	if _, ok := problem.As(err); ok {
		return err
	}

	kind, code := problem.Unavailable, "plugins.vendor_unavailable"
	if outbox.IsPermanent(err) {
		kind, code = problem.Conflict, "plugins.vendor_refused"
	}

	return &problem.Error{Kind: kind, Code: code, Params: i18n.Params{"reason": err.Error()},
		Err: err}
}

// Objects returns the objects of connector name; false when no such
// plugin is registered or it is no connector.
func (s *Service) Objects(name string) ([]ObjectSpec, bool) {
	p, ok := s.registry.Lookup(name)
	if !ok {
		return nil, false
	}
	c, ok := p.(Connector)
	if !ok {
		return nil, false
	}

	return c.Objects(), true
}
