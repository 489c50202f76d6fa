package ledger

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// rewardKeyPattern is what a reward key may look like.
var rewardKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// RewardInput is a reward as an admin writes it.
type RewardInput struct {
	Key   string `json:"key"`
	Name  Text   `json:"name"`
	Cost  int64  `json:"cost"`
	Stock *int64 `json:"stock,omitempty"`
}

// PutReward creates or replaces the tenant's reward in.Key. Only people
// who may change definitions may.
func (s *Service) PutReward(ctx context.Context, p auth.Principal,
	in RewardInput) (*Reward, error) {
	if !p.Can(auth.WriteDefinitions) {
		return nil, problem.New(problem.Forbidden, "ledger.catalog_forbidden", nil)
	}
	if err := in.validate(); err != nil {
		return nil, err
	}

	r := &Reward{
		ID: rewardID(p.TenantID, in.Key), Key: in.Key, Name: in.Name, Cost: in.Cost,
		Stock: in.Stock, UpdatedAt: s.clock.Now(),
	}
	err := s.rewards(p.TenantID).InsertOne(ctx, r)
	if mongo.IsDuplicate(err) {
		err = s.replaceReward(ctx, r)
	}
	if err != nil {
		return nil, fmt.Errorf("saving reward %s: %w", in.Key, err)
	}

	return r, nil
}

// replaceReward overwrites an existing reward's fields.
func (s *Service) replaceReward(ctx context.Context, r *Reward) error {
	set := bson.D{
		{Key: "name", Value: r.Name}, {Key: "cost", Value: r.Cost},
		{Key: "updated_at", Value: r.UpdatedAt},
	}
	update := bson.D{{Key: "$set", Value: append(set, bson.E{Key: "stock", Value: r.Stock})}}
	if r.Stock == nil {
		update = bson.D{
			{Key: "$set", Value: set},
			{Key: "$unset", Value: bson.D{{Key: "stock", Value: ""}}},
		}
	}

	_, err := s.rewards(r.TenantID).UpdateOne(ctx, bson.D{{Key: "_id", Value: r.ID}}, update)
	return err
}

// validate names every wrong field of a reward.
func (in RewardInput) validate() error {
	var c problem.Collector
	if !rewardKeyPattern.MatchString(in.Key) {
		c.Add("/key", "invalid_key", nil)
	}
	if len(in.Name) == 0 {
		c.Add("/name", "required", nil)
	}
	if in.Cost < 1 {
		c.AddField(fieldError("/cost", "too_small", "ledger.invalid_cost"))
	}
	if in.Stock != nil && *in.Stock < 0 {
		c.AddField(fieldError("/stock", "too_small", "ledger.invalid_stock"))
	}

	return c.Err()
}

// Rewards lists the tenant's catalog by key.
func (s *Service) Rewards(ctx context.Context, p auth.Principal) ([]Reward, error) {
	opts := options.Find().SetSort(bson.D{{Key: "key", Value: 1}})
	out := []Reward{}
	if err := s.rewards(p.TenantID).FindAll(ctx, bson.D{}, &out, opts); err != nil {
		return nil, fmt.Errorf("listing rewards: %w", err)
	}

	return out, nil
}

// reward reads the tenant's reward key; NotFound when there is none.
func (s *Service) reward(ctx context.Context, tenantID, key string) (*Reward, error) {
	var r Reward
	err := s.rewards(tenantID).FindByID(ctx, rewardID(tenantID, key), &r)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, problem.NotFoundf("ledger.reward_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("reading reward %s: %w", key, err)
	}

	return &r, nil
}
