package nianbao

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// claim says what became of a byte of the decoded input. Every byte of a
// non-space rune must end up claimed; the accounting test checks it.
type claim uint8

const (
	claimNone    claim = iota
	claimText          // kept as text: title, preamble, heading, section text, signature
	claimLabel         // a table label matched against the catalog
	claimValue         // a table cell value
	claimMarkup        // structure: table delimiters, Markdown markers, rule lines, escapes
	claimUnknown       // kept in Report.Unrecognized
)

// source is the decoded input with a line index and the claim of every byte.
type source struct {
	text      string
	lineStart []int // byte offset of the start of each line
	claims    []claim

	// cursor for pos: positions are mostly asked for in increasing order, so
	// counting runes from the last answer keeps pos linear overall.
	curLine, curOff, curCol int
	hint                    int // the line lineOf found last
	// formFeeds are the offsets of the text's form feeds, found once on
	// first use (pageOf); feedsFound says they were.
	formFeeds  []int
	feedsFound bool
}

func newSource(text string) *source {
	starts := make([]int, 1, strings.Count(text, "\n")+1)
	s := &source{text: text, lineStart: starts, claims: make([]claim, len(text))}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		s.lineStart = append(s.lineStart, i)
	}
	s.curLine = -1
	return s
}

// numLines returns the number of lines.
func (s *source) numLines() int { return len(s.lineStart) }

// line returns line i (0-based) without its newline, and its start offset.
func (s *source) line(i int) (string, int) {
	start := s.lineStart[i]
	end := len(s.text)
	if i+1 < len(s.lineStart) {
		end = s.lineStart[i+1] - 1
	}
	return s.text[start:end], start
}

// lineOf returns the 0-based line holding byte offset off.
func (s *source) lineOf(off int) int {
	// Offsets are mostly asked for in increasing order: try the line of
	// the last answer and the few after it before searching.
	for h := s.hint; h < len(s.lineStart) && h <= s.hint+4; h++ {
		if s.lineStart[h] <= off && (h+1 == len(s.lineStart) || off < s.lineStart[h+1]) {
			s.hint = h
			return h
		}
	}
	ln := sort.Search(len(s.lineStart), func(i int) bool { return s.lineStart[i] > off }) - 1
	if ln >= 0 {
		s.hint = ln
	}
	return ln
}

// pos returns the 1-based line and rune column of byte offset off.
func (s *source) pos(off int) Position {
	if off < 0 || off > len(s.text) {
		return Position{}
	}
	ln := s.lineOf(off)
	if ln != s.curLine || off < s.curOff {
		s.curLine, s.curOff, s.curCol = ln, s.lineStart[ln], 1
	}
	s.curCol += utf8.RuneCountInString(s.text[s.curOff:off])
	s.curOff = off
	return Position{Line: ln + 1, Column: s.curCol}
}

// mark claims the bytes [start, end) as k, without overriding earlier claims.
func (s *source) mark(start, end int, k claim) {
	end = min(end, len(s.claims))
	if start >= end {
		return
	}
	cl := s.claims[start:end]
	for i, c := range cl {
		if c == claimNone {
			cl[i] = k
		}
	}
}

// claimed is the claim on the first byte of sp that is not white space.
func (s *source) claimed(sp srcSpan) claim {
	sp = s.trimSpan(sp)
	if sp.start >= min(sp.end, len(s.claims)) {
		return claimNone
	}
	return s.claims[sp.start]
}

// release takes back the claims on sp, so that it can be claimed anew.
func (s *source) release(sp srcSpan) {
	end := min(sp.end, len(s.claims))
	for i := sp.start; i < end; i++ {
		s.claims[i] = claimNone
	}
}

// srcSpan is a piece of the decoded text: [start, end) byte offsets.
type srcSpan struct{ start, end int }

func (s *source) str(sp srcSpan) string { return s.text[sp.start:sp.end] }

// trimSpan shrinks sp to exclude leading and trailing white space.
func (s *source) trimSpan(sp srcSpan) srcSpan {
	for sp.start < sp.end {
		n := chars.SpaceLen(s.text[sp.start:sp.end]) // decodes only a rune that may be a space
		if n == 0 {
			break
		}
		sp.start += n
	}
	for sp.end > sp.start {
		r, n := utf8.DecodeLastRuneInString(s.text[sp.start:sp.end])
		if !chars.IsSpace(r) {
			break
		}
		sp.end -= n
	}
	return sp
}

// isBlank reports whether s holds only white space.
func isBlank(s string) bool { return strings.TrimFunc(s, chars.IsSpace) == "" }
