package model

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/crux-news/crux/content"
)

// TestMain keeps the tests' schema cache out of the user's: every test
// that loads content writes its clean verdicts under a temporary folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "crux-model-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// freshCache points the schema cache at an empty folder and returns it.
func freshCache(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	return filepath.Join(dir, "crux", "schema")
}

// markers lists the marker files in the cache folder.
func markers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// schemaClean runs the schema check alone, with no cache, on a claims file.
func schemaClean(t *testing.T, claims []byte) bool {
	t.Helper()
	root, _, err := parseJSON(bytes.TrimPrefix(claims, []byte(bom)))
	if err != nil {
		return false
	}
	sc := (&loader{path: "claims.json"}).schemaCheck(root)
	return len(sc.items) == 0 && sc.omittedErr+sc.omittedWarn == 0
}

// contentDirs lists the content folders of testdata/ and ../testdata/.
func contentDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	for _, glob := range []string{"testdata/*", "../testdata/*"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, m...)
	}
	return dirs
}

// TestSchemaCacheHitAsMiss loads every content folder in the repository's
// testdata and the fixture folders twice, with an empty cache and then
// with what the first load left in it: the findings and the content are
// the same, a marker is written exactly when the schema check is clean,
// and only then.
func TestSchemaCacheHitAsMiss(t *testing.T) {
	dirs := contentDirs(t)
	if len(dirs) < 30 {
		t.Fatalf("only %d content folders found", len(dirs))
	}
	hits := 0
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			cache := freshCache(t)
			c1, f1 := LoadFile(dir)
			written := markers(t, cache)
			data, err := os.ReadFile(filepath.Join(dir, "claims.json"))
			clean := err == nil && schemaClean(t, data)
			if clean != (len(written) == 1) {
				t.Fatalf("schema check clean = %v, markers written: %v", clean, written)
			}
			c2, f2 := LoadFile(dir)
			if !reflect.DeepEqual(f1, f2) {
				t.Errorf("findings differ on the second load:\nfirst:\n%s\nsecond:\n%s", report(f1), report(f2))
			}
			if !reflect.DeepEqual(c1, c2) {
				t.Errorf("content differs on the second load")
			}
			if clean {
				hits++
			}
		})
	}
	if hits < 5 {
		t.Errorf("only %d folders gave a clean schema check: the hit path is barely tested", hits)
	}
}

// TestSchemaCacheEmbeddedAndGenerated does the same for the embedded
// content and a synthetic set, through LoadFS.
func TestSchemaCacheEmbeddedAndGenerated(t *testing.T) {
	sets := map[string]struct {
		fsys fs.FS
		name string
	}{
		"embedded":  {content.FS, content.ClaimsFile},
		"synthetic": {syntheticSet(t, 3000, 100_000), "claims.json"},
	}
	for name, s := range sets {
		t.Run(name, func(t *testing.T) {
			cache := freshCache(t)
			c1, f1 := LoadFS(s.fsys, s.name)
			if n := len(markers(t, cache)); n != 1 || f1.Errors() > 0 {
				t.Fatalf("%d markers after a clean load, findings:\n%s", n, report(f1))
			}
			c2, f2 := LoadFS(s.fsys, s.name)
			if !reflect.DeepEqual(f1, f2) || !reflect.DeepEqual(c1, c2) {
				t.Errorf("a hit differs from the miss")
			}
		})
	}
}

