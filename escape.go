package nianbao

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// needsEscape reports whether a line of free text (preamble, section text,
// signature) must be written with a leading backslash in the canonical text
// form, because the parser could otherwise read it as something other than a
// paragraph: a heading, a table row, a caption, a value or a page number, or
// a line that starts with a backslash itself.
//
// It is conservative and escapes more than strictly needed. The parser reads
// a body line that starts with a backslash as plain text of the current
// section with that one backslash removed, and never takes it for structure.
// Lines naming an agency are not escaped: the signature's agency line must
// be written plain (see splitSignature).
func needsEscape(line string) bool {
	if line == "" {
		return false
	}
	if parserStructure(line) {
		return true
	}
	if strings.IndexByte(line, '|') >= 0 || strings.IndexByte(line, '\t') >= 0 || strings.Contains(line, "｜") {
		return true
	}
	// Only the start of the folded line matters, unless it starts with a
	// numeral or a digit (a numbered heading, a date).
	f, long := escapeFoldPrefix(line, escapePrefixBytes())
	if f == "" {
		return true // only white space: would vanish
	}
	r, _ := utf8.DecodeRuneInString(f)
	if strings.ContainsRune("\\#|>*-=+`<[~—–―─━_/", r) {
		return true
	}
	if valueKind(line) != Text {
		return true // a lone number or mark reads as a value or page number
	}
	g := f
	if long && numberedRune(r) {
		g = escapeFoldNumbered(line)
	}
	if numberedHeading(g) || dateLine(g) {
		return true
	}
	for _, l := range escapeLabels() {
		if strings.HasPrefix(f, l) {
			return true
		}
	}
	return false
}

// escapeFold folds full-width ASCII forms to ASCII and removes white space,
// so that "（一）予以 公开" and "(一)予以公开" compare equal.
func escapeFold(s string) string {
	f, _ := escapeFoldPrefix(s, -1)
	return f
}

// escapeFoldPrefix returns escapeFold(s), or when max ≥ 0 only as many of
// its first runes as make at least max bytes; long reports that the fold
// goes on.
func escapeFoldPrefix(s string, max int) (f string, long bool) {
	var b strings.Builder
	if max < 0 || len(s) < max+4 {
		b.Grow(len(s))
	} else {
		b.Grow(max + 4)
	}
	for _, r := range s {
		r, ok := escapeFoldRune(r)
		if !ok {
			continue
		}
		if max >= 0 && b.Len() >= max {
			return b.String(), true
		}
		b.WriteRune(r)
	}
	return b.String(), false
}

// escapeFoldRune folds one rune for escapeFold; ok is false when the rune
// is dropped.
func escapeFoldRune(r rune) (rune, bool) {
	switch {
	case chars.IsAnySpace(r):
		return 0, false
	case chars.IsFullWidthASCII(r):
		r, _ = chars.Narrow(r)
	case r == '“' || r == '”':
		r = '"'
	}
	return r, true
}

// escapePrefixBytes is the length in bytes of the longest folded label: a
// folded line's prefix of that length decides whether it starts with one.
var escapePrefixBytes = sync.OnceValue(func() int {
	n := 0
	for _, l := range escapeLabels() {
		n = max(n, len(l))
	}
	return n
})

// numberedRune reports whether r can be part of the number that starts a
// numbered heading or a date: a digit, a numeral, ( 第 年 月 日.
func numberedRune(r rune) bool {
	return chars.IsASCIIDigit(r) || chars.IsHanNumber(r) || strings.ContainsRune("(第年月日", r)
}

// escapeFoldNumbered returns the start of escapeFold(s) up to and including
// its first rune that is not a numberedRune: all that numberedHeading and
// dateLine read of a line.
func escapeFoldNumbered(s string) string {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if f, ok := escapeFoldRune(r); ok && !numberedRune(f) {
			return escapeFold(s[:i])
		}
	}
	return escapeFold(s)
}

