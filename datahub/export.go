package datahub

import (
	"context"
	"io"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/runtime/record"
)

// fixedColumns are the columns every export ends with.
var fixedColumns = []string{"owner_id", "stage", "created_at", "updated_at",
	"last_activity_at"}

// Export is a record list ready to be written: its query has been checked
// and its first page read, so that a bad query is refused before any byte
// of the file is sent.
type Export struct {
	s      *Service
	p      auth.Principal
	q      record.Query
	first  *record.Page
	fields []form.FieldInfo // nil when the list spans forms
}

// PrepareExport checks q (the filters of the record list) and reads its
// first page. With a form, the export has one column per field of the
// form's latest published version; without one, a form column and the
// data as JSON.
func (s *Service) PrepareExport(ctx context.Context, p auth.Principal,
	q record.Query) (*Export, error) {
	q.Limit = record.MaxLimit
	first, err := s.records.List(ctx, p, q)
	if err != nil {
		return nil, err
	}

	e := &Export{s: s, p: p, q: q, first: first}
	if q.Form != "" {
		fields, _, err := s.records.FormFields(ctx, p, q.Form)
		if err != nil {
			return nil, err
		}
		e.fields = exportable(fields)
	}
	return e, nil
}

// exportable drops the fields a cell cannot show.
func exportable(fields []form.FieldInfo) []form.FieldInfo {
	out := make([]form.FieldInfo, 0, len(fields))
	for _, f := range fields {
		if f.Kind != "sub_table" {
			out = append(out, f)
		}
	}
	return out
}

// Write writes every record of the list as a table in format f with
// headers in locale l, a page at a time.
func (e *Export) Write(ctx context.Context, f Format, l i18n.Locale, w io.Writer) error {
	t, err := newTable(f, w)
	if err != nil {
		return err
	}
	if err := t.Write(e.header(l)); err != nil {
		return err
	}

	page := e.first
	for {
		for _, r := range page.Items {
			if err := t.Write(e.row(r)); err != nil {
				return err
			}
		}
		if page.NextCursor == "" {
			return t.Close()
		}
		q := e.q
		q.Cursor = page.NextCursor
		if page, err = e.s.records.List(ctx, e.p, q); err != nil {
			return err
		}
	}
}

// header names the columns in locale l, fields by their labels.
func (e *Export) header(l i18n.Locale) []any {
	out := []any{i18n.T(l, "export.id", nil)}
	if e.fields == nil {
		out = append(out, i18n.T(l, "export.form", nil), i18n.T(l, "export.data", nil))
	}
	for _, f := range e.fields {
		label := f.Label.In(l)
		if label == "" {
			label = f.Name
		}
		out = append(out, label)
	}
	for _, c := range fixedColumns {
		out = append(out, i18n.T(l, "export."+c, nil))
	}
	return out
}

// row is one record's cells.
func (e *Export) row(r *record.Record) []any {
	out := []any{r.ID}
	if e.fields == nil {
		out = append(out, r.Form, map[string]any(r.Data))
	}
	for _, f := range e.fields {
		out = append(out, r.Data[f.Name])
	}
	return append(out, r.OwnerID, r.Stage, r.CreatedAt, r.UpdatedAt, r.LastActivityAt)
}
