package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// MaxDepth is the deepest nesting of JSON objects and arrays the loader
// accepts. The format itself needs five levels (root, nodes, node, anchors,
// anchor); the rest is headroom.
const MaxDepth = 16

// jkind is the JSON type of a value in the positioned tree.
type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNum
	jStr
	jObj
	jArr
)

func (k jkind) String() string {
	switch k {
	case jBool:
		return "a boolean"
	case jNum:
		return "a number"
	case jStr:
		return "a string"
	case jObj:
		return "an object"
	case jArr:
		return "an array"
	default:
		return "null"
	}
}

// jval is one JSON value with the byte offset of its first byte in the
// claims file. Together the values form the JSON-pointer -> offset map the
// loader reports positions from.
type jval struct {
	kind  jkind
	off   int
	str   string // string value, number literal, or "true"/"false"
	mems  []jmem
	elems []*jval
}

// jmem is one member of an object, with the offset of its key.
type jmem struct {
	key string
	off int
	val *jval
}

// get returns the member value named key, or nil.
func (v *jval) get(key string) *jval {
	if v == nil {
		return nil
	}
	for i := range v.mems {
		if v.mems[i].key == key {
			return v.mems[i].val
		}
	}
	return nil
}

// lookup follows a JSON pointer from v. It returns the value and the offset
// of the value's key (or of the value itself for array elements and the
// root); nil when the pointer leads nowhere.
func (v *jval) lookup(ptr string) (*jval, int) {
	if v == nil {
		return nil, -1
	}
	keyOff := v.off
	if ptr == "" {
		return v, keyOff
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v.kind {
		case jObj:
			found := false
			for i := range v.mems {
				if v.mems[i].key == tok {
					keyOff, v, found = v.mems[i].off, v.mems[i].val, true
					break
				}
			}
			if !found {
				return nil, -1
			}
		case jArr:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v.elems) {
				return nil, -1
			}
			v = v.elems[i]
			keyOff = v.off
		default:
			return nil, -1
		}
	}
	return v, keyOff
}

// ptrEscape escapes one JSON pointer reference token.
func ptrEscape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// errTooDeep marks nesting beyond MaxDepth.
var errTooDeep = errors.New("too deep")

// dupKeyError is a key that repeats in one object: the library's
// duplicate-name error, with the offset of the key's first occurrence.
type dupKeyError struct {
	key           string
	off, firstOff int
}

func (e *dupKeyError) Error() string { return fmt.Sprintf("duplicate key %q", e.key) }

// jsonParser builds the positioned tree with jsontext's tokenizer, which
// checks the grammar and rejects duplicate names; the parser only records
// where each token starts.
type jsonParser struct {
	data []byte
	dec  *jsontext.Decoder
	root *jval
	slab []jval // values are carved from slabs: one allocation per 256
	// failOff is the byte offset of the fault when parsing stops.
	failOff int
}

// parseJSON reads one JSON value that must fill data. On failure it returns
// the error and the byte offset of the fault: errTooDeep, a *dupKeyError,
// or a syntax error whose text says what is wrong.
func parseJSON(data []byte) (*jval, int, error) {
	p := &jsonParser{data: data, dec: jsontext.NewDecoder(bytes.NewReader(data))}
	tok, off, err := p.next()
	if err != nil {
		return nil, p.failOff, p.fail(err, off)
	}
	v, err := p.value(tok, off, &p.root)
	if err != nil {
		return nil, p.failOff, err
	}
	// The decoder reads a stream of values: a second one is an error here.
	if _, off, err := p.next(); !errors.Is(err, io.EOF) && off < len(data) {
		return nil, off, fmt.Errorf("unexpected %s after the end of the top-level value", quoteByte(data[off]))
	}
	return v, 0, nil
}

