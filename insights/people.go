package insights

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
)

// person is what insights shows of a user.
type person struct {
	ID   string `bson:"_id"`
	Name string `bson:"name"`
	Team string `bson:"team"`
}

// person reads one user; an unknown one is a person without name or team.
func (s *Service) person(ctx context.Context, tenantID, id string) (person, error) {
	if id == "" {
		return person{}, nil
	}
	var p person
	// A cached read: a team change shows within mongo.DefaultCacheTTL.
	err := s.store.Scope(tenantID).Cached(auth.UsersCollection).FindByID(ctx, id, &p)
	if errors.Is(err, mongo.ErrNotFound) {
		return person{ID: id}, nil
	}
	if err != nil {
		return person{}, fmt.Errorf("reading user %s: %w", id, err)
	}
	return p, nil
}

// names returns the names of users by id, adding those it reads to out.
// A server store answers one query for all the ids out does not know
// yet; the embedded one reads each by _id (any other filter scans).
func (s *Service) names(ctx context.Context, tenantID string, ids []string,
	out map[string]string) (map[string]string, error) {
	var missing []string
	for _, id := range ids {
		if _, known := out[id]; !known && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	if s.store.Mode == mongo.ModeEmbedded {
		for _, id := range missing {
			p, err := s.person(ctx, tenantID, id)
			if err != nil {
				return nil, err
			}
			out[id] = p.Name
		}
		return out, nil
	}
	var found []person
	filter := bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: missing}}}}
	if err := s.store.Scope(tenantID).C(auth.UsersCollection).FindAll(ctx, filter,
		&found); err != nil {
		return nil, fmt.Errorf("reading names: %w", err)
	}
	for _, id := range missing {
		out[id] = ""
	}
	for _, p := range found {
		out[p.ID] = p.Name
	}
	return out, nil
}
