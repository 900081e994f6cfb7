package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// objectNames names the schema's objects in messages, by $defs entry.
var objectNames = map[string]string{
	"":        "the claims file",
	"article": "article",
	"source":  "a source",
	"node":    "a node",
	"anchor":  "an anchor",
	"rating":  "a rating",
	"link":    "a link",
	"tour":    "a tour",
	"step":    "a tour step",
}

// blankMessages say what to write in a field that must not be blank.
var blankMessages = map[string]string{
	"summary": fmt.Sprintf("summary is empty; write one line of at most %d characters", MaxSummary),
	"exact":   "exact is empty; quote the passage of the article the node is about",
	"path":    `article path is empty; give the article's file name, e.g. "article.md"`,
	"label":   `rating label is empty; give the verdict, e.g. "Partly supported"`,
}

// schemaPlace splits an error's schema URL into the $defs entry it lies in
// ("" for the top level) and its JSON pointer inside the schema document.
func schemaPlace(url string) (def, ptr string) {
	_, ptr, _ = strings.Cut(url, "#")
	if rest, ok := strings.CutPrefix(ptr, "/$defs/"); ok {
		def, _, _ = strings.Cut(rest, "/")
	}
	return def, ptr
}

// fields lists the properties the schema object at ptr allows.
func (c *schemaChecker) fields(ptr string) []string {
	var obj any = c.s.doc
	for t := range strings.SplitSeq(strings.TrimPrefix(ptr, "/"), "/") {
		if m, ok := obj.(map[string]any); ok && t != "" {
			obj = m[strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")]
		}
	}
	props, _ := obj.(map[string]any)["properties"].(map[string]any)
	var out []string
	for k := range props {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// finding adds the finding for one leaf error: at is the value the error
// is about, at pointer ptr; elem is the validated value (for its kind).
func (c *schemaChecker) finding(e *jsonschema.ValidationError, elem, at *jval, ptr string) {
	def, sptr := schemaPlace(e.SchemaURL)
	name := ptr[strings.LastIndexByte(ptr, '/')+1:]
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		known := c.fields(sptr)
		for _, p := range k.Properties {
			_, off := at.lookup("/" + ptrEscape(p))
			msg := fmt.Sprintf("unknown field %q in %s", p, objectNames[def])
			if s := nearest(p, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += fmt.Sprintf(" (known fields: %s)", strings.Join(known, ", "))
			}
			c.add("unknown-field", off, ptr+"/"+ptrEscape(p), "%s", msg)
		}
	case *kind.Required:
		for _, m := range k.Missing {
			if m == "anchors" && def == "node" {
				c.add("missing-field", at.off, ptr, "a claim has no \"anchors\" field; quote the passage of the article that states it")
				continue
			}
			c.add("missing-field", at.off, ptr, "%s has no %q field, which is required", objectNames[def], m)
		}
	case *kind.MinItems:
		if name == "anchors" {
			c.add("missing-field", at.off, ptr, "a claim needs at least one anchor; quote the passage of the article that states it")
		} else {
			c.add("bad-value", at.off, ptr, "%s needs at least %d entries", name, k.Want)
		}
	case *kind.Type:
		if slices.Equal(k.Want, []string{"object"}) {
			what := objectNames[def]
			if what == "" {
				what = name
			}
			c.add("bad-value", at.off, ptr, "%s must be an object, found %s", what, at.kind)
			return
		}
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = jsonTypeName(w)
		}
		c.add("bad-value", at.off, ptr, "expected %s, found %s", strings.Join(want, " or "), at.kind)
	case *kind.Const:
		if strings.Contains(sptr, "/dependentSchemas/rating/") {
			c.ratingOnNonClaim(elem, ptr)
			return
		}
		if name == "schemaVersion" {
			if at.kind == jNum {
				if n, err := strconv.ParseFloat(at.str, 64); err == nil && n == float64(int64(n)) {
					c.add("unsupported-version", at.off, ptr, "schemaVersion %s is not supported; this build of crux reads schemaVersion %d only", at.str, SchemaVersion)
					return
				}
			}
			c.add("bad-value", at.off, ptr, "schemaVersion must be an integer, found %s", describe(at))
			return
		}
		c.add("bad-value", at.off, ptr, "%s must be %s", name, display(k.Want))
	case *kind.Enum:
		var want, cands []string
		for _, w := range k.Want {
			want = append(want, display(w))
			if s, ok := w.(string); ok {
				cands = append(cands, s)
			}
		}
		label := name
		if def == "link" && name == "type" {
			label = "link type"
		}
		got, hint := display(k.Got), ""
		if s, ok := k.Got.(string); ok {
			hint = didYouMean(s, cands)
		}
		c.add("bad-value", at.off, ptr, "%s %s is not one of %s%s", label, got, strings.Join(want, ", "), hint)
	case *kind.Pattern, *kind.MinLength, *kind.Format:
		switch def {
		case "id":
			pattern := ""
			if p, ok := k.(*kind.Pattern); ok {
				pattern = " " + p.Want
			}
			c.add("bad-value", at.off, ptr, "id %q must match%s (a lowercase letter, then 1 to 62 lowercase letters, digits or '-')", at.str, pattern)
		case "date":
			c.add("bad-value", at.off, ptr, "date %q must be a real date written YYYY-MM-DD, e.g. 2025-01-28", at.str)
		case "url":
			c.add("bad-value", at.off, ptr, "url %q must be an absolute http or https URL", at.str)
		default:
			if msg, ok := blankMessages[name]; ok {
				c.add("bad-value", at.off, ptr, "%s", msg)
			} else {
				c.add("bad-value", at.off, ptr, "%s: %s", name, e.ErrorKind.LocalizedString(printer))
			}
		}
	default:
		c.add("bad-value", at.off, ptr, "%s", e.ErrorKind.LocalizedString(printer))
	}
}

// ratingOnNonClaim reports the rating of a node that is not a claim; ptr
// is the pointer of the node's kind.
func (c *schemaChecker) ratingOnNonClaim(node *jval, ptr string) {
	ptr = ptr[:strings.LastIndexByte(ptr, '/')] + "/rating"
	r := node.get("rating")
	if kv := node.get("kind"); kv != nil && kv.kind == jStr && slices.Contains(Kinds(), Kind(kv.str)) {
		c.add("bad-value", r.off, ptr, "only claims carry a rating, and this node is a %s; remove the rating", kv.str)
		return
	}
	c.add("bad-value", r.off, ptr, "only claims carry a rating; remove it, or make this node a claim")
}

// jsonTypeName names a JSON Schema type with its article.
func jsonTypeName(t string) string {
	switch t {
	case "object", "array", "integer":
		return "an " + t
	case "null":
		return "null"
	}
	return "a " + t
}

// display shows a JSON value from an error, short.
func display(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(string(b), 40)
}
