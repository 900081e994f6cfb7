package author

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crux-news/crux/model"
)

// created checks that New made a content set that loads with no error and
// no node, and returns its article.
func created(t *testing.T, c *Created, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	content, fs := model.LoadFile(c.Dir)
	if fs.Errors() > 0 || content == nil || len(content.Nodes()) != 0 {
		t.Fatalf("new set does not load clean: %v", fs)
	}
	b, err := os.ReadFile(c.Article)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNewFromHTMLPages(t *testing.T) {
	cases := []struct {
		page       string
		meta       model.ArticleMeta
		has, lacks []string
	}{
		{page: "jsonld.html",
			meta: model.ArticleMeta{Path: "article.md", Title: "Harbour town approves tidal barrier", Author: "Mara Lindqvist",
				Publisher: "The Coastal Courier", Published: "2026-03-14", URL: "https://courier.example/news/2026/03/harbour-barrier"},
			has:   []string{"# Harbour town approves tidal barrier\n", "*the only way to keep the lower town dry*", "> “We cannot keep raising"},
			lacks: []string{"Most read", "Ferry timetable", "Sport"}},
		{page: "opengraph.html",
			meta: model.ArticleMeta{Path: "article.md", Title: "School meals to go local", Author: "Tomás Ferreira",
				Publisher: "Valley Gazette", Published: "2026-09-02", URL: "https://gazette.example/education/school-meals-local"},
			has: []string{"twenty-two schools", "publish the tender documents in full."}},
		{page: "heavynav.html",
			meta:  model.ArticleMeta{Path: "article.md", Title: "Night trains return to the north line", Author: "Ingrid Sol"},
			has:   []string{"After a gap of eleven years", "without flying."},
			lacks: []string{"Trending", "Advertisement", "Log in", "Privacy", "Buses"}},
		// The <title> is "Headline | Section | Site" and there is no
		// og:title: the article's own <h1> is the title (readability drops
		// it from the text as a repeat of the <title>).
		{page: "sitesuffix.html",
			meta: model.ArticleMeta{Path: "article.md", Title: "Bridge costs soar", Author: "Ana Ruiz",
				Publisher: "Gazette", URL: "https://gazette.example/city/bridge-costs"},
			has:   []string{"# Bridge costs soar\n", "148 million euros"},
			lacks: []string{"| Gazette", "Opinion"}},
		// og:title ends in " - Site"; the headline itself has a pipe, an
		// ampersand and a percent sign, none of which needs escaping.
		{page: "dashsuffix.html",
			meta: model.ArticleMeta{Path: "article.md", Title: "Q&A: why ferry fares rise 5% | a tax on islanders?", Author: "Rhona Bell",
				Publisher: "Island Post", Published: "2026-05-04"},
			has:   []string{"# Q&A: why ferry fares rise 5% | a tax on islanders?\n", "five per cent"},
			lacks: []string{"Island Post", "\\"}},
	}
	for _, c := range cases {
		t.Run(c.page, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "set")
			cr, err := New(context.Background(), filepath.Join("testdata/pages", c.page), NewOptions{Out: out})
			md := created(t, cr, err)
			if got := markdownTitle(md); got != c.meta.Title {
				t.Errorf("the heading reads %q, not the title %q:\n%s", got, c.meta.Title, md)
			}
			if !reflect.DeepEqual(cr.Meta, c.meta) {
				t.Errorf("meta:\n got %+v\nwant %+v", cr.Meta, c.meta)
			}
			for _, s := range c.has {
				if !strings.Contains(md, s) {
					t.Errorf("article lacks %q:\n%s", s, md)
				}
			}
			for _, s := range c.lacks {
				if strings.Contains(md, s) {
					t.Errorf("article keeps %q (page furniture):\n%s", s, md)
				}
			}
		})
	}
}

func TestNewRefusesAPageWithNoArticle(t *testing.T) {
	out := filepath.Join(t.TempDir(), "set")
	_, err := New(context.Background(), "testdata/pages/noarticle.html", NewOptions{Out: out})
	if err == nil || !strings.Contains(err.Error(), "found no article on the page") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a failed crux new left a folder")
	}
}

