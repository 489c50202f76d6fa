package designer

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// A pack is the portable form of an app: a folder (or a zip archive of
// one) holding manifest.json and one file per definition, in folders named
// by kind:
//
//	manifest.json
//	calendars/<key>.json
//	forms/<key>.json
//	processes/<key>.json
//	dashboards/<key>.json
//
// A definition file holds "key", "name" and "description" beside the
// members of its content ("schema", "layout", "rules" for a form; "graph"
// for a process …). Files may also be YAML (.yaml, .yml). Template packs
// and exports use this one format.

// Manifest describes a pack.
type Manifest struct {
	// ID is the pack's key, e.g. "lead_followup"; installed apps carry it.
	ID string `json:"id"`
	// Version is the pack's version, e.g. "1.2.0".
	Version string `json:"version"`
	// Name and Description per locale.
	Name        Text `json:"name"`
	Description Text `json:"description,omitempty"`
	// Industries the pack is made for: retail, medical_devices, saas,
	// education, manufacturing, cross_border_ecommerce, general.
	Industries []string `json:"industries,omitempty"`
	// Sizes of company it fits: xs (≤10), s (11–50), m (51–200), l (200+).
	Sizes []string `json:"sizes,omitempty"`
	// Capabilities it brings, e.g. "response_sla", "silence_breaker".
	Capabilities []string `json:"capabilities,omitempty"`
	// Requires lists what it needs from the tenant.
	Requires Requirements `json:"requires,omitzero"`
}

// Requirements are what a pack needs to work fully.
type Requirements struct {
	// Channels it sends through, e.g. "wecom", "dingtalk".
	Channels []string `json:"channels,omitempty"`
	// Roles it assigns work to, e.g. "supervisor".
	Roles []string `json:"roles,omitempty"`
}

// Pack is a manifest and its definitions.
type Pack struct {
	Manifest Manifest
	Items    []PackItem
}

// PackItem is one definition of a pack.
type PackItem struct {
	Kind    Kind
	Meta    Meta
	Content json.RawMessage
}

// Limits on packs read from users.
const (
	maxPackFiles     = 500
	maxPackFileBytes = 2 << 20
	maxPackBytes     = 20 << 20
)

// kindFolders maps each kind to its folder in a pack.
var kindFolders = map[Kind]string{KindCalendar: "calendars", KindForm: "forms",
	KindProcess: "processes", KindDashboard: "dashboards"}

// ReadPack reads a pack from a folder.
func ReadPack(fsys fs.FS) (*Pack, error) {
	var c problem.Collector
	pk := &Pack{}
	raw, err := readPackFile(fsys, "manifest.json")
	if err != nil {
		c.Add("/manifest", "missing_manifest", nil)
		return nil, c.Err()
	}
	if err := strictDecode(raw, &pk.Manifest); err != nil {
		return nil, prefixed(err, "/manifest")
	}
	checkManifest(&c, &pk.Manifest)

	for _, kind := range Kinds {
		items, err := readKindFolder(fsys, kind, &c)
		if err != nil {
			return nil, err
		}
		pk.Items = append(pk.Items, items...)
	}
	if len(pk.Items) > maxPackFiles {
		c.Add("", "too_many_files", i18n.Params{"max": maxPackFiles})
	}
	return pk, c.Err()
}

func checkManifest(c *problem.Collector, m *Manifest) {
	checkKey(c, "/manifest/id", m.ID, true)
	checkText(c, "/manifest/name", m.Name, true)
	checkText(c, "/manifest/description", m.Description, false)
	if m.Version == "" {
		c.Add("/manifest/version", "required", nil)
	}
}

func readKindFolder(fsys fs.FS, kind Kind, c *problem.Collector) ([]PackItem, error) {
	dir := kindFolders[kind]
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil // a pack need not have every kind
	}
	var out []PackItem
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isDefinitionFile(name) {
			continue
		}
		file := path.Join(dir, name)
		raw, err := readPackFile(fsys, file)
		if err != nil {
			c.Add("/"+file, "unreadable_file", i18n.Params{"reason": err.Error()})
			continue
		}
		item, err := decodeItem(kind, raw)
		if err != nil {
			if err := collect(c, prefixed(err, "/"+file)); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, item)
	}
	return out, nil
}

func isDefinitionFile(name string) bool {
	ext := path.Ext(name)
	return ext == ".json" || ext == ".yaml" || ext == ".yml"
}

// readPackFile reads a file, converting YAML to JSON.
func readPackFile(fsys fs.FS, name string) (json.RawMessage, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPackFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPackFileBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, maxPackFileBytes)
	}
	if ext := path.Ext(name); ext == ".yaml" || ext == ".yml" {
		return yamlToJSON(data)
	}
	return data, nil
}

func yamlToJSON(data []byte) (json.RawMessage, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("reading YAML: %w", err)
	}
	return json.Marshal(v)
}

