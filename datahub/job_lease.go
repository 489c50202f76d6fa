package datahub

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
)

// errLeaseLost says another worker took the job over: this one stops
// without writing anything more.
var errLeaseLost = errors.New("import taken over by another worker")

// principal is who the job's rows are written as: whoever started the
// latest check or run, in the job's tenant.
func (j *Job) principal() auth.Principal {
	p := auth.Principal{TenantID: j.TenantID, UserID: j.StartedBy, Roles: j.StartedRoles}
	if p.UserID == "" {
		p.UserID = j.CreatedBy
	}
	return p
}

// leased is the filter of the job as long as this worker holds its lease.
func (j *Job) leased() bson.D {
	return bson.D{{Key: "_id", Value: j.ID}, {Key: "pass", Value: j.Pass},
		{Key: "lease.owner", Value: j.Lease.Owner}, {Key: "lease.claims", Value: j.Lease.Claims}}
}

// take gives this worker the lease of a running job whose lease is free
// or ran out, with a compare-and-set on the count of claims, so that of
// two workers reading the same job one takes it. It reports false when
// the job is at rest or another worker holds it.
func (s *Service) take(ctx context.Context, j *Job) (bool, error) {
	now := s.clock.Now()
	if !j.running() || (j.Lease.Owner != "" && now.Before(j.Lease.Until)) {
		return false, nil
	}
	l := Lease{Owner: s.ids.New(), Until: now.Add(s.cfg.StaleAfter),
		Claims: j.Lease.Claims + 1, Mark: j.Progress.LandedThrough}
	if j.Progress.LandedThrough == j.Lease.Mark {
		l.Stalls = j.Lease.Stalls + 1
	}
	filter := bson.D{{Key: "_id", Value: j.ID}, {Key: "pass", Value: j.Pass},
		{Key: "status", Value: j.Status}, {Key: "lease.claims", Value: j.Lease.Claims}}

	ok, err := s.store.Scope(j.TenantID).C(ImportsCollection).UpdateOne(ctx, filter,
		bson.D{{Key: "$set", Value: bson.D{{Key: "lease", Value: l}}}})
	if err != nil {
		return false, fmt.Errorf("taking import %s: %w", j.ID, err)
	}
	if ok {
		j.Lease = l
	}
	return ok, nil
}

// maxStalls is how many workers in a row may take a job and store no
// progress before it is failed: a row whose write fails every time would
// otherwise be retried for ever.
const maxStalls = 20

// stalled reports whether the job has been taken maxStalls times without
// getting further, and if so records that it failed.
func (j *Job) stalled() bool {
	if j.Lease.Stalls < maxStalls {
		return false
	}
	j.Status = StatusFailed
	j.Error = &JobError{Code: "import.store_failed", Params: map[string]any{
		"row": j.Progress.LandedThrough + 1, "landed": j.Progress.LandedThrough}}
	return true
}

// release hands the lease of a job this worker stops running back at
// once, so that the next worker need not wait for it to run out. A
// failure is logged: the lease then runs out by itself.
func (s *Service) release(ctx context.Context, j *Job) {
	set := bson.D{{Key: "lease.owner", Value: ""}, {Key: "lease.until", Value: s.clock.Now()}}
	_, err := s.store.Scope(j.TenantID).C(ImportsCollection).UpdateOne(ctx, j.leased(),
		bson.D{{Key: "$set", Value: set}})
	if err != nil {
		s.log.WarnContext(ctx, "import lease not released", slog.String("import_id", j.ID),
			slog.Any("error", err))
	}
}
