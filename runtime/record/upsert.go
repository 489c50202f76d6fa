package record

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// KeysCollection maps a key field's value to the record it identifies.
//
// Upserts find their record by (form, key field, value). A filter on
// data.<field> would scan the whole collection on the embedded store
// (DESIGN.md: only _id equality is an index lookup there), once per row of
// an import, so each keyed record instead has one small document whose _id
// is derived from the key: finding it is one read by _id in every store,
// and its unique _id is what makes two concurrent upserts of the same key
// create one record.
const KeysCollection = "record_keys"

// maxKeyLen bounds a key value.
const maxKeyLen = 256

// recordKey is one entry of KeysCollection.
type recordKey struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	Form     string `bson:"form"`
	Field    string `bson:"field"`
	Value    string `bson:"value"`
	RecordID string `bson:"record_id"`
}

// keyedRecord is a record as an upsert stores it: Keyed lists the key
// fields it has an entry of KeysCollection for, so AdoptKeys skips it.
type keyedRecord struct {
	Record `bson:",inline"`
	Keyed  []string `bson:"keyed"`
}

// UpsertInput is one row to merge into the record its key names.
type UpsertInput struct {
	// Form is the key or definition id of the form.
	Form string
	// KeyField is the field whose value identifies the record
	// ("customer_id"); Data must hold a non-empty string or number for it.
	KeyField string
	// Data holds the fields to set. Fields it lacks keep their stored
	// values; a new record gets only these.
	Data map[string]any
	// Writer, when set, is the import row making the upsert: the write
	// marks the record with it, and a row the record shows already landed
	// is not written again (UpsertResult.Redone).
	Writer *ImportWriter
}

// UpsertResult says what an upsert did.
type UpsertResult struct {
	Record *Record
	// Created is set when the key named no record yet.
	Created bool
	// Changed lists the fields an existing record changed; empty when the
	// row held nothing new.
	Changed []string
	// Redone is set when the record showed that the Writer's row had
	// already landed: nothing was written, and Created and Changed say
	// what that row's first write did.
	Redone bool
}

// target is what a key resolves to before writing.
type target struct {
	key    *recordKey // nil when the key has no entry yet
	record *Record    // nil when no live record carries the key
}

// Upsert merges in.Data into the live record whose in.KeyField equals the
// row's value, or creates it. A merge validates the merged data against the
// record's pinned form version and is stored like Update (one conditional
// update, an edited activity, a changed event); a creation validates
// against the latest published version and is stored like Submit (one
// insert, a created event, so processes start). Upserting the same row
// twice changes nothing the second time, so a re-run is harmless.
//
// Invalid data is refused with the form's *problem.Error and writes nothing.
func (s *Service) Upsert(ctx context.Context, p auth.Principal,
	in UpsertInput) (*UpsertResult, error) {
	for attempt := 0; ; attempt++ {
		res, err := s.upsertOnce(ctx, p, in)
		if !errors.Is(err, errKeyRace) || attempt == 2 {
			return res, err
		}
	}
}

// errKeyRace says another writer claimed the key between read and write;
// the upsert reads again and merges instead.
var errKeyRace = errors.New("key claimed concurrently")

func (s *Service) upsertOnce(ctx context.Context, p auth.Principal,
	in UpsertInput) (*UpsertResult, error) {
	in, value, err := checkUpsert(in)
	if err != nil {
		return nil, err
	}
	cf, pin, err := s.latestForm(ctx, p, in.Form)
	if err != nil {
		return nil, err
	}
	t, err := s.resolveKey(ctx, p, pin.key, in.KeyField, value)
	if err != nil {
		return nil, err
	}

	if t.record != nil {
		if res := redone(t.record, in.Writer); res != nil {
			return res, nil
		}
		return s.mergeInto(ctx, p, t.record, in.Data, in.Writer)
	}
	return s.createKeyed(ctx, p, cf, pin, in, value, t.key)
}

// CheckUpsert validates in as Upsert would, against the record its key
// names now, and writes nothing. It is the dry run of an import.
func (s *Service) CheckUpsert(ctx context.Context, p auth.Principal, in UpsertInput) error {
	in, value, err := checkUpsert(in)
	if err != nil {
		return err
	}
	cf, pin, err := s.latestForm(ctx, p, in.Form)
	if err != nil {
		return err
	}
	t, err := s.resolveKey(ctx, p, pin.key, in.KeyField, value)
	if err != nil {
		return err
	}

	if t.record == nil {
		_, err = cf.ValidateMap(ctx, in.Data, resolver{s: s, p: p})
		return err
	}
	pcf, err := s.compiled(ctx, p, pinOf(t.record))
	if err != nil {
		return err
	}
	_, err = pcf.ValidateMap(ctx, merge(t.record.Data, in.Data),
		resolver{s: s, p: p, kept: pcf.FileIDs(t.record.Data)})
	return err
}

// checkUpsert checks the form, key field and key value of in and returns
// in with a string key trimmed, and the key value as text.
func checkUpsert(in UpsertInput) (UpsertInput, string, error) {
	var c problem.Collector
	if in.Form == "" {
		c.AddField(fieldErr("/form", "required", nil))
	}
	if in.KeyField == "" {
		c.AddField(fieldErr("/key_field", "required", nil))
		return in, "", c.Err()
	}

	if str, isString := in.Data[in.KeyField].(string); isString {
		in.Data = merge(in.Data, map[string]any{in.KeyField: strings.TrimSpace(str)})
	}
	value, ok := KeyText(in.Data[in.KeyField])
	switch {
	case !ok:
		c.AddField(fieldErr("/"+in.KeyField, "key_required", i18n.Params{"field": in.KeyField}))
	case len(value) > maxKeyLen:
		c.AddField(fieldErr("/"+in.KeyField, "too_long", i18n.Params{"max": maxKeyLen}))
	}
	return in, value, c.Err()
}

