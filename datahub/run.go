package datahub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/designer/form"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// RunInput is the mapping and key of a check or an import.
type RunInput struct {
	// Mapping is a JSON object from column header to field name (see
	// ParseMapping); empty means the job's current mapping.
	Mapping json.RawMessage `json:"mapping,omitempty"`
	// KeyField is the field whose value names the record a row merges
	// into; empty means the job's current key.
	KeyField string `json:"key_field,omitempty"`
	// Mode is all_or_nothing (default) or valid_rows; checks ignore it.
	Mode Mode `json:"mode,omitempty"`
}

// Check starts the dry run of the job: every row is validated as the
// import would store it, nothing is written but the report. It returns
// the job, now checking; Get shows its progress and Issues its report.
// A bad mapping is refused before anything starts.
func (s *Service) Check(ctx context.Context, p auth.Principal, id string,
	in RunInput) (*Job, error) {
	return s.begin(ctx, p, id, in, false)
}

// Run starts the import of the job. In ModeAllOrNothing it first checks
// every row and imports nothing when one fails (the job ends refused);
// in ModeValidRows it imports the rows that pass and reports the others.
func (s *Service) Run(ctx context.Context, p auth.Principal, id string,
	in RunInput) (*Job, error) {
	return s.begin(ctx, p, id, in, true)
}

// begin checks the input, claims the job and hands its pass to a worker.
func (s *Service) begin(ctx context.Context, p auth.Principal, id string, in RunInput,
	write bool) (*Job, error) {
	j, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := s.prepare(ctx, p, j, in, write); err != nil {
		return nil, err
	}
	if err := s.claim(ctx, p, j, write); err != nil {
		return nil, err
	}

	s.dispatch(ctx, p.TenantID, j.ID)
	return j, nil
}

// prepare checks the job's state and in against the form, and sets the
// job's mapping, key and mode from it.
func (s *Service) prepare(ctx context.Context, p auth.Principal, j *Job, in RunInput,
	write bool) error {
	switch {
	case j.Status == StatusImported:
		return problem.New(problem.Conflict, "import.finished", nil)
	case j.running():
		return problem.New(problem.Conflict, "import.busy", nil)
	}
	if len(in.Mapping) > 0 {
		m, err := ParseMapping(in.Mapping)
		if err != nil {
			return err
		}
		j.Mapping = m
	}
	if in.KeyField != "" {
		j.KeyField = in.KeyField
	}
	mode, err := modeOf(in.Mode, write)
	if err != nil {
		return err
	}
	j.Mode = mode

	list, _, err := s.records.FormFields(ctx, p, j.Form)
	if err != nil {
		return err
	}
	return j.Mapping.check(j.Columns, list, j.KeyField)
}

func modeOf(m Mode, write bool) (Mode, error) {
	switch {
	case !write:
		return "", nil
	case m == "":
		return ModeAllOrNothing, nil
	case m == ModeAllOrNothing || m == ModeValidRows:
		return m, nil
	}
	return "", problem.Fields(fieldErr("/mode", "invalid_mode", nil))
}

func fieldMap(list []form.FieldInfo) map[string]form.FieldInfo {
	out := make(map[string]form.FieldInfo, len(list))
	for _, f := range list {
		out[f.Name] = f
	}
	return out
}

// claim moves the job from rest to running with one conditional update,
// so that two requests cannot start two passes. The lease is left free
// for the worker that takes the job.
func (s *Service) claim(ctx context.Context, p auth.Principal, j *Job, write bool) error {
	now := s.clock.Now()
	j.Status = StatusChecking
	if write && j.Mode == ModeValidRows {
		j.Status = StatusImporting
	}
	j.Progress, j.Issues, j.IssueChunks, j.Error, j.UpdatedAt = Progress{}, 0, 0, nil, now
	j.StartedBy, j.StartedRoles = p.UserID, p.Roles
	j.Pass++
	j.Lease = Lease{Until: now, Claims: j.Lease.Claims, Mark: -1}
	set := bson.D{{Key: "status", Value: j.Status}, {Key: "progress", Value: j.Progress},
		{Key: "issues", Value: 0}, {Key: "issue_chunks", Value: 0},
		{Key: "mapping", Value: j.Mapping}, {Key: "key_field", Value: j.KeyField},
		{Key: "mode", Value: j.Mode}, {Key: "pass", Value: j.Pass},
		{Key: "started_by", Value: j.StartedBy}, {Key: "started_roles", Value: j.StartedRoles},
		{Key: "lease", Value: j.Lease}, {Key: "updated_at", Value: now}}
	filter := bson.D{{Key: "_id", Value: j.ID}, {Key: "pass", Value: j.Pass - 1},
		{Key: "status", Value: bson.D{{Key: "$in", Value: idle}}}}

	ok, err := s.jobs(p).UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: set},
		{Key: "$unset", Value: bson.D{{Key: "error", Value: ""}}}})
	if err != nil {
		return fmt.Errorf("starting import %s: %w", j.ID, err)
	}
	if !ok {
		return problem.New(problem.Conflict, "import.busy", nil)
	}
	return nil
}

// execute runs what is left of a job this worker holds the lease of and
// stores the end. A pass that stopped with its worker (ctx ended) hands
// the lease back and leaves the job running, for another worker to resume;
// a store failure does the same and is returned, for the task to be tried
// again. Only a file or form that cannot be imported fails the job.
func (s *Service) execute(ctx context.Context, j *Job) error {
	p := j.principal()
	if j.stalled() {
		return ignoreLost(s.finish(context.WithoutCancel(ctx), p, j))
	}
	fields, err := s.currentFields(ctx, p, j)
	if err == nil && fields != nil {
		err = s.passes(ctx, p, j, fields)
	}
	if err != nil {
		return s.pause(ctx, j, err)
	}
	return s.end(ctx, p, j)
}

