package cli

import (
	"context"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui"
)

// uiOptions turns the global flags and the environment into explorer options.
func (a *app) uiOptions() (ui.Options, error) {
	switch a.g.theme {
	case "auto", "dark", "light":
	default:
		return ui.Options{}, usageErr("--theme %q: use auto, dark or light", a.g.theme)
	}
	return ui.Options{Theme: a.g.theme, NoColor: noColor()}, nil
}

// noColor honours https://no-color.org: any non-empty NO_COLOR.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

func (a *app) explore(ctx context.Context, c *model.Content) error {
	opts, err := a.uiOptions()
	if err != nil {
		return err
	}
	p := tea.NewProgram(ui.New(c, opts), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}
