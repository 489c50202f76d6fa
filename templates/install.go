package templates

import (
	"context"
	"fmt"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/runtime/ledger"
	"github.com/formworkhq/formwork/runtime/record"
)

// Library is the template library bound to the services that install
// packs into a tenant.
type Library struct {
	*Catalog
	designer *designer.Service
	records  *record.Service
	store    *mongo.Store
	ledger   *ledger.Service
	channels ChannelCheck
}

// Deps are what installing needs.
type Deps struct {
	Designer *designer.Service
	Records  *record.Service
	Store    *mongo.Store
	// Ledger receives the packs' reward catalogs; nil installs none.
	Ledger *ledger.Service
	// Channels says whether a tenant has a delivery channel ("wecom")
	// configured; nil means only the built-in in-app channel is.
	Channels ChannelCheck
}

// ChannelCheck says whether tenantID can send through channel.
type ChannelCheck func(ctx context.Context, tenantID, channel string) (bool, error)

// New binds a catalog to the services that install its packs.
func New(c *Catalog, d Deps) *Library {
	return &Library{Catalog: c, designer: d.Designer, records: d.Records, store: d.Store,
		ledger: d.Ledger, channels: d.Channels}
}

// InstallOptions tune an install.
type InstallOptions struct {
	// SampleData also submits the pack's sample records, on a first
	// install only.
	SampleData bool `json:"sample_data"`
}

// Installation is the outcome of an install.
type Installation struct {
	AppID string `json:"app_id"`
	// Created lists the definitions of the app; on a repeated install,
	// those the first install created.
	Created []Created `json:"created"`
	// SampleRecords are the ids of the sample records submitted.
	SampleRecords []string `json:"sample_records"`
	// Needs lists what the tenant must configure for the pack to work
	// fully; the pack works without them, with less reach.
	Needs []Need `json:"needs"`
	// New is false when the pack was already installed: nothing changed.
	New bool `json:"-"`
}

// Created is one definition an install created.
type Created struct {
	Kind designer.Kind `json:"kind"`
	Key  string        `json:"key"`
	ID   string        `json:"id"`
}

// Install installs pack id into p's tenant under new ids, through the
// designer's import: every definition is linted first, and a pack already
// installed is not installed again. Unknown ids are a NotFound refusal.
func (l *Library) Install(ctx context.Context, p auth.Principal, id string,
	opts InstallOptions) (*Installation, error) {
	e, err := l.entry(id)
	if err != nil {
		return nil, err
	}
	res, err := l.designer.Import(ctx, p, e.pack)
	if err != nil {
		return nil, fmt.Errorf("installing pack %s: %w", id, err)
	}

	out := &Installation{AppID: res.App.ID, New: res.Created, Created: createdOf(res.App),
		SampleRecords: []string{}}
	if err := l.putRewards(ctx, p, e.rewards); err != nil {
		return out, err
	}
	if res.Created && opts.SampleData {
		if out.SampleRecords, err = l.submitSamples(ctx, p, e.samples); err != nil {
			return out, err
		}
	}
	out.Needs, err = l.needs(ctx, p, e.pack.Manifest.Requires)
	return out, err
}

func createdOf(app *designer.App) []Created {
	out := make([]Created, 0, len(app.Definitions))
	for _, m := range app.Definitions {
		out = append(out, Created{Kind: m.Kind, Key: m.Key, ID: m.ID})
	}
	return out
}

// submitSamples submits sample records as p, in order.
func (l *Library) submitSamples(ctx context.Context, p auth.Principal,
	samples []Sample) ([]string, error) {
	ids := make([]string, 0, len(samples))
	for i, s := range samples {
		r, err := l.records.Submit(ctx, p, record.SubmitInput{Form: s.Form, Data: s.Data})
		if err != nil {
			return ids, fmt.Errorf("submitting sample record %d (%s): %w", i, s.Form, err)
		}
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// Compare tells what installing pack id now would change in the app p's
// tenant installed from it (see designer.ComparePack).
func (l *Library) Compare(ctx context.Context, p auth.Principal,
	id string) (*designer.PackComparison, error) {
	e, err := l.entry(id)
	if err != nil {
		return nil, err
	}
	return l.designer.ComparePack(ctx, p, e.pack)
}
