package model

import (
	"errors"
	"strings"
	"testing"
)

// TestParseJSONErrors checks the offset and text of the tokenizer's
// errors: what the fixtures do not cover.
func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		in    string
		off   int
		words string
	}{
		{`{"a": 1} {"b": 2}`, 9, "unexpected '{' after the end"},
		{"[1, 2,\n ]", 8, "invalid character ']'"},
		{`{"a": {"b": 1, "c": 2, "b": 3}}`, 23, `duplicate key "b"`},
		{`{"a": tru}`, 9, "invalid character '}'"},
		{`{"a": 1`, 7, "truncated"},
	}
	for _, tc := range tests {
		_, off, err := parseJSON([]byte(tc.in))
		if err == nil || off != tc.off || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("parseJSON(%q) = offset %d, %v; want %d, %q", tc.in, off, err, tc.off, tc.words)
		}
	}
	_, _, err := parseJSON([]byte(`{"a": {"b": 1, "c": 2, "b": 3}}`))
	var dup *dupKeyError
	if !errors.As(err, &dup) || dup.firstOff != 7 {
		t.Errorf("duplicate key: %v, want the first \"b\" at offset 7", err)
	}
	if _, _, err := parseJSON([]byte(strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth))); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	if _, off, err := parseJSON([]byte(strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1))); !errors.Is(err, errTooDeep) || off != MaxDepth {
		t.Errorf("%d levels: offset %d, %v", MaxDepth+1, off, err)
	}
}
