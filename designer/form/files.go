package form

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// filer is a kind whose values name uploaded files.
type filer interface {
	// files lists the file references of a value, each with its pointer
	// relative to the value.
	files(v any) []fileAt
	// limits are the largest size (zero for none) and the media ranges
	// (empty for any) files of the field may have.
	limits(s any) (int64, []string)
	// signatures reports whether every file must be a drawn signature.
	signatures() bool
}

// fileAt is one file reference inside a value.
type fileAt struct {
	ptr string
	ref map[string]any
}

func (attachmentKind) files(v any) []fileAt {
	items, _ := v.([]any)
	out := make([]fileAt, 0, len(items))
	for i, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, fileAt{ptr: "/" + strconv.Itoa(i), ref: m})
		}
	}
	return out
}

func (attachmentKind) limits(s any) (int64, []string) {
	as := s.(attachmentSettings)
	return as.MaxSize, as.AllowedTypes
}

func (attachmentKind) signatures() bool { return false }

func (signatureKind) files(v any) []fileAt {
	if m, ok := v.(map[string]any); ok {
		return []fileAt{{ref: m}}
	}
	return nil
}

func (signatureKind) limits(any) (int64, []string) { return 0, signatureTypes }

func (signatureKind) signatures() bool { return true }

// errNoFileResolver is returned when a form with file fields is validated
// with a Resolver that cannot answer about files.
var errNoFileResolver = errors.New("a FileResolver is required for attachment and " +
	"signature fields")

// checkFiles asks res about every file a valid value names, once per id:
// the file must exist in the tenant, be attachable by the submitter and,
// for a signature field, be a drawn signature. A found file's reference is
// rewritten from the store (name, size, content type), so a record never
// keeps what a client claimed about a file, and the field's limits are
// checked again on the stored facts.
func (r *run) checkFiles(ctx context.Context, res Resolver) error {
	if !r.c.hasFiles {
		return nil
	}
	fr, ok := res.(FileResolver)
	if !ok {
		return errNoFileResolver
	}

	fc := &fileCheck{r: r, res: fr, seen: map[string]*File{}}
	for _, fl := range r.c.top.fields {
		v, ok := r.values[fl.name]
		if !ok {
			continue
		}
		fc.value(ctx, fl, pointer("", fl.name), v)
		if fl.table != nil {
			r.forEachRow(fl, v, func(ptr string, cells map[string]any) {
				for _, col := range fl.table.fields {
					fc.value(ctx, col, pointer(ptr, col.name), cells[col.name])
				}
			})
		}
	}
	return fc.err
}

// fileCheck is the state of checkFiles.
type fileCheck struct {
	r    *run
	res  FileResolver
	seen map[string]*File // answers by id
	err  error            // the first resolver error
}

// value checks the file references of one value of field fl at ptr.
func (fc *fileCheck) value(ctx context.Context, fl *field, ptr string, v any) {
	fk, ok := fl.kind.(filer)
	if !ok || v == nil || fc.err != nil || fc.r.rep.touches(ptr) {
		return
	}

	maxSize, allowed := fk.limits(fl.settings)
	for _, at := range fk.files(v) {
		f, err := fc.lookup(ctx, at.ref)
		if err != nil {
			fc.err = err
			return
		}
		ptr := ptr + at.ptr
		if code := refusal(f, fk.signatures()); code != "" {
			fc.r.rep.add(ptr, code, "", nil)
			continue
		}

		at.ref["name"], at.ref["size"] = f.Name, float64(f.Size)
		at.ref["content_type"] = f.ContentType
		for _, is := range checkFile(at.ref, "", maxSize, allowed) {
			fc.r.rep.add(ptr+is.ptr, is.code, "", is.params)
		}
	}
}

// lookup asks the resolver about the file a reference names, once per id.
func (fc *fileCheck) lookup(ctx context.Context, ref map[string]any) (*File, error) {
	id, _ := ref["id"].(string)
	if f, ok := fc.seen[id]; ok {
		return f, nil
	}
	f, err := fc.res.File(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("checking file %q: %w", id, err)
	}
	fc.seen[id] = f
	return f, nil
}

// refusal is the error code for a file that cannot be in the record, or "".
func refusal(f *File, signature bool) string {
	switch {
	case f == nil:
		return "unknown_file"
	case !f.Attachable:
		return "file_not_attachable"
	case signature && !f.Signature:
		return "not_signature"
	}
	return ""
}

// FileIDs lists the ids of the files a record's data names, in attachment
// and signature fields and their sub_table columns, each once, in field
// order.
func (c *Compiled) FileIDs(data map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	add := func(fl *field, v any) {
		fk, ok := fl.kind.(filer)
		if !ok {
			return
		}
		for _, at := range fk.files(v) {
			if id, _ := at.ref["id"].(string); id != "" && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}

	for _, fl := range c.top.fields {
		add(fl, data[fl.name])
		rows, _ := data[fl.name].([]any)
		for _, row := range rows {
			cells, _ := row.(map[string]any)
			for _, col := range tableFields(fl) {
				add(col, cells[col.name])
			}
		}
	}
	return out
}

// tableFields are the columns of a sub_table field; nil for other fields.
func tableFields(fl *field) []*field {
	if fl.table == nil {
		return nil
	}
	return fl.table.fields
}
