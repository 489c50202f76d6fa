package designer

import (
	"context"
	"encoding/json"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/problem"
)

// The statuses of a definition when a pack is compared with its app.
const (
	// PackSame: the pack's definition equals the app's published one.
	PackSame = "same"
	// PackChanged: they differ; Changes say how (from the app's to the
	// pack's).
	PackChanged = "changed"
	// PackNew: the pack has a definition the app does not.
	PackNew = "new"
	// PackGone: the app has a definition the pack no longer ships.
	PackGone = "gone"
)

// PackComparison compares a pack with the app a tenant installed from it.
type PackComparison struct {
	AppID            string           `json:"app_id"`
	InstalledVersion string           `json:"installed_version"`
	PackVersion      string           `json:"pack_version"`
	Definitions      []PackDifference `json:"definitions"`
}

// PackDifference is how one definition of the pack differs from the app's.
type PackDifference struct {
	Kind   Kind   `json:"kind"`
	Key    string `json:"key"`
	Status string `json:"status"`
	// Published is the app's latest published version, 0 when none.
	Published int `json:"published"`
	// Changes go from the app's published content to the pack's.
	Changes []Change `json:"changes"`
}

// ComparePack tells an admin what a newer version of a pack would change
// in the app installed from it: for each definition, the same changes a
// publish would list, from what the tenant published (with its own edits)
// to what the pack ships. Nothing is written.
func (s *Service) ComparePack(ctx context.Context, p auth.Principal,
	pk *Pack) (*PackComparison, error) {
	app, err := s.appByKey(ctx, p, pk.Manifest.ID)
	if err != nil {
		return nil, err
	}
	if app == nil {
		return nil, problem.NotFoundf("pack.not_installed")
	}
	out := &PackComparison{AppID: app.ID, InstalledVersion: app.PackVersion,
		PackVersion: pk.Manifest.Version, Definitions: []PackDifference{}}
	inPack := map[string]bool{}
	for _, it := range pk.Items {
		inPack[string(it.Kind)+"/"+it.Meta.Key] = true
		d, err := s.compareItem(ctx, p, app, it)
		if err != nil {
			return nil, err
		}
		out.Definitions = append(out.Definitions, d)
	}
	for _, m := range app.Definitions {
		if !inPack[string(m.Kind)+"/"+m.Key] {
			out.Definitions = append(out.Definitions, PackDifference{Kind: m.Kind, Key: m.Key,
				Status: PackGone, Published: m.Version, Changes: []Change{}})
		}
	}
	return out, nil
}

// compareItem diffs one pack definition against the app's published one.
func (s *Service) compareItem(ctx context.Context, p auth.Principal, app *App,
	it PackItem) (PackDifference, error) {
	d := PackDifference{Kind: it.Kind, Key: it.Meta.Key, Status: PackNew, Changes: []Change{}}
	var member *AppMember
	for i := range app.Definitions {
		if app.Definitions[i].Kind == it.Kind && app.Definitions[i].Key == it.Meta.Key {
			member = &app.Definitions[i]
		}
	}
	if member == nil {
		return d, nil
	}
	v, err := s.Latest(ctx, p, it.Kind, it.Meta.Key)
	if pe, ok := problem.As(err); ok && pe.Kind == problem.NotFound {
		return d, nil // archived or never published: installing would bring it back
	}
	if err != nil {
		return d, err
	}
	d.Published = v.Number
	sp, err := s.spec(it.Kind)
	if err != nil {
		return d, err
	}
	shipped := it.Content
	if canonical, _, err := sp.check(ctx, it.Meta, it.Content, s.refs(p)); err == nil {
		shipped = canonical
	}
	d.Changes = sp.diff(v.ContentJSON(), shipped)
	if d.Changes == nil {
		d.Changes = []Change{}
	}
	d.Status = PackSame
	if len(d.Changes) > 0 || !sameContent(v.ContentJSON(), shipped) {
		d.Status = PackChanged
	}
	return d, nil
}

// sameContent compares two JSON documents by value.
func sameContent(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return sameJSON(x, y)
}
