package templates

import (
	"slices"
	"strings"

	"github.com/formworkhq/formwork/designer"
)

// Summary is a pack as the library lists it.
type Summary struct {
	ID           string        `json:"id"`
	Name         designer.Text `json:"name"`
	Description  designer.Text `json:"description,omitempty"`
	Industries   []string      `json:"industries"`
	Sizes        []string      `json:"sizes"`
	Capabilities []string      `json:"capabilities"`
	Version      string        `json:"version"`
	// Kind is pack, edition (an industry's version of Base) or starter
	// (what a company size needs first, built on Base).
	Kind string `json:"kind"`
	// Base is the pack an edition or starter is built on.
	Base string `json:"base,omitempty"`
}

// Filter narrows the library's list. Empty members match every pack.
type Filter struct {
	// Industry, Size and Capability must each be one the pack lists.
	Industry   string
	Size       string
	Capability string
	// Kind is pack, edition or starter.
	Kind string
	// Query is text searched, ignoring case, in the pack's id and names
	// in every locale.
	Query string
}

// List returns the packs that match f, by id.
func (c *Catalog) List(f Filter) []Summary {
	out := []Summary{}
	for _, id := range c.order {
		e := c.packs[id]
		if f.matches(e) {
			out = append(out, summaryOf(e))
		}
	}
	return out
}

func (f Filter) matches(e *entry) bool {
	m := e.pack.Manifest
	switch {
	case f.Kind != "" && f.Kind != e.kind:
		return false
	case f.Industry != "" && !slices.Contains(m.Industries, f.Industry):
		return false
	case f.Size != "" && !slices.Contains(m.Sizes, f.Size):
		return false
	case f.Capability != "" && !slices.Contains(m.Capabilities, f.Capability):
		return false
	}
	return f.Query == "" || mentions(m, strings.ToLower(strings.TrimSpace(f.Query)))
}

// mentions says whether q (lowercase) occurs in the pack's id or a name.
func mentions(m designer.Manifest, q string) bool {
	if strings.Contains(m.ID, q) {
		return true
	}
	for _, name := range m.Name {
		if strings.Contains(strings.ToLower(name), q) {
			return true
		}
	}
	return false
}

func summaryOf(e *entry) Summary {
	m := e.pack.Manifest
	return Summary{ID: m.ID, Name: m.Name, Description: m.Description,
		Industries: nonNil(m.Industries), Sizes: nonNil(m.Sizes),
		Capabilities: nonNil(m.Capabilities), Version: m.Version, Kind: e.kind, Base: e.base}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
