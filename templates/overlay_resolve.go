package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/runtime/ledger"
)

// maxOverlayBytes bounds overlay.json.
const maxOverlayBytes = 1 << 20

// kindFolders are the folders of added definitions, by kind.
var kindFolders = map[designer.Kind]string{designer.KindCalendar: "calendars",
	designer.KindForm: "forms", designer.KindProcess: "processes",
	designer.KindDashboard: "dashboards"}

// resolver builds one overlay's pack. Problems are collected, so that one
// load names every mistake of an overlay at once.
type resolver struct {
	ov    *Overlay
	plain map[string]*entry
	c     problem.Collector
	items []designer.PackItem
	// removed are option values an overlay took away, by form and field,
	// checked against the pack's rules once every patch is applied.
	removed []removedOption
	samples []Sample
	rewards []ledger.RewardInput
}

type removedOption struct {
	ptr, form, field, value string
}

// isOverlay reports whether the pack folder dir of fsys is an overlay.
func isOverlay(fsys fs.FS, dir string) bool {
	_, err := fs.Stat(fsys, path.Join(dir, overlayFile))
	return err == nil
}

// loadOverlay reads the overlay in folder dir of fsys and resolves it
// against the plain packs.
func loadOverlay(fsys fs.FS, dir string, plain map[string]*entry) (*entry, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, err
	}
	ov, err := readOverlay(sub)
	if err != nil {
		return nil, refusal(dir, err)
	}
	r := &resolver{ov: ov, plain: plain}
	if ov.ID != dir {
		r.c.Add("/id", "overlay_folder", i18n.Params{"id": ov.ID, "folder": dir})
	}
	e, err := r.resolve(sub)
	if err != nil {
		return nil, refusal(dir, err)
	}
	return e, nil
}

// readOverlay decodes overlay.json strictly: an unknown member is refused.
func readOverlay(fsys fs.FS) (*Overlay, error) {
	if _, err := fs.Stat(fsys, "manifest.json"); err == nil {
		return nil, problem.Fields(problem.Field("/manifest.json", "overlay_both_files", nil))
	}
	raw, err := fs.ReadFile(fsys, overlayFile)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", overlayFile, err)
	}
	if len(raw) > maxOverlayBytes {
		return nil, problem.Fields(problem.Field("", "overlay_too_large",
			i18n.Params{"limit": maxOverlayBytes}))
	}
	return decodeOverlay(raw)
}

// decodeOverlay parses an overlay document.
func decodeOverlay(raw []byte) (*Overlay, error) {
	var ov Overlay
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ov); err != nil {
		return nil, problem.Fields(designer.DecodeProblem(err))
	}
	if dec.More() {
		return nil, problem.Fields(problem.Field("", "invalid_json",
			i18n.Params{"reason": "more than one JSON value"}))
	}
	return &ov, nil
}

// refusal names the overlay in an Invalid refusal; other errors pass.
func refusal(id string, err error) error {
	pe, ok := problem.As(err)
	if !ok || pe.Kind != problem.Invalid || len(pe.Fields) == 0 {
		return err
	}
	out := *pe
	out.Code = "templates.overlay_invalid"
	out.Params = i18n.Params{"id": id, "count": len(pe.Fields), "pointer": pe.Fields[0].Pointer}
	return &out
}

// resolve applies the overlay in order: gather the base and included
// packs, drop, patch, add the overlay's own files, then check that no rule
// lost an option it compares against.
func (r *resolver) resolve(fsys fs.FS) (*entry, error) {
	r.checkKind()
	r.gather()
	if err := r.c.Err(); err != nil {
		return nil, err
	}
	r.drop()
	r.patchForms()
	r.patchProcesses()
	r.patchDashboards()

	m := r.manifest()
	if err := r.addFiles(fsys, m); err != nil {
		return nil, err
	}
	r.checkRemovedOptions()
	if err := r.addSamplesAndRewards(fsys); err != nil {
		return nil, err
	}
	if err := r.c.Err(); err != nil {
		return nil, err
	}
	return &entry{pack: &designer.Pack{Manifest: m, Items: r.items}, samples: r.samples,
		rewards: r.rewards, kind: r.ov.Kind, base: r.ov.Base, include: r.ov.Include}, nil
}

func (r *resolver) checkKind() {
	if r.ov.Kind != KindEdition && r.ov.Kind != KindStarter {
		r.c.Add("/kind", "overlay_unknown_kind", i18n.Params{"kind": r.ov.Kind})
	}
}

// gather copies the definitions, samples and rewards of the base and the
// included packs.
func (r *resolver) gather() {
	if r.ov.Base == "" {
		r.c.Add("/base", "required", nil)
		return
	}
	r.take("/base", r.ov.Base)
	for i, id := range r.ov.Include {
		r.take(fmt.Sprintf("/include/%d", i), id)
	}
}

func (r *resolver) take(ptr, id string) {
	e, ok := r.plain[id]
	switch {
	case !ok:
		r.c.Add(ptr, "overlay_unknown_base", i18n.Params{"base": id, "known": r.plainIDs()})
		return
	case e.kind != KindPack:
		r.c.Add(ptr, "overlay_base_is_overlay", i18n.Params{"base": id})
		return
	}
	for _, it := range e.pack.Items {
		if r.find(it.Kind, it.Meta.Key) >= 0 {
			r.c.Add(ptr, "overlay_duplicate_definition",
				i18n.Params{"kind": string(it.Kind), "key": it.Meta.Key})
			continue
		}
		it.Content = slices.Clone(it.Content)
		r.items = append(r.items, it)
	}
	r.samples = append(r.samples, e.samples...)
	r.rewards = append(r.rewards, e.rewards...)
}

