// Package finder is the fuzzy finder overlay: it searches every node's
// summary, text, speaker and tags and the article's paragraphs, ranks what
// matched as fzf users expect (the query as written in a title first, then
// in the text, then its letters in order in a title, then in a compact
// stretch of text; sahilm/fuzzy's score within each), highlights why each
// result matched, previews the selected result and jumps to it.
package finder
