package notes

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// knownKeys maps each key crux reads, folded to lower case, to its exact
// spelling. encoding/json matches keys without regard to case ("tYpe" fills
// Type); checkKeys refuses such spellings, so that a file means the same to
// crux as to any other JSON-LD reader, where keys are case-sensitive.
var knownKeys = func() map[string]string {
	keys := make(map[string]string)
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != reflect.TypeFor[Collection]().PkgPath() {
			return
		}
		for f := range t.Fields() {
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
				keys[strings.ToLower(name)] = name
			}
			add(f.Type)
		}
	}
	add(reflect.TypeFor[wireCollection]())
	return keys
}()

// checkKeys returns a *FileError at the first key of data (valid JSON) that
// differs only in case from a key crux reads, else nil.
func checkKeys(name string, data []byte) *FileError {
	var fe *FileError
	walkJSON(data, func(dec *jsontext.Decoder, key string) bool {
		if _, exact := exactKeys[key]; exact {
			return true
		}
		want, ok := knownKeys[strings.ToLower(key)]
		if !ok && !isASCII(key) {
			// Keys that fold to a known one by Unicode rules beyond
			// lower-casing, as encoding/json folds them (the Kelvin sign
			// K for k, ſ for s).
			for _, w := range knownKeys {
				if strings.EqualFold(key, w) {
					want, ok = w, true
					break
				}
			}
		}
		if !ok {
			return true // a key crux does not read
		}
		ptr := dec.StackPointer()
		line, col := position(data, valueStart(data, int(dec.InputOffset())))
		parent := string(ptr)[:strings.LastIndexByte(string(ptr), '/')]
		fe = &FileError{Path: name, Line: line, Col: col,
			Problem: fmt.Sprintf("key %q %s should be spelt %q (keys are case-sensitive)", key, where(parent), want),
			Hint:    hintFix}
		return false
	})
	return fe
}

// exactKeys holds every key crux reads, spelt exactly.
var exactKeys = func() map[string]struct{} {
	m := make(map[string]struct{}, len(knownKeys))
	for _, k := range knownKeys {
		m[k] = struct{}{}
	}
	return m
}()

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// pointerOffset returns the byte offset in data (valid JSON) of the value at
// the JSON pointer ptr (its key, for an object member; its first key, for
// an array element that is an object).
func pointerOffset(data []byte, ptr string) (int, bool) {
	at, found := 0, false
	walkJSON(data, func(dec *jsontext.Decoder, _ string) bool {
		if p := string(dec.StackPointer()); p == ptr || strings.HasPrefix(p, ptr+"/") {
			at, found = valueStart(data, int(dec.InputOffset())), true
			return false
		}
		return true
	})
	return at, found
}

// walkJSON calls visit with every object key of data, in document order,
// until visit returns false or the data ends. When visit runs, dec has just
// read the key: its StackPointer names the member, and its InputOffset is
// just past the key's closing quote. data must be valid JSON.
// It reads tokens with jsontext: on a 1,000-note file (BenchmarkDecode1000)
// this pass is 17% of Decode's CPU time and adds 40k allocations; with
// encoding/json's Decoder.Token it was 70% and 534k, more than decoding.
func walkJSON(data []byte, visit func(dec *jsontext.Decoder, key string) bool) {
	dec := jsontext.NewDecoder(bytes.NewReader(data),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return
		}
		if tok.Kind() != '"' {
			continue
		}
		if kind, n := dec.StackIndex(dec.StackDepth()); kind == '{' && n%2 == 1 {
			if !visit(dec, tok.String()) {
				return
			}
		}
	}
}

// where names the object at JSON pointer ptr for a message.
func where(ptr string) string {
	if ptr == "" {
		return "at the top level"
	}
	return "in " + ptr
}
