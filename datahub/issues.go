package datahub

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// issuesPerChunk is how many issues one stored chunk holds: a report of
// many failed rows costs one insert per chunk, not one per row.
const issuesPerChunk = 200

// Issue is one problem of one row: the file row (the header is row 1), the
// column and field it is about when it is about one, a stable code and the
// message in every locale.
type Issue struct {
	Row      int                    `bson:"row"`
	Column   string                 `bson:"column,omitempty"`
	Field    string                 `bson:"field,omitempty"`
	Code     string                 `bson:"code"`
	Messages map[i18n.Locale]string `bson:"messages"`
}

// Message returns the issue's message in locale l.
func (i Issue) Message(l i18n.Locale) string {
	if m, ok := i.Messages[l]; ok {
		return m
	}
	return i.Messages[i18n.English]
}

// issueChunk is one stored run of a pass's issues.
type issueChunk struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`

	JobID  string  `bson:"job_id"`
	Pass   int     `bson:"pass"`
	N      int     `bson:"n"`
	Issues []Issue `bson:"issues"`
}

func chunkID(jobID string, pass, n int) string { return fmt.Sprintf("%s.%d.%d", jobID, pass, n) }

// issueWriter buffers a pass's issues and stores them a chunk at a time,
// when the pass stores its progress.
type issueWriter struct {
	coll mongo.Coll
	job  *Job
	buf  []Issue
}

// resumeIssues returns the writer of the job's current report, going on
// after the chunks its progress names. Chunks past those were stored by
// a worker that died before its progress was, and go; a pass that starts
// afresh also drops the report of the pass before.
func (s *Service) resumeIssues(ctx context.Context, p auth.Principal,
	j *Job) (*issueWriter, error) {
	if err := s.dropIssues(ctx, p, j.ID, j.Pass, j.IssueChunks); err != nil {
		return nil, err
	}
	if j.Progress.LandedThrough == 0 {
		s.dropOldIssues(ctx, p, j.ID, j.Pass-1)
	}
	return &issueWriter{coll: s.issueChunks(p), job: j}, nil
}

// add records the issues of a row; a row's issues always land in one chunk.
func (w *issueWriter) add(issues ...Issue) {
	w.buf = append(w.buf, issues...)
	w.job.Issues += len(issues)
}

// full reports whether the buffer holds a chunk's worth of issues.
func (w *issueWriter) full() bool { return len(w.buf) >= issuesPerChunk }

// flush stores the buffered issues as the next chunk. A chunk of that id
// left by a worker that died is replaced.
func (w *issueWriter) flush(ctx context.Context) error {
	if len(w.buf) == 0 {
		return nil
	}
	n := w.job.IssueChunks
	c := &issueChunk{ID: chunkID(w.job.ID, w.job.Pass, n), JobID: w.job.ID,
		Pass: w.job.Pass, N: n, Issues: w.buf}
	err := w.coll.InsertOne(ctx, c)
	if mongo.IsDuplicate(err) {
		if _, err = w.coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: c.ID}}); err == nil {
			err = w.coll.InsertOne(ctx, c)
		}
	}
	if err != nil {
		return fmt.Errorf("storing import issues: %w", err)
	}
	w.job.IssueChunks++
	w.buf = nil
	return nil
}

// rowIssue is the issue of a row the reader could not read well.
func rowIssue(row int, e *rowError) Issue {
	return Issue{Row: row, Code: e.code, Messages: messages(fieldPrefix+e.code, e.params)}
}

// refusalIssues turns a row's refusal into one issue per offending field,
// naming the column that fills the field under m.
func refusalIssues(row int, pe *problem.Error, m Mapping) []Issue {
	if len(pe.Fields) == 0 {
		return []Issue{{Row: row, Code: pe.Code, Messages: messages(pe.Code, pe.Params)}}
	}
	out := make([]Issue, 0, len(pe.Fields))
	for _, f := range pe.Fields {
		field, _, _ := strings.Cut(strings.TrimPrefix(f.Pointer, "/"), "/")
		msgs := make(map[i18n.Locale]string, len(i18n.Locales))
		for _, l := range i18n.Locales {
			msgs[l] = f.Message(l)
		}
		out = append(out, Issue{Row: row, Column: m.columnOf(field), Field: field,
			Code: f.Code, Messages: msgs})
	}
	return out
}

// Issues returns chunk n of the report of the job's latest pass and the
// number of the next chunk, -1 after the last.
func (s *Service) Issues(ctx context.Context, p auth.Principal, id string,
	n int) ([]Issue, int, error) {
	j, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, -1, err
	}
	issues, err := s.chunk(ctx, p, j, n)
	if err != nil || issues == nil {
		return []Issue{}, -1, err
	}
	if n+1 >= j.IssueChunks {
		return issues, -1, nil
	}
	return issues, n + 1, nil
}

// chunk reads chunk n of the job's latest pass; nil when there is none.
func (s *Service) chunk(ctx context.Context, p auth.Principal, j *Job, n int) ([]Issue, error) {
	if n < 0 {
		return nil, nil
	}
	var c issueChunk
	err := s.issueChunks(p).FindByID(ctx, chunkID(j.ID, j.Pass, n), &c)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading import issues: %w", err)
	}
	return c.Issues, nil
}

// dropIssues removes the chunks of a pass's report from chunk n on, one
// by _id each, until one is not there.
func (s *Service) dropIssues(ctx context.Context, p auth.Principal, jobID string,
	pass, n int) error {
	for ; pass > 0; n++ {
		ok, err := s.issueChunks(p).DeleteOne(ctx,
			bson.D{{Key: "_id", Value: chunkID(jobID, pass, n)}})
		if err != nil {
			return fmt.Errorf("removing import issues: %w", err)
		}
		if !ok {
			return nil
		}
	}
	return nil
}

// dropOldIssues removes the report of an earlier pass. A failure leaves
// garbage no reader sees, so it is logged, not returned.
func (s *Service) dropOldIssues(ctx context.Context, p auth.Principal, jobID string,
	pass int) {
	if err := s.dropIssues(ctx, p, jobID, pass, 0); err != nil {
		s.log.WarnContext(ctx, "old import issues not removed",
			slog.String("import_id", jobID), slog.Any("error", err))
	}
}
