package export

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// crRead is the shape a ClaimReview consumer reads.
type crRead struct {
	Context       string `json:"@context"`
	Type          string `json:"@type"`
	URL           string `json:"url"`
	DatePublished string `json:"datePublished"`
	ClaimReviewed string `json:"claimReviewed"`
	ReviewRating  struct {
		Type              string `json:"@type"`
		AlternateName     string `json:"alternateName"`
		RatingExplanation string `json:"ratingExplanation"`
	} `json:"reviewRating"`
	ItemReviewed struct {
		Type   string `json:"@type"`
		Author *struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"author"`
		Appearance *struct {
			Type     string `json:"@type"`
			URL      string `json:"url"`
			Headline string `json:"headline"`
		} `json:"appearance"`
	} `json:"itemReviewed"`
	Citation []struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"citation"`
}

// parseDirective splits a text fragment into its decoded parts.
func parseDirective(t *testing.T, frag string) (prefix, exact, suffix string) {
	t.Helper()
	parts := strings.Split(frag, ",")
	if len(parts) > 0 && strings.HasSuffix(parts[0], "-") {
		prefix, parts = strings.TrimSuffix(parts[0], "-"), parts[1:]
	}
	if n := len(parts); n > 0 && strings.HasPrefix(parts[n-1], "-") {
		suffix, parts = strings.TrimPrefix(parts[n-1], "-"), parts[:n-1]
	}
	if len(parts) != 1 {
		t.Fatalf("text fragment %q has %d start/end parts, want exactly the quote", frag, len(parts))
	}
	dec := func(s string) string {
		if strings.ContainsAny(s, " &,-") {
			t.Errorf("fragment part %q has an unencoded delimiter or space", s)
		}
		d, err := url.PathUnescape(s)
		if err != nil {
			t.Fatalf("fragment part %q: %v", s, err)
		}
		return d
	}
	return dec(prefix), dec(parts[0]), dec(suffix)
}

func TestClaimReviewShape(t *testing.T) {
	c := fixture(t)
	var reviews []crRead
	if err := json.Unmarshal([]byte(render(t, FormatClaimReview)), &reviews); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	var rated []*model.Node
	for _, n := range c.Claims() {
		if n.Rating != nil {
			rated = append(rated, n)
		}
	}
	if len(reviews) != len(rated) {
		t.Fatalf("%d reviews, want one per rated claim (%d)", len(reviews), len(rated))
	}
	folded := fold(c.Article.Text)
	for i, n := range rated {
		r := reviews[i]
		if r.Context != "https://schema.org" || r.Type != "ClaimReview" || r.ReviewRating.Type != "Rating" || r.ItemReviewed.Type != "Claim" {
			t.Errorf("%s: types %q %q %q %q", n.ID, r.Context, r.Type, r.ReviewRating.Type, r.ItemReviewed.Type)
		}
		if r.ClaimReviewed != n.Summary || r.ReviewRating.AlternateName != n.Rating.Label || r.ReviewRating.RatingExplanation != n.Rating.Explanation {
			t.Errorf("%s: claimReviewed %q rating %q %q", n.ID, r.ClaimReviewed, r.ReviewRating.AlternateName, r.ReviewRating.RatingExplanation)
		}
		if r.URL != "https://news.example.org/2025/deepseek?lang=en#"+n.ID || r.DatePublished != "2025-01-28" {
			t.Errorf("%s: url %q datePublished %q", n.ID, r.URL, r.DatePublished)
		}
		if a := r.ItemReviewed.Author; a == nil || a.Name != n.Speaker || a.Type != "Person" && a.Type != "Organization" {
			t.Errorf("%s: author %+v", n.ID, a)
		}
		if len(r.Citation) != len(n.Sources) {
			t.Errorf("%s: %d citations, want %d", n.ID, len(r.Citation), len(n.Sources))
		}
		for j, cit := range r.Citation {
			if s := c.Source(n.Sources[j]); cit.Name != s.Title || cit.URL != s.URL || cit.Type != "CreativeWork" {
				t.Errorf("%s: citation %d = %+v", n.ID, j, cit)
			}
		}
		app := r.ItemReviewed.Appearance
		if app == nil || app.Headline != c.Article.Title {
			t.Fatalf("%s: appearance %+v", n.ID, app)
		}
		base, frag, ok := strings.Cut(app.URL, "#:~:text=")
		if !ok || base != "https://news.example.org/2025/deepseek?lang=en" {
			t.Fatalf("%s: appearance url %q is not the article URL with a text fragment", n.ID, app.URL)
		}
		prefix, exact, suffix := parseDirective(t, frag)
		a, _ := firstAnchor(n)
		if exact != a.Exact {
			t.Errorf("%s: fragment quote %q, want the anchor's exact %q", n.ID, exact, a.Exact)
		}
		// A browser matches prefix, quote and suffix with white space
		// between them; the whole run must be in the article.
		run := strings.TrimSpace(strings.Join([]string{prefix, exact, suffix}, " "))
		if !strings.Contains(folded, run) {
			t.Errorf("%s: fragment %q does not match the article text", n.ID, run)
		}
		if prefix == "" || suffix == "" {
			t.Errorf("%s: fragment lost its context: prefix %q suffix %q", n.ID, prefix, suffix)
		}
	}
}

func TestClaimReviewEveryRatedClaim(t *testing.T) {
	c := fixture(t)
	for _, n := range c.Nodes() {
		if n.Kind == model.KindClaim {
			n.Rating = &model.Rating{Label: "Rated " + n.ID}
		}
	}
	var reviews []crRead
	if err := json.Unmarshal([]byte(mustWrite(t, WriteClaimReview, c)), &reviews); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range reviews {
		seen[r.ReviewRating.AlternateName]++
	}
	for _, n := range c.Claims() {
		if seen["Rated "+n.ID] != 1 {
			t.Errorf("claim %s has %d reviews, want 1", n.ID, seen["Rated "+n.ID])
		}
	}
	if len(reviews) != len(c.Claims()) {
		t.Errorf("%d reviews for %d rated claims", len(reviews), len(c.Claims()))
	}
}

func TestClaimReviewNoURL(t *testing.T) {
	c := fixture(t)
	c.Article.URL = ""
	var reviews []crRead
	if err := json.Unmarshal([]byte(mustWrite(t, WriteClaimReview, c)), &reviews); err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 1 || reviews[0].URL != "" || reviews[0].ItemReviewed.Appearance == nil ||
		reviews[0].ItemReviewed.Appearance.URL != "" || reviews[0].ItemReviewed.Appearance.Headline != c.Article.Title {
		t.Errorf("without an article URL: %+v", reviews)
	}
}

func TestTextDirective(t *testing.T) {
	const text = "Officials said rates fell by 40-50 percent, a record & more.\n\nNext block here."
	tests := map[string]struct {
		a    model.Anchor
		want string
	}{
		"resolved, partial words dropped": {
			a:    anchorFor(t, text, "rates fell by 40-50 percent", 8),
			want: "said-,rates%20fell%20by%2040%2D50%20percent,-%2C%20a",
		},
		"resolved, whole words kept, context stops at the block": {
			a:    anchorFor(t, text, "a record & more.", 15),
			want: "40%2D50%20percent%2C-,a%20record%20%26%20more.",
		},
		"unresolved: first and last context word may be cut": {
			a:    model.Anchor{Exact: "fell", Prefix: "ls said rates ", Suffix: " by 40-5", Start: -1, End: -1},
			want: "said%20rates-,fell,-by",
		},
		"no context": {
			a:    model.Anchor{Exact: "Ünïcode, quote", Start: -1, End: -1},
			want: "%C3%9Cn%C3%AFcode%2C%20quote",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := textDirective(tc.a, text); got != tc.want {
				t.Errorf("textDirective = %q\n              want %q", got, tc.want)
			}
		})
	}
}

