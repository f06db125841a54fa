// Package chars defines, once, the classes of characters that nianbao reads
// report text with: white space, digits, the Chinese numerals of headings
// and list numbers, full-width forms, and Chinese characters. The parser,
// its front ends and the renderer compose these; no other package defines a
// set of its own.
//
// The white-space classes differ on purpose, each for the text it serves,
// and each is written in terms of [IsSpace]:
//
//   - [IsSpace]: white space as the parser reads a report (ASCII white
//     space, the no-break and ideographic spaces, the en, em, thin and
//     zero-width spaces, the byte-order mark).
//   - [IsAnySpace]: IsSpace or Unicode white space; what free text is
//     trimmed of when it is written and compared.
//   - [IsInlineSpace] and [IsBreakingSpace]: the white space between the
//     pieces of one line of a page's text, with and without the no-break
//     space (which such text keeps for a blank table cell, &nbsp;).
//   - [IsCollapsible]: the white space of an HTML page's text that a
//     browser collapses into one space.
//
// The package also has the fast path for decoding the three-byte runes most
// of a report is made of ([DecodeRune]), so no other file decodes UTF-8 by
// hand.
package chars

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NoBreakSpace is U+00A0. A web page writes one for each blank table cell
// (&nbsp;), and text copied from the page keeps it.
const NoBreakSpace = '\u00a0'

// IsSpace reports whether r is white space as the parser reads it: ASCII
// white space, the no-break space, the ideographic space U+3000, the en, em
// and thin spaces, the zero-width space and the byte-order mark.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200b', '\ufeff':
		return true
	}
	return false
}

// IndexSpace is strings.IndexFunc(s, IsSpace) without decoding every rune:
// a space rune starts with an ASCII byte or one of 0xC2, 0xE2, 0xE3, 0xEF,
// none of which continues a rune, so only runes starting so are decoded.
func IndexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if IsSpace(rune(c)) {
				return i
			}
		case c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF:
			if r, _ := utf8.DecodeRuneInString(s[i:]); IsSpace(r) {
				return i
			}
		}
	}
	return -1
}

// SpaceLen returns the byte length of the space rune (IsSpace) s starts
// with, or 0 when s starts with no space.
func SpaceLen(s string) int {
	if s == "" {
		return 0
	}
	switch c := s[0]; {
	case c < utf8.RuneSelf:
		if IsSpace(rune(c)) {
			return 1
		}
	case c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF:
		if r, n := utf8.DecodeRuneInString(s); IsSpace(r) {
			return n
		}
	}
	return 0
}

// IsAnySpace reports whether r is white space by IsSpace or by Unicode
// (unicode.IsSpace adds U+0085, U+1680, U+2000–U+200A, U+2028, U+2029,
// U+202F, U+205F): what free text is trimmed of when the canonical form
// writes it and when the validator reads it.
func IsAnySpace(r rune) bool { return IsSpace(r) || unicode.IsSpace(r) }

// IsUnicodeSpace reports whether r is white space by Unicode's White_Space
// property (unicode.IsSpace): the set the PDF reader drops between glyphs
// and the HTML reader's text collapses, kept here with the others.
func IsUnicodeSpace(r rune) bool { return unicode.IsSpace(r) }

// IsUnicodeDigit reports whether r is a decimal digit of any script
// (unicode.IsDigit): the validator's series keys keep them.
func IsUnicodeDigit(r rune) bool { return unicode.IsDigit(r) }

// IsBreakingSpace reports whether r is a space, a TAB or the ideographic
// space: the white space between the pieces of one line of text at which a
// line may break. It is IsInlineSpace without the no-break space.
func IsBreakingSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }

// IsInlineSpace reports whether r is white space inside one line of a web
// page's text: a breaking space (IsBreakingSpace) or the no-break space.
func IsInlineSpace(r rune) bool { return IsBreakingSpace(r) || r == NoBreakSpace }

// StartsInlineSpace reports whether byte c can start the UTF-8 of an
// IsInlineSpace rune: ' ', TAB, 0xC2 (U+00A0) or 0xE3 (U+3000). None of
// them continues a rune, so text can be scanned a byte at a time and only
// these decoded (TestStartsInlineSpace).
func StartsInlineSpace(c byte) bool { return c == ' ' || c == '\t' || c == 0xC2 || c == 0xE3 }

// IsHTMLSpace reports whether r is ASCII white space as HTML defines it:
// space, TAB, LF, FF and CR (not the vertical tab). Go's regexp \s is the
// same class. It is the ASCII part of IsCollapsible, less NUL.
func IsHTMLSpace(r rune) bool { return r != 0 && r < utf8.RuneSelf && IsCollapsible(r) }

