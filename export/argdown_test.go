package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

func TestArgdownGolden(t *testing.T) {
	checkGolden(t, "argdown", render(t, FormatArgdown))
}

// adElement is one statement or argument definition read back from an
// Argdown export.
type adElement struct {
	id, text string
	claim    bool
	tags     []string
	data     adData
	rels     []adRelation
}

type adRelation struct {
	typ   model.LinkType
	to    string
	claim bool // target written as [id]
}

// adData is the YAML data crux writes on each element.
type adData struct {
	Kind      string        `json:"kind"`
	Summary   string        `json:"summary"`
	Text      string        `json:"text"`
	Speaker   string        `json:"speaker"`
	Rating    *model.Rating `json:"rating"`
	Anchors   []adAnchor    `json:"anchors"`
	Sources   []string      `json:"sources"`
	FormerIDs []string      `json:"formerIds"`
	Links     []adNote      `json:"links"`
}

type adAnchor struct{ Exact, Prefix, Suffix string }

type adNote struct{ To, Type, Note string }

var (
	adDefRE = regexp.MustCompile(`^(?:\[([a-z][a-z0-9-]*)\]|<([a-z][a-z0-9-]*)>): (.*)$`)
	adRelRE = regexp.MustCompile(`^    (\+>|->) (?:\[([a-z][a-z0-9-]*)\]|<([a-z][a-z0-9-]*)>)$`)
	adTagRE = regexp.MustCompile(`^#(?:\([^)]+\)|[A-Za-z0-9-]+)$`)
)

// parseArgdown reads back the subset of Argdown that WriteArgdown writes,
// failing on anything outside it: the front matter, headings after an empty
// line, definitions, and relations directly under a definition.
func parseArgdown(doc string) (front string, els []*adElement, err error) {
	if !strings.HasPrefix(doc, "===\n") {
		return "", nil, fmt.Errorf("document does not start with a front matter")
	}
	end := strings.Index(doc[4:], "\n===\n")
	if end < 0 {
		return "", nil, fmt.Errorf("front matter is not closed")
	}
	front = doc[4 : 4+end]
	if strings.Contains(front, "=") {
		return "", nil, fmt.Errorf("front matter contains '=', which ends it early in Argdown's lexer")
	}
	lines := strings.Split(strings.TrimSuffix(doc[4+end+5:], "\n"), "\n")
	var cur *adElement
	prevBlank := true
	for i, line := range lines {
		ln := i + 1
		switch {
		case line == "":
			cur, prevBlank = nil, true
			continue
		case strings.HasPrefix(line, "# "):
			if !prevBlank {
				return "", nil, fmt.Errorf("line %d: heading not after an empty line", ln)
			}
			cur = nil
		case adRelRE.MatchString(line):
			if cur == nil {
				return "", nil, fmt.Errorf("line %d: relation not directly under a definition: %q", ln, line)
			}
			m := adRelRE.FindStringSubmatch(line)
			r := adRelation{typ: model.Supports, to: m[2] + m[3], claim: m[2] != ""}
			if m[1] == "->" {
				r.typ = model.Attacks
			}
			cur.rels = append(cur.rels, r)
		case adDefRE.MatchString(line):
			if !prevBlank {
				return "", nil, fmt.Errorf("line %d: definition not after an empty line", ln)
			}
			m := adDefRE.FindStringSubmatch(line)
			el := &adElement{id: m[1] + m[2], claim: m[1] != ""}
			if err := parseAdBody(m[3], el); err != nil {
				return "", nil, fmt.Errorf("line %d: %v", ln, err)
			}
			els = append(els, el)
			cur = el
		default:
			return "", nil, fmt.Errorf("line %d: not a heading, definition or relation: %q", ln, line)
		}
		prevBlank = false
	}
	return front, els, nil
}

