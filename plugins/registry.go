package plugins

import (
	"fmt"
	"slices"
	"sync"
)

// Registry holds the plugins compiled into the binary.
type Registry struct {
	mu      sync.RWMutex
	plugins map[string]registered
}

// registered is a plugin and its compiled settings schema.
type registered struct {
	plugin Plugin
	schema *settingsSchema
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{plugins: map[string]registered{}} }

// Builtin is the registry the built-in plugins add themselves to from init.
var Builtin = NewRegistry()

// Register adds p to the Builtin registry and panics on a bad plugin: it
// is called from init, where a mistake is a programming error.
func Register(p Plugin) {
	if err := Builtin.Add(p); err != nil {
		panic(err)
	}
}

// Add registers p, refusing a duplicate name, an unknown kind or a
// settings schema that does not compile.
func (r *Registry) Add(p Plugin) error {
	info := p.Info()
	if info.Name == "" || info.Version == "" {
		return fmt.Errorf("registering plugin %q: name and version are required", info.Name)
	}

	if !slices.Contains([]Kind{KindChannel, KindAction, KindConnector}, info.Kind) {
		return fmt.Errorf("registering plugin %q: unknown kind %q", info.Name, info.Kind)
	}

	if _, ok := p.(Channel); info.Kind == KindChannel && !ok {
		return fmt.Errorf("registering plugin %q: a channel must implement Channel", info.Name)
	}

	schema, err := compileSettings(info.Name, info.SettingsSchema)
	if err != nil {
		return fmt.Errorf("registering plugin %q: %w", info.Name, err)
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.plugins[info.Name]; dup {
		return fmt.Errorf("registering plugin %q: already registered", info.Name)
	}
	r.plugins[info.Name] = registered{plugin: p, schema: schema}

	return nil
}

// Lookup returns the plugin called name.
func (r *Registry) Lookup(name string) (Plugin, bool) {
	e, ok := r.entry(name)
	return e.plugin, ok
}

// entry returns the registration of name.
func (r *Registry) entry(name string) (registered, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.plugins[name]

	return e, ok
}

// List returns every plugin's Info, ordered by name.
func (r *Registry) List() []Info {
	r.mu.RLock()
	defer r.mu.RUnlock()

	out := make([]Info, 0, len(r.plugins))
	for _, e := range r.plugins {
		out = append(out, e.plugin.Info())
	}
	slices.SortFunc(out, func(a, b Info) int { return cmpString(a.Name, b.Name) })

	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