// IsCollapsible reports whether r, in the text of an HTML page, is white
// space that a browser collapses into one space: IsSpace without the
// vertical tab and the en, em and thin spaces (which HTML does not
// collapse), and NUL (which a page's text does not show).
func IsCollapsible(r rune) bool {
	switch r {
	case '\v', '\u2002', '\u2003', '\u2009':
		return false
	case 0:
		return true
	}
	return IsSpace(r)
}

// IsDigit reports whether r is an ASCII or a full-width digit.
func IsDigit(r rune) bool { return IsASCIIDigit(r) || r >= '０' && r <= '９' }

// DigitValue returns the value of an ASCII or full-width digit, and whether
// r is one.
func DigitValue(r rune) (int, bool) {
	switch {
	case IsASCIIDigit(r):
		return int(r - '0'), true
	case r >= '０' && r <= '９':
		return int(r - '０'), true
	}
	return 0, false
}

// IsASCIIDigit reports whether r is an ASCII digit. A byte b of text is
// one when IsASCIIDigit(rune(b)).
func IsASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// AllDigits reports whether s is one or more ASCII digits.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsASCIIDigit(rune(s[i])) {
			return false
		}
	}
	return true
}

// LeadingDigits returns the length of the run of ASCII digits s starts with.
func LeadingDigits(s string) int {
	i := 0
	for i < len(s) && IsASCIIDigit(rune(s[i])) {
		i++
	}
	return i
}

// numerals are the Chinese numerals 一 to 十, in order: the numbers of the
// template's sections, of the row groups of table 3, of list items.
const numerals = "一二三四五六七八九十"

