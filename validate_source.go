package nianbao

// The source text a report was parsed from, as the validator reads it when
// it is given ([Validator.Source]): to quote what the source has where the
// parser could not read it, and to tell a row the table lacks from one the
// parser did not find. Positions are the parser's: 1-based lines, columns
// in runes, in the input as given (for a web page, the HTML).

import (
	"html"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/internal/htmltext"
)

// validationSource is the decoded source with its line starts.
type validationSource struct {
	text  string
	lines []int // byte offset of each line's start
	html  bool
}

func newValidationSource(src []byte) *validationSource {
	if u, ok := fromUTF16(src); ok {
		src = u
	}
	var text string
	if htmltext.Is(src) {
		text = htmltext.Decode(src)
	} else if t, _, err := decode(src); err == nil {
		text = t
	} else {
		return nil
	}
	s := &validationSource{text: text, lines: []int{0}, html: htmltext.Is(src)}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// offset returns the byte offset of a position, clamped to the text.
func (s *validationSource) offset(p Position) int {
	if !p.IsValid() {
		return 0
	}
	if p.Line > len(s.lines) {
		return len(s.text)
	}
	off := s.lines[p.Line-1]
	for col := 1; col < p.Column && off < len(s.text) && s.text[off] != '\n'; col++ {
		_, n := utf8.DecodeRuneInString(s.text[off:])
		off += n
	}
	return off
}

// tagRe matches an HTML tag or comment, and the contents of a script or
// style element.
var tagRe = regexp.MustCompile(`(?is)<script.*?</script>|<style.*?</style>|<!--.*?-->|<[^>]*>`)

// clean returns a piece of the source as text: tags turned into line breaks
// and entities decoded when the source is HTML.
func (s *validationSource) clean(raw string) string {
	if !s.html {
		return raw
	}
	return html.UnescapeString(tagRe.ReplaceAllString(raw, "\n"))
}

// collapse turns every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, chars.IsAnySpace), " ")
}

// quoteAt returns what the source has at p: a few characters of the line
// before it and some forty after, white space collapsed, marked "…" where
// cut. Without the source it returns the fallback (what the parser kept),
// or the text the parser kept in Unrecognized at p.
func (v *validation) quoteAt(p Position, fallback string) string {
	if v.src == nil || !p.IsValid() {
		if fallback == "" {
			for _, f := range v.r.Unrecognized {
				if f.Pos == p && p.IsValid() {
					fallback = f.Text
					break
				}
			}
		}
		return truncRunes(collapse(fallback), 60)
	}
	s := v.src
	off := s.offset(p)
	lineStart := s.lines[p.Line-1]
	before := collapse(s.clean(s.text[max(lineStart, off-400):off]))
	end := min(len(s.text), off+2000)
	for end < len(s.text) && !utf8.RuneStart(s.text[end]) {
		end++
	}
	after := collapse(s.clean(s.text[off:end]))
	const nBefore, nAfter = 8, 40
	b := []rune(before)
	pre := string(b)
	if len(b) > nBefore {
		pre = "…" + string(b[len(b)-nBefore:])
	}
	if pre != "" && (s.html || strings.HasSuffix(s.text[:off], " ")) {
		pre += " "
	}
	return pre + truncRunes(after, nAfter)
}

// truncRunes cuts s to n runes, marking the cut with "…".
func truncRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// tableRegion returns the source text of the section that holds a table
// ("t2", "t3", "t4"), from its heading to the next section's, tags removed
// and white space kept; the whole source when the section has no position.
func (v *validation) tableRegion(table string) (string, int) {
	s := v.src
	if s == nil {
		return "", 0
	}
	n := sectionOf(table)
	var from, to Position
	for i, sec := range v.r.Sections {
		if sec.Number != n || !sec.Pos.IsValid() {
			continue
		}
		from = sec.Pos
		for _, next := range v.r.Sections[i+1:] {
			if next.Pos.IsValid() && posLess(from, next.Pos) {
				to = next.Pos
				break
			}
		}
		break
	}
	start, end := 0, len(s.text)
	if from.IsValid() {
		start = s.offset(from)
	}
	if to.IsValid() {
		end = s.offset(to)
	}
	if end < start {
		end = len(s.text)
	}
	return s.clean(s.text[start:end]), start
}

// position returns the position of a byte offset.
func (s *validationSource) position(off int) Position {
	line := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) // 1-based line
	return Position{Line: line, Column: utf8.RuneCountInString(s.text[s.lines[line-1]:off]) + 1}
}
