package model

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
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

// loader holds the state of one load.
type loader struct {
	path string                       // claims file, as shown in findings
	read func(string) ([]byte, error) // reads the claims file
	// readArticle reads the article by its path relative to the claims
	// file, refusing paths that leave the content folder (ErrOutside); it
	// returns the path shown in findings.
	readArticle func(rel string) (string, []byte, error)

	data  []byte
	pos   *posIndex
	root  *jval
	finds capped

	defs     []idDef
	refs     []idRef
	anchors  []anchorRef
	nodeVals []*jval // node objects by index, nil when not an object
	suggests int
	ahead    *articleAhead // the article, read ahead (readAhead)
	inline   bool          // read the article when it is needed (tests compare)
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
	if l.pos == nil {
		off = -1
	}
	if !l.finds.room(l.path, off, sev) {
		return
	}
	f := Finding{Path: l.path, Severity: sev, Code: code, Pointer: ptr, Message: fmt.Sprintf(format, args...)}
	l.finds.add(f, off)
}

// addFinding keeps a finding that already carries its position, if any.
func (l *loader) addFinding(f Finding) {
	if l.finds.room(f.Path, -1, f.Severity) {
		l.finds.add(f, -1)
	}
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
	var lineCol func(int) (int, int)
	if l.pos != nil {
		lineCol = l.pos.lineCol
	}
	fs := l.finds.findings(l.path, lineCol)
	for i := range fs {
		f := &fs[i]
		f.Path, f.Pointer, f.Message = visible(f.Path), visible(f.Pointer), visible(f.Message)
	}
	return c, fs
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
		l.addFinding(readFailure(l.path, err)[0])
		return nil
	}
	if !checkText(l.path, data, l.addFinding) {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	l.data, l.pos = data, newPosIndex(data)
	root, off, err := parseJSON(data)
	if err != nil {
		var dup *dupKeyError
		switch {
		case errors.Is(err, errTooDeep):
			l.errf("too-deep", off, "", "JSON nested deeper than %d levels; the format needs at most 5", MaxDepth)
		case errors.As(err, &dup) && dup.firstOff >= 0:
			l.errf("dup-key", off, "", "key %q appears twice in one object (first at %s); remove one", dup.key, l.at(dup.firstOff))
		case errors.As(err, &dup):
			l.errf("dup-key", off, "", "key %q appears twice in one object; remove one", dup.key)
		default:
			msg := err.Error()
			if off < len(data) && (data[off] == '}' || data[off] == ']') && prevNonSpace(data, off) == ',' {
				msg += "; remove the trailing comma before it"
			}
			l.errf("syntax", off, "", "%s", msg)
		}
		return nil
	}
	l.root = root
	// The schema check runs before the Go values are built, not alongside:
	// alongside, its garbage and the new values peaked at 0.95-1.0 GB RSS
	// for a million nodes, against 0.46-0.48 GB one after the other.
	// A clean verdict may be cached (schemacache.go); findings never are.
	if marker, clean := schemaCached(data); !clean {
		sc := l.schemaCheck(root)
		if len(sc.items) == 0 && sc.omittedErr+sc.omittedWarn == 0 {
			schemaStoreClean(marker)
		}
		l.finds.merge(sc)
	}
	l.readAhead(root)
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

// str returns v's string value; other types were reported by the schema.
func str(v *jval) (string, bool) {
	if v == nil || v.kind != jStr {
		return "", false
	}
	return v.str, true
}

// strField reads an optional string field.
func strField(v *jval) string {
	s, _ := str(v)
	return s
}

// strList returns the strings of an array.
func strList(v *jval) []string {
	var out []string
	for _, e := range array(v) {
		if s, ok := str(e); ok {
			out = append(out, s)
		}
	}
	return out
}

// array returns v's elements, or nil when v is not an array.
func array(v *jval) []*jval {
	if v == nil || v.kind != jArr {
		return nil
	}
	return v.elems
}

// object returns v when it is an object, else nil.
func object(v *jval) *jval {
	if v == nil || v.kind != jObj {
		return nil
	}
	return v
}

// id reads an id-valued field and records its definition.
func (l *loader) id(v *jval, ptr, what, former string) string {
	s, ok := str(v)
	if !ok {
		return ""
	}
	l.defs = append(l.defs, idDef{id: s, ptr: ptr, what: what, off: v.off, former: former})
	return s
}

// file converts the root object. The schema has reported every structural
// mistake; this reads what is there, skipping values of the wrong type.
func (l *loader) file(v *jval) *File {
	if object(v) == nil {
		return nil
	}
	f := &File{}
	f.Schema = strField(v.get("$schema"))
	if sv := v.get("schemaVersion"); sv != nil && sv.kind == jNum {
		if n, err := strconv.ParseFloat(sv.str, 64); err == nil && n == float64(int(n)) {
			f.SchemaVersion = int(n)
		}
	}
	if a := object(v.get("article")); a != nil {
		f.Article = ArticleMeta{
			Path:      strField(a.get("path")),
			Title:     strField(a.get("title")),
			Author:    strField(a.get("author")),
			Publisher: strField(a.get("publisher")),
			Published: strField(a.get("published")),
			URL:       strField(a.get("url")),
		}
		for _, e := range array(a.get("formerIdentities")) {
			if s := strField(e); s != "" {
				f.Article.FormerIdentities = append(f.Article.FormerIdentities, s)
			}
		}
	}
	if r := object(v.get("reviewer")); r != nil {
		f.Reviewer = &Reviewer{Name: strField(r.get("name")), URL: strField(r.get("url"))}
	}
	for i, e := range array(v.get("sources")) {
		f.Sources = append(f.Sources, l.source(e, "/sources/"+strconv.Itoa(i)))
	}
	nodes := array(v.get("nodes"))
	f.Nodes = make([]*Node, 0, len(nodes))
	l.nodeVals = make([]*jval, 0, len(nodes))
	for i, e := range nodes {
		f.Nodes = append(f.Nodes, l.node(e, "/nodes/"+strconv.Itoa(i)))
		l.nodeVals = append(l.nodeVals, e)
	}
	for i, e := range array(v.get("links")) {
		f.Links = append(f.Links, l.linkObj(e, "/links/"+strconv.Itoa(i)))
	}
	for i, e := range array(v.get("tours")) {
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
	if object(v) == nil {
		return s
	}
	s.ID = l.id(v.get("id"), ptr+"/id", "source", "")
	s.Title = strField(v.get("title"))
	s.Publisher = strField(v.get("publisher"))
	s.Published = strField(v.get("published"))
	s.URL = strField(v.get("url"))
	return s
}

func (l *loader) node(v *jval, ptr string) *Node {
	if object(v) == nil {
		return nil
	}
	n := &Node{}
	n.ID = l.id(v.get("id"), ptr+"/id", "node", "")
	n.Kind = Kind(strField(v.get("kind")))
	if sv := v.get("summary"); sv != nil && sv.kind == jStr {
		n.Summary = sv.str
		if c := utf8.RuneCountInString(sv.str); c > MaxSummary {
			l.warnf("summary-too-long", sv.off, ptr+"/summary", "summary has %d characters, more than %d; shorten it or move detail to \"text\"", c, MaxSummary)
		}
	}
	n.Text = strField(v.get("text"))
	n.Speaker = strField(v.get("speaker"))
	for i, a := range array(v.get("anchors")) {
		ap := ptr + "/anchors/" + strconv.Itoa(i)
		an := Anchor{Start: -1, End: -1}
		if object(a) != nil {
			if ex := a.get("exact"); ex != nil && ex.kind == jStr {
				an.Exact = ex.str
				switch {
				case NormalizeQuote(an.Exact) != "":
					l.anchors = append(l.anchors, anchorRef{node: n, idx: len(n.Anchors), ptr: ap + "/exact", off: ex.off})
				case strings.TrimSpace(an.Exact) != "":
					// Unicode white space only: the schema's \S lets it through.
					l.errf("bad-value", ex.off, ap+"/exact", "exact is empty; quote the passage of the article the node is about")
				}
			}
			an.Prefix = strField(a.get("prefix"))
			an.Suffix = strField(a.get("suffix"))
		}
		n.Anchors = append(n.Anchors, an)
	}
	for i, e := range array(v.get("sources")) {
		if s, ok := str(e); ok {
			n.Sources = append(n.Sources, s)
			l.refs = append(l.refs, idRef{id: s, ptr: ptr + "/sources/" + strconv.Itoa(i), off: e.off, source: true})
		}
	}
	n.Tags = strList(v.get("tags"))
	if r := object(v.get("rating")); r != nil {
		n.Rating = &Rating{Label: strField(r.get("label")), Explanation: strField(r.get("explanation"))}
	}
	for i, e := range array(v.get("formerIds")) {
		if s := l.id(e, ptr+"/formerIds/"+strconv.Itoa(i), "former id", n.ID); s != "" {
			n.FormerIDs = append(n.FormerIDs, s)
		}
	}
	return n
}

func (l *loader) linkObj(v *jval, ptr string) Link {
	var k Link
	if object(v) == nil {
		return k
	}
	for _, end := range []struct {
		key string
		dst *string
	}{{"from", &k.From}, {"to", &k.To}} {
		if e := v.get(end.key); e != nil && e.kind == jStr {
			*end.dst = e.str
			l.refs = append(l.refs, idRef{id: e.str, ptr: ptr + "/" + end.key, off: e.off})
		}
	}
	k.Type = LinkType(strField(v.get("type")))
	k.Note = strField(v.get("note"))
	return k
}

func (l *loader) tour(v *jval, ptr string) Tour {
	var t Tour
	if object(v) == nil {
		return t
	}
	t.ID = l.id(v.get("id"), ptr+"/id", "tour", "")
	t.Title = strField(v.get("title"))
	for i, s := range array(v.get("steps")) {
		var st TourStep
		if object(s) != nil {
			if nv := s.get("node"); nv != nil && nv.kind == jStr {
				st.Node = nv.str
				l.refs = append(l.refs, idRef{id: nv.str, ptr: ptr + "/steps/" + strconv.Itoa(i) + "/node", off: nv.off})
			}
			st.Title = strField(s.get("title"))
			st.Notes = strField(s.get("notes"))
		}
		t.Steps = append(t.Steps, st)
	}
	return t
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
