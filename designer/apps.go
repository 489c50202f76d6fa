package designer

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// App is a pack installed in a tenant: which pack and version it came from
// and which definitions it created.
type App struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline"`
	// Key is the pack's id; one app per key and tenant.
	Key         string      `bson:"key" json:"key"`
	Name        Text        `bson:"name" json:"name"`
	PackVersion string      `bson:"pack_version" json:"pack_version"`
	Status      string      `bson:"status" json:"status"` // installing, installed
	Definitions []AppMember `bson:"definitions" json:"definitions"`
	InstalledAt time.Time   `bson:"installed_at" json:"installed_at"`
	InstalledBy string      `bson:"installed_by" json:"installed_by"`
}

// AppMember is one definition an app installed.
type AppMember struct {
	Kind    Kind   `bson:"kind" json:"kind"`
	Key     string `bson:"key" json:"key"`
	ID      string `bson:"id" json:"id"`
	Version int    `bson:"version" json:"version"`
}

// The statuses of an app.
const (
	appInstalling = "installing"
	appInstalled  = "installed"
)

// Installed is the outcome of an import.
type Installed struct {
	App *App
	// Created is false when the pack was already installed and nothing was
	// written.
	Created bool
}

// Import installs a pack into the tenant under new ids: every definition is
// checked first (seeing the pack's other definitions), then created and
// published in dependency order. A pack whose id is already installed is
// not installed again. If a write fails half-way, what this import created
// is removed again, so a failed import leaves nothing behind.
func (s *Service) Import(ctx context.Context, p auth.Principal, pk *Pack) (*Installed, error) {
	if existing, err := s.appByKey(ctx, p, pk.Manifest.ID); err != nil || existing != nil {
		return &Installed{App: existing}, err
	}
	refs, err := s.checkPack(ctx, p, pk)
	if err != nil {
		return nil, err
	}

	app := &App{ID: s.ids.New(), Key: pk.Manifest.ID, Name: pk.Manifest.Name,
		PackVersion: pk.Manifest.Version, Status: appInstalling, InstalledAt: s.now(),
		InstalledBy: p.UserID}
	if err := s.store.Scope(p.TenantID).C(AppsCollection).InsertOne(ctx, app); err != nil {
		if mongo.IsDuplicate(err) {
			existing, rerr := s.appByKey(ctx, p, pk.Manifest.ID)
			return &Installed{App: existing}, rerr
		}
		return nil, fmt.Errorf("installing %s: %w", pk.Manifest.ID, err)
	}

	if err := s.installItems(ctx, p, pk, app, refs); err != nil {
		s.rollback(ctx, p, app)
		return nil, err
	}
	return &Installed{App: app, Created: true}, nil
}

// checkPack refuses a pack whose keys clash with the tenant's definitions
// or whose definitions do not pass lint, naming every problem at once.
func (s *Service) checkPack(ctx context.Context, p auth.Principal, pk *Pack) (*Refs, error) {
	overlay := map[Kind]map[string]json.RawMessage{}
	for _, it := range pk.Items {
		if overlay[it.Kind] == nil {
			overlay[it.Kind] = map[string]json.RawMessage{}
		}
		overlay[it.Kind][it.Meta.Key] = it.Content
	}
	refs := s.refs(p).withOverlay(overlay)

	var c problem.Collector
	for _, it := range pk.Items {
		ptr := "/" + kindFolders[it.Kind] + "/" + it.Meta.Key
		if d, err := s.ByKey(ctx, p, it.Kind, it.Meta.Key); err != nil {
			return nil, err
		} else if d != nil {
			c.Add(ptr+"/key", "key_taken", nil)
		}
		sp, err := s.spec(it.Kind)
		if err != nil {
			return nil, err
		}
		if _, _, err := sp.check(ctx, it.Meta, it.Content, refs); err != nil {
			if err := collect(&c, prefixed(err, ptr)); err != nil {
				return nil, err
			}
		}
	}
	return refs, c.Err()
}

