package record

import (
	"context"
	"encoding/json"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
)

// maxLinkedRecords bounds how many linked records a customer journey
// follows.
const maxLinkedRecords = 200

// link is a record_link field of a form that points at records of another.
type link struct {
	form  string // the key of the form holding the field
	field string
}

// CustomerJourney returns the journey of a customer record together with
// every live record whose data links to it through a record_link field of
// a published form (the customer's leads, promises, tickets …).
func (s *Service) CustomerJourney(ctx context.Context, p auth.Principal,
	customerID string) (*Journey, error) {
	customer, err := s.Get(ctx, p, customerID)
	if err != nil {
		return nil, err
	}
	links, err := s.linksTo(ctx, p, customer.Form)
	if err != nil {
		return nil, err
	}

	recs := []*Record{customer}
	for _, l := range links {
		linked, err := s.linkedRecords(ctx, p, l, customer.ID, maxLinkedRecords-len(recs)+1)
		if err != nil {
			return nil, err
		}
		recs = append(recs, linked...)
	}

	return s.journeyOf(ctx, p, recs)
}

// linksTo lists the top-level record_link fields of the tenant's
// published forms that point at records of form formKey.
func (s *Service) linksTo(ctx context.Context, p auth.Principal, formKey string) ([]link,
	error) {
	versions, err := s.designer.PublishedAll(ctx, p, designer.KindForm)
	if err != nil {
		return nil, fmt.Errorf("reading published forms: %w", err)
	}

	var out []link
	for i := range versions {
		def, err := designer.FormDefinition(&versions[i])
		if err != nil {
			return nil, err
		}
		for _, sec := range def.Layout.Sections {
			for _, f := range sec.Fields {
				if f.Kind == "record_link" && linkTarget(f.Settings) == formKey {
					out = append(out, link{form: def.Key, field: f.Name})
				}
			}
		}
	}

	return out, nil
}

// linkTarget returns the form a record_link field's settings point at.
func linkTarget(settings json.RawMessage) string {
	var s struct {
		FormKey string `json:"form_key"`
	}
	_ = json.Unmarshal(settings, &s) // settings passed the form compiler on publish

	return s.FormKey
}

// linkedRecords reads up to limit live records whose field l points at id.
func (s *Service) linkedRecords(ctx context.Context, p auth.Principal, l link, id string,
	limit int) ([]*Record, error) {
	if limit <= 0 {
		return nil, nil
	}
	filter := bson.D{{Key: "form", Value: l.form}, {Key: "data." + l.field, Value: id},
		{Key: "deleted", Value: false}}
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit))

	var recs []*Record
	if err := s.records(p).FindAll(ctx, filter, &recs, opts); err != nil {
		return nil, fmt.Errorf("reading records linked by %s.%s: %w", l.form, l.field, err)
	}
	for _, r := range recs {
		r.Data = plainData(r.Data)
	}

	return recs, nil
}