// pause stops a pass that err ended before the job's end: the lease goes
// back (unless another worker took it) and the job stays running. Only a
// store failure is returned, for the task to be tried again.
func (s *Service) pause(ctx context.Context, j *Job, err error) error {
	if errors.Is(err, errLeaseLost) {
		return nil
	}
	s.release(context.WithoutCancel(ctx), j)
	if ctx.Err() != nil {
		return nil
	}
	s.log.WarnContext(ctx, "import paused by a store failure",
		slog.String("tenant_id", j.TenantID), slog.String("import_id", j.ID),
		slog.Int("landed_through", j.Progress.LandedThrough), slog.Any("error", err))
	return err
}

// end stores the job's end and, for an imported job, removes its file.
func (s *Service) end(ctx context.Context, p auth.Principal, j *Job) error {
	chunks := j.Chunks
	if j.Status == StatusImported {
		j.Chunks = 0
	}
	err := s.finish(context.WithoutCancel(ctx), p, j)
	if err == nil && j.Status == StatusImported {
		s.removeFile(ctx, s.files(p), j.ID, chunks)
	}
	return ignoreLost(err)
}

// ignoreLost drops errLeaseLost: a worker whose job was taken over has
// nothing more to do and nothing to retry.
func ignoreLost(err error) error {
	if errors.Is(err, errLeaseLost) {
		return nil
	}
	return err
}

// currentFields reads the fields of the job's form. A form that is gone
// fails the job (fields nil, j says why); a store failure is returned.
func (s *Service) currentFields(ctx context.Context, p auth.Principal,
	j *Job) (map[string]form.FieldInfo, error) {
	list, _, err := s.records.FormFields(ctx, p, j.Form)
	if pe, ok := problem.As(err); ok && refusal(pe) {
		j.Status, j.Error = StatusFailed, &JobError{Code: pe.Code, Params: pe.Params}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return fieldMap(list), nil
}

// passes checks, and for an import in all-or-nothing mode stops when a
// row failed, then imports, going on from where an earlier worker left
// the job. It leaves the job's final status in j.
func (s *Service) passes(ctx context.Context, p auth.Principal, j *Job,
	fields map[string]form.FieldInfo) error {
	if _, err := s.records.AdoptKeys(ctx, p, j.Form, j.KeyField); err != nil {
		return err
	}
	write := j.Mode != ""
	if j.Status == StatusChecking {
		if err := s.pass(ctx, p, j, fields, false); err != nil {
			return err
		}
		if j.Error != nil {
			j.Status = StatusRefused
			return nil
		}
		if !write {
			j.Status = StatusChecked
			return nil
		}
		if j.Progress.RowsFailed > 0 {
			j.Status = StatusRefused
			j.Error = &JobError{Code: "import.refused_invalid_rows",
				Params: map[string]any{"failed": j.Progress.RowsFailed}}
			return nil
		}
		if err := s.startImporting(ctx, j); err != nil {
			return err
		}
	}

	if err := s.pass(ctx, p, j, fields, true); err != nil {
		return err
	}
	j.Status = StatusImported
	if j.Error != nil {
		j.Status = StatusRefused
	}
	return nil
}

// startImporting moves a job whose check passed to its import, with a
// fresh count and report.
func (s *Service) startImporting(ctx context.Context, j *Job) error {
	j.Status, j.Progress, j.Issues, j.IssueChunks = StatusImporting, Progress{}, 0, 0
	return s.progress(ctx, j.principal(), j)
}

// finish stores the job's end state and frees its lease; errLeaseLost
// when another worker took the job over meanwhile, whose end it is to
// store.
func (s *Service) finish(ctx context.Context, p auth.Principal, j *Job) error {
	now := s.clock.Now()
	j.UpdatedAt = now
	if j.Status != StatusChecked {
		j.FinishedAt = &now
	}
	set := bson.D{{Key: "status", Value: j.Status}, {Key: "progress", Value: j.Progress},
		{Key: "issues", Value: j.Issues}, {Key: "issue_chunks", Value: j.IssueChunks},
		{Key: "file_rows", Value: j.FileRows}, {Key: "chunks", Value: j.Chunks},
		{Key: "lease.owner", Value: ""},
		{Key: "lease.until", Value: now}, {Key: "updated_at", Value: now}}
	if j.Error != nil {
		set = append(set, bson.E{Key: "error", Value: j.Error})
	}
	if j.FinishedAt != nil {
		set = append(set, bson.E{Key: "finished_at", Value: j.FinishedAt})
	}

	ok, err := s.jobs(p).UpdateOne(ctx, j.leased(), bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("ending import %s: %w", j.ID, err)
	}
	if !ok {
		return errLeaseLost
	}
	return nil
}

// progress stores the job's running state and renews its lease; it
// returns errLeaseLost when another worker has taken the job over.
func (s *Service) progress(ctx context.Context, p auth.Principal, j *Job) error {
	j.UpdatedAt = s.clock.Now()
	until := j.UpdatedAt.Add(s.cfg.StaleAfter)
	set := bson.D{{Key: "status", Value: j.Status}, {Key: "progress", Value: j.Progress},
		{Key: "issues", Value: j.Issues}, {Key: "issue_chunks", Value: j.IssueChunks},
		{Key: "file_rows", Value: j.FileRows}, {Key: "lease.until", Value: until},
		{Key: "updated_at", Value: j.UpdatedAt}}
	ok, err := s.jobs(p).UpdateOne(ctx, j.leased(), bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("storing import progress: %w", err)
	}
	if !ok {
		return errLeaseLost
	}
	j.Lease.Until = until
	return nil
}
