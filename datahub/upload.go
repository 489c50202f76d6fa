package datahub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
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
		Status: StatusUploaded, CreatedBy: p.UserID, CreatedAt: s.clock.Now()}
	job.UpdatedAt = job.CreatedAt
	if err := s.receive(job, in.Body, enc, fields); err != nil {
		_ = os.Remove(s.filePath(job.ID))
		return nil, err
	}
	if err := s.jobs(p).InsertOne(ctx, job); err != nil {
		_ = os.Remove(s.filePath(job.ID))
		return nil, fmt.Errorf("storing import: %w", err)
	}
	return job, nil
}

// receive saves the body to the job's file and reads what the job needs to
// know of it: format, encoding, columns and the suggested mapping.
func (s *Service) receive(job *Job, body io.Reader, enc string, fields []form.FieldInfo) error {
	size, head, err := s.save(s.filePath(job.ID), body)
	if err != nil {
		return err
	}
	format, err := sniff(head, job.FileName)
	if err != nil {
		return err
	}

	job.Size, job.Format, job.Encoding = size, format, enc
	r, err := job.source(s).open()
	if err != nil {
		return err
	}
	defer r.Close()
	if c, ok := r.(*csvReader); ok {
		job.Encoding = c.encoding
	}
	if job.Columns, err = readHeader(r, s.cfg.MaxColumns); err != nil {
		return err
	}

	job.Suggested = Suggest(job.Columns, fields)
	return nil
}

// save copies body to path, refusing it as soon as it passes the limit,
// and returns its size and first bytes.
func (s *Service) save(path string, body io.Reader) (int64, []byte, error) {
	if body == nil {
		return 0, nil, problem.New(problem.Invalid, "import.file_required", nil)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o600)
	if err != nil {
		return 0, nil, fmt.Errorf("creating import file: %w", err)
	}
	defer f.Close()

	n, err := io.Copy(f, io.LimitReader(body, s.cfg.MaxBytes+1))
	if err != nil {
		return 0, nil, fmt.Errorf("receiving import file: %w", err)
	}
	if n > s.cfg.MaxBytes {
		return 0, nil, s.tooLarge()
	}
	if n == 0 {
		return 0, nil, problem.New(problem.Invalid, "import.empty_file", nil)
	}

	head := make([]byte, 8)
	m, err := f.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, nil, fmt.Errorf("reading import file: %w", err)
	}
	return n, head[:m], nil
}

func (s *Service) tooLarge() error {
	return problem.New(problem.TooLarge, "import.too_large",
		i18n.Params{"max_mb": s.cfg.MaxBytes >> 20})
}

// source says how to read the job's file.
func (j *Job) source(s *Service) source {
	return source{path: s.filePath(j.ID), format: j.Format, encoding: j.Encoding,
		sheet: j.Sheet, maxBytes: s.cfg.MaxBytes}
}

// Get returns a job of the principal's tenant with its progress. A job
// that shows running although no process has advanced it for
// Config.StaleAfter died with its process and is reported failed.
func (s *Service) Get(ctx context.Context, p auth.Principal, id string) (*Job, error) {
	j, err := s.load(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if j.running() && !s.isRunning(id) && s.clock.Now().Sub(j.UpdatedAt) > s.cfg.StaleAfter {
		j.Status = StatusFailed
		j.Error = &JobError{Code: "import.interrupted",
			Params: i18n.Params{"landed": j.Progress.LandedThrough}}
		if err := s.finish(ctx, p, j); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// MaxBytes is the largest file an upload takes.
func (s *Service) MaxBytes() int64 { return s.cfg.MaxBytes }

// TooLarge is the refusal of a file over MaxBytes, for callers that see the
// declared size before the body.
func (s *Service) TooLarge() error { return s.tooLarge() }