// next reads a token and the offset of its first byte: the decoder's
// offset after the previous token, past white space and the ',' or ':'
// that separates the two.
func (p *jsonParser) next() (jsontext.Token, int, error) {
	i := int(p.dec.InputOffset())
	for i < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[i]) >= 0 {
		i++
	}
	tok, err := p.dec.ReadToken()
	return tok, i, err
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n", data[i]) >= 0 {
		i++
	}
	return i
}

func quoteByte(b byte) string {
	if b < utf8.RuneSelf {
		return strconv.QuoteRune(rune(b))
	}
	return fmt.Sprintf("byte 0x%02x", b)
}

// fail turns a tokenizer error into the error to report and records its
// offset: a duplicate name becomes a *dupKeyError, the end of input a
// message about truncation, and any other syntax error the library's own
// description of it, at the offset the library gives.
func (p *jsonParser) fail(err error, tokOff int) error {
	var se *jsontext.SyntacticError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		p.failOff = len(p.data)
		return errors.New("unexpected end of file: the JSON is truncated (a missing '}', ']' or '\"'?)")
	case errors.As(err, &se):
		p.failOff = min(max(int(se.ByteOffset), 0), len(p.data))
		// A trailing comma is reported at the comma, as the start of a
		// missing value; name the bracket that follows it instead.
		if off := p.failOff; off < len(p.data) && p.data[off] == ',' {
			if j := skipSpace(p.data, off+1); j < len(p.data) && (p.data[j] == '}' || p.data[j] == ']') {
				p.failOff = j
				return fmt.Errorf("invalid character %s at start of value", quoteByte(p.data[j]))
			}
		}
		if errors.Is(err, jsontext.ErrDuplicateName) {
			key := se.JSONPointer.LastToken()
			first := -1
			if obj, _ := p.root.lookup(string(se.JSONPointer.Parent())); obj != nil {
				for _, m := range obj.mems {
					if m.key == key {
						first = m.off
					}
				}
			}
			return &dupKeyError{key: key, off: p.failOff, firstOff: first}
		}
		return se.Err
	default:
		p.failOff = tokOff
		return err
	}
}

// value builds the value that starts with tok at off and stores it in *dst
// before descending, so that a duplicate-name error can find the first
// occurrence of the name in the tree read so far.
func (p *jsonParser) value(tok jsontext.Token, off int, dst **jval) (*jval, error) {
	if len(p.slab) == 0 {
		p.slab = make([]jval, 256)
	}
	v := &p.slab[0]
	p.slab = p.slab[1:]
	v.off = off
	*dst = v
	switch tok.Kind() {
	case '{', '[':
		if p.dec.StackDepth() > MaxDepth {
			p.failOff = off
			return nil, errTooDeep
		}
		if tok.Kind() == '{' {
			v.kind = jObj
			return v, p.object(v)
		}
		v.kind = jArr
		return v, p.array(v)
	case '"':
		v.kind, v.str = jStr, tok.String()
	case '0':
		v.kind, v.str = jNum, tok.String()
	case 't', 'f':
		v.kind, v.str = jBool, tok.String()
	default:
		v.kind = jNull
	}
	return v, nil
}

func (p *jsonParser) object(v *jval) error {
	for {
		tok, koff, err := p.next()
		if err != nil {
			return p.fail(err, koff)
		}
		if tok.Kind() == '}' {
			return nil
		}
		v.mems = append(v.mems, jmem{key: tok.String(), off: koff})
		m := &v.mems[len(v.mems)-1]
		tok, voff, err := p.next()
		if err != nil {
			return p.fail(err, voff)
		}
		if _, err := p.value(tok, voff, &m.val); err != nil {
			return err
		}
	}
}

func (p *jsonParser) array(v *jval) error {
	for {
		tok, eoff, err := p.next()
		if err != nil {
			return p.fail(err, eoff)
		}
		if tok.Kind() == ']' {
			return nil
		}
		v.elems = append(v.elems, nil)
		if _, err := p.value(tok, eoff, &v.elems[len(v.elems)-1]); err != nil {
			return err
		}
	}
}