// KeyText returns a key field's value as the text keys are compared by: a
// trimmed non-empty string, or a finite number in its shortest form (so
// 1001 and 1001.0 are the same customer). Other values are no key.
func KeyText(v any) (string, bool) {
	var s string
	switch x := v.(type) {
	case string:
		s = strings.TrimSpace(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", false
		}
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		s = strconv.Itoa(x)
	case int32:
		s = strconv.FormatInt(int64(x), 10)
	case int64:
		s = strconv.FormatInt(x, 10)
	}

	return s, s != ""
}

// keyID is the _id of the key entry of (form, field, value) in a tenant.
func keyID(tenantID, formKey, field, value string) string {
	return derivedID("k", tenantID, formKey, field, value)
}

// resolveKey finds the key's entry and the live record it names. An entry
// whose record is gone (deleted, or never stored because its insert failed)
// or no longer carries the value counts as no record, so the upsert
// creates one.
func (s *Service) resolveKey(ctx context.Context, p auth.Principal, formKey, field,
	value string) (target, error) {
	var k recordKey
	err := s.keys(p).FindByID(ctx, keyID(p.TenantID, formKey, field, value), &k)
	if errors.Is(err, mongo.ErrNotFound) {
		return target{}, nil
	}
	if err != nil {
		return target{}, fmt.Errorf("reading key %s: %w", field, err)
	}

	r, err := s.Get(ctx, p, k.RecordID)
	if isNotFound(err) {
		return target{key: &k}, nil
	}
	if err != nil {
		return target{}, err
	}
	if got, _ := KeyText(r.Data[field]); got != value || r.Form != formKey {
		return target{key: &k}, nil
	}
	return target{key: &k, record: r}, nil
}

// mergeInto applies data on top of the live record r, like Update at r's
// current version.
func (s *Service) mergeInto(ctx context.Context, p auth.Principal, r *Record,
	data map[string]any, w *ImportWriter) (*UpsertResult, error) {
	updated, err := s.update(ctx, p, r.ID, r.Version, data, w.marker())
	if pe, ok := problem.As(err); ok && pe.Code == "record.stale_version" {
		return nil, errKeyRace // changed meanwhile: read it again
	}
	if err != nil {
		return nil, err
	}

	return &UpsertResult{Record: updated, Changed: changedFields(r.Data, updated.Data)}, nil
}

// createKeyed validates a new record, claims its key and inserts it. The
// key entry is written first and names the new record's id, so a failure
// between the two writes leaves an entry that the next upsert of the key
// reuses; a key claimed by another writer meanwhile is errKeyRace.
func (s *Service) createKeyed(ctx context.Context, p auth.Principal, cf *form.Compiled,
	pin pinned, in UpsertInput, value string, prev *recordKey) (*UpsertResult, error) {
	clean, err := cf.ValidateMap(ctx, in.Data, resolver{s: s, p: p})
	if err != nil {
		return nil, err
	}
	r := s.newRecord(p, pin, clean, p.UserID)
	r.Import = in.Writer.mark(nil, true, nil)

	if err := s.claimKey(ctx, p, pin.key, in.KeyField, value, r, prev); err != nil {
		return nil, err
	}
	err = s.records(p).InsertOne(ctx, &keyedRecord{Record: *r, Keyed: []string{in.KeyField}})
	if mongo.IsDuplicate(err) {
		return nil, errKeyRace
	}
	if err != nil {
		return nil, fmt.Errorf("storing record: %w", err)
	}

	r.TenantID = p.TenantID
	s.emit(ctx, versionEvent(EventCreated, r, p.UserID, nil))
	return &UpsertResult{Record: r, Created: true}, nil
}

// claimKey points the key at r: a new entry, or the existing entry prev
// taken over when its record is gone. An entry whose record was never
// stored keeps its id, so that r takes the id the entry promised.
func (s *Service) claimKey(ctx context.Context, p auth.Principal, formKey, field,
	value string, r *Record, prev *recordKey) error {
	if prev == nil {
		k := &recordKey{ID: keyID(p.TenantID, formKey, field, value), Form: formKey,
			Field: field, Value: value, RecordID: r.ID}
		err := s.keys(p).InsertOne(ctx, k)
		if mongo.IsDuplicate(err) {
			return errKeyRace
		}
		if err != nil {
			return fmt.Errorf("claiming key %s: %w", field, err)
		}
		return nil
	}

	if _, err := s.load(ctx, p, prev.RecordID); isNotFound(err) {
		r.ID = prev.RecordID // promised but never stored: keep the promise
		return nil
	}
	ok, err := s.keys(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: prev.ID},
		{Key: "record_id", Value: prev.RecordID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "record_id", Value: r.ID}}}})
	if err != nil {
		return fmt.Errorf("moving key %s: %w", field, err)
	}
	if !ok {
		return errKeyRace
	}
	return nil
}

// FormFields returns the fields of the latest published version of a form
// (by key or definition id) and the form's key.
func (s *Service) FormFields(ctx context.Context, p auth.Principal,
	ref string) ([]form.FieldInfo, string, error) {
	cf, pin, err := s.latestForm(ctx, p, ref)
	if err != nil {
		return nil, "", err
	}

	return cf.Fields(), pin.key, nil
}

func pinOf(r *Record) pinned {
	return pinned{id: r.FormID, key: r.Form, version: r.FormVersion}
}

func (s *Service) keys(p auth.Principal) mongo.Coll {
	return s.store.Scope(p.TenantID).C(KeysCollection)
}
