package nianbao

import (
	"strconv"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
)

// quote is strconv.Quote (what %q writes for a string), without its
// per-rune table lookups for the common case: text of printable ASCII and
// Chinese characters, which needs no escapes. Warnings quote labels and
// values of every table row, so this is on the parser's hot path.
func quote(s string) string { return quoteIn("", s, "") }

// quoteIn is before + quote(s) + after, made with one allocation when s
// needs no escapes.
func quoteIn(before, s, after string) string {
	if !plain(s) {
		return before + strconv.Quote(s) + after
	}
	return before + `"` + s + `"` + after
}

// plain reports whether strconv.Quote leaves s as it is between its quotes.
func plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c > '~' || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !plainRune(r) {
			return false
		}
		i += n
	}
	return true
}

// plainRune reports whether r is a CJK ideograph or common Chinese
// punctuation: printable, so strconv.Quote keeps it as it is (TestQuote
// checks them all).
func plainRune(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs
		return true
	case chars.IsFullWidthASCII(r):
		return true
	case r >= 0x3001 && r <= 0x3011: // 、。〃〄々〆〇〈〉《》「」『』【】
		return true
	}
	switch r {
	case '“', '”', '‘', '’', '—', '…', '·':
		return true
	}
	return false
}