func TestAgentType(t *testing.T) {
	tests := map[string]string{
		"DeepSeek-AI":            "Person",
		"Daily Example":          "Organization", // the publisher
		"Ministry of Commerce":   "Organization",
		"OpenAI Inc.":            "Organization",
		"Liang Wenfeng":          "Person",
		"State Media Group":      "Organization",
		"Department of Commerce": "Organization",
	}
	for name, want := range tests {
		if got := agentType(name, "Daily Example"); got != want {
			t.Errorf("agentType(%q) = %s, want %s", name, got, want)
		}
	}
}

// crGoogle is what Google's fact-check documentation asks of a ClaimReview
// beyond the fixture's shape: the reviewer as author and the claim's date.
type crGoogle struct {
	URL    string `json:"url"`
	Author struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"author"`
	ItemReviewed struct {
		DatePublished string `json:"datePublished"`
	} `json:"itemReviewed"`
}

func TestClaimReviewAuthorAndDates(t *testing.T) {
	c := fixture(t)
	var reviews []crGoogle
	if err := json.Unmarshal([]byte(mustWrite(t, WriteClaimReview, c)), &reviews); err != nil {
		t.Fatal(err)
	}
	if len(reviews) == 0 {
		t.Fatal("no reviews")
	}
	r := reviews[0]
	if r.Author.Type != "Organization" || r.Author.Name != defaultReviewer || r.Author.URL != "" {
		t.Errorf("author without a reviewer = %+v, want the organization %q", r.Author, defaultReviewer)
	}
	if r.ItemReviewed.DatePublished != c.Article.Published {
		t.Errorf("itemReviewed.datePublished = %q, want the article's %q", r.ItemReviewed.DatePublished, c.Article.Published)
	}
	if w := Warnings(FormatClaimReview, c); len(w) != 1 || !strings.Contains(w[0], "reviewer") {
		t.Errorf("warnings without a reviewer = %q, want one about the reviewer", w)
	}

	c.File.Reviewer = &model.Reviewer{Name: "Example\x07 Fact\u202e Check", URL: "https://factcheck.example/"}
	if err := json.Unmarshal([]byte(mustWrite(t, WriteClaimReview, c)), &reviews); err != nil {
		t.Fatal(err)
	}
	if a := reviews[0].Author; a.Name != "Example Fact Check" || a.URL != "https://factcheck.example/" {
		t.Errorf("author = %+v, want the reviewer, without its escape", a)
	}
	if w := Warnings(FormatClaimReview, c); len(w) != 0 {
		t.Errorf("warnings for complete content = %q", w)
	}
}

func TestClaimReviewWarnings(t *testing.T) {
	c := fixture(t)
	c.File.Reviewer = &model.Reviewer{Name: "Desk"}
	c.Article.URL, c.Article.Published = "", ""
	for _, n := range c.Claims() {
		n.Speaker = ""
	}
	w := strings.Join(Warnings(FormatClaimReview, c), "\n")
	for _, want := range []string{"article.url", "Google requires", "article.published", "without a speaker: c-cost"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q do not mention %q", w, want)
		}
	}
	for _, f := range []string{FormatArgdown, FormatAIF, FormatDOT, FormatMarkdown} {
		if w := Warnings(f, c); w != nil {
			t.Errorf("%s has warnings %q", f, w)
		}
	}
	for _, n := range c.Claims() {
		n.Rating = nil
	}
	if w := Warnings(FormatClaimReview, c); len(w) != 1 || !strings.Contains(w[0], "no claim has a rating") {
		t.Errorf("warnings with no rated claim = %q", w)
	}
}
