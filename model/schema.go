package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/crux-news/crux/content"
)

// claimsSchema is content/claims.schema.json compiled for validation: the
// single source of the format's structural rules (fields, required fields,
// JSON types, enums, id, date and URL patterns, anchors on claims, ratings
// only on claims). The loader turns each error into a finding at the
// position of the value it names.
type claimsSchema struct {
	root *jsonschema.Schema
	// items holds, for each top-level array whose items the schema gives
	// by $ref (sources, nodes, links, tours), the compiled item schema.
	// Those arrays are validated element by element, in parallel: one
	// call over a million nodes took 8 s and 700 MB of errors at once.
	items map[string]*jsonschema.Schema
	doc   map[string]any // the schema document, to list an object's fields
}

var (
	schemaOnce sync.Once
	schemaVal  *claimsSchema
	schemaErr  error
	printer    = message.NewPrinter(language.English)
)

// compiledSchema compiles the embedded schema once per process.
func compiledSchema() (*claimsSchema, error) {
	schemaOnce.Do(func() { schemaVal, schemaErr = buildSchema(content.FS, content.SchemaFile) })
	return schemaVal, schemaErr
}

func buildSchema(fsys fs.FS, name string) (*claimsSchema, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	doc, _ := v.(map[string]any)
	id, _ := doc["$id"].(string)
	if id == "" {
		id = name
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	s := &claimsSchema{doc: doc, items: map[string]*jsonschema.Schema{}}
	if s.root, err = c.Compile(id); err != nil {
		return nil, err
	}
	props, _ := doc["properties"].(map[string]any)
	for key, p := range props {
		pm, _ := p.(map[string]any)
		items, _ := pm["items"].(map[string]any)
		if ref, ok := items["$ref"].(string); ok && strings.HasPrefix(ref, "#") {
			if s.items[key], err = c.Compile(id + ref); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// toAny converts a positioned value to the form the validator reads.
func toAny(v *jval) any {
	switch v.kind {
	case jObj:
		m := make(map[string]any, len(v.mems))
		for _, e := range v.mems {
			m[e.key] = toAny(e.val)
		}
		return m
	case jArr:
		a := make([]any, len(v.elems))
		for i, e := range v.elems {
			a[i] = toAny(e)
		}
		return a
	case jStr:
		return v.str
	case jNum:
		return json.Number(v.str)
	case jBool:
		return v.str == "true"
	}
	return nil
}

// schemaCheck validates the claims file against the schema and returns a
// finding for each error.
func (l *loader) schemaCheck(root *jval) *capped {
	out := &capped{}
	s, err := compiledSchema()
	if err != nil {
		out.add(Finding{Path: l.path, Severity: SevError, Code: "bad-value", Message: fmt.Sprintf("the claims schema does not compile: %v", err)}, -1)
		return out
	}
	// The top level with the item arrays left empty, then their elements.
	var top any
	if root.kind != jObj {
		top = toAny(root)
	} else {
		m := make(map[string]any, len(root.mems))
		for _, e := range root.mems {
			if s.items[e.key] != nil && e.val.kind == jArr {
				m[e.key] = []any{}
			} else {
				m[e.key] = toAny(e.val)
			}
		}
		top = m
	}
	c := &schemaChecker{s: s, out: out, path: l.path}
	c.check(s.root, root, "", top)
	type shard struct {
		sch   *jsonschema.Schema
		base  string
		elems []*jval
		from  int
	}
	var shards []shard
	const per = 1024
	for _, e := range root.mems {
		if sch := s.items[e.key]; sch != nil && e.val.kind == jArr {
			for i := 0; i < len(e.val.elems); i += per {
				shards = append(shards, shard{sch, "/" + ptrEscape(e.key), e.val.elems[i:min(i+per, len(e.val.elems))], i})
			}
		}
	}
	results := make([]capped, len(shards))
	var wg sync.WaitGroup
	next := make(chan int, len(shards))
	for i := range shards {
		next <- i
	}
	close(next)
	// Shards lie in document order, so once shard i has kept MaxFindings
	// findings, every later shard's findings come after them: those shards
	// only count theirs, without formatting a message.
	var full atomic.Int64
	full.Store(int64(len(shards)))
	for range min(runtime.GOMAXPROCS(0), len(shards)) {
		wg.Go(func() {
			for i := range next {
				sh := shards[i]
				c := &schemaChecker{s: s, out: &results[i], path: l.path, countOnly: int64(i) > full.Load()}
				for j, e := range sh.elems {
					c.check(sh.sch, e, sh.base+"/"+strconv.Itoa(sh.from+j), toAny(e))
					if !c.countOnly && len(results[i].items) >= MaxFindings {
						for cur := full.Load(); int64(i) < cur && !full.CompareAndSwap(cur, int64(i)); cur = full.Load() {
						}
					}
				}
			}
		})
	}
	wg.Wait()
	for i := range results {
		out.merge(&results[i])
	}
	return out
}

// schemaChecker turns the errors of one validation into findings.
type schemaChecker struct {
	s         *claimsSchema
	out       *capped
	path      string
	countOnly bool            // count the findings, keep none
	badValues map[string]bool // pointers with a bad-value finding
}

func (c *schemaChecker) add(code string, off int, ptr, format string, args ...any) {
	if code == "bad-value" {
		// One bad-value per value: a date can fail both its pattern and
		// its format, a blank summary both minLength and pattern.
		if c.badValues[ptr] {
			return
		}
		if c.badValues == nil {
			c.badValues = map[string]bool{}
		}
		c.badValues[ptr] = true
	}
	if c.countOnly {
		c.out.omit(SevError)
		return
	}
	if !c.out.room(c.path, off, SevError) {
		return
	}
	c.out.add(Finding{Path: c.path, Severity: SevError, Code: code, Pointer: ptr, Message: fmt.Sprintf(format, args...)}, off)
}

// check validates inst, the value of v at pointer base, against sch.
func (c *schemaChecker) check(sch *jsonschema.Schema, v *jval, base string, inst any) {
	err := sch.Validate(inst)
	if err == nil {
		return
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		c.add("bad-value", v.off, base, "%v", err)
		return
	}
	c.badValues = nil
	c.leaves(ve, v, base)
}

func (c *schemaChecker) leaves(e *jsonschema.ValidationError, v *jval, base string) {
	if len(e.Causes) > 0 {
		for _, k := range e.Causes {
			c.leaves(k, v, base)
		}
		return
	}
	rel := ""
	for _, t := range e.InstanceLocation {
		rel += "/" + ptrEscape(t)
	}
	at, _ := v.lookup(rel)
	if at == nil {
		at = v
	}
	c.finding(e, v, at, base+rel)
}
