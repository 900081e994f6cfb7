package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxSummary is the longest summary, in characters, before a warning.
const MaxSummary = 80

// MinQuote is the shortest anchor quote, in characters, that needs no
// prefix or suffix to be trusted.
const MinQuote = 12

// maxSuggestions bounds the nearest-name searches per load, so a file with
// thousands of bad references stays fast.
const maxSuggestions = 200

// idPattern is the documented pattern for ids.
const idPattern = "^[a-z][a-z0-9-]{1,62}$"

// loader holds the state of one load.
type loader struct {
	path string                       // claims file, as shown in findings
	read func(string) ([]byte, error) // reads a file by its joined path
	join func(rel string) string      // joins a path relative to the claims file

	data  []byte
	pos   *posIndex
	root  *jval
	finds Findings

	fields   map[reflect.Type][]string // known json names per type
	required map[reflect.Type][]string // required json names per type

	defs     []idDef
	refs     []idRef
	anchors  []anchorRef
	nodeVals []*jval // node objects by index, nil when not an object
	suggests int
}

// idDef is one place that defines an id.
type idDef struct {
	id, ptr, what string
	off           int
	former        string // for a formerIds entry: the node's current id
}

// idRef is one place that refers to an id.
type idRef struct {
	id, ptr string
	off     int
	source  bool // refers to a source, else to a node
}

// anchorRef is one anchor to resolve.
type anchorRef struct {
	node *Node
	idx  int
	ptr  string
	off  int
}

func (l *loader) add(sev Severity, code string, off int, ptr, format string, args ...any) {
	f := Finding{Path: l.path, Severity: sev, Code: code, Pointer: ptr, Message: fmt.Sprintf(format, args...)}
	if off >= 0 && l.pos != nil {
		f.Line, f.Col = l.pos.lineCol(off)
	}
	l.finds = append(l.finds, f)
}

func (l *loader) errf(code string, off int, ptr, format string, args ...any) {
	l.add(SevError, code, off, ptr, format, args...)
}

func (l *loader) warnf(code string, off int, ptr, format string, args ...any) {
	l.add(SevWarning, code, off, ptr, format, args...)
}

// at formats the line:col of a byte offset of the claims file.
func (l *loader) at(off int) string {
	line, col := l.pos.lineCol(off)
	return fmt.Sprintf("%d:%d", line, col)
}

func (l *loader) run() (*Content, Findings) {
	c := l.load()
	for i := range l.finds {
		f := &l.finds[i]
		f.Path, f.Pointer, f.Message = visible(f.Path), visible(f.Pointer), visible(f.Message)
	}
	l.finds.Sort()
	return c, l.finds
}