// TestSchemaCacheHitSkipsCheck shows that a marker is what the loader
// trusts: one planted for a file with a schema error hides that error.
// (So the tests above compare a real hit with a miss.)
func TestSchemaCacheHitSkipsCheck(t *testing.T) {
	cache := freshCache(t)
	data, err := os.ReadFile("testdata/bad-value/claims.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, fs := LoadFile("testdata/bad-value"); fs.Errors() != 1 {
		t.Fatalf("bad-value fixture: %s", report(fs))
	}
	key := schemaCacheKey(schemaCacheSalt(), data)
	if err := os.MkdirAll(cache, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cache, key), []byte(key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, fs := LoadFile("testdata/bad-value"); fs.Errors() != 0 {
		t.Errorf("a planted marker was not used:\n%s", report(fs))
	}
}

// TestSchemaCacheChangedByteMisses changes one byte of a clean set after
// its verdict was cached, in a way the schema rejects: the error is found.
// And the key changes with any byte of the claims or of the schema.
func TestSchemaCacheChangedByteMisses(t *testing.T) {
	freshCache(t)
	fsys := syntheticSet(t, 300, 20_000)
	if _, fs := LoadFS(fsys, "claims.json"); len(fs) != 0 {
		t.Fatalf("synthetic set: %s", report(fs))
	}
	data := fsys["claims.json"].Data
	i := bytes.Index(data, []byte(`"kind": "claim"`))
	if i < 0 {
		t.Fatal("no claim kind in the synthetic set")
	}
	bad := bytes.Clone(data)
	bad[i+len(`"kind": "clai`)] = 'n' // "clain"
	fsys["claims.json"] = &fstest.MapFile{Data: bad}
	if _, got := LoadFS(fsys, "claims.json"); got.Errors() != 1 || got[0].Code != "bad-value" {
		t.Errorf("after changing one byte, want one bad-value finding, got:\n%s", report(got))
	}

	salt := schemaCacheSalt()
	base := schemaCacheKey(salt, data)
	for _, at := range []int{0, len(data) / 2, len(data) - 1} {
		b := bytes.Clone(data)
		b[at] ^= 1
		if schemaCacheKey(salt, b) == base {
			t.Errorf("flipping a bit at %d keeps the key", at)
		}
	}
	schema, err := fs.ReadFile(content.FS, content.SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	other := bytes.Clone(schema)
	other[len(other)/2] ^= 1
	if bytes.Equal(schemaSaltFor("b", schema), schemaSaltFor("b", other)) || bytes.Equal(schemaSaltFor("a", schema), schemaSaltFor("b", schema)) {
		t.Error("the salt ignores the schema or the build")
	}
}

// TestSchemaCacheBrokenDirIsHarmless: a cache that cannot be read or
// written, or holds garbage, changes nothing.
func TestSchemaCacheBrokenDirIsHarmless(t *testing.T) {
	want, wantFs := LoadFile("testdata/clean")
	wantBad, wantBadFs := LoadFile("testdata/bad-value")
	check := func(t *testing.T) {
		t.Helper()
		for range 2 {
			if c, fs := LoadFile("testdata/clean"); !reflect.DeepEqual(fs, wantFs) || !reflect.DeepEqual(c, want) {
				t.Errorf("clean fixture: findings or content differ:\n%s", report(fs))
			}
			if c, fs := LoadFile("testdata/bad-value"); !reflect.DeepEqual(fs, wantBadFs) || !reflect.DeepEqual(c, wantBad) {
				t.Errorf("bad-value fixture: findings or content differ:\n%s", report(fs))
			}
		}
	}
	t.Run("cache home is a file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("XDG_CACHE_HOME", f)
		check(t)
	})
	t.Run("no cache home", func(t *testing.T) {
		t.Setenv("XDG_CACHE_HOME", "relative/is/ignored")
		t.Setenv("HOME", "")
		check(t)
	})
	t.Run("garbled and odd markers", func(t *testing.T) {
		cache := freshCache(t)
		data, err := os.ReadFile("testdata/clean/claims.json")
		if err != nil {
			t.Fatal(err)
		}
		badData, err := os.ReadFile("testdata/bad-value/claims.json")
		if err != nil {
			t.Fatal(err)
		}
		salt := schemaCacheSalt()
		if err := os.MkdirAll(filepath.Join(cache, schemaCacheKey(salt, data)), 0o700); err != nil {
			t.Fatal(err) // a directory where the marker goes
		}
		key := schemaCacheKey(salt, badData)
		if err := os.WriteFile(filepath.Join(cache, key), []byte("garbage "+key), 0o600); err != nil {
			t.Fatal(err)
		}
		check(t)
	})
}

// TestSchemaCachePrunes keeps the folder at maxSchemaMarkers markers.
func TestSchemaCachePrunes(t *testing.T) {
	cache := freshCache(t)
	fsys := syntheticSet(t, 30, 2_000)
	base := fsys["claims.json"].Data
	for i := range maxSchemaMarkers + 5 {
		data := append(bytes.Clone(base), fmt.Sprintf("\n%*s", i, "")...)
		fsys["claims.json"] = &fstest.MapFile{Data: data}
		if _, fs := LoadFS(fsys, "claims.json"); len(fs) != 0 {
			t.Fatalf("findings:\n%s", report(fs))
		}
	}
	if n := len(markers(t, cache)); n != maxSchemaMarkers {
		t.Errorf("%d markers, want %d", n, maxSchemaMarkers)
	}
}

// TestArticleReadAheadAsInline loads every content folder with the article
// read ahead, beside the claims' checks (readAhead), and read when the
// loader gets to it: the same content and the same findings, in order.
func TestArticleReadAheadAsInline(t *testing.T) {
	read := 0
	for _, dir := range contentDirs(t) {
		claims := filepath.Join(dir, "claims.json")
		if _, err := os.Stat(claims); err != nil {
			continue // LoadFile stops before the loader
		}
		t.Run(dir, func(t *testing.T) {
			freshCache(t)
			c1, f1 := LoadFile(dir)
			l := &loader{path: claims, read: readOS, inline: true,
				readArticle: func(rel string) (string, []byte, error) { return readInside(dir, rel) }}
			c2, f2 := l.run()
			if !reflect.DeepEqual(f1, f2) {
				t.Errorf("findings differ:\nread ahead:\n%s\ninline:\n%s", report(f1), report(f2))
			}
			if !reflect.DeepEqual(c1, c2) {
				t.Errorf("content differs")
			}
			if c1 != nil && c1.Article.Text != "" {
				read++
			}
		})
	}
	if read < 20 {
		t.Errorf("only %d folders have an article read: the read-ahead is barely tested", read)
	}
}
