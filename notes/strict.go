package notes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
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
	walkJSON(data, func(ptr string, off int) bool {
		i := strings.LastIndexByte(ptr, '/')
		key := unescapePointer(ptr[i+1:])
		want, ok := knownKeys[strings.ToLower(key)]
		if !ok || want == key {
			// Keys that fold to a known one by Unicode rules beyond
			// lower-casing (the Kelvin sign K for k, ſ for s).
			for _, w := range knownKeys {
				if key != w && strings.EqualFold(key, w) {
					want, ok = w, true
					break
				}
			}
			if !ok || want == key {
				return true
			}
		}
		line, col := position(data, off)
		fe = &FileError{Path: name, Line: line, Col: col,
			Problem: fmt.Sprintf("key %q %s should be spelt %q (keys are case-sensitive)", key, where(ptr[:i]), want),
			Hint:    hintFix}
		return false
	})
	return fe
}

// pointerOffset returns the byte offset in data (valid JSON) of the value at
// the JSON pointer ptr (its key, for an object member; its first key, for
// an array element that is an object).
func pointerOffset(data []byte, ptr string) (int, bool) {
	at, found := 0, false
	walkJSON(data, func(p string, off int) bool {
		if p == ptr || strings.HasPrefix(p, ptr+"/") {
			at, found = off, true
			return false
		}
		return true
	})
	return at, found
}

// walkJSON calls visit with the JSON pointer and byte offset of every object
// key in data, in document order, until visit returns false or the data
// ends. data must be valid JSON.
func walkJSON(data []byte, visit func(ptr string, off int) bool) {
	type frame struct {
		array    bool
		index    int
		key      string
		awaitKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []frame
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			b.WriteByte('/')
			if f.array {
				b.WriteString(strconv.Itoa(f.index))
			} else {
				b.WriteString(escapePointer(f.key))
			}
		}
		return b.String()
	}
	// done moves the innermost container past the value just read.
	done := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].awaitKey = true
			}
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return
		}
		if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].awaitKey {
			if tok == json.Delim('}') {
				stack = stack[:n-1]
				done()
				continue
			}
			key, _ := tok.(string)
			stack[n-1].key, stack[n-1].awaitKey = key, false
			if !visit(path(), valueStart(data, int(dec.InputOffset()))) {
				return
			}
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{awaitKey: true})
		case json.Delim('['):
			stack = append(stack, frame{array: true})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
			done()
		default:
			done()
		}
	}
}

// escapePointer and unescapePointer apply RFC 6901's escapes.
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// where names the object at JSON pointer ptr for a message.
func where(ptr string) string {
	if ptr == "" {
		return "at the top level"
	}
	return "in " + ptr
}