// numberedHeading reports whether the folded line starts like a numbered
// heading or list item: 一、 (一) 1. 1、 (1) 第三条 …
func numberedHeading(f string) bool {
	rest := f
	paren := strings.HasPrefix(rest, "(")
	rest = strings.TrimPrefix(rest, "(")
	n := 0
	for _, r := range rest {
		if !chars.IsHanNumber(r) && !chars.IsASCIIDigit(r) {
			break
		}
		n += utf8.RuneLen(r)
	}
	if n == 0 {
		if strings.HasPrefix(f, "第") {
			rest = strings.TrimPrefix(f, "第")
			m := 0
			for _, r := range rest {
				if !chars.IsHanNumber(r) && !chars.IsASCIIDigit(r) {
					break
				}
				m += utf8.RuneLen(r)
			}
			if m > 0 {
				r, _ := utf8.DecodeRuneInString(rest[m:])
				return strings.ContainsRune("章节条款项部分页篇", r)
			}
		}
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest[n:])
	if paren {
		return next == ')'
	}
	return strings.ContainsRune("、.,)．，:：", next)
}

// dateLine reports whether the folded line is a date such as 2024年1月20日,
// which the parser could take for the signature's date.
func dateLine(f string) bool {
	y, rest, ok := strings.Cut(f, "年")
	if !ok || !chars.AllDigits(y) {
		return false
	}
	m, rest, ok := strings.Cut(rest, "月")
	if !ok || !chars.AllDigits(m) {
		return false
	}
	d, rest, ok := strings.Cut(rest, "日")
	return ok && chars.AllDigits(d) && rest == ""
}

// escapeLabels returns the folded labels of the catalog: section headings
// and their variants, captions, corners, row, group and column labels.
var escapeLabels = sync.OnceValue(func() []string {
	seen := map[string]bool{}
	var out []string
	add := func(ss ...string) {
		for _, s := range ss {
			if f := escapeFold(s); f != "" && !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	for _, s := range schema.Sections {
		add(s.Heading, s.Title())
		add(s.Variants...)
	}
	add(schema.T3Note, schema.T3Applicants, schema.T4Review, schema.T4Suit)
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			add(b.Caption, b.Corner)
			for _, c := range append(append([]schema.Column(nil), b.Columns...), b.ExtraColumns...) {
				add(c.Label)
				add(c.Variants...)
			}
			for _, r := range append(append([]schema.Row(nil), b.Rows...), b.ExtraRows...) {
				add(r.Label)
				add(r.Variants...)
				add(r.Groups...)
			}
		}
	}
	return out
})

// parserStructure reports whether the parser's own line rules could take a
// line for structure: leading white space it would trim, a rule or page
// number, a title, or the start of a table label (a prefix of one counts,
// since truncated labels are matched).
func parserStructure(line string) bool {
	r0, _ := utf8.DecodeRuneInString(line)
	if chars.IsSpace(r0) || isRuleLine(line) || isPageNumber(line) || isDateLine(line) {
		return true
	}
	// The numeral of a heading and the labels are matched at the start of
	// the line: its first folded runes decide (see labelPrefix).
	var buf [64]rune
	fr := appendFoldRunes(buf[:0], line, maxLabelRunes()+1)
	if n, _ := cjkNumeralValue(string(fr[:min(len(fr), 8)])); n > 0 {
		return true
	}
	// looksLikeTitle needs 报 and 告 (which folding leaves as they are).
	if strings.Contains(line, "报") && strings.Contains(line, "告") && utf8.RuneCountInString(line) <= 60 &&
		!chars.ContainsAny(line, "。；;") && looksLikeTitle(line) {
		return true
	}
	for _, v := range vocabs() {
		tp := tableParser{v: v}
		if tp.startsWithLabel(fr, true) {
			return true
		}
	}
	return false
}

// maxLabelRunes is the length in folded runes of the longest label of any
// table.
var maxLabelRunes = sync.OnceValue(func() int {
	n := 0
	for _, v := range vocabs() {
		n = max(n, v.maxLen)
	}
	return n
})