// parseAdBody splits "text #tags {data}" and checks that the text has no
// unescaped Argdown syntax in it.
func parseAdBody(body string, el *adElement) error {
	var text strings.Builder
	rs := []rune(body)
	i := 0
	for ; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' {
			if i+1 == len(rs) {
				return fmt.Errorf("dangling backslash")
			}
			text.WriteRune(rs[i+1])
			i++
			continue
		}
		if r == '#' || r == '{' {
			break
		}
		if strings.ContainsRune("[]<>}@*_=", r) || r == '/' && i+1 < len(rs) && rs[i+1] == '/' {
			return fmt.Errorf("unescaped %q in text at column %d", r, i+1)
		}
		text.WriteRune(r)
	}
	el.text = strings.TrimSpace(text.String())
	// Tags, then the data block, which must end the line.
	rest := string(rs[i:])
	for strings.HasPrefix(rest, "#") {
		var tag string
		if strings.HasPrefix(rest, "#(") {
			j := strings.Index(rest, ")")
			if j < 0 {
				return fmt.Errorf("unclosed #( tag")
			}
			tag, rest = rest[:j+1], rest[j+1:]
		} else {
			tag, rest, _ = strings.Cut(rest, " ")
			rest = " " + rest
		}
		if !adTagRE.MatchString(tag) {
			return fmt.Errorf("malformed tag %q", tag)
		}
		el.tags = append(el.tags, tag)
		rest = strings.TrimPrefix(rest, " ")
	}
	if !strings.HasPrefix(rest, "{") || !strings.HasSuffix(rest, "}") {
		return fmt.Errorf("no data block at the end of the line: %q", rest)
	}
	// Argdown's lexer ends a data block at a "}" followed by white space.
	inner := rest[:len(rest)-1]
	for j := 0; j+1 < len(inner); j++ {
		if inner[j] == '}' && (inner[j+1] == ' ' || inner[j+1] == '\t') {
			return fmt.Errorf("data block would end early at byte %d: %q", j, inner[max(0, j-20):j+2])
		}
	}
	js, err := flowToJSON(rest)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&el.data); err != nil {
		return fmt.Errorf("data %s: %v", rest, err)
	}
	return nil
}

// flowToJSON turns the YAML flow mappings crux writes (bare keys, JSON
// strings) into JSON by quoting the keys.
func flowToJSON(s string) (string, error) {
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case in:
			b.WriteByte(ch)
			if ch == '\\' && i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			} else if ch == '"' {
				in = false
			}
		case ch == '"':
			in = true
			b.WriteByte(ch)
		case ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			if j+1 >= len(s) || s[j] != ':' || s[j+1] != ' ' {
				return "", fmt.Errorf("bare word %q that is not a key at byte %d", s[i:j], i)
			}
			fmt.Fprintf(&b, "%q", s[i:j])
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	if in {
		return "", fmt.Errorf("unterminated string")
	}
	return b.String(), nil
}

