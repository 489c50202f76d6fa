package insights

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/formworkhq/formwork/internal/mongo"
)

// legacyFilter matches the rollup documents of the layout before month
// documents: one per tenant, family and day, with per-record marks. The
// code reads none of them; their figures come back by a rebuild.
var legacyFilter = bson.D{{Key: "month", Value: bson.D{{Key: "$exists", Value: false}}}}

// UpgradeLegacy brings a store written by an older Formwork to the month
// layout: for every tenant that still has day documents it rebuilds every
// metric of its published dashboards from the raw data, then deletes the
// day documents. Until it is done those tenants' dashboards show only what
// happened since the upgrade. It is idempotent and cheap when there is
// nothing to do (one query); the service runs it in the background at
// start-up. It reports how many tenants it upgraded.
func (s *Service) UpgradeLegacy(ctx context.Context) (int, error) {
	tenants, err := s.legacyTenants(ctx)
	if err != nil || len(tenants) == 0 {
		return 0, err
	}
	for _, tenantID := range tenants {
		if err := s.upgradeTenant(ctx, tenantID); err != nil {
			return 0, err
		}
	}
	return len(tenants), nil
}

// legacyTenants lists the tenants that have day documents.
func (s *Service) legacyTenants(ctx context.Context) ([]string, error) {
	cur, err := s.store.Unscoped(RollupsCollection).Find(ctx, legacyFilter,
		options.Find().SetProjection(bson.D{{Key: mongo.TenantField, Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("looking for day rollups: %w", mongo.Classify(err))
	}
	var docs []struct {
		TenantID string `bson:"tenant_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("looking for day rollups: %w", mongo.Classify(err))
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.TenantID)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// upgradeTenant rebuilds every live metric of tenantID, then drops its day
// documents. A crash in between leaves them, so the next start rebuilds
// again; the rebuilds replace figures, so that is harmless.
func (s *Service) upgradeTenant(ctx context.Context, tenantID string) error {
	s.settle(ctx)
	boards, err := s.boards(ctx, tenantID)
	if err != nil {
		return err
	}
	rebuilt := 0
	for _, b := range boards {
		for _, m := range b.Metrics {
			if m.Unsupported != "" {
				continue
			}
			if _, err := s.rebuild(ctx, tenantID, m); err != nil {
				return fmt.Errorf("upgrading the rollups of tenant %s: %w", tenantID, err)
			}
			rebuilt++
		}
	}
	filter := append(bson.D{{Key: mongo.TenantField, Value: tenantID}}, legacyFilter...)
	res, err := s.store.Unscoped(RollupsCollection).DeleteMany(ctx, filter)
	if err != nil {
		return fmt.Errorf("dropping the day rollups of tenant %s: %w", tenantID,
			mongo.Classify(err))
	}
	s.log.InfoContext(ctx, "rollups upgraded to month documents", "tenant_id", tenantID,
		"metrics_rebuilt", rebuilt, "day_documents_dropped", res.DeletedCount)
	return nil
}
