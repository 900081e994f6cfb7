package authoring

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

const text = "The council voted on Tuesday. It will cost 84,000 euros a year! Critics asked why.\nA new paragraph starts here."

func press(s Selection, ks ...string) Selection {
	for _, k := range ks {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		default:
			msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		s, _ = s.Update(msg)
	}
	return s
}

func TestSelectionExtendsByWordAndSentence(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   int
		keys []string
		want string
	}{
		{"first word", 0, nil, "The"},
		{"word", 0, []string{"w", "w"}, "The council voted"},
		{"word back", 0, []string{"w", "w", "b"}, "The council"},
		{"back never empties", 0, []string{"b", "b"}, "The"},
		{"sentence", 0, []string{")"}, "The council voted on Tuesday."},
		{"two sentences, ! ends one", 0, []string{")", ")"}, "The council voted on Tuesday. It will cost 84,000 euros a year!"},
		{"sentence back", 0, []string{")", ")", "("}, "The council voted on Tuesday."},
		{"a line break ends a sentence", 66, []string{")"}, "Critics asked why."},
		{"the other end moves", 0, []string{")", "o", "w"}, "council voted on Tuesday."},
		{"the start moves by sentence", 0, []string{")", ")", "o", ")"}, "It will cost 84,000 euros a year!"},
		{"mid-word start takes the word", 6, []string{"w"}, "council voted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSelection(text)
			s.Begin(tc.at)
			s = press(s, tc.keys...)
			if got := s.Text(); got != tc.want {
				t.Fatalf("%v from %d: %q, want %q", tc.keys, tc.at, got, tc.want)
			}
		})
	}
}

// lines lays the text out as fixed 20-cell lines, as a render would.
type lines struct{ w int }

func (l lines) Cell(off int) (int, int, bool) {
	if off >= len(text) {
		return 0, 0, false
	}
	return off / l.w, off % l.w, true
}

func (l lines) RuneAt(line, col int) int {
	if off := line*l.w + col; off < len(text) && line >= 0 {
		return off
	}
	return -1
}

func TestSelectionExtendsByLine(t *testing.T) {
	s := NewSelection(text)
	s.SetLayout(lines{20})
	s.Begin(0)        // "The" ends at 3: line 0, column 2
	s = press(s, "j") // line 1, column 2: "voted on Tuesday." rune 22 is in "Tuesday."
	if got := s.Text(); got != "The council voted on Tuesday." {
		t.Fatalf("j: %q", s.Text())
	}
	s = press(s, "j", "k")
	if got := s.Text(); got != "The council voted on Tuesday." {
		t.Fatalf("j k: %q", got)
	}
	s = press(s, "k", "k")
	if got := s.Text(); got != "The" {
		t.Fatalf("k above the start keeps a word: %q", got)
	}
}

func TestSelectionConfirmAndCancel(t *testing.T) {
	s := NewSelection(text)
	s.Begin(0)
	s = press(s, "w", "enter")
	if in, ok := s.Intent().(SelectedMsg); !ok || in.Start != 0 || in.End != len("The council") {
		t.Fatalf("enter: %#v", in)
	}
	s = press(s, "esc")
	if _, ok := s.Intent().(CancelMsg); !ok {
		t.Fatal("esc is no CancelMsg")
	}
}

func TestDragSelectsWholeWordsEitherWay(t *testing.T) {
	s := NewSelection(text)
	s.Drag(10, 1)
	if got := s.Text(); got != "The council" {
		t.Fatalf("drag back: %q", got)
	}
}

// TestSelectionViewCountsWords: one word is "1 word", more are "words".
func TestSelectionViewCountsWords(t *testing.T) {
	s := NewSelection(text)
	s.Begin(0)
	if v := s.View(80); !strings.HasPrefix(v, "selecting 1 word “The”") {
		t.Fatalf("one word: %q", v)
	}
	if v := press(s, "w").View(80); !strings.HasPrefix(v, "selecting 2 words") {
		t.Fatalf("two words: %q", v)
	}
}