func (s *Service) installItems(ctx context.Context, p auth.Principal, pk *Pack,
	app *App, refs *Refs) error {
	for _, kind := range Kinds {
		for _, it := range pk.Items {
			if it.Kind != kind {
				continue
			}
			it.Meta.App = app.Key
			d, _, err := s.create(ctx, p, kind, it.Meta, it.Content, refs)
			if err != nil {
				return fmt.Errorf("installing %s %s: %w", kind, it.Meta.Key, err)
			}
			app.Definitions = append(app.Definitions, AppMember{Kind: kind, Key: d.Key, ID: d.ID})
		}
	}
	// Published only once all exist, so that references between
	// definitions of one kind resolve whatever their order.
	for i := range app.Definitions {
		m := &app.Definitions[i]
		pub, err := s.Publish(ctx, p, m.Kind, m.ID)
		if err != nil {
			return fmt.Errorf("publishing %s %s: %w", m.Kind, m.Key, err)
		}
		m.Version = pub.Version.Number
	}

	app.Status = appInstalled
	_, err := s.store.Scope(p.TenantID).C(AppsCollection).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: app.ID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: app.Status},
			{Key: "definitions", Value: app.Definitions}}}})
	return err
}

// rollback removes what a failed import created.
func (s *Service) rollback(ctx context.Context, p auth.Principal, app *App) {
	ctx = context.WithoutCancel(ctx)
	scope := s.store.Scope(p.TenantID)
	for _, m := range app.Definitions {
		if err := s.unindexPublished(ctx, p, m.Kind, m.ID); err != nil {
			s.log.ErrorContext(ctx, "unindexing half-installed definition", "id", m.ID,
				"err", err)
		}
		for n := 1; n <= max(m.Version, 1); n++ {
			_, _ = scope.C(VersionsCollection).DeleteOne(ctx,
				bson.D{{Key: "_id", Value: versionID(m.ID, n)}})
		}
		_, _ = scope.C(KeysCollection).DeleteOne(ctx,
			bson.D{{Key: "_id", Value: keyID(p.TenantID, m.Kind, m.Key)}})
		if _, err := scope.C(DefinitionsCollection).DeleteOne(ctx,
			bson.D{{Key: "_id", Value: m.ID}}); err != nil {
			s.log.ErrorContext(ctx, "removing half-installed definition", "id", m.ID, "err", err)
		}
	}
	if _, err := scope.C(AppsCollection).DeleteOne(ctx,
		bson.D{{Key: "_id", Value: app.ID}}); err != nil {
		s.log.ErrorContext(ctx, "removing half-installed app", "app", app.Key, "err", err)
	}
}

func (s *Service) appByKey(ctx context.Context, p auth.Principal, key string) (*App, error) {
	var a App
	err := s.store.Scope(p.TenantID).C(AppsCollection).FindOne(ctx,
		bson.D{{Key: "key", Value: key}}, &a)
	if err == mongo.ErrNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading app %q: %w", key, err)
	}
	return &a, nil
}

// Apps lists the tenant's installed apps.
func (s *Service) Apps(ctx context.Context, p auth.Principal) ([]App, error) {
	var out []App
	if err := s.store.Scope(p.TenantID).C(AppsCollection).FindAll(ctx, bson.D{},
		&out); err != nil {
		return nil, fmt.Errorf("listing apps: %w", err)
	}
	return out, nil
}

// Export gives an app back as a pack: for each of its definitions the
// latest published content, or the draft of one never published.
func (s *Service) Export(ctx context.Context, p auth.Principal, appKey string) (*Pack, error) {
	pk := &Pack{Manifest: Manifest{ID: appKey, Version: "1.0.0",
		Name: Text{string(i18n.English): appKey}}}
	if app, err := s.appByKey(ctx, p, appKey); err != nil {
		return nil, err
	} else if app != nil {
		pk.Manifest.Name, pk.Manifest.Version = app.Name, app.PackVersion
	}

	for _, kind := range Kinds {
		defs, _, err := s.List(ctx, p, kind, ListQuery{App: appKey,
			Page: auth.Page{Limit: maxPackFiles}})
		if err != nil {
			return nil, err
		}
		for i := range defs {
			item, err := s.exportItem(ctx, p, &defs[i])
			if err != nil {
				return nil, err
			}
			pk.Items = append(pk.Items, item)
		}
	}
	if len(pk.Items) == 0 {
		return nil, problem.NotFoundf("app.not_found")
	}
	return pk, nil
}

func (s *Service) exportItem(ctx context.Context, p auth.Principal,
	d *Definition) (PackItem, error) {
	content := d.DraftJSON()
	if d.Published > 0 {
		v, err := s.Version(ctx, p, d.Kind, d.ID, d.Published)
		if err != nil {
			return PackItem{}, err
		}
		content = v.ContentJSON()
	}
	return PackItem{Kind: d.Kind, Content: content,
		Meta: Meta{Key: d.Key, Name: d.Name, Description: d.Description}}, nil
}
