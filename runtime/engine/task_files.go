package engine

import (
	"context"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/runtime/attachment"
)

var _ form.FileResolver = taskResolver{}

// File implements form.FileResolver: a task form may hold the files its
// completer uploaded.
func (r taskResolver) File(ctx context.Context, id string) (*form.File, error) {
	a, err := attachment.Find(ctx, r.s.store.Scope(r.tenantID), id)
	if a == nil || err != nil {
		return nil, err
	}
	return &form.File{ID: a.ID, Name: a.Name, Size: a.Size, ContentType: a.ContentType,
		Signature:  a.Purpose == attachment.PurposeSignature,
		Attachable: a.UploadedBy == r.userID}, nil
}
