package datahub

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// Delete removes a job of the principal's tenant at rest, with its file and
// its report. A running job is refused (busy): stop nothing half-way. The
// job goes first, so that what is left after a failure is chunks no job
// names, which nothing reads.
func (s *Service) Delete(ctx context.Context, p auth.Principal, id string) error {
	j, err := s.load(ctx, p, id)
	if err != nil {
		return err
	}
	if j.running() {
		return problem.New(problem.Conflict, "import.busy", nil)
	}

	ok, err := s.jobs(p).DeleteOne(ctx, bson.D{{Key: "_id", Value: j.ID},
		{Key: "pass", Value: j.Pass}, {Key: "status", Value: j.Status}})
	if err != nil {
		return fmt.Errorf("deleting import %s: %w", id, err)
	}
	if !ok {
		return problem.New(problem.Conflict, "import.busy", nil)
	}
	s.removeFile(ctx, s.files(p), j.ID, j.Chunks)
	s.dropOldIssues(context.WithoutCancel(ctx), p, j.ID, j.Pass)
	return nil
}
