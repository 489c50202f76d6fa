package form

import "context"

// Resolver answers the questions validation asks about the tenant's data.
// The caller implements it over the store, scoped to the tenant whose
// record is being validated; Validate calls it at most once per distinct
// value and only for values that are otherwise valid.
type Resolver interface {
	// UserExists reports whether id is an active member of the tenant.
	UserExists(ctx context.Context, id string) (bool, error)
	// RecordExists reports whether a record of the form formKey has id.
	RecordExists(ctx context.Context, formKey, id string) (bool, error)
}

// File is what the attachment store knows of one uploaded file.
type File struct {
	ID          string
	Name        string
	Size        int64
	ContentType string
	// Signature reports a drawn signature (uploaded for a signature field).
	Signature bool
	// Attachable reports whether the person submitting may put the file in
	// this record: the caller decides (Formwork: they uploaded it, or the
	// record already holds it).
	Attachable bool
}

// FileResolver is a Resolver that also answers about uploaded files. Forms
// with attachment or signature fields need one: Validate refuses to check
// them without it.
type FileResolver interface {
	Resolver
	// File returns the tenant's file id; nil when there is none.
	File(ctx context.Context, id string) (*File, error)
}
