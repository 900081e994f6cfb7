package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
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

// jsonParser builds the positioned tree with encoding/json's tokenizer.
type jsonParser struct {
	data []byte
	dec  *json.Decoder
	dup  func(key string, off, firstOff int)
	// failOff is the byte offset of the fault when parsing stops.
	failOff int
}

// skip returns the offset of the next token at or after i: past white space
// and the ',' and ':' separators that Decoder.Token consumes silently.
func (p *jsonParser) skip(i int) int {
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return i
}

func (p *jsonParser) next() (json.Token, int, error) {
	off := p.skip(int(p.dec.InputOffset()))
	tok, err := p.dec.Token()
	return tok, off, err
}

// parseJSON reads one JSON value that must fill data. On failure it returns
// the error and the byte offset of the fault.
func parseJSON(data []byte, dup func(key string, off, firstOff int)) (*jval, int, error) {
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), dup: dup}
	p.dec.UseNumber()
	tok, off, err := p.next()
	if err != nil {
		return nil, p.errOff(err, off), p.wrap(err)
	}
	v, err := p.value(tok, off, 0)
	if err != nil {
		return nil, p.failOff, err
	}
	if rest := p.skipWS(int(p.dec.InputOffset())); rest < len(data) {
		return nil, rest, fmt.Errorf("unexpected %s after the end of the top-level value", quoteByte(data[rest]))
	}
	return v, 0, nil
}

func (p *jsonParser) skipWS(i int) int {
	for i < len(p.data) && (p.data[i] == ' ' || p.data[i] == '\t' || p.data[i] == '\r' || p.data[i] == '\n') {
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

// wrap turns tokenizer errors into messages a person can act on.
func (p *jsonParser) wrap(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("unexpected end of file: the JSON is truncated (a missing '}', ']' or '\"'?)")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return errors.New(se.Error())
	}
	return err
}

// errOff finds the byte offset of a tokenizer fault. SyntaxError.Offset is
// the fault's offset or the one before it depending on where the tokenizer
// noticed; the quoted character in the message settles which.
func (p *jsonParser) errOff(err error, tokOff int) int {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return len(p.data)
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return tokOff
	}
	off := int(se.Offset)
	msg := se.Error()
	if i := strings.Index(msg, "invalid character '"); i >= 0 {
		rest := msg[i+len("invalid character "):]
		if j := strings.Index(rest[1:], "' "); j >= 0 {
			if c, _, _, err := strconv.UnquoteChar(rest[1:1+j], '\''); err == nil {
				for k := max(off, 0); k <= off+1 && k < len(p.data); k++ {
					if rune(p.data[k]) == c {
						return k
					}
				}
			}
		}
	}
	return min(max(off, 0), len(p.data))
}

func (p *jsonParser) fail(err error, off int) error {
	p.failOff = p.errOff(err, off)
	return p.wrap(err)
}

func (p *jsonParser) value(tok json.Token, off, depth int) (*jval, error) {
	switch t := tok.(type) {
	case json.Delim:
		if depth+1 > MaxDepth {
			p.failOff = off
			return nil, errTooDeep
		}
		if t == '{' {
			return p.object(off, depth+1)
		}
		return p.array(off, depth+1)
	case string:
		return &jval{kind: jStr, off: off, str: t}, nil
	case json.Number:
		return &jval{kind: jNum, off: off, str: string(t)}, nil
	case bool:
		return &jval{kind: jBool, off: off, str: strconv.FormatBool(t)}, nil
	default:
		return &jval{kind: jNull, off: off}, nil
	}
}

func (p *jsonParser) object(off, depth int) (*jval, error) {
	v := &jval{kind: jObj, off: off}
	var seen map[string]int
	for {
		tok, koff, err := p.next()
		if err != nil {
			return nil, p.fail(err, koff)
		}
		if d, ok := tok.(json.Delim); ok && d == '}' {
			return v, nil
		}
		key, _ := tok.(string)
		first := -1
		if len(v.mems) < 8 {
			for _, m := range v.mems {
				if m.key == key {
					first = m.off
					break
				}
			}
		} else {
			if seen == nil {
				seen = make(map[string]int, 16)
				for _, m := range v.mems {
					if _, ok := seen[m.key]; !ok {
						seen[m.key] = m.off
					}
				}
			}
			if o, ok := seen[key]; ok {
				first = o
			}
		}
		tok, voff, err := p.next()
		if err != nil {
			return nil, p.fail(err, voff)
		}
		val, err := p.value(tok, voff, depth)
		if err != nil {
			return nil, err
		}
		if first >= 0 {
			if p.dup != nil {
				p.dup(key, koff, first)
			}
			continue
		}
		v.mems = append(v.mems, jmem{key: key, off: koff, val: val})
		if seen != nil {
			seen[key] = koff
		}
	}
}

