package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/crux-news/crux/content"
)

// The schema check (santhosh-tekuri/jsonschema over the `any` tree it
// reads) is the slowest part of a load: about 100 of 290 CPU-ms for 10k
// nodes, and 6 ms of the embedded content's load (3.8 ms to compile the
// schema, 2.3 ms to check). Its verdict depends only on the schema, the
// library and the claims bytes, so a clean verdict is remembered: a marker
// file named by a hash of those, under the user's cache directory. On a
// hit the loader builds no `any` tree and runs no validation; the Go
// checks (ids, references, anchors, links) always run.
//
// Only clean verdicts are kept: a file with any schema finding is checked
// again each time, so findings never come from the cache. The cache is an
// optimisation and never a failure: every error reading or writing it
// (no home directory, a read-only or corrupt directory, a garbled marker)
// is ignored and the load validates as if there were no cache.
//
// The key is SHA-256 (with SHA-NI about 1.4 GB/s here: 2.3 ms for the 10k
// set's 3.3 MB, faster than SHA-512 or FNV-128 in the standard library).

// schemaCacheVersion names the rules around the library call (compile
// options, the split into item arrays). Change it when they change.
const schemaCacheVersion = "crux schema-ok 1"

// maxSchemaMarkers bounds the markers kept; the oldest written go first.
const maxSchemaMarkers = 64

var (
	schemaSaltOnce sync.Once
	schemaSalt     []byte
)

// schemaCacheSalt hashes what besides the claims bytes decides the
// verdict: the embedded schema, the rules' version, the library's version
// and this build of crux; nil when the schema cannot be read.
func schemaCacheSalt() []byte {
	schemaSaltOnce.Do(func() {
		if schema, err := fs.ReadFile(content.FS, content.SchemaFile); err == nil {
			schemaSalt = schemaSaltFor(buildIdentity(), schema)
		}
	})
	return schemaSalt
}

// schemaSaltFor hashes the rules' version, a build identity and a schema.
func schemaSaltFor(build string, schema []byte) []byte {
	h := sha256.New()
	h.Write([]byte(schemaCacheVersion + "\n" + build + strconv.Itoa(len(schema)) + "\n"))
	h.Write(schema)
	return h.Sum(nil)
}

// buildIdentity names this build: crux's module version and VCS revision,
// the schema library's version, and the executable's size and time, so
// that a rebuilt binary starts afresh.
func buildIdentity() string {
	var b strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(bi.Main.Path + " " + bi.Main.Version + "\n")
		for _, d := range bi.Deps {
			if d.Path == "github.com/santhosh-tekuri/jsonschema/v6" {
				b.WriteString(d.Path + " " + d.Version + " " + d.Sum + "\n")
			}
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				b.WriteString(s.Key + "=" + s.Value + "\n")
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}

// schemaCacheKey is the marker's name for claims under salt.
func schemaCacheKey(salt, claims []byte) string {
	h := sha256.New()
	h.Write(salt)
	h.Write(claims)
	return hex.EncodeToString(h.Sum(nil))
}

// schemaCacheDir is the folder of the markers: $XDG_CACHE_HOME/crux/schema
// when XDG_CACHE_HOME is an absolute path (on every system, as the notes
// honour XDG_DATA_HOME), else os.UserCacheDir()/crux/schema; "" when
// there is none.
func schemaCacheDir() string {
	base := os.Getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(base) {
		var err error
		if base, err = os.UserCacheDir(); err != nil || !filepath.IsAbs(base) {
			return ""
		}
	}
	return filepath.Join(base, "crux", "schema")
}

// schemaCached reports whether the schema check of claims is known to be
// clean. It returns the marker's path for schemaStoreClean ("" when there
// is no cache to use).
func schemaCached(claims []byte) (marker string, clean bool) {
	salt := schemaCacheSalt()
	dir := schemaCacheDir()
	if salt == nil || dir == "" {
		return "", false
	}
	key := schemaCacheKey(salt, claims)
	marker = filepath.Join(dir, key)
	b, err := os.ReadFile(marker)
	if err != nil || string(b) != key+"\n" {
		return marker, false
	}
	return marker, true
}

// schemaStoreClean records a clean verdict at marker, written to a
// temporary file and renamed, so that a marker is whole or absent. Errors
// are ignored (see above); so is a race with another process storing the
// same marker.
func schemaStoreClean(marker string) {
	if marker == "" {
		return
	}
	dir, key := filepath.Split(marker)
	if os.MkdirAll(dir, 0o700) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.WriteString(key + "\n")
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), marker) != nil {
		os.Remove(tmp.Name())
		return
	}
	pruneSchemaMarkers(dir)
}

// pruneSchemaMarkers removes the oldest markers beyond maxSchemaMarkers,
// so that editing a large file for weeks does not fill the disk.
func pruneSchemaMarkers(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) <= maxSchemaMarkers {
		return
	}
	type aged struct {
		name string
		t    int64
	}
	var all []aged
	for _, e := range ents {
		if fi, err := e.Info(); err == nil {
			all = append(all, aged{e.Name(), fi.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(all, func(a, b aged) int { return int(min(max(b.t-a.t, -1), 1)) })
	for _, a := range all[min(maxSchemaMarkers, len(all)):] {
		os.Remove(filepath.Join(dir, a.name))
	}
}
