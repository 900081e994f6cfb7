package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependenciesPointOneWay keeps the layering model <- (notes, export,
// present) <- class <- ui <- cli <- main: the domain never imports a UI
// library, and no package below the UI imports it; the presenter's socket
// transport (internal/presentlink) stays out of the domain and the UI
// libraries.
func TestDependenciesPointOneWay(t *testing.T) {
	forbidden := map[string][]string{
		"./model":                {"charm.land/", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/notes", "github.com/crux-news/crux/internal/cli"},
		"./notes":                {"charm.land/", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/internal/cli"},
		"./export":               {"charm.land/", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/internal/cli"},
		"./class":                {"charm.land/", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/internal/cli"},
		"./poll":                 {"charm.land/", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/present", "github.com/crux-news/crux/internal/cli"},
		"./present":              {"charm.land/bubbletea", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/internal/cli", "github.com/crux-news/crux/internal/presentlink"},
		"./internal/presentlink": {"charm.land/", "github.com/crux-news/crux/ui", "github.com/crux-news/crux/internal/cli"},
		"./ui/...":               {"github.com/crux-news/crux/internal/cli", "github.com/crux-news/crux/serve"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range bad {
				if strings.HasPrefix(dep, b) {
					t.Errorf("%s depends on %s", pkg, dep)
				}
			}
		}
	}
}
