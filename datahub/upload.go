package datahub

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// UploadInput is a file to import into a form.
type UploadInput struct {
	// Form is the key or definition id of a published form.
	Form string
	// FileName is the name the file was uploaded under; its content, not
	// its name, decides how it is read.
	FileName string
	// Size is the declared size in bytes, or -1 when unknown; a declared
	// size over the limit is refused before anything is read.
	Size int64
	// Encoding is a CSV file's encoding; empty means detect it.
	Encoding string
	// Sheet is the worksheet of an Excel file; empty means the first.
	Sheet string
	// Body is the file's content.
	Body io.Reader
}

// Upload stores the file, sniffs its format and encoding, reads its header
// and returns the new job with a suggested mapping. A file over
// Config.MaxBytes, a file that is not what it claims, an unknown encoding
// and an empty file are refused with a problem document and leave no job.
//
// The job document is written first, receiving, and the file's chunks
// after it, so that an upload cut short by a dying process leaves a job
// whose chunks the reconciler's expiry finds and removes.
func (s *Service) Upload(ctx context.Context, p auth.Principal, in UploadInput) (*Job, error) {
	if in.Size > s.cfg.MaxBytes {
		return nil, s.tooLarge()
	}
	enc, err := ParseEncoding(in.Encoding)
	if err != nil {
		return nil, err
	}
	fields, formKey, err := s.records.FormFields(ctx, p, in.Form)
	if err != nil {
		return nil, err
	}

	job := &Job{ID: s.ids.New(), Form: formKey, FileName: in.FileName, Sheet: in.Sheet,
		Status: StatusReceiving, CreatedBy: p.UserID, CreatedAt: s.clock.Now()}
	job.UpdatedAt = job.CreatedAt
	if err := s.jobs(p).InsertOne(ctx, job); err != nil {
		return nil, fmt.Errorf("storing import: %w", err)
	}
	if err := s.receive(ctx, p, job, in.Body, enc, fields); err != nil {
		s.discard(ctx, p, job)
		return nil, err
	}
	return job, nil
}

// receive stores the body as the job's file, reads what the job needs to
// know of it (format, encoding, columns and the suggested mapping) and
// stores the job, uploaded.
func (s *Service) receive(ctx context.Context, p auth.Principal, job *Job, body io.Reader,
	enc string, fields []form.FieldInfo) error {
	f, err := s.storeFile(ctx, s.files(p), job.ID, body)
	if err != nil {
		return err
	}
	job.Chunks, job.Size = f.chunks, f.size
	if job.Format, err = sniff(f.head, job.FileName); err != nil {
		return err
	}

	job.Encoding = enc
	if err := s.readColumns(ctx, p, job); err != nil {
		return err
	}
	job.Suggested = Suggest(job.Columns, fields)
	job.Status = StatusUploaded

	set := bson.D{{Key: "status", Value: job.Status}, {Key: "size", Value: job.Size},
		{Key: "chunks", Value: job.Chunks}, {Key: "format", Value: job.Format},
		{Key: "encoding", Value: job.Encoding}, {Key: "columns", Value: job.Columns},
		{Key: "suggested", Value: job.Suggested}}
	ok, err := s.jobs(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: job.ID},
		{Key: "status", Value: StatusReceiving}}, bson.D{{Key: "$set", Value: set}})
	if err == nil && !ok {
		err = mongo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("storing import: %w", err)
	}
	return nil
}

// readColumns reads the header of the job's file, and a CSV file's
// encoding when it was to be detected.
func (s *Service) readColumns(ctx context.Context, p auth.Principal, job *Job) error {
	r, err := job.source(ctx, s, p).open()
	if err != nil {
		return err
	}
	defer r.Close()
	if c, ok := r.(*csvReader); ok {
		job.Encoding = c.encoding
	}
	job.Columns, err = readHeader(r, s.cfg.MaxColumns)
	return err
}

// discard removes a refused upload: its chunks, then its job.
func (s *Service) discard(ctx context.Context, p auth.Principal, job *Job) {
	ctx = context.WithoutCancel(ctx)
	s.removeFile(ctx, s.files(p), job.ID, job.Chunks)
	if _, err := s.jobs(p).DeleteOne(ctx, bson.D{{Key: "_id", Value: job.ID}}); err != nil {
		s.log.WarnContext(ctx, "refused import not removed", slog.String("import_id", job.ID),
			slog.Any("error", err))
	}
}

func (s *Service) tooLarge() error {
	return problem.New(problem.TooLarge, "import.too_large",
		i18n.Params{"max_mb": s.cfg.MaxBytes >> 20})
}

// source says how to read the job's file from the store.
func (j *Job) source(ctx context.Context, s *Service, p auth.Principal) source {
	coll, id, chunks := s.files(p), j.ID, j.Chunks
	open := func() *chunkReader {
		return &chunkReader{ctx: ctx, coll: coll, jobID: id, chunks: chunks}
	}
	return source{file: open, spoolDir: s.cfg.Dir, format: j.Format, encoding: j.Encoding,
		sheet: j.Sheet, maxBytes: s.cfg.MaxBytes}
}

// Get returns a job of the principal's tenant with its progress. A job
// whose worker died shows running until the reconciler hands it to
// another worker, which resumes it.
func (s *Service) Get(ctx context.Context, p auth.Principal, id string) (*Job, error) {
	return s.load(ctx, p, id)
}

// MaxBytes is the largest file an upload takes.
func (s *Service) MaxBytes() int64 { return s.cfg.MaxBytes }

// TooLarge is the refusal of a file over MaxBytes, for callers that see the
// declared size before the body.
func (s *Service) TooLarge() error { return s.tooLarge() }
