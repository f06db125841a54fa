package htmltext

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// The conversion is tested end to end in the root package (htmltext_test.go:
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
	parts := []string{"display", "visibility", ":", " ", "none", "hidden", "NoNe", "HiDdEn", "ſ", "\u212a", "n", "h", "-", "x", "\t", "\n", "\v", "\f", "\r", "border", "y", "Y", "ý"}
	pick := func(ws ...string) string { return ws[rnd.IntN(len(ws))] }
	for range 50000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			if rnd.IntN(2) == 0 {
				b.WriteString(parts[rnd.IntN(len(parts))])
				continue
			}
			// A declaration, mostly of the two properties that hide.
			b.WriteString(pick("display", "DISPLAY", "diſplay", "viſibility", "visibility", "border", "mso-y", "x-Y", ""))
			b.WriteString(pick("", " ", "\t", "\n ", "\v"))
			b.WriteString(pick(":", ":", "", "=", "::"))
			b.WriteString(pick("", " ", "\f", "\r\n", "\v"))
			b.WriteString(pick("none", "hidden", "NONE", "Hidden", "\u212anone", "block", "hid", "non", ""))
			b.WriteString(pick(";", "", " ", "!important;"))
		}
		styles = append(styles, b.String())
	}
	hidden := 0
	for _, s := range styles {
		if hiddenStyle.MatchString(s) {
			hidden++
			if !mayHide(s) {
				t.Errorf("mayHide(%q) = false, but hiddenStyle matches", s)
			}
		}
	}
	if hidden < 2000 {
		t.Errorf("only %d of the styles tried hide", hidden)
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
	for _, s := range []string{"", "a", "\n", "ab\ncd", "规章\n\n行政\xff\n许可", "\xe4\xb8\n", "x\n", "\n规", "规\n章\n", "<td style=\"规\">\n\t规章", "0123456规章 ab\u00a0c\U0001F600xyz\n规章0123456789"} {
		starts := []tracker{{line: 1, col: 1}, {line: 3, col: 7, idx: 5}}
		if utf8.ValidString(s) {
			starts = append(starts, tracker{line: 1, col: 1, valid: true}, tracker{line: 3, col: 7, idx: 5, valid: true})
		}
		for _, start := range starts {
			want, got := start, start
			for _, r := range s {
				want.step(r, 0)
			}
			got.skip(s)
			if got.line != want.line || got.col != want.col || got.idx != want.idx {
				t.Errorf("skip(%q) from %+v = %+v, want %+v", s, start, got, want)
			}
		}
	}
}

// TestTrackerLazy: a tracker following its text lazily (doc set) gives the
// positions one counting as it goes does, however the text is stepped
// over: tokens skipped, runes stepped, runs advanced, positions asked for
// anywhere.
func TestTrackerLazy(t *testing.T) {
	texts := []string{"规章\n\n行政\xff\n许可", "\xe4\xb8\n<", "<td style=\"规\">\n\t规章 ab\u00a0c\U0001F600xyz\n规章0123456789"}
	for _, p := range tagSoups(t)[:4] {
		texts = append(texts, p[:min(len(p), 5000)])
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	for _, s := range texts {
		for range 200 {
			valid := utf8.ValidString(s) && rnd.IntN(2) == 0
			boundary := make([]bool, len(s)+1) // where the runes of s start, and its end
			for i := 0; i < len(s); {
				boundary[i] = true
				_, size := utf8.DecodeRuneInString(s[i:])
				i += size
			}
			boundary[len(s)] = true
			eager := tracker{line: 1, col: 1, valid: valid}
			lazy := tracker{line: 1, col: 1, valid: valid, doc: s}
			for i := 0; i < len(s); {
				switch rnd.IntN(4) {
				case 0: // a token, which ends where a rune of the text does (tokens end at ASCII bytes)
					n := min(len(s)-i, rnd.IntN(40))
					for !boundary[i+n] {
						n++
					}
					eager.skip(s[i : i+n])
					lazy.skip(s[i : i+n])
					i += n
				case 1: // a rune
					r, size := utf8.DecodeRuneInString(s[i:])
					eager.step(r, size)
					lazy.step(r, size)
					i += size
				case 2: // a run without newlines, in valid text
					j, n := i, 0
					for j < len(s) && s[j] != '\n' && valid && n < 10 {
						_, size := utf8.DecodeRuneInString(s[j:])
						j += size
						n++
					}
					eager.adv(j-i, n)
					lazy.adv(j-i, n)
					i = j
				case 3:
					if got, want := lazy.pos(), eager.pos(); got != want {
						t.Fatalf("at %d of %q: lazy %v, eager %v", i, s, got, want)
					}
				}
			}
			if got, want := lazy.pos(), eager.pos(); got != want {
				t.Fatalf("at the end of %q: lazy %v, eager %v", s, got, want)
			}
		}
	}
}

// tagSoups are the pages under testdata and random tag soup: tags in any
// case, with NUL bytes, odd white space, long names, attributes without
// values, quotes left open.
func tagSoups(t *testing.T) []string {
	var out []string
	for _, pat := range []string{"../../testdata/html/*.html", "../../testdata/corpus/*.htm*", "../../testdata/corpus/*_html.txt"} {
		fs, _ := filepath.Glob(pat)
		for _, f := range fs {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(b))
		}
	}
	// Random tags: a name and attributes, each in random case, with random
	// separators, values and stray bytes.
	names := []string{"td", "tr", "table", "p", "span", "o:p", "x\x00y", "规", "aaaaaaaaaaaaaaaaaaaa", "script", "br"}
	attrs := []string{"style", "hidden", "colspan", "rowspan", "class", "ſtyle", "sty\x00le", "data-span", "x"}
	values := []string{"", "=1", "='display:none'", "=\"2\"", "=hidden", "=\"a>b\"", "='"}
	seps := []string{" ", "\t", "\n", "\r", "\f", "/", " / ", "\x00"}
	randCase := func(rnd *rand.Rand, s string) string {
		b := []byte(s)
		for i := range b {
			if rnd.IntN(2) == 0 && b[i] >= 'a' && b[i] <= 'z' {
				b[i] -= 'a' - 'A'
			}
		}
		return string(b)
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		var b strings.Builder
		for range rnd.IntN(6) + 1 {
			b.WriteString("规<")
			if rnd.IntN(4) == 0 {
				b.WriteString("/")
			}
			b.WriteString(randCase(rnd, names[rnd.IntN(len(names))]))
			for range rnd.IntN(4) {
				b.WriteString(seps[rnd.IntN(len(seps))])
				b.WriteString(randCase(rnd, attrs[rnd.IntN(len(attrs))]))
				b.WriteString(values[rnd.IntN(len(values))])
			}
			if rnd.IntN(3) == 0 {
				b.WriteString(seps[rnd.IntN(len(seps))])
			}
			b.WriteString(">")
		}
		out = append(out, b.String())
	}
	return out
}

