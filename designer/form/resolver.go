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
