package templates

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"

	"github.com/formworkhq/formwork/designer"
	"github.com/formworkhq/formwork/internal/i18n"
)

// object is a JSON object opened one level deep.
type object = map[string]json.RawMessage

func (r *resolver) patchProcesses() {
	for _, key := range slices.Sorted(maps.Keys(r.ov.Processes)) {
		ptr := "/processes/" + key
		it := r.item(ptr, designer.KindProcess, key)
		if it == nil {
			continue
		}
		p := r.ov.Processes[key]
		setText(&it.Meta.Name, p.Name)
		setText(&it.Meta.Description, p.Description)
		if len(p.Nodes) == 0 && len(p.Edges) == 0 {
			continue
		}
		r.patchGraph(ptr, it, p)
	}
}

func (r *resolver) patchGraph(ptr string, it *designer.PackItem, p ProcessPatch) {
	var content, graph object
	var nodes, edges []object
	if json.Unmarshal(it.Content, &content) != nil ||
		json.Unmarshal(content["graph"], &graph) != nil ||
		json.Unmarshal(graph["nodes"], &nodes) != nil ||
		json.Unmarshal(graph["edges"], &edges) != nil {
		r.c.Add(ptr, "invalid_json", i18n.Params{"reason": "the process has no graph"})
		return
	}

	for _, id := range slices.Sorted(maps.Keys(p.Nodes)) {
		n := byID(nodes, id)
		if n == nil {
			r.c.Add(ptr+"/nodes/"+id, "overlay_unknown_node",
				i18n.Params{"process": it.Meta.Key, "node": id})
			continue
		}
		r.patchNode(ptr+"/nodes/"+id, n, p.Nodes[id])
	}
	for _, id := range slices.Sorted(maps.Keys(p.Edges)) {
		e := byID(edges, id)
		if e == nil {
			r.c.Add(ptr+"/edges/"+id, "overlay_unknown_edge",
				i18n.Params{"process": it.Meta.Key, "edge": id})
			continue
		}
		patchEdge(e, p.Edges[id])
	}

	graph["nodes"], _ = json.Marshal(nodes)
	graph["edges"], _ = json.Marshal(edges)
	content["graph"], _ = json.Marshal(graph)
	it.Content, _ = json.Marshal(content)
}

func (r *resolver) patchNode(ptr string, n object, p NodePatch) {
	if len(p.Name) > 0 {
		n["name"], _ = json.Marshal(p.Name)
	}
	if len(p.Config) == 0 {
		return
	}
	merged, err := mergePatch(n["config"], p.Config)
	if err != nil {
		r.c.Add(ptr+"/config", "invalid_json", i18n.Params{"reason": err.Error()})
		return
	}
	n["config"] = merged
}

func patchEdge(e object, p EdgePatch) {
	if len(p.Label) > 0 {
		e["label"], _ = json.Marshal(p.Label)
	}
	if p.Condition != nil {
		e["condition"], _ = json.Marshal(*p.Condition)
	}
}

// byID returns the element of list whose "id" is id, or nil.
func byID(list []object, id string) object {
	for _, o := range list {
		var got string
		if json.Unmarshal(o["id"], &got) == nil && got == id {
			return o
		}
	}
	return nil
}

func (r *resolver) patchDashboards() {
	for _, key := range slices.Sorted(maps.Keys(r.ov.Dashboards)) {
		ptr := "/dashboards/" + key
		it := r.item(ptr, designer.KindDashboard, key)
		if it == nil {
			continue
		}
		p := r.ov.Dashboards[key]
		setText(&it.Meta.Name, p.Name)
		setText(&it.Meta.Description, p.Description)
		r.patchWidgets(ptr, it, p)
	}
}

func (r *resolver) patchWidgets(ptr string, it *designer.PackItem, p DashboardPatch) {
	var content object
	var widgets []object
	if json.Unmarshal(it.Content, &content) != nil ||
		json.Unmarshal(content["widgets"], &widgets) != nil {
		r.c.Add(ptr, "invalid_json", i18n.Params{"reason": "the dashboard has no widgets"})
		return
	}
	for _, id := range slices.Sorted(maps.Keys(p.Titles)) {
		w := byID(widgets, id)
		if w == nil {
			r.c.Add(ptr+"/titles/"+id, "overlay_unknown_widget",
				i18n.Params{"dashboard": it.Meta.Key, "widget": id})
			continue
		}
		w["title"], _ = json.Marshal(p.Titles[id])
	}
	for i, raw := range p.Widgets {
		var w object
		if err := json.Unmarshal(raw, &w); err != nil || w == nil {
			r.c.Add(ptr+"/widgets/"+strconv.Itoa(i), "wrong_type",
				i18n.Params{"expected": "object", "got": "other"})
			continue
		}
		widgets = append(widgets, w)
	}
	content["widgets"], _ = json.Marshal(widgets)
	it.Content, _ = json.Marshal(content)
}

// mergePatch applies a JSON merge patch (RFC 7396) to target.
func mergePatch(target, patch json.RawMessage) (json.RawMessage, error) {
	var t, p any
	if len(target) > 0 {
		if err := json.Unmarshal(target, &t); err != nil {
			return nil, err
		}
	}
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, err
	}
	return json.Marshal(merge(t, p))
}

func merge(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = merge(tm[k], v)
	}
	return tm
}