// TestASCIICollapsible: asciiCollapsible is chars.IsCollapsible on ASCII.
func TestASCIICollapsible(t *testing.T) {
	for b := range byte(0x80) {
		if asciiCollapsible(b) != chars.IsCollapsible(rune(b)) {
			t.Errorf("asciiCollapsible(%q) = %v", b, asciiCollapsible(b))
		}
	}
}

// TestRunesIn: runesIn counts the runes of valid UTF-8 as
// utf8.RuneCountInString does.
func TestRunesIn(t *testing.T) {
	pieces := []string{"a", "\n", "规", "\u00a0", "\U0001F600", "é", "<td>", " "}
	rnd := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		var b strings.Builder
		for range rnd.IntN(40) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := runesIn(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("runesIn(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestElementClasses: the classes of the elements table agree with each
// other and with HTML: the void elements are the standard's, headings are
// h1–h6 and blocks, preformatted elements are blocks, elements that may
// embed a report are skipped ones; names not in the table (inline
// elements, upper case, "") have none.
func TestElementClasses(t *testing.T) {
	void := map[string]bool{}
	for _, n := range strings.Fields("area base br col embed hr img input link meta param source track wbr") {
		void[n] = true
	}
	for n := range void {
		if classOf(n)&elVoid == 0 {
			t.Errorf("classOf(%q) lacks elVoid", n)
		}
	}
	for n := range knownNames {
		c := classOf(n)
		isHeading := len(n) == 2 && n[0] == 'h' && '1' <= n[1] && n[1] <= '6'
		for _, x := range []struct {
			what string
			ok   bool
		}{
			{"void as HTML says", c&elVoid != 0 == void[n]},
			{"a heading is h1–h6", c&elHeading != 0 == isHeading},
			{"a heading is a block", c&elHeading == 0 || c&elBlock != 0},
			{"preformatted is a block", c&elPre == 0 || c&elBlock != 0},
			{"embedding is skipped", c&elEmbeds == 0 || c&elSkip != 0},
			{"a table part is no block", c&(elTable|elRow|elCell) == 0 || c&elBlock == 0},
			{"Invisible is elSkip", Invisible(n) == (c&elSkip != 0)},
		} {
			if !x.ok {
				t.Errorf("%s: %q has class %b", x.what, n, c)
			}
		}
	}
	for _, n := range []string{"", "span", "font", "a", "o:p", "h7", "Script", "P", "tbody"} {
		if c := classOf(n); c != 0 {
			t.Errorf("classOf(%q) = %b, want 0", n, c)
		}
	}
	for n, want := range map[string]elemClass{"table": elTable, "tr": elRow, "td": elCell, "th": elCell,
		"p": elBlock, "div": elBlock, "br": elBlock | elVoid, "script": elSkip | elEmbeds, "style": elSkip} {
		if c := classOf(n); c != want {
			t.Errorf("classOf(%q) = %b, want %b", n, c, want)
		}
	}
}
