package designer

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// keyPattern is what keys of definitions and apps look like: they appear
// in references, expressions and URLs.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// maxTextLen bounds names and descriptions, per locale.
const maxTextLen = 500

// Meta is the identity part of a definition's input.
type Meta struct {
	// Key names the definition within its kind, e.g. "lead"; fixed once
	// created.
	Key string `json:"key"`
	// Name is the display name per locale.
	Name Text `json:"name"`
	// Description is an optional longer text per locale.
	Description Text `json:"description,omitempty"`
	// App is the key of the app the definition belongs to, if any.
	App string `json:"app,omitempty"`
}

// Create stores a new draft after checking its content; nothing is stored
// when the content does not pass lint.
func (s *Service) Create(ctx context.Context, p auth.Principal, kind Kind, meta Meta,
	content json.RawMessage) (*Definition, []problem.FieldError, error) {
	return s.create(ctx, p, kind, meta, content, s.refs(p))
}

func (s *Service) create(ctx context.Context, p auth.Principal, kind Kind, meta Meta,
	content json.RawMessage, refs *Refs) (*Definition, []problem.FieldError, error) {
	sp, err := s.spec(kind)
	if err != nil {
		return nil, nil, err
	}
	var c problem.Collector
	checkMeta(&c, meta, true)
	canonical, warnings, err := sp.check(ctx, meta, content, refs)
	if err = mergeRefusals(&c, err); err != nil {
		return nil, nil, err
	}

	now := s.now()
	d := &Definition{ID: s.ids.New(), Kind: kind, Key: meta.Key, Name: meta.Name,
		Description: meta.Description, App: meta.App, Status: StatusDraft,
		Draft: string(canonical), Revision: 1, CreatedAt: now, CreatedBy: p.UserID,
		UpdatedAt: now, UpdatedBy: p.UserID}
	if err := s.definitions(p).InsertOne(ctx, d); err != nil {
		if mongo.IsDuplicate(err) {
			return nil, nil, problem.Fields(problem.Field("/key", "key_taken", nil))
		}
		return nil, nil, fmt.Errorf("creating %s: %w", kind, err)
	}
	if err := s.insertKey(ctx, p, d); err != nil {
		return nil, nil, err
	}
	return d, warnings, nil
}

// mergeRefusals adds a content refusal's field errors to c and returns
// the combined refusal; any other error is returned as it is.
func mergeRefusals(c *problem.Collector, err error) error {
	if err := collect(c, err); err != nil {
		return err
	}
	return c.Err()
}

// collect adds an Invalid refusal's field errors to c and returns any
// other error.
func collect(c *problem.Collector, err error) error {
	if err == nil {
		return nil
	}
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid {
		return err
	}
	for _, f := range pe.Fields {
		c.AddField(f)
	}
	return nil
}

func checkMeta(c *problem.Collector, m Meta, creating bool) {
	if creating {
		checkKey(c, "/key", m.Key, true)
	}
	checkText(c, "/name", m.Name, creating)
	checkText(c, "/description", m.Description, false)
	checkKey(c, "/app", m.App, false)
}

func checkKey(c *problem.Collector, ptr, key string, required bool) {
	switch {
	case key == "" && required:
		c.Add(ptr, "required", nil)
	case key != "" && !keyPattern.MatchString(key):
		c.Add(ptr, "invalid_key_format", nil)
	}
}

func checkText(c *problem.Collector, ptr string, t Text, required bool) {
	if required && len(t) == 0 {
		c.Add(ptr, "required", nil)
		return
	}
	for _, l := range sortedLocales(t) {
		p := ptr + "/" + l
		switch {
		case !i18n.Valid(l):
			c.Add(p, "invalid_locale", i18n.Params{"allowed": "zh-CN, en"})
		case utf8.RuneCountInString(t[l]) > maxTextLen:
			c.Add(p, "too_long", i18n.Params{"max": maxTextLen})
		case required && t[l] == "":
			c.Add(p, "required", nil)
		}
	}
}

// Get returns a definition. Those who may not change definitions see only
// published ones.
func (s *Service) Get(ctx context.Context, p auth.Principal, kind Kind,
	id string) (*Definition, error) {
	var d Definition
	if !ids.Valid(id) {
		return nil, notFound(kind)
	}
	err := s.definitions(p).FindByID(ctx, id, &d)
	if err == mongo.ErrNotFound || (err == nil && (d.Kind != kind || !visible(p, &d))) {
		return nil, notFound(kind)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", kind, err)
	}
	return &d, nil
}

func visible(p auth.Principal, d *Definition) bool {
	return canWrite(p) || (d.Published > 0 && d.Status != StatusArchived)
}

func notFound(kind Kind) error { return problem.NotFoundf(string(kind) + ".not_found") }

// ListQuery narrows a list of definitions.
type ListQuery struct {
	// App keeps only the definitions of one app.
	App string
	// Archived includes archived definitions.
	Archived bool
	auth.Page
}

// List returns definitions of a kind, oldest first, one page at a time.
func (s *Service) List(ctx context.Context, p auth.Principal, kind Kind,
	q ListQuery) ([]Definition, bool, error) {
	filter := bson.D{{Key: "kind", Value: kind}}
	if q.App != "" {
		filter = append(filter, bson.E{Key: "app", Value: q.App})
	}
	if !q.Archived || !canWrite(p) {
		filter = append(filter, bson.E{Key: "status",
			Value: bson.D{{Key: "$ne", Value: StatusArchived}}})
	}
	if !canWrite(p) {
		filter = append(filter, bson.E{Key: "published", Value: bson.D{{Key: "$gt", Value: 0}}})
	}
	if q.After != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$gt", Value: q.After}}})
	}
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).
		SetLimit(int64(q.Limit) + 1)

	var out []Definition
	if err := s.definitions(p).FindAll(ctx, filter, &out, opts); err != nil {
		return nil, false, fmt.Errorf("listing %s: %w", kind, err)
	}
	if len(out) > q.Limit {
		return out[:q.Limit], true, nil
	}
	return out, false, nil
}

// ByKey returns the definition of a kind with key, or nil.
func (s *Service) ByKey(ctx context.Context, p auth.Principal, kind Kind,
	key string) (*Definition, error) {
	var d Definition
	err := s.definitions(p).FindOne(ctx, bson.D{{Key: "kind", Value: kind},
		{Key: "key", Value: key}}, &d)
	if err == mongo.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s %q: %w", kind, key, err)
	}
	return &d, nil
}
