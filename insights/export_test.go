package insights

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Figures returns every stored group of metric ref by day and group key,
// once the feed has applied what it was given.
func (s *Service) Figures(ctx context.Context, tenantID, ref string) (
	map[string]map[string]Group, error) {
	s.settle(ctx)
	m, err := s.metricByID(ctx, tenantID, ref)
	if err != nil {
		return nil, err
	}
	var docs []monthDoc
	err = s.rollups(tenantID).FindAll(ctx, bson.D{{Key: "family", Value: m.Family()}}, &docs)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]Group{}
	for _, d := range docs {
		if err := d.load(nil); err != nil {
			return nil, err
		}
		for _, day := range d.figures() {
			for k, g := range day.Metrics[m.Key] {
				if out[day.Day] == nil {
					out[day.Day] = map[string]Group{}
				}
				out[day.Day][k] = *g
			}
		}
	}
	return out, nil
}