func TestArgdownStructure(t *testing.T) {
	c := fixture(t)
	front, els, err := parseArgdown(render(t, FormatArgdown))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*adElement{}
	for _, el := range els {
		if byID[el.id] != nil {
			t.Errorf("%s defined twice", el.id)
		}
		byID[el.id] = el
	}
	for _, n := range c.Nodes() {
		el := byID[n.ID]
		if el == nil {
			t.Errorf("node %s is not defined", n.ID)
			continue
		}
		if el.claim != (n.Kind == model.KindClaim) {
			t.Errorf("%s: written as statement=%v, kind %s", n.ID, el.claim, n.Kind)
		}
		if el.text != nodeText(n) {
			t.Errorf("%s: text reads back as %q, want %q", n.ID, el.text, nodeText(n))
		}
		d := el.data
		if d.Kind != string(n.Kind) || d.Summary != n.Summary || d.Speaker != n.Speaker {
			t.Errorf("%s: data kind/summary/speaker = %q/%q/%q", n.ID, d.Kind, d.Summary, d.Speaker)
		}
		if text := cmpOr(d.Text, n.Text); text != n.Text && n.Text != "" {
			t.Errorf("%s: Markdown text reads back as %q, want %q", n.ID, text, n.Text)
		}
		if (d.Rating == nil) != (n.Rating == nil) || d.Rating != nil && *d.Rating != *n.Rating {
			t.Errorf("%s: rating %+v, want %+v", n.ID, d.Rating, n.Rating)
		}
		if len(d.Anchors) != len(n.Anchors) {
			t.Errorf("%s: %d anchors, want %d", n.ID, len(d.Anchors), len(n.Anchors))
		} else {
			for i, a := range n.Anchors {
				if (d.Anchors[i] != adAnchor{a.Exact, a.Prefix, a.Suffix}) {
					t.Errorf("%s anchor %d: %+v", n.ID, i, d.Anchors[i])
				}
			}
		}
		if !slices.Equal(d.Sources, n.Sources) || !slices.Equal(d.FormerIDs, n.FormerIDs) {
			t.Errorf("%s: sources %v formerIds %v", n.ID, d.Sources, d.FormerIDs)
		}
		var wantTags []string
		for _, tag := range n.Tags {
			wantTags = append(wantTags, argdownTag(tag))
		}
		if !slices.Equal(el.tags, wantTags) {
			t.Errorf("%s: tags %v, want %v", n.ID, el.tags, n.Tags)
		}
	}
	// Every relation points at a defined element written the right way, and
	// the relations are exactly the links.
	type rel struct{ from, to, typ string }
	var got, want []rel
	var notes []string
	for _, el := range els {
		for _, r := range el.rels {
			to := byID[r.to]
			switch {
			case to == nil:
				t.Errorf("%s: relation to undefined %s", el.id, r.to)
			case to.claim != r.claim:
				t.Errorf("%s: relation to %s uses the wrong brackets", el.id, r.to)
			}
			got = append(got, rel{el.id, r.to, string(r.typ)})
		}
		for _, n := range el.data.Links {
			notes = append(notes, el.id+">"+n.To+":"+n.Type+":"+n.Note)
		}
	}
	var wantNotes []string
	for _, l := range c.File.Links {
		to := c.Node(l.To).ID
		want = append(want, rel{l.From, to, string(l.Type)})
		if l.Note != "" {
			wantNotes = append(wantNotes, l.From+">"+to+":"+string(l.Type)+":"+l.Note)
		}
	}
	cmp := func(a, b rel) int { return strings.Compare(a.from+a.to+a.typ, b.from+b.to+b.typ) }
	slices.SortFunc(got, cmp)
	slices.SortFunc(want, cmp)
	if !slices.Equal(got, want) {
		t.Errorf("relations %v\nwant %v", got, want)
	}
	slices.Sort(notes)
	slices.Sort(wantNotes)
	if !slices.Equal(notes, wantNotes) {
		t.Errorf("link notes %q\nwant %q", notes, wantNotes)
	}
	// Claims come in article order.
	var order []string
	for _, el := range els {
		if el.claim {
			order = append(order, el.id)
		}
	}
	if !slices.Equal(order, []string{"c-cost", "c-charts"}) {
		t.Errorf("claims in order %v, want c-cost (earlier in the article) first", order)
	}
	// The front matter keeps the article metadata.
	for _, want := range []string{
		"title: " + yamlString(c.Title()),
		`url: "https://news.example.org/2025/deepseek?lang\u003den#top"`,
		`{id: "src-unused", title: "Uncited background <reading>"}`,
		`{node: "c-cost", title: "The headline number", notes: "Ask: *which* cost?"}`,
	} {
		if !strings.Contains(front, want) {
			t.Errorf("front matter lacks %s:\n%s", want, front)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestArgdownText(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":    {"Rates fell, they said: 40% (or so).", "Rates fell, they said: 40% (or so)."},
		"brackets": {"[a] <b> {c}", `\[a\] \<b\> \{c\}`},
		"tag":      {"#cheap and @[x]", `\#cheap and \@\[x\]`},
		"emphasis": {"a_b*c", `a\_b\*c`},
		"comment":  {"see https://x.org /* c */", `see https:\//x.org /\* c \*/`},
		"front":    {"a === b", `a \=\=\= b`},
		"escape":   {`C:\dir`, `C:\\dir`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := argdownText(tc.in); got != tc.want {
				t.Errorf("argdownText(%q) = %q, want %q", tc.in, got, tc.want)
			}
			var el adElement
			if err := parseAdBody(argdownText(tc.in)+" {kind: \"claim\"}", &el); err != nil {
				t.Fatal(err)
			}
			if el.text != tc.in {
				t.Errorf("reads back as %q, want %q", el.text, tc.in)
			}
		})
	}
}

func TestArgdownTag(t *testing.T) {
	tests := map[string]string{
		"cost":             "#cost",
		"primary-source":   "#primary-source",
		"training compute": "#(training compute)",
		"odd (tag)":        "#(odd tag)",
		"ümlaut":           "#(ümlaut)",
	}
	for in, want := range tests {
		if got := argdownTag(in); got != want {
			t.Errorf("argdownTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArgdownBadID(t *testing.T) {
	c := fixture(t)
	c.File.Nodes[0].ID = "c cost [x]"
	c = model.NewContent(c.Path, c.File, c.Article)
	err := WriteArgdown(&bytes.Buffer{}, c)
	if err == nil || !strings.Contains(err.Error(), `"c cost [x]"`) {
		t.Errorf("got %v, want an error naming the id", err)
	}
}

func TestYAMLString(t *testing.T) {
	for _, in := range []string{"plain", `a "q" \ b`, "x = {y}", "line\nbreak\ttab", "ünï €"} {
		q := yamlString(in)
		if strings.ContainsAny(q, "{}=\n") {
			t.Errorf("yamlString(%q) = %s keeps a character Argdown's lexer reacts to", in, q)
		}
		var back string
		if err := json.Unmarshal([]byte(q), &back); err != nil || back != in {
			t.Errorf("yamlString(%q) = %s reads back as %q, %v", in, q, back, err)
		}
	}
}
