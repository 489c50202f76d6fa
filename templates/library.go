package templates

import (
	"embed"
	"fmt"
	"io/fs"
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
}

// Embedded reads the packs shipped in the binary.
func Embedded() (*Catalog, error) {
	sub, err := fs.Sub(packsFS, "packs")
	if err != nil {
		return nil, fmt.Errorf("opening embedded packs: %w", err)
	}
	return Load(sub)
}

// Load reads every pack folder at the root of fsys. A folder that is not a
// valid pack fails the whole load, naming the folder.
func Load(fsys fs.FS) (*Catalog, error) {
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("listing packs: %w", err)
	}
	c := &Catalog{packs: map[string]*entry{}}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		e, err := loadEntry(fsys, d.Name())
		if err != nil {
			return nil, fmt.Errorf("reading pack %s: %w", d.Name(), err)
		}
		c.packs[e.pack.Manifest.ID] = e
		c.order = append(c.order, e.pack.Manifest.ID)
	}
	sort.Strings(c.order)
	return c, nil
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
	return &entry{pack: pk, samples: samples, rewards: rewards}, nil
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
