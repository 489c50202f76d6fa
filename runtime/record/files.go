package record

import (
	"context"
	"slices"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/runtime/attachment"
)

// File implements form.FileResolver. A file of the tenant may go into a
// record when the person submitting uploaded it, or when the record
// already holds it (whoever uploaded it then): so nobody can put another
// person's upload, such as their drawn signature, into a record as their
// own, and editing a record keeps the files others attached.
func (r resolver) File(ctx context.Context, id string) (*form.File, error) {
	a, err := attachment.Find(ctx, r.s.store.Scope(r.p.TenantID), id)
	if a == nil || err != nil {
		return nil, err
	}

	return &form.File{ID: a.ID, Name: a.Name, Size: a.Size, ContentType: a.ContentType,
		Signature:  a.Purpose == attachment.PurposeSignature,
		Attachable: a.UploadedBy == r.p.UserID || slices.Contains(r.kept, id)}, nil
}

// logFiles records one attachment_uploaded activity on r for the files of
// now that were not in before. The record write that linked them already
// moved last_activity_at; failing to store the entry is logged, not
// refused, like the other activities the service records itself.
func (s *Service) logFiles(ctx context.Context, p auth.Principal, r *Record, now,
	before []string) {
	var added []string
	for _, id := range now {
		if !slices.Contains(before, id) {
			added = append(added, id)
		}
	}
	if len(added) > 0 {
		s.system(ctx, p, r, &Activity{Kind: AttachmentUploaded, AttachmentIDs: added})
	}
}
