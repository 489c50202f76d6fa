package datahub

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"

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

// begin checks the input, claims the job and starts its pass.
func (s *Service) begin(ctx context.Context, p auth.Principal, id string, in RunInput,
	write bool) (*Job, error) {
	j, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	fields, err := s.prepare(ctx, p, j, in, write)
	if err != nil {
		return nil, err
	}
	if err := s.claim(ctx, p, j); err != nil {
		return nil, err
	}

	snapshot := *j
	s.start(ctx, j.ID, func(ctx context.Context) { s.execute(ctx, p, j, fields, write) })
	return &snapshot, nil
}

// prepare checks the job's state and in, and sets the job's mapping, key
// and mode from it. It returns the form's fields by name.
func (s *Service) prepare(ctx context.Context, p auth.Principal, j *Job, in RunInput,
	write bool) (map[string]form.FieldInfo, error) {
	switch {
	case j.Status == StatusImported:
		return nil, problem.New(problem.Conflict, "import.finished", nil)
	case j.running():
		return nil, problem.New(problem.Conflict, "import.busy", nil)
	}
	if len(in.Mapping) > 0 {
		m, err := ParseMapping(in.Mapping)
		if err != nil {
			return nil, err
		}
		j.Mapping = m
	}
	if in.KeyField != "" {
		j.KeyField = in.KeyField
	}
	mode, err := modeOf(in.Mode, write)
	if err != nil {
		return nil, err
	}
	j.Mode = mode

	list, _, err := s.records.FormFields(ctx, p, j.Form)
	if err != nil {
		return nil, err
	}
	if err := j.Mapping.check(j.Columns, list, j.KeyField); err != nil {
		return nil, err
	}
	return fieldMap(list), nil
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

// claim moves the job from rest to checking with one conditional update,
// so that two requests cannot start two passes.
func (s *Service) claim(ctx context.Context, p auth.Principal, j *Job) error {
	now := s.clock.Now()
	j.Status, j.Progress, j.Issues, j.Error, j.UpdatedAt = StatusChecking, Progress{}, 0, nil, now
	j.Pass++
	set := bson.D{{Key: "status", Value: j.Status}, {Key: "progress", Value: j.Progress},
		{Key: "issues", Value: 0}, {Key: "mapping", Value: j.Mapping},
		{Key: "key_field", Value: j.KeyField}, {Key: "mode", Value: j.Mode},
		{Key: "pass", Value: j.Pass}, {Key: "updated_at", Value: now}}
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

// execute runs the pass or passes of a claimed job and records the end.
func (s *Service) execute(ctx context.Context, p auth.Principal, j *Job,
	fields map[string]form.FieldInfo, write bool) {
	s.dropIssues(ctx, p, j.ID, j.Pass-1)
	err := s.passes(ctx, p, j, fields, write)
	if err != nil {
		s.log.ErrorContext(ctx, "import stopped", slog.String("tenant_id", p.TenantID),
			slog.String("import_id", j.ID), slog.Any("error", err))
		j.Status = StatusFailed
		j.Error = &JobError{Code: "import.store_failed", Params: map[string]any{
			"row": j.Progress.LandedThrough + 1, "landed": j.Progress.LandedThrough}}
		if ctx.Err() != nil {
			j.Error.Code = "import.interrupted"
		}
	}

	if err := s.finish(context.WithoutCancel(ctx), p, j); err != nil {
		s.log.ErrorContext(ctx, "import end not stored", slog.String("tenant_id", p.TenantID),
			slog.String("import_id", j.ID), slog.Any("error", err))
	}
	if j.Status == StatusImported {
		_ = os.Remove(s.filePath(j.ID))
	}
}

// passes checks, and for an import in all-or-nothing mode stops when a
// row failed, then imports. It leaves the job's final status in j.
func (s *Service) passes(ctx context.Context, p auth.Principal, j *Job,
	fields map[string]form.FieldInfo, write bool) error {
	if _, err := s.records.AdoptKeys(ctx, p, j.Form, j.KeyField); err != nil {
		return err
	}
	if !write || j.Mode == ModeAllOrNothing {
		if err := s.pass(ctx, p, j, fields, false); err != nil {
			return err
		}
		if !write {
			j.Status = StatusChecked
			return nil
		}
		if j.Progress.RowsFailed > 0 || j.Error != nil {
			j.Status = StatusRefused
			if j.Error == nil {
				j.Error = &JobError{Code: "import.refused_invalid_rows",
					Params: map[string]any{"failed": j.Progress.RowsFailed}}
			}
			return nil
		}
	}

	j.Status, j.Progress, j.Issues = StatusImporting, Progress{}, 0
	if err := s.pass(ctx, p, j, fields, true); err != nil {
		return err
	}
	j.Status = StatusImported
	if j.Error != nil {
		j.Status = StatusRefused
	}
	return nil
}

// finish stores the job's end state.
func (s *Service) finish(ctx context.Context, p auth.Principal, j *Job) error {
	now := s.clock.Now()
	j.UpdatedAt = now
	if j.Status != StatusChecked {
		j.FinishedAt = &now
	}
	set := bson.D{{Key: "status", Value: j.Status}, {Key: "progress", Value: j.Progress},
		{Key: "issues", Value: j.Issues}, {Key: "updated_at", Value: now}}
	if j.Error != nil {
		set = append(set, bson.E{Key: "error", Value: j.Error})
	}
	if j.FinishedAt != nil {
		set = append(set, bson.E{Key: "finished_at", Value: j.FinishedAt})
	}

	_, err := s.jobs(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: j.ID},
		{Key: "pass", Value: j.Pass}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("ending import %s: %w", j.ID, err)
	}
	return nil
}

// progress stores the job's running state.
func (s *Service) progress(ctx context.Context, p auth.Principal, j *Job) error {
	j.UpdatedAt = s.clock.Now()
	set := bson.D{{Key: "status", Value: j.Status}, {Key: "progress", Value: j.Progress},
		{Key: "issues", Value: j.Issues}, {Key: "updated_at", Value: j.UpdatedAt}}
	_, err := s.jobs(p).UpdateOne(ctx, bson.D{{Key: "_id", Value: j.ID},
		{Key: "pass", Value: j.Pass}}, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("storing import progress: %w", err)
	}
	return nil
}