// hidden reports control characters and bidirectional overrides.
func hidden(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// visible escapes control characters (ESC, BEL, C1 controls and the like)
// and bidi overrides, so that no finding can carry a terminal escape
// sequence or reorder its own text.
func visible(s string) string {
	if strings.IndexFunc(s, hidden) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hidden(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (l *loader) load() *Content {
	data, err := l.read(l.path)
	if err != nil {
		l.finds = append(l.finds, readFailure(l.path, err)...)
		return nil
	}
	if !checkText(l.path, data, func(f Finding) { l.finds = append(l.finds, f) }) {
		return nil
	}
	data = []byte(strings.TrimPrefix(string(data), bom))
	l.data, l.pos = data, newPosIndex(data)
	dup := func(key string, off, first int) {
		l.errf("dup-key", off, "", "key %q appears twice in one object (first at %s); remove one", key, l.at(first))
	}
	parse := parseJSON // Decoder.Token: exact positions of syntax errors
	if json.Valid(data) {
		parse = parseValidJSON // much faster on the common, valid case
	}
	root, off, err := parse(data, dup)
	if err != nil {
		if errors.Is(err, errTooDeep) {
			l.errf("too-deep", off, "", "JSON nested deeper than %d levels; the format needs at most 5", MaxDepth)
		} else {
			msg := err.Error()
			if off < len(data) && (data[off] == '}' || data[off] == ']') && prevNonSpace(data, off) == ',' {
				msg += "; remove the trailing comma before it"
			}
			l.errf("syntax", off, "", "%s", msg)
		}
		return nil
	}
	l.root = root
	l.fields, l.required = map[reflect.Type][]string{}, map[reflect.Type][]string{}
	f := l.file(root)
	if f == nil {
		return nil
	}
	l.checkIDs()
	l.checkRefs(f)
	l.checkLinks(f)
	l.checkIsolated(f)
	art := l.article(f)
	return NewContent(l.path, f, art)
}

// jsonNames returns the json names of a struct type's fields and those
// without omitempty (the required ones).
func jsonNames(t reflect.Type) (names, required []string) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			n, r := jsonNames(sf.Type)
			names, required = append(names, n...), append(required, r...)
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		names = append(names, name)
		if !strings.Contains(opts, "omitempty") {
			required = append(required, name)
		}
	}
	return names, required
}

// object checks that v is an object of the struct type t: every key known,
// every required key present. It returns false when v is not an object.
func (l *loader) object(v *jval, ptr, what string, t reflect.Type) bool {
	if v.kind != jObj {
		l.errf("bad-value", v.off, ptr, "%s must be an object, found %s", what, v.kind)
		return false
	}
	known, ok := l.fields[t]
	if !ok {
		known, l.required[t] = jsonNames(t)
		l.fields[t] = known
	}
	for _, m := range v.mems {
		if slices.Contains(known, m.key) {
			continue
		}
		msg := fmt.Sprintf("unknown field %q in %s", m.key, what)
		if s := nearest(m.key, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		} else {
			msg += fmt.Sprintf(" (known fields: %s)", strings.Join(known, ", "))
		}
		l.errf("unknown-field", m.off, ptr+"/"+ptrEscape(m.key), "%s", msg)
	}
	for _, r := range l.required[t] {
		if v.get(r) == nil {
			l.errf("missing-field", v.off, ptr, "%s has no %q field, which is required", what, r)
		}
	}
	return true
}

// str returns v's string value, reporting any other type.
func (l *loader) str(v *jval, ptr string) (string, bool) {
	if v == nil {
		return "", false
	}
	if v.kind != jStr {
		l.errf("bad-value", v.off, ptr, "expected a string, found %s", v.kind)
		return "", false
	}
	return v.str, true
}

// strList returns v's strings, reporting anything else.
func (l *loader) strList(v *jval, ptr string) []string {
	if v == nil {
		return nil
	}
	if v.kind != jArr {
		l.errf("bad-value", v.off, ptr, "expected an array of strings, found %s", v.kind)
		return nil
	}
	out := make([]string, 0, len(v.elems))
	for i, e := range v.elems {
		if s, ok := l.str(e, ptr+"/"+strconv.Itoa(i)); ok {
			out = append(out, s)
		}
	}
	return out
}

// array returns v's elements, reporting anything but an array.
func (l *loader) array(v *jval, ptr string) []*jval {
	if v == nil {
		return nil
	}
	if v.kind != jArr {
		l.errf("bad-value", v.off, ptr, "expected an array, found %s", v.kind)
		return nil
	}
	return v.elems
}

func validID(s string) bool {
	if len(s) < 2 || len(s) > 63 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// id reads an id-valued field and records its definition.
func (l *loader) id(v *jval, ptr, what, former string) string {
	s, ok := l.str(v, ptr)
	if !ok {
		return ""
	}
	if !validID(s) {
		l.errf("bad-value", v.off, ptr, "id %q must match %s (a lowercase letter, then 1 to 62 lowercase letters, digits or '-')", s, idPattern)
	}
	l.defs = append(l.defs, idDef{id: s, ptr: ptr, what: what, off: v.off, former: former})
	return s
}

// date reads an optional YYYY-MM-DD field.
func (l *loader) date(v *jval, ptr string) string {
	s, ok := l.str(v, ptr)
	if !ok {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil || len(s) != 10 {
		l.errf("bad-value", v.off, ptr, "date %q must be a real date written YYYY-MM-DD, e.g. 2025-01-28", s)
	}
	return s
}

// link reads an optional http(s) URL field.
func (l *loader) link(v *jval, ptr string) string {
	s, ok := l.str(v, ptr)
	if !ok {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.errf("bad-value", v.off, ptr, "url %q must be an absolute http or https URL", s)
	}
	return s
}

// text reads an optional free-text string field.
func (l *loader) text(v *jval, ptr string) string {
	s, _ := l.str(v, ptr)
	return s
}

// file converts the root object.
func (l *loader) file(v *jval) *File {
	if !l.object(v, "", "the claims file", reflect.TypeFor[File]()) {
		return nil
	}
	f := &File{}
	f.Schema = l.text(v.get("$schema"), "/$schema")
	if sv := v.get("schemaVersion"); sv != nil {
		n, err := strconv.Atoi(sv.str)
		switch {
		case sv.kind != jNum || err != nil:
			l.errf("bad-value", sv.off, "/schemaVersion", "schemaVersion must be an integer, found %s", describe(sv))
		case n != SchemaVersion:
			l.errf("unsupported-version", sv.off, "/schemaVersion", "schemaVersion %d is not supported; this build of crux reads schemaVersion %d only", n, SchemaVersion)
		}
		f.SchemaVersion = n
	}
	if a := v.get("article"); a != nil && l.object(a, "/article", "article", reflect.TypeFor[ArticleMeta]()) {
		f.Article = ArticleMeta{
			Path:      l.text(a.get("path"), "/article/path"),
			Title:     l.text(a.get("title"), "/article/title"),
			Author:    l.text(a.get("author"), "/article/author"),
			Publisher: l.text(a.get("publisher"), "/article/publisher"),
		}
		if d := a.get("published"); d != nil {
			f.Article.Published = l.date(d, "/article/published")
		}
		if u := a.get("url"); u != nil {
			f.Article.URL = l.link(u, "/article/url")
		}
		if p := a.get("path"); p != nil && p.kind == jStr && strings.TrimSpace(p.str) == "" {
			l.errf("bad-value", p.off, "/article/path", "article path is empty; give the article's file name, e.g. \"article.md\"")
		}
	}
	if r := v.get("reviewer"); r != nil && l.object(r, "/reviewer", "reviewer", reflect.TypeFor[Reviewer]()) {
		f.Reviewer = &Reviewer{Name: l.text(r.get("name"), "/reviewer/name")}
		if u := r.get("url"); u != nil {
			f.Reviewer.URL = l.link(u, "/reviewer/url")
		}
	}
	for i, e := range l.array(v.get("sources"), "/sources") {
		f.Sources = append(f.Sources, l.source(e, "/sources/"+strconv.Itoa(i)))
	}
	nodes := l.array(v.get("nodes"), "/nodes")
	f.Nodes = make([]*Node, 0, len(nodes))
	l.nodeVals = make([]*jval, 0, len(nodes))
	for i, e := range nodes {
		f.Nodes = append(f.Nodes, l.node(e, "/nodes/"+strconv.Itoa(i)))
		l.nodeVals = append(l.nodeVals, e)
	}
	for i, e := range l.array(v.get("links"), "/links") {
		f.Links = append(f.Links, l.linkObj(e, "/links/"+strconv.Itoa(i)))
	}
	for i, e := range l.array(v.get("tours"), "/tours") {
		f.Tours = append(f.Tours, l.tour(e, "/tours/"+strconv.Itoa(i)))
	}
	return f
}

// describe names a value for a message: its type, and its text if short.
func describe(v *jval) string {
	if v.kind == jNum || v.kind == jStr {
		return fmt.Sprintf("%s (%s)", v.kind, clip(strconv.Quote(v.str), 40))
	}
	return v.kind.String()
}

func (l *loader) source(v *jval, ptr string) Source {
	var s Source
	if !l.object(v, ptr, "a source", reflect.TypeFor[Source]()) {
		return s
	}
	if id := v.get("id"); id != nil {
		s.ID = l.id(id, ptr+"/id", "source", "")
	}
	s.Title = l.text(v.get("title"), ptr+"/title")
	s.Publisher = l.text(v.get("publisher"), ptr+"/publisher")
	if d := v.get("published"); d != nil {
		s.Published = l.date(d, ptr+"/published")
	}
	if u := v.get("url"); u != nil {
		s.URL = l.link(u, ptr+"/url")
	}
	return s
}

func (l *loader) node(v *jval, ptr string) *Node {
	if !l.object(v, ptr, "a node", reflect.TypeFor[Node]()) {
		return nil
	}
	n := &Node{}
	if id := v.get("id"); id != nil {
		n.ID = l.id(id, ptr+"/id", "node", "")
	}
	if k := v.get("kind"); k != nil {
		if s, ok := l.str(k, ptr+"/kind"); ok {
			n.Kind = Kind(s)
			if !slices.Contains(Kinds(), n.Kind) {
				l.errf("bad-value", k.off, ptr+"/kind", "kind %q is not one of \"claim\", \"skeptic\", \"counterpoint\"%s", s, didYouMean(s, []string{"claim", "skeptic", "counterpoint"}))
			}
		}
	}
	if sv := v.get("summary"); sv != nil {
		if s, ok := l.str(sv, ptr+"/summary"); ok {
			n.Summary = s
			switch c := utf8.RuneCountInString(s); {
			case strings.TrimSpace(s) == "":
				l.errf("bad-value", sv.off, ptr+"/summary", "summary is empty; write one line of at most %d characters", MaxSummary)
			case c > MaxSummary:
				l.warnf("summary-too-long", sv.off, ptr+"/summary", "summary has %d characters, more than %d; shorten it or move detail to \"text\"", c, MaxSummary)
			}
		}
	}
	n.Text = l.text(v.get("text"), ptr+"/text")
	n.Speaker = l.text(v.get("speaker"), ptr+"/speaker")
	anchors := v.get("anchors")
	for i, a := range l.array(anchors, ptr+"/anchors") {
		ap := ptr + "/anchors/" + strconv.Itoa(i)
		an := Anchor{Start: -1, End: -1}
		if l.object(a, ap, "an anchor", reflect.TypeFor[Anchor]()) {
			if ex := a.get("exact"); ex != nil {
				an.Exact = l.text(ex, ap+"/exact")
				if ex.kind == jStr && NormalizeQuote(an.Exact) == "" {
					l.errf("bad-value", ex.off, ap+"/exact", "exact is empty; quote the passage of the article the node is about")
				} else if ex.kind == jStr {
					l.anchors = append(l.anchors, anchorRef{node: n, idx: len(n.Anchors), ptr: ap + "/exact", off: ex.off})
				}
			}
			an.Prefix = l.text(a.get("prefix"), ap+"/prefix")
			an.Suffix = l.text(a.get("suffix"), ap+"/suffix")
		}
		n.Anchors = append(n.Anchors, an)
	}
	if n.Kind == KindClaim && len(n.Anchors) == 0 {
		if anchors == nil {
			l.errf("missing-field", v.off, ptr, "a claim has no \"anchors\" field; quote the passage of the article that states it")
		} else if anchors.kind == jArr {
			l.errf("missing-field", anchors.off, ptr+"/anchors", "a claim needs at least one anchor; quote the passage of the article that states it")
		}
	}
	if sv := v.get("sources"); sv != nil {
		for i, e := range l.array(sv, ptr+"/sources") {
			p := ptr + "/sources/" + strconv.Itoa(i)
			if s, ok := l.str(e, p); ok {
				n.Sources = append(n.Sources, s)
				l.refs = append(l.refs, idRef{id: s, ptr: p, off: e.off, source: true})
			}
		}
	}
	n.Tags = l.strList(v.get("tags"), ptr+"/tags")
	if r := v.get("rating"); r != nil {
		if n.Kind != "" && n.Kind != KindClaim {
			l.errf("bad-value", r.off, ptr+"/rating", "only claims carry a rating, and this node is a %s; remove the rating", n.Kind)
		}
		if l.object(r, ptr+"/rating", "a rating", reflect.TypeFor[Rating]()) {
			n.Rating = &Rating{
				Label:       l.text(r.get("label"), ptr+"/rating/label"),
				Explanation: l.text(r.get("explanation"), ptr+"/rating/explanation"),
			}
		}
	}
	for i, e := range l.array(v.get("formerIds"), ptr+"/formerIds") {
		if s := l.id(e, ptr+"/formerIds/"+strconv.Itoa(i), "former id", n.ID); s != "" {
			n.FormerIDs = append(n.FormerIDs, s)
		}
	}
	return n
}

func (l *loader) linkObj(v *jval, ptr string) Link {
	var k Link
	if !l.object(v, ptr, "a link", reflect.TypeFor[Link]()) {
		return k
	}
	for _, end := range []struct {
		key string
		dst *string
	}{{"from", &k.From}, {"to", &k.To}} {
		if e := v.get(end.key); e != nil {
			if s, ok := l.str(e, ptr+"/"+end.key); ok {
				*end.dst = s
				l.refs = append(l.refs, idRef{id: s, ptr: ptr + "/" + end.key, off: e.off})
			}
		}
	}
	if t := v.get("type"); t != nil {
		if s, ok := l.str(t, ptr+"/type"); ok {
			k.Type = LinkType(s)
			if k.Type != Supports && k.Type != Attacks {
				l.errf("bad-value", t.off, ptr+"/type", "link type %q is not \"supports\" or \"attacks\"%s", s, didYouMean(s, []string{"supports", "attacks"}))
			}
		}
	}
	k.Note = l.text(v.get("note"), ptr+"/note")
	return k
}

func (l *loader) tour(v *jval, ptr string) Tour {
	var t Tour
	if !l.object(v, ptr, "a tour", reflect.TypeFor[Tour]()) {
		return t
	}
	if id := v.get("id"); id != nil {
		t.ID = l.id(id, ptr+"/id", "tour", "")
	}
	t.Title = l.text(v.get("title"), ptr+"/title")
	for i, s := range l.array(v.get("steps"), ptr+"/steps") {
		sp := ptr + "/steps/" + strconv.Itoa(i)
		var st TourStep
		if l.object(s, sp, "a tour step", reflect.TypeFor[TourStep]()) {
			if nv := s.get("node"); nv != nil {
				if id, ok := l.str(nv, sp+"/node"); ok {
					st.Node = id
					l.refs = append(l.refs, idRef{id: id, ptr: sp + "/node", off: nv.off})
				}
			}
			st.Title = l.text(s.get("title"), sp+"/title")
			st.Notes = l.text(s.get("notes"), sp+"/notes")
		}
		t.Steps = append(t.Steps, st)
	}
	return t
}

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

// prevNonSpace returns the last byte before off that is not white space, or 0.
func prevNonSpace(data []byte, off int) byte {
	for i := off - 1; i >= 0; i-- {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return data[i]
	}
	return 0
}
