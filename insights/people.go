package insights

import (
	"context"
	"errors"
	"fmt"

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
	err := s.store.Scope(tenantID).C(auth.UsersCollection).FindByID(ctx, id, &p)
	if errors.Is(err, mongo.ErrNotFound) {
		return person{ID: id}, nil
	}
	if err != nil {
		return person{}, fmt.Errorf("reading user %s: %w", id, err)
	}
	return p, nil
}

// names returns the names of users by id.
func (s *Service) names(ctx context.Context, tenantID string, ids []string) (
	map[string]string, error) {
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		p, err := s.person(ctx, tenantID, id)
		if err != nil {
			return nil, err
		}
		out[id] = p.Name
	}
	return out, nil
}
