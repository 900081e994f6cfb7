package authoring

import "unicode"

// Moves over the article's reader text, for extending a selection by word
// or sentence. Positions are rune offsets; a selection is [start, end).

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// nextWordEnd is the end of the first word that ends after i.
func nextWordEnd(t []rune, i int) int {
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	for i < len(t) && !isSpace(t[i]) {
		i++
	}
	return i
}

// prevWordEnd is the end of the last word that ends before i.
func prevWordEnd(t []rune, i int) int {
	i = min(i, len(t))
	for i > 0 && !isSpace(t[i-1]) { // back over the word i ends
		i--
	}
	for i > 0 && isSpace(t[i-1]) {
		i--
	}
	return i
}

// nextWordStart is the start of the first word that starts after i.
func nextWordStart(t []rune, i int) int {
	for i < len(t) && !isSpace(t[i]) {
		i++
	}
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	return i
}

// prevWordStart is the start of the last word that starts before i.
func prevWordStart(t []rune, i int) int {
	i = min(i, len(t))
	for i > 0 && isSpace(t[i-1]) {
		i--
	}
	for i > 0 && !isSpace(t[i-1]) {
		i--
	}
	return i
}

// wordAt is the word at or after i, as [start, end).
func wordAt(t []rune, i int) (int, int) {
	i = max(min(i, len(t)), 0)
	for i > 0 && !isSpace(t[i-1]) && i < len(t) && !isSpace(t[i]) {
		i--
	}
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	return i, nextWordEnd(t, i)
}

// sentenceEndAt reports whether a sentence ends just before i: after . ! ?
// (and closing quotes or brackets) followed by a space, or at a line break
// (a paragraph or heading ends).
func sentenceEndAt(t []rune, i int) bool {
	if i <= 0 || i > len(t) {
		return i > len(t)
	}
	if i == len(t) || t[i] == '\n' {
		return !isSpace(t[i-1])
	}
	if !isSpace(t[i]) {
		return false
	}
	j := i - 1
	for j > 0 && (t[j] == '"' || t[j] == '\'' || t[j] == '”' || t[j] == '’' || t[j] == ')') {
		j--
	}
	return t[j] == '.' || t[j] == '!' || t[j] == '?'
}

// nextSentenceEnd is the end of the first sentence that ends after i.
func nextSentenceEnd(t []rune, i int) int {
	for j := i + 1; j <= len(t); j++ {
		if sentenceEndAt(t, j) {
			return j
		}
	}
	return len(t)
}

// prevSentenceEnd is the end of the last sentence that ends before i, or 0.
func prevSentenceEnd(t []rune, i int) int {
	for j := min(i, len(t)+1) - 1; j > 0; j-- {
		if sentenceEndAt(t, j) {
			return j
		}
	}
	return 0
}

// sentenceStartAfter is where the sentence after a sentence end at i
// starts: its first non-space rune.
func sentenceStartAfter(t []rune, i int) int {
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	return i
}
