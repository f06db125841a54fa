package nianbao

import (
	"strings"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// Folding is for matching only: the report keeps the original text.
//
// A folded rune is the rune with full-width ASCII forms narrowed
// (chars.Narrow: digits, Latin letters, （）：，．／ and the like, U+FF01–U+FF5E
// to U+0021–U+007E), white space (chars.IsSpace), quotation marks and
// Markdown emphasis stars removed, and a 、 or 。 after an ASCII digit read
// as the full stop of a list number ("1、" and "1．" match "1."). Chinese
// punctuation such as 、。《》 is otherwise kept. No table of
// golang.org/x/text/width is used: it narrows U+FF01–U+FF5E the same way,
// but would also turn the ideographic space into a space, which folding
// drops as white space.
//
// escape.go has a second, coarser fold (escapeFold) for one question only:
// whether the canonical form must escape a line of free text. It drops all
// Unicode white space and keeps quotation marks as '"'; it is built from
// the same classes of internal/chars.

// frune is a folded rune and the byte offset of the source rune it came from.
type frune struct {
	r   rune
	off int // byte offset in the decoded text
	n   int // byte length of the source rune
}

// foldRune folds one rune; ok is false when the rune is dropped.
func foldRune(r, prev rune) (rune, bool) {
	if r >= 0x4E00 && r <= 0x9FFF { // a CJK ideograph, most of the text: kept as it is
		return r, true
	}
	if r < 0x80 {
		if chars.IsSpace(r) || r == '"' || r == '\'' || r == '*' {
			return 0, false
		}
		return r, true
	}
	if chars.IsSpace(r) {
		return 0, false
	}
	switch r {
	case '“', '”', '‘', '’', '「', '」', '『', '』', '＂', '＇', '＊':
		return 0, false
	case '、', '。':
		if chars.IsASCIIDigit(prev) {
			return '.', true
		}
		return r, true
	}
	r, _ = chars.Narrow(r) // the full-width form of an ASCII character
	return r, true
}

// foldSpan folds text[start:end], appending to dst.
func foldSpan(dst []frune, text string, start, end int) []frune {
	var prev rune
	if len(dst) > 0 {
		prev = dst[len(dst)-1].r
	}
	for i := start; i < end; {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = chars.DecodeRune(text[i:end])
		}
		if f, ok := foldRune(r, prev); ok {
			dst = append(dst, frune{r: f, off: i, n: n})
			prev = f
		}
		i += n
	}
	return dst
}

// fold returns the folded form of s as a string.
func fold(s string) string {
	f, _ := foldPrefix(s, -1)
	return f
}

// foldPrefix returns the folded form of s, or when max ≥ 0 only its first
// max folded runes; truncated reports that s folds to more than max runes.
func foldPrefix(s string, max int) (f string, truncated bool) {
	var b strings.Builder
	if max < 0 || len(s) < 4*max {
		b.Grow(len(s))
	} else {
		b.Grow(4 * max)
	}
	var prev rune
	n := 0
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = chars.DecodeRune(s[i:])
		}
		i += w
		fr, ok := foldRune(r, prev)
		if !ok {
			continue
		}
		if n == max {
			return b.String(), true
		}
		b.WriteRune(fr)
		prev = fr
		n++
	}
	return b.String(), false
}

// foldRunes returns the folded runes of s.
func foldRunes(s string) []rune { return appendFoldRunes(nil, s, -1) }

// appendFoldRunes appends the folded runes of s to dst, at most max of them
// when max ≥ 0.
func appendFoldRunes(dst []rune, s string, max int) []rune {
	var prev rune
	n := 0
	for i := 0; i < len(s) && n != max; {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = chars.DecodeRune(s[i:])
		}
		i += w
		if fr, ok := foldRune(r, prev); ok {
			dst = append(dst, fr)
			prev = fr
			n++
		}
	}
	return dst
}

// firstFolded returns the first folded rune of s, or 0 when s folds to
// nothing.
func firstFolded(s string) rune {
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = chars.DecodeRune(s[i:])
		}
		i += w
		if fr, ok := foldRune(r, 0); ok {
			return fr
		}
	}
	return 0
}
