package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"sort"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/ledger"
)

// packsFS holds the packs shipped in the binary, one folder per pack id.
//
//go:embed packs
var packsFS embed.FS

// Catalog is the read-only part of the library: the packs, by id.
type Catalog struct {
	packs map[string]*entry
	order []string
}

// entry is one pack with its sample records.
type entry struct {
	pack    *designer.Pack
	samples []Sample
	rewards []ledger.RewardInput
	// kind is pack, edition or starter; base and include name the packs
	// an edition or starter was resolved from.
	kind    string
	base    string
	include []string
}

// Embedded reads the packs shipped in the binary.
func Embedded() (*Catalog, error) {
	sub, err := fs.Sub(packsFS, "packs")
	if err != nil {
		return nil, fmt.Errorf("opening embedded packs: %w", err)
	}
	return Load(sub)
}

// Load reads every pack folder at the root of fsys: plain packs first,
// then the overlays (editions and starters), each resolved against the
// plain packs into a pack of its own (see Overlay). A folder that is not a
// valid pack fails the whole load, naming the folder.
func Load(fsys fs.FS) (*Catalog, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing packs: %w", err)
	}
	c := &Catalog{packs: map[string]*entry{}}
	var overlays []string
	for _, d := range dirs {
		switch {
		case !d.IsDir():
			continue
		case isOverlay(fsys, d.Name()):
			overlays = append(overlays, d.Name())
			continue
		}
		e, err := loadEntry(fsys, d.Name())
		if err != nil {
			return nil, fmt.Errorf("reading pack %s: %w", d.Name(), err)
		}
		c.add(e)
	}
	plain := maps.Clone(c.packs)
	for _, dir := range overlays {
		e, err := loadOverlay(fsys, dir, plain)
		if err != nil {
			return nil, fmt.Errorf("resolving pack %s: %w", dir, err)
		}
		c.add(e)
	}
	sort.Strings(c.order)
	return c, nil
}

func (c *Catalog) add(e *entry) {
	c.packs[e.pack.Manifest.ID] = e
	c.order = append(c.order, e.pack.Manifest.ID)
}

func loadEntry(fsys fs.FS, dir string) (*entry, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, err
	}
	pk, err := designer.ReadPack(sub)
	if err != nil {
		return nil, err
	}
	if pk.Manifest.ID != dir {
		return nil, fmt.Errorf("manifest id %q differs from its folder", pk.Manifest.ID)
	}

	samples, err := readSamples(sub)
	if err != nil {
		return nil, err
	}
	rewards, err := readRewards(sub)
	if err != nil {
		return nil, err
	}
	return &entry{pack: pk, samples: samples, rewards: rewards, kind: KindPack}, nil
}

// Pack returns the pack with id, or a NotFound refusal.
func (c *Catalog) Pack(id string) (*designer.Pack, error) {
	e, err := c.entry(id)
	if err != nil {
		return nil, err
	}
	return e.pack, nil
}

func (c *Catalog) entry(id string) (*entry, error) {
	e, ok := c.packs[id]
	if !ok {
		return nil, problem.New(problem.NotFound, "templates.not_found", i18n.Params{"id": id})
	}
	return e, nil
}
