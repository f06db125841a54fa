// Package noise mangles the text of annual reports the way publishing does:
// line ends and byte-order marks, GB18030 re-encoding, table delimiters
// switched between pipes, tabs, runs of spaces and one cell per line,
// full-width and half-width characters swapped in tables, labels broken
// across lines or spelled vertically, page numbers and form feeds from PDF
// extraction, and Markdown decoration.
//
// Every function is deterministic: those that choose where to act take a
// *rand.Rand, so a test reproduces a failure from its seed. A rapid property
// draws the seed and builds the generator with [New]:
//
//	rng := noise.New(rapid.Uint64().Draw(t, "seed"))
//
// The functions work on text lines and know nothing about the parser. A
// "table line" is a line that contains a pipe or a tab and does not start
// with a backslash (the canonical form's escape for text lines).
package noise

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opengovcn/nianbao/internal/chars"
)

// New returns a deterministic random generator for seed.
func New(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6e69616e62616f)) }

// CRLF converts LF line ends to CRLF.
func CRLF(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// BOM prefixes a UTF-8 byte-order mark.
func BOM(s string) string { return "\uFEFF" + s }

// GB18030 re-encodes UTF-8 text as GB18030, as many Chinese government sites
// serve it.
func GB18030(s string) ([]byte, error) {
	return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
}

// Style is a way of delimiting table cells.
type Style int

// Table styles.
const (
	Pipe        Style = iota // "| a | b |"
	Tab                      // "a\tb"
	Spaces                   // "a  b" (PDF text); blank cells cannot be written
	CellPerLine              // each cell on its own line ending in " |" (web pages copied cell by cell)
)

// String names the style.
func (s Style) String() string {
	return [...]string{"pipe", "tab", "spaces", "cell-per-line"}[s]
}

// IsTableLine reports whether a line is a table line: it has a pipe or a tab
// and does not start with a backslash.
func IsTableLine(line string) bool {
	return !strings.HasPrefix(line, `\`) && (strings.ContainsAny(line, "|\t"))
}

// isSeparator reports whether a line is a Markdown table header separator.
func isSeparator(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "|") && strings.Trim(t, "|-: ") == "" && strings.Contains(t, "---")
}

// Cells splits a table line into cells: pipes (with \| and \\ escapes kept
// as written) or tabs; the empty cells outside a leading or trailing pipe
// are not cells.
func Cells(line string) []string {
	if !strings.ContainsRune(line, '|') {
		return strings.Split(line, "\t")
	}
	var cells []string
	start := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, line[start:i])
			start = i + 1
		}
	}
	cells = append(cells, line[start:])
	if strings.TrimSpace(cells[0]) == "" && strings.HasPrefix(strings.TrimSpace(line), "|") {
		cells = cells[1:]
	}
	if n := len(cells); n > 0 && strings.TrimSpace(cells[n-1]) == "" && strings.HasSuffix(strings.TrimSpace(line), "|") {
		cells = cells[:n-1]
	}
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// Tables rewrites every table line in style. Markdown header separators are
// dropped. With Spaces, a row with an empty cell after its first cell cannot
// be written (the blank would vanish): Tables then returns ok false and the
// text unchanged.
func Tables(s string, style Style) (out string, ok bool) {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if !IsTableLine(line) {
			b.WriteString(line)
			continue
		}
		if isSeparator(line) {
			if style == Pipe {
				b.WriteString(line)
			}
			continue
		}
		cells := Cells(line)
		switch style {
		case Pipe:
			b.WriteString("| " + strings.Join(cells, " | ") + " |")
		case Tab:
			b.WriteString(strings.Join(cells, "\t"))
		case Spaces:
			for j, c := range cells {
				if c == "" && j > 0 {
					return s, false
				}
				if strings.Contains(c, `\|`) {
					return s, false
				}
			}
			b.WriteString(strings.Join(cells, "  "))
		case CellPerLine:
			for j, c := range cells {
				if j > 0 {
					b.WriteByte('\n')
				}
				if c == "" {
					b.WriteString("|")
				} else {
					b.WriteString(c + " |")
				}
			}
		}
	}
	return b.String(), true
}

// widened is the ASCII punctuation Width turns full-width and back.
const widened = "():,./-;"

// Width swaps the width of digits and punctuation in table lines: in each
// table line, with probability one half, ASCII digits and ASCII punctuation
// become full-width, otherwise full-width ones become ASCII. Text lines are
// left alone.
func Width(s string, rng *rand.Rand) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if !IsTableLine(line) {
			continue
		}
		wide := rng.IntN(2) == 0
		var b strings.Builder
		for j := 0; j < len(line); {
			r, n := utf8.DecodeRuneInString(line[j:])
			if r == '\\' && j+1 < len(line) {
				b.WriteString(line[j : j+2]) // keep escapes as they are
				j += 2
				continue
			}
			j += n
			// Digits and the punctuation of widened change width;
			// letters and other characters do not.
			switch {
			case wide && (chars.IsASCIIDigit(r) || strings.ContainsRune(widened, r)):
				r, _ = chars.Widen(r)
			case !wide:
				if n, ok := chars.Narrow(r); ok && (chars.IsASCIIDigit(n) || strings.ContainsRune(widened, n)) {
					r = n
				}
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// BreakLabels breaks the first cell of table lines whose first cell is
// label text across lines, as PDF extraction does: each label of at least
// two runes is broken with probability p at one random point; with
// probability p/4 it is spelled vertically, one rune a line. It is meant for
// pipe tables, where a cell may span lines.
func BreakLabels(s string, p float64, rng *rand.Rand) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if !IsTableLine(line) || !strings.ContainsRune(line, '|') || isSeparator(line) {
			continue
		}
		lead := strings.Index(line, "|")
		start := lead + 1
		if strings.TrimSpace(line[:lead]) != "" {
			start = 0
		}
		end := strings.Index(line[start:], "|")
		if end < 0 {
			continue
		}
		end += start
		cell := strings.TrimSpace(line[start:end])
		rs := []rune(cell)
		if len(rs) < 2 || strings.ContainsRune(cell, '\\') {
			continue
		}
		var broken string
		switch x := rng.Float64(); {
		case x < p/4:
			broken = strings.Join(strings.Split(cell, ""), "\n")
		case x < p:
			k := 1 + rng.IntN(len(rs)-1)
			broken = string(rs[:k]) + "\n" + string(rs[k:])
		default:
			continue
		}
		lines[i] = line[:start] + " " + broken + " " + line[end:]
	}
	return strings.Join(lines, "\n")
}

// PageNumbers inserts page-number lines ("- 3 -") and form feeds between
// lines, about one every n lines, numbering pages from 1.
func PageNumbers(s string, n int, rng *rand.Rand) string {
	if n < 1 {
		n = 1
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	page := 1
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		if i < len(lines)-1 && rng.IntN(n) == 0 {
			switch rng.IntN(3) {
			case 0:
				b.WriteString("\n- " + strconv.Itoa(page) + " -")
			case 1:
				b.WriteString("\n\f")
			default:
				b.WriteString("\n\f- " + strconv.Itoa(page) + " -")
			}
			page++
		}
	}
	return b.String()
}

// Markdown decorates the text: lines that start like a numbered section
// heading (一、 … 六、, short, no full stop) become Markdown headings of a
// random level, table captions (第二十条第…项) are set in bold, and a
// horizontal rule goes before some headings. Lines already decorated are
// left alone.
func Markdown(s string, rng *rand.Rand) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		t := strings.TrimSpace(line)
		switch {
		case isHeadingLike(t):
			if rng.IntN(3) == 0 {
				b.WriteString("---\n\n")
			}
			b.WriteString(strings.Repeat("#", 1+rng.IntN(4)) + " ")
			if rng.IntN(2) == 0 {
				t = "**" + t + "**"
			}
			b.WriteString(t)
		case strings.HasPrefix(t, "第二十条第") && !IsTableLine(t):
			b.WriteString("**" + t + "**")
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}

func isHeadingLike(t string) bool {
	if utf8.RuneCountInString(t) > 30 || chars.ContainsAny(t, "。|\t#*\\") {
		return false
	}
	for _, p := range []string{"一、", "二、", "三、", "四、", "五、", "六、", "七、"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
