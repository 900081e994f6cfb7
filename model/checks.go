package model

import (
	"fmt"
	"slices"
	"strconv"
)

// The checks below are what the schema cannot say: ids unique across
// kinds, references that name existing ids, and links that contradict
// each other.

// checkIDs reports ids defined twice in the one namespace of nodes, sources,
// tours and former ids.
func (l *loader) checkIDs() {
	slices.SortStableFunc(l.defs, func(a, b idDef) int { return a.off - b.off })
	first := make(map[string]int, len(l.defs))
	for i, d := range l.defs {
		if d.id == "" {
			continue
		}
		j, dup := first[d.id]
		if !dup {
			first[d.id] = i
			continue
		}
		p := l.defs[j]
		l.errf("dup-id", d.off, d.ptr, "id %q of this %s is already used by the %s at %s (%s); ids must be unique across nodes, sources, tours and formerIds",
			d.id, d.what, p.what, l.at(p.off), p.ptr)
	}
}

// checkRefs reports references to ids that do not exist.
func (l *loader) checkRefs(f *File) {
	nodes := make(map[string]bool, len(f.Nodes))
	former := map[string]string{}
	var nodeIDs []string
	for _, n := range f.Nodes {
		if n == nil || n.ID == "" {
			continue
		}
		nodes[n.ID] = true
		nodeIDs = append(nodeIDs, n.ID)
		for _, old := range n.FormerIDs {
			former[old] = n.ID
		}
	}
	sources := make(map[string]bool, len(f.Sources))
	var sourceIDs []string
	for _, s := range f.Sources {
		if s.ID != "" {
			sources[s.ID] = true
			sourceIDs = append(sourceIDs, s.ID)
		}
	}
	for _, r := range l.refs {
		if r.source {
			if sources[r.id] {
				continue
			}
			msg := fmt.Sprintf("%q is not the id of a source", r.id)
			if nodes[r.id] {
				msg += " (it is a node)"
			}
			l.errf("dangling-ref", r.off, r.ptr, "%s%s", msg, l.suggest(r.id, sourceIDs))
			continue
		}
		if nodes[r.id] {
			continue
		}
		if cur, ok := former[r.id]; ok {
			l.errf("dangling-ref", r.off, r.ptr, "%q is a former id of %q; use %q", r.id, cur, cur)
			continue
		}
		msg := fmt.Sprintf("%q is not the id of a node", r.id)
		if sources[r.id] {
			msg += " (it is a source)"
		}
		l.errf("dangling-ref", r.off, r.ptr, "%s%s", msg, l.suggest(r.id, nodeIDs))
	}
}

// suggest returns " (did you mean X?)" for the nearest candidate, within a
// per-load budget.
func (l *loader) suggest(s string, cands []string) string {
	if l.suggests >= maxSuggestions {
		return ""
	}
	l.suggests++
	return didYouMean(s, cands)
}

func didYouMean(s string, cands []string) string {
	if n := nearest(s, cands); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// checkLinks reports self-links and pairs that both support and attack.
func (l *loader) checkLinks(f *File) {
	type pair struct{ from, to string }
	seen := make(map[pair]int, len(f.Links))
	for i, k := range f.Links {
		ptr := "/links/" + strconv.Itoa(i)
		if k.From == "" || k.To == "" {
			continue
		}
		if k.From == k.To {
			v, _ := l.root.lookup(ptr + "/to")
			l.errf("self-link", v.off, ptr+"/to", "link from %q to itself; a node cannot support or attack itself", k.From)
			continue
		}
		if k.Type != Supports && k.Type != Attacks {
			continue
		}
		p := pair{k.From, k.To}
		j, ok := seen[p]
		if !ok {
			seen[p] = i
			continue
		}
		if prev := f.Links[j]; prev.Type != k.Type {
			v, _ := l.root.lookup(ptr + "/type")
			pv, _ := l.root.lookup("/links/" + strconv.Itoa(j))
			l.errf("conflicting-link", v.off, ptr+"/type", "%q both supports and attacks %q (the other link is /links/%d at %s); keep one",
				k.From, k.To, j, l.at(pv.off))
		}
	}
}

// checkIsolated warns about nodes in no link and no tour step.
func (l *loader) checkIsolated(f *File) {
	used := make(map[string]bool, 2*len(f.Links))
	for _, k := range f.Links {
		used[k.From], used[k.To] = true, true
	}
	for _, t := range f.Tours {
		for _, s := range t.Steps {
			used[s.Node] = true
		}
	}
	for i, n := range f.Nodes {
		if n == nil || n.ID == "" || used[n.ID] {
			continue
		}
		iv := l.nodeVals[i].get("id")
		l.warnf("isolated-node", iv.off, "/nodes/"+strconv.Itoa(i)+"/id", "node %q is in no link and no tour step; link it to the node it supports or attacks", n.ID)
	}
}
