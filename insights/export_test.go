package insights

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Figures returns every stored group of metric ref by day and group key.
func (s *Service) Figures(ctx context.Context, tenantID, ref string) (
	map[string]map[string]Group, error) {
	m, err := s.metricByID(ctx, tenantID, ref)
	if err != nil {
		return nil, err
	}
	var docs []bucketDoc
	err = s.rollups(tenantID).FindAll(ctx, bson.D{{Key: "family", Value: m.Family()}}, &docs)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]Group{}
	for _, d := range docs {
		if err := d.load(); err != nil {
			return nil, err
		}
		for k, g := range d.Metrics[m.Key] {
			if out[d.Day] == nil {
				out[d.Day] = map[string]Group{}
			}
			out[d.Day][k] = *g
		}
	}
	return out, nil
}