// decodeItem splits a definition file into its identity and its content.
func decodeItem(kind Kind, raw json.RawMessage) (PackItem, error) {
	members := map[string]json.RawMessage{}
	if err := json.Unmarshal(raw, &members); err != nil {
		return PackItem{}, problem.Fields(problem.Field("", "invalid_json",
			i18n.Params{"reason": err.Error()}))
	}
	var meta Meta
	var c problem.Collector
	for _, k := range []string{"key", "name", "description"} {
		if v, ok := members[k]; ok {
			metaMember(&c, &meta, k, v)
			delete(members, k)
		}
	}
	delete(members, "app")
	checkMeta(&c, meta, true)
	content, err := json.Marshal(members)
	if err != nil {
		return PackItem{}, err
	}
	return PackItem{Kind: kind, Meta: meta, Content: content}, c.Err()
}

func metaMember(c *problem.Collector, m *Meta, key string, v json.RawMessage) {
	var err error
	switch key {
	case "key":
		err = json.Unmarshal(v, &m.Key)
	case "name":
		err = json.Unmarshal(v, &m.Name)
	case "description":
		err = json.Unmarshal(v, &m.Description)
	}
	if err != nil {
		c.Add("/"+key, "wrong_type", i18n.Params{"expected": "text", "got": "other"})
	}
}

// prefixed puts prefix in front of every pointer of a refusal.
func prefixed(err error, prefix string) error {
	pe, ok := problem.As(err)
	if !ok {
		return err
	}
	out := *pe
	out.Fields = make([]problem.FieldError, len(pe.Fields))
	for i, f := range pe.Fields {
		f.Pointer = prefix + f.Pointer
		out.Fields[i] = f
	}
	return &out
}

// ItemFile renders a pack item as its file content.
func ItemFile(it PackItem) ([]byte, error) {
	members := map[string]json.RawMessage{}
	if err := json.Unmarshal(it.Content, &members); err != nil {
		return nil, err
	}
	for k, v := range map[string]any{"key": it.Meta.Key, "name": it.Meta.Name} {
		b, _ := json.Marshal(v)
		members[k] = b
	}
	if len(it.Meta.Description) > 0 {
		members["description"], _ = json.Marshal(it.Meta.Description)
	}
	var buf bytes.Buffer
	b, err := json.Marshal(members)
	if err != nil {
		return nil, err
	}
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// WriteArchive writes the pack as a zip archive of its folder.
func (pk *Pack) WriteArchive(w io.Writer) error {
	zw := zip.NewWriter(w)
	manifest, err := json.MarshalIndent(pk.Manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := addZipFile(zw, "manifest.json", append(manifest, '\n')); err != nil {
		return err
	}
	items := append([]PackItem(nil), pk.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Meta.Key < items[j].Meta.Key })
	for _, it := range items {
		data, err := ItemFile(it)
		if err != nil {
			return fmt.Errorf("writing %s %s: %w", it.Kind, it.Meta.Key, err)
		}
		name := path.Join(kindFolders[it.Kind], it.Meta.Key+".json")
		if err := addZipFile(zw, name, data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func addZipFile(zw *zip.Writer, name string, data []byte) error {
	f, err := zw.Create(name)
	if err != nil {
		return fmt.Errorf("adding %s: %w", name, err)
	}
	_, err = f.Write(data)
	return err
}

// ReadArchive reads a pack from a zip archive of its folder. The folder may
// sit at the archive's root or in one top-level directory.
func ReadArchive(data []byte) (*Pack, error) {
	if len(data) > maxPackBytes {
		return nil, problem.New(problem.TooLarge, "pack.too_large",
			i18n.Params{"limit": maxPackBytes})
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, problem.New(problem.BadRequest, "pack.not_an_archive", nil)
	}
	if len(zr.File) > maxPackFiles+1 {
		return nil, problem.Fields(problem.Field("", "too_many_files",
			i18n.Params{"max": maxPackFiles}))
	}
	root := archiveRoot(zr)
	sub, err := fs.Sub(zr, root)
	if err != nil {
		return nil, problem.New(problem.BadRequest, "pack.not_an_archive", nil)
	}
	return ReadPack(sub)
}

// archiveRoot finds the folder of manifest.json in an archive.
func archiveRoot(zr *zip.Reader) string {
	for _, f := range zr.File {
		dir, file := path.Split(f.Name)
		if file == "manifest.json" && strings.Count(dir, "/") <= 1 {
			if dir == "" {
				return "."
			}
			return strings.TrimSuffix(dir, "/")
		}
	}
	return "."
}

// ReadBundle builds a pack from a manifest and each kind's definition
// files, as a JSON bundle carries them.
func ReadBundle(m Manifest, files map[Kind][]json.RawMessage) (*Pack, error) {
	var c problem.Collector
	checkManifest(&c, &m)
	pk := &Pack{Manifest: m}
	total := 0
	for _, kind := range Kinds {
		for i, raw := range files[kind] {
			total++
			item, err := decodeItem(kind, raw)
			if err != nil {
				ptr := fmt.Sprintf("/%s/%d", kindFolders[kind], i)
				if err := collect(&c, prefixed(err, ptr)); err != nil {
					return nil, err
				}
				continue
			}
			pk.Items = append(pk.Items, item)
		}
	}
	if total > maxPackFiles {
		c.Add("", "too_many_files", i18n.Params{"max": maxPackFiles})
	}
	return pk, c.Err()
}
