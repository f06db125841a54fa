package nianbao

import (
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Folding is for matching only: the report keeps the original text.
//
// A folded rune is the rune with full-width ASCII forms narrowed (digits,
// Latin letters, （）：，．／ and the like, via golang.org/x/text/width),
// white space, quotation marks and Markdown emphasis stars removed, and a 、
// or 。 after an ASCII digit read as the full stop of a list number
// ("1、" and "1．" match "1."). Chinese punctuation such as 、。《》 is
// otherwise kept.

// frune is a folded rune and the byte offset of the source rune it came from.
type frune struct {
	r   rune
	off int // byte offset in the decoded text
	n   int // byte length of the source rune
}

// foldRune folds one rune; ok is false when the rune is dropped.
func foldRune(r, prev rune) (rune, bool) {
	if isSpace(r) {
		return 0, false
	}
	switch r {
	case '“', '”', '‘', '’', '"', '\'', '「', '」', '『', '』', '＂', '＇', '*', '＊':
		return 0, false
	case '、', '。':
		if prev >= '0' && prev <= '9' {
			return '.', true
		}
		return r, true
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		if f := width.LookupRune(r).Folded(); f != 0 {
			return f, true
		}
	}
	return r, true
}

// foldSpan folds text[start:end], appending to dst.
func foldSpan(dst []frune, text string, start, end int) []frune {
	var prev rune
	if len(dst) > 0 {
		prev = dst[len(dst)-1].r
	}
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
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
	fr := foldSpan(nil, s, 0, len(s))
	b := make([]rune, len(fr))
	for i, f := range fr {
		b[i] = f.r
	}
	return string(b)
}

// foldRunes returns the folded runes of s.
func foldRunes(s string) []rune { return []rune(fold(s)) }
