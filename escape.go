package nianbao

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	if strings.ContainsAny(line, "|\t｜") {
		return true
	}
	f := escapeFold(line)
	if f == "" {
		return true // only white space: would vanish
	}
	r, _ := utf8.DecodeRuneInString(f)
	if strings.ContainsRune("\\#|>*-=+`<[~—–―─━_/", r) {
		return true
	}
	if ParseValue(line).Kind != Text {
		return true // a lone number or mark reads as a value or page number
	}
	if numberedHeading(f) || dateLine(f) {
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
	var b strings.Builder
	for _, r := range s {
		switch {
		case isSpace(r) || unicode.IsSpace(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFF01 - 0x21
		case r == '“' || r == '”':
			r = '"'
		}
		b.WriteRune(r)
	}
	return b.String()
}

const hanNumerals = "一二三四五六七八九十百零〇"

// numberedHeading reports whether the folded line starts like a numbered
// heading or list item: 一、 (一) 1. 1、 (1) 第三条 …
func numberedHeading(f string) bool {
	rest := f
	paren := strings.HasPrefix(rest, "(")
	rest = strings.TrimPrefix(rest, "(")
	n := 0
	for _, r := range rest {
		if !strings.ContainsRune(hanNumerals, r) && !(r >= '0' && r <= '9') {
			break
		}
		n += utf8.RuneLen(r)
	}
	if n == 0 {
		if strings.HasPrefix(f, "第") {
			rest = strings.TrimPrefix(f, "第")
			m := 0
			for _, r := range rest {
				if !strings.ContainsRune(hanNumerals, r) && !(r >= '0' && r <= '9') {
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
	if !ok || !allDigits(y) {
		return false
	}
	m, rest, ok := strings.Cut(rest, "月")
	if !ok || !allDigits(m) {
		return false
	}
	d, rest, ok := strings.Cut(rest, "日")
	return ok && allDigits(d) && rest == ""
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
	if isSpace(r0) || isRuleLine(line) || isPageNumber(line) || isDateLine(line) {
		return true
	}
	f := fold(line)
	if n, _ := cjkNumeralValue(f); n > 0 {
		return true
	}
	if utf8.RuneCountInString(line) <= 60 && !strings.ContainsAny(line, "。；;") && looksLikeTitle(line) {
		return true
	}
	fr := []rune(f)
	for _, v := range vocabs() {
		tp := &tableParser{v: v}
		if tp.startsWithLabel(fr, true) {
			return true
		}
	}
	return false
}
