package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/crux-news/crux/model"
)

// claimReview is a schema.org ClaimReview in JSON-LD.
type claimReview struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	URL           string   `json:"url,omitempty"`
	Author        crAgent  `json:"author"`
	DatePublished string   `json:"datePublished,omitempty"`
	ClaimReviewed string   `json:"claimReviewed"`
	ReviewRating  crRating `json:"reviewRating"`
	ItemReviewed  crClaim  `json:"itemReviewed"`
	Citation      []crWork `json:"citation,omitempty"`
}

type crRating struct {
	Type              string `json:"@type"`
	AlternateName     string `json:"alternateName"`
	RatingExplanation string `json:"ratingExplanation,omitempty"`
}

type crClaim struct {
	Type          string   `json:"@type"`
	Author        *crAgent `json:"author,omitempty"`
	DatePublished string   `json:"datePublished,omitempty"`
	Appearance    *crWork  `json:"appearance,omitempty"`
}

type crAgent struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// defaultReviewer names the reviews' author when claims.json has no
// reviewer: the tool that wrote them, so that the required-looking author
// is never a guess at a real fact-checker.
const defaultReviewer = "crux"

type crWork struct {
	Type          string   `json:"@type"`
	URL           string   `json:"url,omitempty"`
	Headline      string   `json:"headline,omitempty"`
	Name          string   `json:"name,omitempty"`
	Author        *crAgent `json:"author,omitempty"`
	Publisher     *crAgent `json:"publisher,omitempty"`
	DatePublished string   `json:"datePublished,omitempty"`
}