func TestNewFromMarkdownAndText(t *testing.T) {
	dir := t.TempDir()
	md := "# Lanes\n\nThe council says the lanes cut injuries.\n"
	os.WriteFile(filepath.Join(dir, "in.md"), []byte(md), 0o644)
	cr, err := New(context.Background(), filepath.Join(dir, "in.md"), NewOptions{Out: filepath.Join(dir, "a")})
	if got := created(t, cr, err); got != md || cr.Meta.Title != "Lanes" {
		t.Fatalf("markdown not copied as is: %q %+v", got, cr.Meta)
	}
	txt := "Budget *vote* delayed\n\n# of votes: 12\n1. the first point_of order\n- a dash <b>not</b> a list\n"
	os.WriteFile(filepath.Join(dir, "in.txt"), []byte(txt), 0o644)
	cr, err = New(context.Background(), filepath.Join(dir, "in.txt"), NewOptions{Out: filepath.Join(dir, "b")})
	created(t, cr, err)
	c, _ := model.LoadFile(cr.Dir)
	want := "Budget *vote* delayed\n\n# of votes: 12 1. the first point_of order - a dash <b>not</b> a list"
	if c.Article.Text != want || cr.Meta.Title != "Budget *vote* delayed" {
		t.Fatalf("plain text does not read as written:\n got %q\nwant %q", c.Article.Text, want)
	}
	// Never replaces a file.
	before, _ := os.ReadFile(cr.Claims)
	if _, err := New(context.Background(), filepath.Join(dir, "in.md"), NewOptions{Out: cr.Dir}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(cr.Claims); string(after) != string(before) {
		t.Fatal("an existing claims.json was replaced")
	}
	for name, data := range map[string]string{"empty.md": " \n", "bin.txt": "a\x00b", "latin.txt": "caf\xe9"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		if _, err := New(context.Background(), p, NewOptions{Out: filepath.Join(dir, "x")}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := New(context.Background(), filepath.Join(dir, "missing.md"), NewOptions{Out: filepath.Join(dir, "x")}); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

func TestNewFromURL(t *testing.T) {
	page, err := os.ReadFile("testdata/pages/heavynav.html")
	if err != nil {
		t.Fatal(err)
	}
	latin := strings.ReplaceAll(strings.ReplaceAll(string(page), `<meta charset="utf-8">`, ""), "Night trains", "Caf\xe9 trains")
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/latin", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte(latin))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/story", http.StatusFound) })
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7"))
	})
	mux.HandleFunc("/slow", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "40000000")
	})
	mux.HandleFunc("/huge-stream", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>word word word word</p>\n", 4096))
		for written := 0; written <= model.MaxFileSize; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	deadURL := "http://" + dead.Addr().String() + "/story"
	dead.Close()

	out := func() string { return filepath.Join(t.TempDir(), "set") }
	cr, err := New(context.Background(), srv.URL+"/moved", NewOptions{Out: out()})
	md := created(t, cr, err)
	if !strings.Contains(md, "After a gap of eleven years") || cr.Meta.URL != srv.URL+"/story" {
		t.Fatalf("redirected page: url %q\n%s", cr.Meta.URL, md)
	}
	cr, err = New(context.Background(), srv.URL+"/latin", NewOptions{Out: out()})
	if md := created(t, cr, err); !strings.Contains(md, "Café trains") {
		t.Fatalf("charset not decoded:\n%s", md)
	}
	for path, want := range map[string]string{
		"/nothing":       "answered 404 Not Found",
		"/pdf":           "is application/pdf, not an HTML page",
		"/slow":          "did not answer within 200ms; try again, or raise --timeout",
		"/huge-declared": "larger than the 32 MiB limit",
		"/huge-stream":   "larger than the 32 MiB limit",
	} {
		o := out()
		_, err := New(context.Background(), srv.URL+path, NewOptions{Out: o, Timeout: 200 * time.Millisecond})
		if path == "/huge-stream" && err != nil && strings.Contains(err.Error(), "did not answer") {
			_, err = New(context.Background(), srv.URL+path, NewOptions{Out: o, Timeout: 20 * time.Second})
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", path, err, want)
		}
		if _, err := os.Stat(o); err == nil {
			t.Errorf("%s: a failed crux new left a folder", path)
		}
	}
	if _, err := New(context.Background(), deadURL, NewOptions{Out: out()}); err == nil || !strings.Contains(err.Error(), "cannot fetch") {
		t.Errorf("closed port: %v", err)
	}
}

// A heading written for a title reads as the title, with no escape that is
// not needed.
func TestEscapeHeading(t *testing.T) {
	for title, want := range map[string]string{
		"Bridge costs soar | Gazette":   "Bridge costs soar | Gazette",
		"Q&A: fares up 5% - a tax?":     "Q&A: fares up 5% - a tax?",
		"> 40 schools, 1. in the north": "> 40 schools, 1. in the north",
		"snake_case and *stars* [link]": "snake_case and \\*stars\\* \\[link\\]",
		"a <b>tag</b> & 3 < 4":          "a \\<b>tag\\</b> & 3 < 4",
		"_lead_ `code` back\\slash":     "\\_lead\\_ \\`code\\` back\\\\slash",
		"We're number #":                "We're number \\#",
		"C# wins":                       "C# wins",
	} {
		got := escapeHeading(title)
		if got != want {
			t.Errorf("escapeHeading(%q) = %q, want %q", title, got, want)
		}
		text, _ := model.ParseArticle("# " + got + "\n\nText.")
		if back, _, _ := strings.Cut(text, "\n\n"); back != title {
			t.Errorf("# %s reads as %q, not %q", got, back, title)
		}
	}
}
