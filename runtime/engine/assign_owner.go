package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/formworkhq/formwork/internal/mongo"
)

// ownerChoice records the person an assign-owner step picked, so that the
// step applied again (a resumed instance, a redelivered event) gives the
// record to the same person instead of taking another round-robin turn.
// It lives among the counters, keyed by the instance and the step.
type ownerChoice struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	UserID         string `bson:"user_id"`
}

// assignOwner gives the instance's record to the person o's rule picks.
// A rule that finds nobody (an empty team) leaves the owner as it is.
func (s *Service) assignOwner(ctx context.Context, a *applying, inst *Instance,
	o *OwnerSpec) error {
	if inst.RecordID == "" {
		return nil
	}
	user, err := s.ownerChoiceOf(ctx, a, inst, o)
	if err != nil || user == "" {
		return err
	}
	err = s.deps.Records.Assign(ctx, inst.TenantID, inst.RecordID, user)
	if err != nil && !errors.Is(err, ErrRecordNotFound) {
		return fmt.Errorf("assigning record %s to %s: %w", inst.RecordID, user, err)
	}
	a.owner, a.ownerKnown = user, true
	return nil
}

// ownerChoiceOf returns the stored choice of the step, making it first.
// On an instance's first application (a.fresh) there can be none yet, so
// the choice is made and inserted straight away; the insert still decides
// between racing writers, and a loser reads the winner's choice.
func (s *Service) ownerChoiceOf(ctx context.Context, a *applying, inst *Instance,
	o *OwnerSpec) (string, error) {
	c := s.store.Scope(inst.TenantID).C(CountersCollection)
	id := inst.TenantID + ":owner:" + inst.ID + ":" + o.DedupeKey
	var prior ownerChoice
	if !a.fresh {
		err := c.FindByID(ctx, id, &prior)
		if err == nil {
			return prior.UserID, nil
		}
		if !errors.Is(err, mongo.ErrNotFound) {
			return "", fmt.Errorf("reading the owner choice %s: %w", id, err)
		}
	}

	current, err := s.ownerOf(ctx, a, inst)
	if err != nil {
		return "", err
	}
	user, _, err := s.assign(ctx, a, o.Assignee, current)
	if err != nil || user == "" {
		return "", err
	}
	err = c.InsertOne(ctx, &ownerChoice{ID: id, UserID: user})
	if mongo.IsDuplicate(err) {
		if err := c.FindByID(ctx, id, &prior); err != nil {
			return "", fmt.Errorf("reading the owner choice %s: %w", id, err)
		}
		return prior.UserID, nil
	}
	if err != nil {
		return "", fmt.Errorf("storing the owner choice %s: %w", id, err)
	}
	return user, nil
}
