package attachment

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
)

// write stores data as a's chunks and then a itself. On any failure it
// removes the chunks already written.
func (s *Service) write(ctx context.Context, p auth.Principal, a *Attachment,
	data []byte) error {
	chunks := s.store.Scope(p.TenantID).C(ChunksCollection)
	for off := 0; off < len(data); off += chunkSize {
		piece := data[off:min(off+chunkSize, len(data))]
		c := &chunk{ID: chunkID(a.ID, a.Chunks), FileID: a.ID, N: a.Chunks, Data: piece}
		if err := chunks.InsertOne(ctx, c); err != nil {
			s.removeChunks(ctx, p, a.ID, a.Chunks)
			return fmt.Errorf("storing attachment chunk: %w", err)
		}
		a.Chunks++
	}

	if err := s.store.Scope(p.TenantID).C(Collection).InsertOne(ctx, a); err != nil {
		s.removeChunks(ctx, p, a.ID, a.Chunks)
		return fmt.Errorf("storing attachment: %w", err)
	}
	return nil
}

// removeChunks deletes the first n chunks of file id, one by _id each; a
// failure is logged: unnamed chunks are never served.
func (s *Service) removeChunks(ctx context.Context, p auth.Principal, id string, n int) {
	ctx = context.WithoutCancel(ctx)
	chunks := s.store.Scope(p.TenantID).C(ChunksCollection)
	for i := range n {
		_, err := chunks.DeleteOne(ctx, bson.D{{Key: "_id", Value: chunkID(id, i)}})
		if err != nil {
			s.log.ErrorContext(ctx, "chunk of a failed upload not removed",
				slog.String("tenant_id", p.TenantID), slog.String("attachment_id", id),
				slog.Any("error", err))
			return
		}
	}
}

// Open returns the metadata of a file of the principal's tenant and a
// reader of its content that loads one chunk at a time. The reader uses
// ctx without its cancellation, since the HTTP layer drains it after the
// handler returns.
func (s *Service) Open(ctx context.Context, p auth.Principal, id string) (*Attachment,
	io.Reader, error) {
	a, err := s.Meta(ctx, p, id)
	if err != nil {
		return nil, nil, err
	}
	return a, &reader{ctx: context.WithoutCancel(ctx), s: s, p: p, a: a}, nil
}

// reader reads a file's chunks in order.
type reader struct {
	ctx  context.Context
	s    *Service
	p    auth.Principal
	a    *Attachment
	next int    // the chunk to load next
	buf  []byte // what is left of the chunk loaded last
}

// Read implements io.Reader.
func (r *reader) Read(b []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.next >= r.a.Chunks {
			return 0, io.EOF
		}
		var c chunk
		err := r.s.store.Scope(r.p.TenantID).C(ChunksCollection).
			FindByID(r.ctx, chunkID(r.a.ID, r.next), &c)
		if err != nil {
			return 0, fmt.Errorf("reading chunk %d of attachment %s: %w", r.next, r.a.ID, err)
		}
		r.buf, r.next = c.Data, r.next+1
	}

	n := copy(b, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