func (r *resolver) plainIDs() string {
	var ids []string
	for id, e := range r.plain {
		if e.kind == KindPack {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, ", ")
}

// find returns the index of the definition kind/key, or -1.
func (r *resolver) find(kind designer.Kind, key string) int {
	return slices.IndexFunc(r.items, func(it designer.PackItem) bool {
		return it.Kind == kind && it.Meta.Key == key
	})
}

// item returns the definition kind/key, or records that it is unknown.
func (r *resolver) item(ptr string, kind designer.Kind, key string) *designer.PackItem {
	i := r.find(kind, key)
	if i < 0 {
		r.c.Add(ptr, "overlay_unknown_definition", i18n.Params{"kind": string(kind), "key": key})
		return nil
	}
	return &r.items[i]
}

// drop removes the dropped definitions, and the sample records of a
// dropped form.
func (r *resolver) drop() {
	for i, ref := range r.ov.Drop {
		if r.item(fmt.Sprintf("/drop/%d", i), ref.Kind, ref.Key) == nil {
			continue
		}
		at := r.find(ref.Kind, ref.Key)
		r.items = slices.Delete(r.items, at, at+1)
		if ref.Kind == designer.KindForm {
			r.samples = slices.DeleteFunc(r.samples, func(s Sample) bool {
				return s.Form == ref.Key
			})
		}
	}
}

// manifest is the resolved pack's manifest: the overlay's own members,
// falling back to the base's.
func (r *resolver) manifest() designer.Manifest {
	base := r.plain[r.ov.Base].pack.Manifest
	m := designer.Manifest{ID: r.ov.ID, Version: r.ov.Version, Name: r.ov.Name,
		Description: r.ov.Description}
	m.Industries = orElse(r.ov.Industries, base.Industries)
	m.Sizes = orElse(r.ov.Sizes, base.Sizes)
	m.Capabilities = orElse(r.ov.Capabilities, base.Capabilities)
	if r.ov.Requires != nil {
		m.Requires = *r.ov.Requires
		return m
	}
	for _, id := range append([]string{r.ov.Base}, r.ov.Include...) {
		req := r.plain[id].pack.Manifest.Requires
		m.Requires.Channels = union(m.Requires.Channels, req.Channels)
		m.Requires.Roles = union(m.Requires.Roles, req.Roles)
	}
	return m
}

func orElse(s, fallback []string) []string {
	if len(s) > 0 {
		return s
	}
	return fallback
}

func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// addFiles adds the definitions of the overlay's own kind folders. The
// designer's bundle reader checks the manifest and each file's shape.
func (r *resolver) addFiles(fsys fs.FS, m designer.Manifest) error {
	files := map[designer.Kind][]json.RawMessage{}
	for _, kind := range designer.Kinds {
		entries, err := fs.ReadDir(fsys, kindFolders[kind])
		if err != nil {
			continue // an overlay need not add any kind
		}
		for _, e := range entries {
			if e.IsDir() || path.Ext(e.Name()) != ".json" {
				continue
			}
			raw, err := fs.ReadFile(fsys, path.Join(kindFolders[kind], e.Name()))
			if err != nil {
				return fmt.Errorf("reading %s: %w", e.Name(), err)
			}
			files[kind] = append(files[kind], raw)
		}
	}
	added, err := designer.ReadBundle(m, files)
	if err != nil {
		return err
	}
	for _, it := range added.Items {
		if r.find(it.Kind, it.Meta.Key) >= 0 {
			r.c.Add("/"+kindFolders[it.Kind]+"/"+it.Meta.Key, "overlay_duplicate_definition",
				i18n.Params{"kind": string(it.Kind), "key": it.Meta.Key})
			continue
		}
		r.items = append(r.items, it)
	}
	return nil
}

// addSamplesAndRewards reads the overlay's own sample records and rewards.
func (r *resolver) addSamplesAndRewards(fsys fs.FS) error {
	samples, err := readSamples(fsys)
	if err != nil {
		return err
	}
	if len(samples) > 0 && !r.ov.KeepBaseSamples {
		r.samples = nil
	}
	r.samples = append(r.samples, samples...)

	rewards, err := readRewards(fsys)
	if err != nil {
		return err
	}
	for _, rw := range rewards {
		if slices.ContainsFunc(r.rewards, func(x ledger.RewardInput) bool {
			return x.Key == rw.Key
		}) {
			r.c.Add("/rewards/"+rw.Key, "duplicate", nil)
			continue
		}
		r.rewards = append(r.rewards, rw)
	}
	return nil
}

// checkRemovedOptions refuses a removed option value that a process,
// dashboard or form rule of the resolved pack still quotes: the rule
// would silently stop matching.
func (r *resolver) checkRemovedOptions() {
	for _, rm := range r.removed {
		quoted := [][]byte{[]byte("'" + rm.value + "'"), []byte(`\"` + rm.value + `\"`)}
		for _, it := range r.items {
			if it.Kind == designer.KindCalendar || !mentionsAny(it.Content, quoted) {
				continue
			}
			r.c.Add(rm.ptr, "overlay_option_in_use", i18n.Params{"value": rm.value,
				"field": rm.field, "form": rm.form, "user": it.Meta.Key})
			break
		}
	}
}

func mentionsAny(b []byte, subs [][]byte) bool {
	return slices.ContainsFunc(subs, func(s []byte) bool { return bytes.Contains(b, s) })
}
