package model

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaPath = "../content/claims.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("claims.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("claims.schema.json")
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	return sch
}

func instance(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// TestSchemaAcceptsValidFixtures validates every fixture the loader accepts
// without error against the schema, and checks that the schema rejects the
// fixtures whose mistakes are about shape.
func TestSchemaAcceptsValidFixtures(t *testing.T) {
	sch := compileSchema(t)
	dirs, err := filepath.Glob(filepath.Join("testdata", "*", "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	valid := 0
	for _, p := range dirs {
		c, fs := LoadFile(p)
		if c == nil || fs.Errors() > 0 {
			continue
		}
		valid++
		if err := sch.Validate(instance(t, p)); err != nil {
			t.Errorf("%s loads without error but fails the schema: %v", p, err)
		}
	}
	if valid < 5 {
		t.Errorf("only %d valid fixtures found", valid)
	}
	for _, dir := range []string{"unknown-field", "missing-field", "bad-value", "bad-value-url", "bad-value-type", "bad-value-rating", "unsupported-version"} {
		if err := sch.Validate(instance(t, filepath.Join("testdata", dir, "claims.json"))); err == nil {
			t.Errorf("schema accepts testdata/%s, which the loader rejects", dir)
		}
	}
	// A claim without anchors is a shape error too.
	f := File{SchemaVersion: 1, Article: ArticleMeta{Path: "a.md"}, Nodes: []*Node{{ID: "claim-x", Kind: KindClaim, Summary: "x"}}}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err == nil {
		t.Error("schema accepts a claim without anchors")
	}
}

// TestSchemaMatchesGoTypes walks the Go types with reflect and checks that
// each schema object lists exactly the json fields of its struct, requires
// exactly the fields without omitempty, and forbids any other property.
func TestSchemaMatchesGoTypes(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	defs, _ := schema["$defs"].(map[string]any)
	objects := map[string]map[string]any{"(root)": schema}
	for name, d := range defs {
		if m, ok := d.(map[string]any); ok {
			objects[name] = m
		}
	}
	types := map[string]reflect.Type{
		"(root)":   reflect.TypeFor[File](),
		"article":  reflect.TypeFor[ArticleMeta](),
		"reviewer": reflect.TypeFor[Reviewer](),
		"source":   reflect.TypeFor[Source](),
		"node":     reflect.TypeFor[Node](),
		"anchor":   reflect.TypeFor[Anchor](),
		"rating":   reflect.TypeFor[Rating](),
		"link":     reflect.TypeFor[Link](),
		"tour":     reflect.TypeFor[Tour](),
		"step":     reflect.TypeFor[TourStep](),
	}
	// Every struct reachable from File must be covered by the table.
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeFor[File]())
	for typ := range seen {
		found := false
		for _, v := range types {
			found = found || v == typ
		}
		if !found {
			t.Errorf("Go type %s has no schema object in the test's table", typ)
		}
	}
	for name, typ := range types {
		obj, ok := objects[name]
		if !ok {
			t.Errorf("schema has no $defs/%s for %s", name, typ)
			continue
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false", name)
		}
		props, _ := obj["properties"].(map[string]any)
		var keys []string
		for k := range props {
			keys = append(keys, k)
		}
		var req []string
		for _, r := range obj["required"].([]any) {
			req = append(req, r.(string))
		}
		names, required := jsonNames(typ)
		slices.Sort(keys)
		slices.Sort(names)
		slices.Sort(req)
		slices.Sort(required)
		if !slices.Equal(keys, names) {
			t.Errorf("%s: schema properties %v, Go json fields %v", name, keys, names)
		}
		if !slices.Equal(req, required) {
			t.Errorf("%s: schema required %v, Go fields without omitempty %v", name, req, required)
		}
	}
}
