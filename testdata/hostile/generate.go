//go:build ignore

// generate writes the hostile content set: every string a content author
// controls carries terminal escape sequences and other control characters.
// Run it from this folder: go run generate.go
package main

import (
	"encoding/json"
	"log"
	"os"
	"strings"
)

// The payloads. Each must reach the terminal only as visible placeholders.
var payloads = []string{
	"\x1b]0;pwned-title\x07",                                  // OSC 0: set the window title
	"\x1b]2;pwned-title2\x1b\\",                               // OSC 2 with an ST terminator
	"\x1b]52;c;cHduZWQtY2xpcGJvYXJk\x07",                      // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example/x\x1b\\click\x1b]8;;\x1b\\", // OSC 8 link with a hidden target
	"\x1b[2J\x1b[H",                                           // CSI 2J: clear the screen, cursor home
	"\x1b[?1049l",                                             // leave the alternate screen
	"\x1b[6n",                                                 // ask for the cursor position (reply injection)
	"\x1bP+q544e\x1b\\",                                       // DCS (XTGETTCAP)
	"\x1b_Gf=100;pwned\x1b\\",                                 // APC (kitty graphics)
	"\x1bc",                                                   // RIS: reset the terminal
	"\u009b2J",                                                // C1 CSI: clear the screen
	"\u009d0;c1-title\u009c",                                  // C1 OSC and ST: window title
	"\u202etxt.exe\u202c",                                     // bidi override
	"\u2066isolated\u2069",                                    // bidi isolate
	"bell\x07back\x08\x08del\x7fcr\roverwritten",              // BEL, BS, DEL, CR
}

// mix puts the payloads into s, one per gap, starting at payload i.
func mix(s string, i int) string {
	return s + " " + payloads[i%len(payloads)] + " end"
}

func main() {
	var art strings.Builder
	art.WriteString("# Hostile " + payloads[0] + " article\n\n")
	art.WriteString("*Every string in this content set carries terminal escape sequences.*\n\n")
	for i, p := range payloads {
		art.WriteString("Paragraph " + itoa(i) + " holds payload number " + itoa(i) + " here: " + p + " and goes on after it.\n\n")
	}
	art.WriteString("## A heading " + payloads[4] + " with a clear\n\n")
	art.WriteString("- a list item " + payloads[5] + " leaving the alternate screen\n")
	art.WriteString("- a list item with `code " + payloads[2] + " span`\n\n")
	art.WriteString("A [link with a hidden target](file:///etc/passwd) and [https://good.example](https://evil.example/phish) " +
		"and [script](javascript:alert(1)) and an image ![tracker](https://evil.example/t.png).\n\n")
	art.WriteString("```\ncode block " + payloads[1] + " " + payloads[10] + "\n```\n\n")
	art.WriteString("> a quote " + payloads[11] + " " + payloads[12] + "\n")
	if err := os.WriteFile("article.md", []byte(art.String()), 0o644); err != nil {
		log.Fatal(err)
	}

	type obj = map[string]any
	nodes := []obj{}
	kinds := []string{"claim", "skeptic", "counterpoint"}
	for i := range payloads {
		k := kinds[i%3]
		id := k + "-" + string(rune('a'+i))
		n := obj{
			"id": id, "kind": k,
			"summary": mix("Summary "+itoa(i), i),
			"text":    mix("Text of node "+itoa(i)+" with a [hidden link](file:///etc/shadow) and", i+1) + "\n\nSecond " + payloads[(i+2)%len(payloads)] + " paragraph.",
			"speaker": mix("Speaker", i+3),
			"tags":    []string{mix("tag", i+4), mix("tag2", i+5)},
			"anchors": []obj{{"exact": "holds payload number " + itoa(i) + " here: " + payloads[i]}},
			"sources": []string{"src-" + string(rune('a'+i%3))},
		}
		if k == "claim" {
			n["rating"] = obj{"label": mix("Label", i+6), "explanation": mix("Explanation", i+7)}
		}
		nodes = append(nodes, n)
	}
	links := []obj{}
	for i := range payloads {
		if i%3 == 0 {
			continue
		}
		from := kinds[i%3] + "-" + string(rune('a'+i))
		to := kinds[i%3-1] + "-" + string(rune('a'+i-1))
		links = append(links, obj{"from": from, "to": to, "type": "attacks", "note": mix("Link note", i+8)})
	}
	sources := []obj{
		{"id": "src-a", "title": mix("Source A", 0), "publisher": mix("Publisher", 1), "url": "https://example.org/a"},
		{"id": "src-b", "title": mix("Source B", 2), "publisher": mix("Publisher", 3), "url": "https://example.org/\u202etxt.exe"},
		{"id": "src-c", "title": mix("Source C", 4), "publisher": mix("Publisher", 5), "url": "http://example.org/c?q=\u009b2J"},
	}
	steps := []obj{}
	for i := range payloads {
		steps = append(steps, obj{"node": nodes[i]["id"], "title": mix("Step", i), "notes": mix("Speaker notes", i+1) + "\n\nwith a [link](javascript:alert(1))"})
	}
	file := obj{
		"schemaVersion": 1,
		"article": obj{"path": "article.md", "title": mix("Hostile title", 0), "author": mix("Author", 1),
			"publisher": mix("Publisher", 2), "published": "2026-01-01", "url": "https://example.org/hostile"},
		"reviewer": obj{"name": mix("Reviewer", 6), "url": "https://example.org/reviews"},
		"sources":  sources,
		"nodes":    nodes,
		"links":    links,
		"tours":    []obj{{"id": "main", "title": mix("Tour", 3), "steps": steps}},
	}
	data, err := json.MarshalIndent(file, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("claims.json", append(data, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