// WriteClaimReview writes a JSON array of schema.org ClaimReview objects,
// one per claim with a rating, in article order, as Google's fact-check
// structured data documents them. author is the content's reviewer (the
// organization "crux" when claims.json names none); claimReviewed is the
// claim's summary; reviewRating carries the rating's label as alternateName
// and its explanation; itemReviewed is the Claim, with the speaker as author,
// the article's date as datePublished and the article as its appearance.
// When the article URL is known, the appearance URL is it plus a text
// fragment (#:~:text=) for the claim's first anchor, so that browsers scroll
// to and highlight the passage, and url is the article URL with "#" and the
// claim id; without one both are left out (Google requires url, and
// Warnings says so). datePublished is the article's publication date;
// citation lists the claim's sources. Every string has its control
// characters removed. Skeptic positions and counterpoints have no place in
// ClaimReview and are left out.
func WriteClaimReview(w io.Writer, c *model.Content) error {
	if err := checkContent(c); err != nil {
		return err
	}
	m := c.Article.ArticleMeta
	base, _, _ := strings.Cut(fold(m.URL), "#")
	published := fold(m.Published)
	author := crAgent{Type: "Organization", Name: defaultReviewer}
	if r := c.File.Reviewer; r != nil && fold(r.Name) != "" {
		author = crAgent{Type: "Organization", Name: fold(r.Name), URL: fold(r.URL)}
	}
	reviews := []claimReview{}
	for _, n := range c.Claims() {
		if n.Rating == nil {
			continue
		}
		r := claimReview{
			Context:       "https://schema.org",
			Type:          "ClaimReview",
			Author:        author,
			DatePublished: published,
			ClaimReviewed: nodeSummary(n),
			ReviewRating: crRating{
				Type:              "Rating",
				AlternateName:     fold(n.Rating.Label),
				RatingExplanation: fold(n.Rating.Explanation),
			},
			ItemReviewed: crClaim{Type: "Claim", DatePublished: published},
		}
		if base != "" {
			r.URL = base + "#" + n.ID
		}
		if s := fold(n.Speaker); s != "" {
			r.ItemReviewed.Author = &crAgent{Type: agentType(s, fold(m.Publisher)), Name: s}
		}
		app := &crWork{Type: "CreativeWork", Headline: fold(m.Title), DatePublished: published}
		if a, ok := firstAnchor(n); ok && a.Exact != "" && base != "" {
			app.URL = base + "#:~:text=" + textDirective(a, c.Article.Text)
		} else {
			app.URL = base
		}
		if s := fold(m.Author); s != "" {
			app.Author = &crAgent{Type: "Person", Name: s}
		}
		if s := fold(m.Publisher); s != "" {
			app.Publisher = &crAgent{Type: "Organization", Name: s}
		}
		r.ItemReviewed.Appearance = app
		for _, id := range n.Sources {
			s := c.Source(id)
			if s == nil {
				return fmt.Errorf("export claimreview: claim %s cites source %q, which is not in the sources list; run crux validate", n.ID, id)
			}
			cw := crWork{Type: "CreativeWork", Name: fold(s.Title), URL: fold(s.URL), DatePublished: fold(s.Published)}
			if p := fold(s.Publisher); p != "" {
				cw.Publisher = &crAgent{Type: "Organization", Name: p}
			}
			r.Citation = append(r.Citation, cw)
		}
		reviews = append(reviews, r)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(reviews); err != nil {
		return fmt.Errorf("export claimreview: %w", err)
	}
	return flush(w, FormatClaimReview, &b)
}

// claimReviewWarnings lists the properties Google's fact-check documentation
// requires or recommends that the content cannot fill.
func claimReviewWarnings(c *model.Content) []string {
	var out []string
	rated, unspoken := 0, []string(nil)
	for _, n := range c.Claims() {
		if n.Rating == nil {
			continue
		}
		rated++
		if fold(n.Speaker) == "" {
			unspoken = append(unspoken, n.ID)
		}
	}
	if rated == 0 {
		return []string{"no claim has a rating, so there is no ClaimReview to write; give claims a rating {label, explanation}"}
	}
	m := c.Article.ArticleMeta
	if fold(m.URL) == "" {
		out = append(out, "article.url is not set: the reviews have no url, which Google requires, and their appearance no URL; set article.url in claims.json")
	}
	if r := c.File.Reviewer; r == nil || fold(r.Name) == "" {
		out = append(out, fmt.Sprintf("reviewer is not set: each review's author (recommended) is the organization %q; set reviewer {name, url} in claims.json", defaultReviewer))
	}
	if fold(m.Published) == "" {
		out = append(out, "article.published is not set: the reviews and their claims have no datePublished (recommended); set article.published in claims.json")
	}
	if len(unspoken) > 0 {
		out = append(out, fmt.Sprintf("itemReviewed has no author (recommended) for the rated claims without a speaker: %s; set their speaker", strings.Join(unspoken, ", ")))
	}
	return out
}

// agentType guesses whether a speaker is a schema.org Person or
// Organization: the article's publisher and names with a word such as
// "Ministry" or "Inc" are organizations, everything else is a person.
func agentType(name, publisher string) string {
	if publisher != "" && strings.EqualFold(name, publisher) {
		return "Organization"
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		switch w {
		case "inc", "ltd", "llc", "corp", "corporation", "company", "co", "group",
			"ministry", "department", "agency", "office", "bureau", "commission",
			"government", "council", "committee", "university", "institute",
			"association", "foundation", "organization", "organisation",
			"bank", "fund", "lab", "labs", "media", "news", "press", "times", "post",
			"police", "army", "party", "union", "court", "parliament", "congress", "senate":
			return "Organization"
		}
	}
	return "Person"
}

// textDirective builds the value of a URL text fragment (after
// "#:~:text=") for an anchor: "prefix-,exact,-suffix", each part
// percent-encoded as the Text Fragments spec asks ("-", "&", "," and spaces
// among others). The prefix and suffix are cut to the anchor's own block and
// to whole words, because a fragment's context must start and end at word
// boundaries; articleText lets it check where the context really starts.
// Control characters are left out: a browser matches the text it shows.
func textDirective(a model.Anchor, articleText string) string {
	prefix, suffix := fragmentContext(a, articleText)
	var b strings.Builder
	if prefix != "" {
		b.WriteString(fragmentEncode(prefix))
		b.WriteString("-,")
	}
	b.WriteString(fragmentEncode(clean(a.Exact)))
	if suffix != "" {
		b.WriteString(",-")
		b.WriteString(fragmentEncode(suffix))
	}
	return b.String()
}

// fragmentContext returns the anchor's prefix and suffix trimmed to the
// anchor's line and to whole words.
func fragmentContext(a model.Anchor, articleText string) (prefix, suffix string) {
	text := []rune(articleText)
	p, s := []rune(a.Prefix), []rune(a.Suffix)

	// Is the first prefix word cut off? Check the article when we can;
	// otherwise assume it is.
	prefixCut := len(p) > 0 && isWordRune(p[0])
	if st := a.Start - len(p); a.Resolved() && st >= 0 && a.Start <= len(text) && string(text[st:a.Start]) == a.Prefix {
		prefixCut = st > 0 && isWordRune(text[st-1]) && len(p) > 0 && isWordRune(p[0])
	}
	suffixCut := len(s) > 0 && isWordRune(s[len(s)-1])
	if en := a.End + len(s); a.Resolved() && en <= len(text) && string(text[a.End:en]) == a.Suffix {
		suffixCut = en < len(text) && isWordRune(text[en]) && len(s) > 0 && isWordRune(s[len(s)-1])
	}

	pre := a.Prefix
	if i := strings.LastIndexAny(pre, "\n\r"); i >= 0 {
		pre, prefixCut = pre[i+1:], false
	}
	words := strings.Fields(pre)
	if prefixCut && len(words) > 0 {
		words = words[1:]
	}
	prefix = clean(strings.Join(words, " "))

	suf := a.Suffix
	if i := strings.IndexAny(suf, "\n\r"); i >= 0 {
		suf, suffixCut = suf[:i], false
	}
	words = strings.Fields(suf)
	if suffixCut && len(words) > 0 {
		words = words[:len(words)-1]
	}
	suffix = clean(strings.Join(words, " "))
	return prefix, suffix
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fragmentEncode percent-encodes every byte but ASCII letters, digits and
// ".", "_" and "~", which keeps the Text Fragments delimiters ("-", ",",
// "&") and spaces out of the parts.
func fragmentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9', ch == '.', ch == '_', ch == '~':
			b.WriteByte(ch)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[ch>>4])
			b.WriteByte(hex[ch&0x0f])
		}
	}
	return b.String()
}
