package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/record"
)

// actor is the user id records submitted through a link are created by.
const actor = "intake"

// The campaign parameters a link copies into the form's fields of the same
// names, and the field that receives the referring page.
var (
	campaignParams = []string{"utm_source", "utm_medium", "utm_campaign", "utm_term",
		"utm_content"}
	landingField = "landing_page"
)

// Submission is one post of a landing page.
type Submission struct {
	// Data is the JSON object of field values.
	Data json.RawMessage
	// Query is the page's query string (utm_* parameters).
	Query url.Values
	// Referer is the page the form was on.
	Referer string
	// Address is the client's address, for the rate limit.
	Address string
	// Locale is the language refusals are read in.
	Locale i18n.Locale
}

// Receipt is what the landing page learns: that its lead arrived.
type Receipt struct {
	ID          string    `json:"id"`
	SubmittedAt time.Time `json:"submitted_at"`
}

// PublicForm is what a landing page needs to render the form.
type PublicForm struct {
	Form   string           `json:"form"`
	Name   form.Text        `json:"name"`
	Schema json.RawMessage  `json:"schema"`
	Fields []form.FieldInfo `json:"fields"`
}

// Form returns the form behind token, as its latest published version.
func (s *Service) Form(ctx context.Context, token string) (*PublicForm, error) {
	l, err := s.active(ctx, token)
	if err != nil {
		return nil, err
	}
	cf, err := s.records.LatestForm(ctx, s.principal(l, ""), l.Form)
	if err != nil {
		return nil, err
	}
	def := cf.Definition()
	return &PublicForm{Form: def.Key, Name: def.Name, Schema: def.Schema,
		Fields: cf.Fields()}, nil
}

// Submit stores a submission as a record of the link's form, owned by the
// link's owner; the form's processes start on it like on any other.
func (s *Service) Submit(ctx context.Context, token string, in Submission) (*Receipt, error) {
	if ok, after := s.limits.allow(token, in.Address, s.clock.Now()); !ok {
		e := problem.New(problem.RateLimited, "intake.rate_limited",
			i18n.Params{"seconds": int(after.Seconds())})
		e.RetryAfter = after
		return nil, e
	}
	l, err := s.active(ctx, token)
	if err != nil {
		return nil, err
	}
	p := s.principal(l, in.Locale)
	cf, err := s.records.LatestForm(ctx, p, l.Form)
	if err != nil {
		return nil, err
	}
	data, err := withCampaign(in, fieldNames(cf))
	if err != nil {
		return nil, err
	}
	r, err := s.records.Submit(ctx, p, record.SubmitInput{Form: l.Form, Data: data,
		OwnerID: l.OwnerID})
	if err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "lead received through an intake link", "tenant_id", l.TenantID,
		"form", l.Form, "record_id", r.ID)
	return &Receipt{ID: r.ID, SubmittedAt: r.CreatedAt}, nil
}

// principal is who a link's submissions are made as: a system actor of the
// link's tenant, reading forms like an implementer does.
func (s *Service) principal(l *Link, locale i18n.Locale) auth.Principal {
	return auth.Principal{TenantID: l.TenantID, UserID: actor,
		Roles: []auth.Role{auth.Admin}, Locale: locale}
}

func fieldNames(cf *form.Compiled) map[string]bool {
	out := map[string]bool{}
	for _, f := range cf.Fields() {
		if !f.Computed {
			out[f.Name] = true
		}
	}
	return out
}

// withCampaign decodes the data and fills the campaign fields the form has
// and the page left empty from the query string and the referring page.
func withCampaign(in Submission, fields map[string]bool) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(in.Data))
	dec.UseNumber()
	var data map[string]any
	if err := dec.Decode(&data); err != nil || data == nil {
		return nil, problem.New(problem.BadRequest, "intake.not_an_object", nil)
	}
	for _, k := range campaignParams {
		if v := strings.TrimSpace(in.Query.Get(k)); v != "" && fields[k] && empty(data[k]) {
			data[k] = truncate(v, 200)
		}
	}
	if in.Referer != "" && fields[landingField] && empty(data[landingField]) {
		if u, err := url.Parse(in.Referer); err == nil &&
			(u.Scheme == "http" || u.Scheme == "https") {
			u.RawQuery, u.Fragment = "", ""
			data[landingField] = truncate(u.String(), 500)
		}
	}
	return json.Marshal(data)
}

func empty(v any) bool {
	s, ok := v.(string)
	return v == nil || (ok && s == "")
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