func (p *jsonParser) array(off, depth int) (*jval, error) {
	v := &jval{kind: jArr, off: off}
	for {
		tok, eoff, err := p.next()
		if err != nil {
			return nil, p.fail(err, eoff)
		}
		if d, ok := tok.(json.Delim); ok && d == ']' {
			return v, nil
		}
		val, err := p.value(tok, eoff, depth)
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, val)
	}
}

// fastParser builds the positioned tree from JSON already known to be
// valid (json.Valid). encoding/json's Decoder.Token costs a Decode call per
// scalar, which dominated loading large files; this scanner only tracks
// offsets, so it can skip all error handling except nesting depth.
type fastParser struct {
	data    []byte
	i       int
	dup     func(key string, off, firstOff int)
	failOff int
	slab    []jval
}

// parseValidJSON is parseJSON for input that json.Valid accepted.
func parseValidJSON(data []byte, dup func(key string, off, firstOff int)) (*jval, int, error) {
	p := &fastParser{data: data, dup: dup}
	v, err := p.value(0)
	if err != nil {
		return nil, p.failOff, err
	}
	return v, 0, nil
}

func (p *fastParser) alloc(k jkind, off int) *jval {
	if len(p.slab) == 0 {
		p.slab = make([]jval, 256)
	}
	v := &p.slab[0]
	p.slab = p.slab[1:]
	v.kind, v.off = k, off
	return v
}

func (p *fastParser) ws() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *fastParser) value(depth int) (*jval, error) {
	p.ws()
	off := p.i
	switch c := p.data[p.i]; c {
	case '{', '[':
		if depth+1 > MaxDepth {
			p.failOff = off
			return nil, errTooDeep
		}
		if c == '{' {
			return p.object(off, depth+1)
		}
		return p.array(off, depth+1)
	case '"':
		v := p.alloc(jStr, off)
		v.str = p.string()
		return v, nil
	case 't':
		p.i += 4
		v := p.alloc(jBool, off)
		v.str = "true"
		return v, nil
	case 'f':
		p.i += 5
		v := p.alloc(jBool, off)
		v.str = "false"
		return v, nil
	case 'n':
		p.i += 4
		return p.alloc(jNull, off), nil
	default:
		for p.i < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.i]) >= 0 {
			p.i++
		}
		v := p.alloc(jNum, off)
		v.str = string(p.data[off:p.i])
		return v, nil
	}
}

// string reads a string literal starting at p.i.
func (p *fastParser) string() string {
	start := p.i
	p.i++
	esc := false
	for p.data[p.i] != '"' {
		if p.data[p.i] == '\\' {
			esc = true
			p.i++
		}
		p.i++
	}
	p.i++
	raw := p.data[start:p.i]
	if !esc {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return string(raw[1 : len(raw)-1])
	}
	return s
}

func (p *fastParser) object(off, depth int) (*jval, error) {
	v := p.alloc(jObj, off)
	p.i++
	p.ws()
	if p.data[p.i] == '}' {
		p.i++
		return v, nil
	}
	var seen map[string]int
	for {
		p.ws()
		koff := p.i
		key := p.string()
		p.ws()
		p.i++ // ':'
		val, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		first := -1
		if seen == nil && len(v.mems) >= 8 {
			seen = make(map[string]int, 16)
			for _, m := range v.mems {
				seen[m.key] = m.off
			}
		}
		if seen != nil {
			if o, ok := seen[key]; ok {
				first = o
			}
		} else {
			for _, m := range v.mems {
				if m.key == key {
					first = m.off
					break
				}
			}
		}
		if first >= 0 {
			if p.dup != nil {
				p.dup(key, koff, first)
			}
		} else {
			v.mems = append(v.mems, jmem{key: key, off: koff, val: val})
			if seen != nil {
				seen[key] = koff
			}
		}
		p.ws()
		c := p.data[p.i]
		p.i++
		if c == '}' {
			return v, nil
		}
	}
}

func (p *fastParser) array(off, depth int) (*jval, error) {
	v := p.alloc(jArr, off)
	p.i++
	p.ws()
	if p.data[p.i] == ']' {
		p.i++
		return v, nil
	}
	for {
		val, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, val)
		p.ws()
		c := p.data[p.i]
		p.i++
		if c == ']' {
			return v, nil
		}
	}
}
