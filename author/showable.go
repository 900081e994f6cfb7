package author

import (
	"fmt"
	"strings"

	"github.com/crux-news/crux/model"
)

// unshowable are the errors of claims that load but that the explorer
// cannot show or edit safely, with why. crux edit opens claims with any
// other error (a quote no longer in the article, a dangling link) so that
// the author fixes them in the app.
var unshowable = map[string]string{
	// The article pane and every anchor need the article's text.
	"missing-article": "the explorer needs the article beside the claims",
	// The explorer and the editor find a node by its id: with two nodes on
	// one id, an edit or delete could change the wrong one.
	"dup-id": "the explorer finds nodes by id, so an edit could change the wrong node",
}

// Unshowable returns the errors among fs that stop the explorer from
// showing the claims (see Showable), each with why in UnshowableError.
func Unshowable(fs model.Findings) model.Findings {
	var out model.Findings
	for _, f := range fs {
		if f.Severity == model.SevError && (structural[f.Code] || unshowable[f.Code] != "") {
			out = append(out, f)
		}
	}
	return out
}

// Showable reports whether the explorer can show and edit claims that
// loaded as c with findings fs: they load, and none of their errors is
// structural or unshowable. Other errors are shown in the findings panel
// for the author to fix.
func Showable(c *model.Content, fs model.Findings) bool {
	return c != nil && len(Unshowable(fs)) == 0
}

// UnshowableError is why crux edit does not open a set: the findings
// (file:line:col), then why the explorer cannot show them and what to do.
type UnshowableError struct{ Findings model.Findings }

func (e *UnshowableError) Error() string {
	var b strings.Builder
	b.WriteString((&FindingsError{Findings: e.Findings}).Error())
	seen := map[string]bool{}
	for _, f := range e.Findings {
		why := unshowable[f.Code]
		if why == "" {
			why = "the claims file cannot be read as claims"
		}
		if seen[why] {
			continue
		}
		seen[why] = true
		fmt.Fprintf(&b, "\ncrux edit cannot open it: %s (%s)", why, f.Code)
	}
	b.WriteString("\nfix these in your editor and run crux edit again; other errors, such as a quote no longer in the article, crux edit opens for you to fix")
	return b.String()
}
