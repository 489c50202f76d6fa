package datahub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// FilesCollection holds the bytes of uploaded files, cut into chunks read
// by _id alone ("<job id>.<n>"), as runtime/attachment keeps its own.
const FilesCollection = "import_files"

// fileChunkSize is the bytes of one chunk document: with its few other
// fields it stays under 255 KiB.
const fileChunkSize = 254 << 10

// fileChunk is one piece of an uploaded file.
type fileChunk struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	JobID          string `bson:"job_id"`
	N              int    `bson:"n"`
	Data           []byte `bson:"data"`
}

func fileChunkID(jobID string, n int) string { return fmt.Sprintf("%s.%d", jobID, n) }

// storedFile is what the upload learnt of the file while storing it.
type storedFile struct {
	size   int64
	chunks int
	head   []byte // the first bytes, for sniffing
}

// storeFile copies body into the job's chunks, one chunk in memory at a
// time, refusing it as soon as it passes the limit. On a refusal or a
// failure the chunks written so far are removed.
func (s *Service) storeFile(ctx context.Context, coll mongo.Coll, jobID string,
	body io.Reader) (*storedFile, error) {
	if body == nil {
		return nil, problem.New(problem.Invalid, "import.file_required", nil)
	}
	f := &storedFile{}
	err := s.copyChunks(ctx, coll, jobID, io.LimitReader(body, s.cfg.MaxBytes+1), f)
	switch {
	case err == nil && f.size > s.cfg.MaxBytes:
		err = s.tooLarge()
	case err == nil && f.size == 0:
		err = problem.New(problem.Invalid, "import.empty_file", nil)
	}
	if err != nil {
		s.removeFile(ctx, coll, jobID, f.chunks)
		return nil, err
	}
	return f, nil
}

// copyChunks reads r a chunk at a time and inserts each chunk, counting
// them and the bytes in f.
func (s *Service) copyChunks(ctx context.Context, coll mongo.Coll, jobID string, r io.Reader,
	f *storedFile) error {
	buf := make([]byte, fileChunkSize)
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if f.head == nil {
				f.head = append([]byte(nil), buf[:min(n, 8)]...)
			}
			c := &fileChunk{ID: fileChunkID(jobID, f.chunks), JobID: jobID, N: f.chunks,
				Data: buf[:n]}
			if ierr := coll.InsertOne(ctx, c); ierr != nil {
				return fmt.Errorf("storing import file: %w", ierr)
			}
			f.chunks++
			f.size += int64(n)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("receiving import file: %w", err)
		}
	}
}

// removeFile deletes the first n chunks of job id's file, one by _id
// each; n < 0 deletes chunks until one is not there. A failure is logged:
// chunks no job names are never read.
func (s *Service) removeFile(ctx context.Context, coll mongo.Coll, jobID string, n int) {
	ctx = context.WithoutCancel(ctx)
	for i := 0; n < 0 || i < n; i++ {
		ok, err := coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: fileChunkID(jobID, i)}})
		if err != nil {
			s.log.WarnContext(ctx, "import file not removed", slog.String("import_id", jobID),
				slog.Any("error", err))
			return
		}
		if !ok && n < 0 {
			return
		}
	}
}

// chunkReader reads a stored file's chunks in order, one in memory at a
// time.
type chunkReader struct {
	ctx    context.Context
	coll   mongo.Coll
	jobID  string
	chunks int
	next   int    // the chunk to load next
	buf    []byte // what is left of the chunk loaded last
}

// Read implements io.Reader. A missing chunk, or a job that names none,
// means the file expired.
func (r *chunkReader) Read(b []byte) (int, error) {
	if r.chunks == 0 {
		return 0, problem.New(problem.Conflict, "import.file_gone", nil)
	}
	for len(r.buf) == 0 {
		if r.next >= r.chunks {
			return 0, io.EOF
		}
		var c fileChunk
		err := r.coll.FindByID(r.ctx, fileChunkID(r.jobID, r.next), &c)
		if errors.Is(err, mongo.ErrNotFound) {
			return 0, problem.New(problem.Conflict, "import.file_gone", nil)
		}
		if err != nil {
			return 0, fmt.Errorf("reading chunk %d of import %s: %w", r.next, r.jobID, err)
		}
		r.buf, r.next = c.Data, r.next+1
	}

	n := copy(b, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// Close implements io.Closer; there is nothing to release.
func (r *chunkReader) Close() error { return nil }
