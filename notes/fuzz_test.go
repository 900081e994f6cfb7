package notes

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// FuzzImport feeds arbitrary bytes to the import path. It must never panic;
// a file it accepts must merge every record, export, and re-encode to bytes
// that decode to the same records.
func FuzzImport(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"AnnotationCollection","crux:version":1,"items":[{"id":"urn:x:a","type":"Annotation","created":"2025-01-01T00:00:00Z","modified":"2025-01-01T00:00:00Z","target":{"source":"x","selector":[{"type":"TextPositionSelector","start":-5,"end":3}]}}]}`))
	f.Add([]byte("{\"type\":\"AnnotationCollection\",\"crux:version\":1,\"items\":[{\"id\":\"a\"},]}"))
	f.Add([]byte("\xff\xfe{"))
	f.Add([]byte(""))

	c := newContent(f, fixtureNodes())
	// The body does in memory what Store.Import does on disk (decode the
	// other file, merge by id, encode), so that it runs thousands of times
	// a second; TestJSONRoundTrip covers the file and lock half.
	f.Fuzz(func(t *testing.T, data []byte) {
		coll, err := Decode("in.json", data)
		if err != nil {
			return // rejected input is fine; a panic is not
		}
		var mine Collection
		r := mine.merge(coll.Items)
		if r.Added != len(coll.Items) || len(mine.Items) != len(coll.Items) {
			t.Fatalf("merge of %d records: %+v, holds %d", len(coll.Items), r, len(mine.Items))
		}
		if r := mine.merge(coll.Items); r.Kept != len(coll.Items) || len(mine.Items) != len(coll.Items) {
			t.Fatalf("second merge: %+v", r)
		}
		var buf bytes.Buffer
		if err := ExportMarkdown(&buf, mine.Items, c, "x", time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		for _, a := range mine.Items {
			_ = Resolve(a, c)
			_, _ = a.Quote()
		}
		out, err := Encode(mine)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Decode("re-encoded", out)
		if err != nil {
			t.Fatalf("re-encoded collection does not decode: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(again.Items, coll.Items) {
			t.Fatalf("re-encoding changed the records:\n%+v\n%+v", again.Items, coll.Items)
		}
	})
}