// HanDigit returns the value of a Chinese digit 一 … 九, or 0.
func HanDigit(r rune) int {
	switch r {
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return 0
}

// NumeralValue returns the value of a numeral 一 … 十, or 0.
func NumeralValue(r rune) int {
	if r == '十' {
		return 10
	}
	return HanDigit(r)
}

// IsNumeral reports whether r is one of the numerals 一 … 十.
func IsNumeral(r rune) bool { return NumeralValue(r) > 0 }

// Numeral returns the numeral of n, 1 ≤ n ≤ 10 ("一" … "十"); it panics for
// any other n.
func Numeral(n int) string {
	if n < 1 || n > 10 {
		panic("chars: no numeral for this number")
	}
	return numerals[(n-1)*len("一") : n*len("一")]
}

// IsHanZero reports whether r is a zero of a number written in Chinese: 〇
// or 零.
func IsHanZero(r rune) bool { return r == '〇' || r == '零' }

// IsZeroLookalike reports whether r is a character typed for 〇 in dates
// (二○二四年, 二Ｏ二四年): the white circle ○ U+25CB or the full-width
// letter Ｏ.
func IsZeroLookalike(r rune) bool { return r == '○' || r == 'Ｏ' }

// IsHanNumber reports whether r is a character of a number written in
// Chinese: a numeral (IsNumeral), a zero (IsHanZero) or 百.
func IsHanNumber(r rune) bool { return IsNumeral(r) || IsHanZero(r) || r == '百' }

// IsFullWidthASCII reports whether r is the full-width form of a printable
// ASCII character, U+FF01–U+FF5E (０-９, Ａ-Ｚ, （）：，．／ …).
func IsFullWidthASCII(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E }

// Narrow returns the ASCII character whose full-width form r is, and
// whether r is one (IsFullWidthASCII): U+FF01–U+FF5E to U+0021–U+007E, the
// range golang.org/x/text/width.Fold maps the same way. Other runes,
// U+3000 among them, are not narrowed.
func Narrow(r rune) (rune, bool) {
	if IsFullWidthASCII(r) {
		return r - 0xFF01 + 0x21, true
	}
	return r, false
}

// Widen returns the full-width form of the printable ASCII character r
// (U+0021–U+007E to U+FF01–U+FF5E), and whether r is one: Narrow undone.
func Widen(r rune) (rune, bool) {
	if r >= 0x21 && r <= 0x7E {
		return r - 0x21 + 0xFF01, true
	}
	return r, false
}

// IsCJK reports whether r is a Chinese character or CJK punctuation: a Han
// character, CJK symbols and punctuation (U+3000–U+303F), the full-width
// and half-width forms (U+FF00–U+FFEF), the radicals (U+2E80–U+2FDF), or
// one of “ ” ‘ ’ … —. Between two of them, white space in a web page's
// source is not rendered as a space.
func IsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef ||
		r >= 0x2e80 && r <= 0x2fdf || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// IsASCII reports whether every byte of b is ASCII.
func IsASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsASCIIString reports whether s is all ASCII: eight bytes at a time, OR
// reduced without a branch per word (the pieces of a web page it is asked
// about are short and most are ASCII: a tag, with its attributes).
func IsASCIIString(s string) bool {
	const hi = 0x8080808080808080
	var acc uint64
	for len(s) >= 8 {
		acc |= uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		acc |= uint64(s[i])
	}
	return acc&hi == 0
}

// DecodeRune is utf8.DecodeRuneInString for text that starts with a
// non-ASCII byte, with the three-byte runes most of a report is made of
// (CJK ideographs, Chinese punctuation, full-width forms) decoded in place
// when their first byte admits any continuation bytes (not 0xE0, whose
// second byte must rule out an overlong form, nor 0xED, whose second byte
// must rule out a surrogate).
func DecodeRune(s string) (rune, int) {
	if len(s) >= 3 {
		if c, b1, b2 := s[0], s[1], s[2]; c >= 0xE1 && c <= 0xEF && c != 0xED && b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// LeadWidth is the length of the UTF-8 sequence that byte c starts in valid
// UTF-8 text (decoded text always is).
func LeadWidth(c byte) int {
	switch {
	case c < 0xC0:
		return 1
	case c < 0xE0:
		return 2
	case c < 0xF0:
		return 3
	}
	return 4
}

// LinesAndTail returns, for valid UTF-8 (only), the number of newlines
// ('\n') in b and the number of runes after the last of them (of all of b
// if there is none): how far a line and rune column position moves over b.
// The newlines are counted by strings.Count (vectorised), the last one is
// found from the end eight bytes at a time, and only the runes after it are
// counted.
func LinesAndTail(b string) (lines, tail int) {
	lines = strings.Count(b, "\n")
	if lines == 0 {
		return 0, ValidRuneCount(b)
	}
	return lines, ValidRuneCount(b[lastNewline(b)+1:])
}

// lastNewline is strings.LastIndexByte(b, '\n'), eight bytes at a time.
func lastNewline(b string) int {
	const (
		lo  = 0x0101010101010101
		low = 0x7f7f7f7f7f7f7f7f
	)
	i := len(b)
	for ; i >= 8; i -= 8 {
		w := uint64(b[i-8]) | uint64(b[i-7])<<8 | uint64(b[i-6])<<16 | uint64(b[i-5])<<24 |
			uint64(b[i-4])<<32 | uint64(b[i-3])<<40 | uint64(b[i-2])<<48 | uint64(b[i-1])<<56
		x := w ^ ('\n' * lo)
		// The top bit of each byte of w that is a newline, exactly (no
		// borrow from one byte into the next).
		if nl := ^((x&low + low) | x | low); nl != 0 {
			return i - 8 + (63-bits.LeadingZeros64(nl))/8
		}
	}
	for i--; i >= 0; i-- {
		if b[i] == '\n' {
			return i
		}
	}
	return -1
}

// ValidRuneCount is utf8.RuneCountInString for valid UTF-8 (only): it
// counts the bytes that do not continue a rune (10xxxxxx), eight bytes at a
// time, without decoding.
func ValidRuneCount(b string) int {
	const hi = 0x8080808080808080
	n := len(b)
	for len(b) >= 8 {
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		n -= bits.OnesCount64(w &^ (w << 1) & hi) // top bit set, the next one not
		b = b[8:]
	}
	for i := 0; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// ContainsAny is strings.ContainsAny for a set of valid UTF-8 that holds
// no U+FFFD (the sets of Chinese punctuation the parser asks about: "。；;").
// strings.ContainsAny, given a set with a rune that is not ASCII, decodes
// each rune of s and looks it up in the set, a call per rune: six times
// slower on a line of Chinese text. Here each such rune of the set is looked
// for in s (strings.IndexRune, vectorised on its first byte), and the ASCII
// ones in one pass over the bytes of s. (A byte below 0x80 is always an
// ASCII rune, and UTF-8 is self-synchronising: the bytes of a rune are
// found where decoding s finds the rune.)
func ContainsAny(s, set string) bool { return IndexAny(s, set) >= 0 }

// IndexAny is strings.IndexAny for a set as ContainsAny's.
func IndexAny(s, set string) int {
	var ascii [2]uint64 // the set's ASCII bytes
	first := -1
	for _, r := range set {
		switch {
		case r < utf8.RuneSelf:
			ascii[r>>6] |= 1 << (r & 63)
		case r == utf8.RuneError:
			return strings.IndexAny(s, set)
		default:
			end := len(s)
			if first >= 0 {
				end = first // only an earlier one matters
			}
			if i := strings.IndexRune(s[:end], r); i >= 0 {
				first = i
			}
		}
	}
	if ascii != [2]uint64{} {
		end := len(s)
		if first >= 0 {
			end = first
		}
		for i := 0; i < end; i++ {
			if c := s[i]; c < utf8.RuneSelf && ascii[c>>6]&(1<<(c&63)) != 0 {
				return i
			}
		}
	}
	return first
}
