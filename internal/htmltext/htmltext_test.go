package htmltext

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// The conversion is tested end to end in the root package (htmlread_test.go:
// the text of small pages and of the pages under testdata, every position
// mapped back, the visible text kept); these are tests of its parts.

func TestHTMLLayoutColumn(t *testing.T) {
	// A two-column page layout whose content column is paragraphs, not a
	// value: its paragraphs stay lines.
	var b strings.Builder
	b.WriteString(`<table><tr><td>栏目</td><td>`)
	for i := 1; i <= htmlBlockCell; i++ {
		b.WriteString("<p>第" + string(rune('0'+i)) + "段</p>")
	}
	b.WriteString(`</td></tr></table>`)
	got, _ := ToText([]byte(b.String()))
	if want := "栏目\n第1段\n第2段\n第3段\n第4段\n第5段\n第6段\n"; string(got) != want {
		t.Errorf("ToText = %q, want %q", got, want)
	}
	// Tables nested deeper than htmlMaxTables: the inner ones are read as
	// text, and their end tags do not close the outer tables.
	deep := strings.Repeat("<table><tr><td>x</td><td>", htmlMaxTables+3) + "y" + strings.Repeat("</td></tr></table>", htmlMaxTables+3) + "<p>z</p>"
	got, _ = ToText([]byte(deep))
	if !strings.HasSuffix(string(got), "z\n") || strings.Count(string(got), "x") != htmlMaxTables+3 {
		t.Errorf("deeply nested tables: %q", got)
	}
}

// TestMayHide: a style mayHide rejects never matches hiddenStyle.
func TestMayHide(t *testing.T) {
	styles := []string{"display:none", "DISPLAY : NONE", "visibility:hidden", "VISIBILITY:HIDDEN", "diſplay:none",
		"mso-font-kerning:1.0pt", "display:block", "visibility: visible", "", "nonE", "hidde", "hiddeN;x", "display:\u212anone"}
	rnd := rand.New(rand.NewPCG(3, 4))
	parts := []string{"display", "visibility", ":", " ", "none", "hidden", "NoNe", "HiDdEn", "ſ", "\u212a", "n", "h", "-", "x"}
	for range 5000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		styles = append(styles, b.String())
	}
	for _, s := range styles {
		if hiddenStyle.MatchString(s) && !mayHide([]byte(s)) {
			t.Errorf("mayHide(%q) = false, but hiddenStyle matches", s)
		}
	}
}

// TestIsBlankBytes: isBlankBytes(l) is len(bytes.TrimSpace(l)) == 0.
func TestIsBlankBytes(t *testing.T) {
	for _, s := range []string{"", " ", "\t\r\n\v\f ", "\u3000", "\u00a0", "\u0085", " a ", "规章", " \u3000x", "\xff", " \xc2", "\u200b", "\u2028 "} {
		if got, want := isBlankBytes([]byte(s)), len(bytes.TrimSpace([]byte(s))) == 0; got != want {
			t.Errorf("isBlankBytes(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTrackerSkip: skip counts as stepping over each rune does.
func TestTrackerSkip(t *testing.T) {
	for _, s := range []string{"", "a", "\n", "ab\ncd", "规章\n\n行政\xff\n许可", "\xe4\xb8\n", "x\n", "\n规"} {
		for _, start := range []tracker{{line: 1, col: 1}, {line: 3, col: 7, idx: 5}} {
			want, got := start, start
			for _, r := range s {
				want.step(r)
			}
			got.skip([]byte(s))
			if got.line != want.line || got.col != want.col || got.idx != want.idx {
				t.Errorf("skip(%q) from %+v = %+v, want %+v", s, start, got, want)
			}
		}
	}
}
