package nianbao

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// Segmenting: every line of the decoded text is classified (blank, rule,
// page number, text), stripped of Markdown decoration, and assigned to the
// front matter (title and preamble), a section, or the signature.

type lineKind uint8

const (
	lkBlank lineKind = iota
	lkText
	lkRule // a horizontal rule or a table's header separator
	lkPage // a page number from PDF extraction
)

// lineInfo is one classified line.
type lineInfo struct {
	idx     int     // 0-based line index
	content srcSpan // the line's text without Markdown decoration, trimmed
	raw     srcSpan // the whole line
	kind    lineKind
	escaped bool // the line started with a backslash: plain text
	md      bool // the line was a Markdown heading ("# ...")
}

// scanLine classifies line i and claims its decoration as markup.
func (p *parseState) scanLine(i int) lineInfo {
	s := p.src
	raw, start := s.line(i)
	li := lineInfo{idx: i, raw: srcSpan{start, start + len(raw)}}
	sp := s.trimSpan(li.raw)
	if sp.start == sp.end {
		return li
	}
	text := s.str(sp)
	if text[0] == '\\' {
		s.mark(sp.start, sp.start+1, claimMarkup)
		li.kind, li.escaped = lkText, true
		li.content = srcSpan{sp.start + 1, sp.end}
		return li
	}
	if isRuleLine(text) {
		s.mark(sp.start, sp.end, claimMarkup)
		li.kind = lkRule
		return li
	}
	if isPageNumber(text) {
		li.kind, li.content = lkPage, sp
		return li
	}
	// Markdown heading marks and a bold wrapper around the whole line.
	if text[0] == '#' {
		j := 0
		for j < len(text) && text[j] == '#' {
			j++
		}
		if j <= 6 {
			s.mark(sp.start, sp.start+j, claimMarkup)
			sp = s.trimSpan(srcSpan{sp.start + j, sp.end})
			li.md = true
		}
	}
	text = s.str(sp)
	if len(text) > 4 && strings.HasPrefix(text, "**") && strings.HasSuffix(text, "**") && !strings.Contains(text[2:len(text)-2], "**") {
		s.mark(sp.start, sp.start+2, claimMarkup)
		s.mark(sp.end-2, sp.end, claimMarkup)
		sp = s.trimSpan(srcSpan{sp.start + 2, sp.end - 2})
	}
	if sp.start == sp.end {
		return li // only decoration
	}
	li.kind, li.content = lkText, sp
	return li
}

// isRuleLine reports whether a line is a horizontal rule or a table header
// separator: only dashes, equals signs, underscores, stars, box-drawing
// characters, pipes, colons and spaces, with a run of at least three of the
// rule characters.
func isRuleLine(s string) bool {
	run, longest := 0, 0
	for _, r := range s {
		switch r {
		case '-', '=', '_', '*', '─', '━', '—', '－', '＝', '~', '═', '＿':
			run++
			if run > longest {
				longest = run
			}
		case '|', ':', '+', '│', '┼', '├', '┤', '：', '｜':
			run = 0
		default:
			if !chars.IsSpace(r) {
				return false
			}
			run = 0
		}
	}
	return longest >= 3
}

// isPageNumber reports whether a line is a page number as PDF extraction
// leaves it: "- 3 -", "— 12 —", "第3页", "第 3 页 共 10 页".
func isPageNumber(s string) bool {
	isDash := func(r rune) bool { return r == '-' || r == '—' || r == '–' || r == '―' }
	if r := firstFolded(s); r != '第' && !isDash(r) {
		return false // the common case, decided without folding the line
	}
	f := fold(s)
	if strings.HasPrefix(f, "第") {
		rest := strings.TrimPrefix(f, "第")
		d := chars.LeadingDigits(rest)
		if d == 0 || !strings.HasPrefix(rest[d:], "页") {
			return false
		}
		rest = strings.TrimPrefix(rest[d:], "页")
		if rest == "" {
			return true
		}
		if strings.HasPrefix(rest, ",") {
			rest = rest[1:]
		}
		if !strings.HasPrefix(rest, "共") {
			return false
		}
		rest = strings.TrimPrefix(rest, "共")
		d = chars.LeadingDigits(rest)
		return d > 0 && rest[d:] == "页"
	}
	r0, _ := utf8.DecodeRuneInString(f)
	r1, _ := utf8.DecodeLastRuneInString(f)
	if !isDash(r0) || !isDash(r1) {
		return false
	}
	mid := strings.TrimFunc(f, isDash)
	return mid != "" && len(mid) <= 4 && chars.LeadingDigits(mid) == len(mid)
}

// cjkNumeralValue reads a leading Chinese numeral (一 … 十九) followed by 、
// from folded text and returns its value and the rest after 、.
func cjkNumeralValue(f string) (int, string) {
	// The first runes of f (at most 8) and their byte ends.
	var rs [8]rune
	var ends [8]int
	nr := 0
	for i := 0; i < len(f) && nr < len(rs); {
		r, w := utf8.DecodeRuneInString(f[i:])
		i += w
		rs[nr], ends[nr] = r, i
		nr++
	}
	n, i := 0, 0
	switch {
	case nr >= 2 && rs[0] == '十':
		n, i = 10, 1
		if d := chars.HanDigit(rs[1]); d > 0 {
			n, i = 10+d, 2
		}
	case nr >= 1:
		d := chars.HanDigit(rs[0])
		if d == 0 {
			return 0, ""
		}
		n, i = d, 1
		if nr >= 2 && rs[1] == '十' {
			n, i = d*10, 2
			if nr >= 3 {
				if d2 := chars.HanDigit(rs[2]); d2 > 0 {
					n, i = d*10+d2, 3
				}
			}
		}
	default:
		return 0, ""
	}
	if i >= nr || rs[i] != '、' {
		return 0, ""
	}
	return n, f[ends[i]:]
}

// headingNumber decides whether a line is a section heading. It returns the
// template section number (1–6), 0 for a section the template does not have,
// and ok. last is the numeral of the previous heading.
//
// A numbered line that is not a template section is a section of its own
// (number 0) when it continues the numbering after section 5 (七、 after
// 六、), or, as a Markdown heading, when it numbers forward.
func headingNumber(content string, last int, md bool) (number, numeral int, ok bool) {
	// A numeral (十 or a digit first) and its 、 within the first 4 folded
	// runes: the common case is decided without folding the line.
	if r := firstFolded(content); r != '十' && chars.HanDigit(r) == 0 {
		return 0, 0, false // most lines: decided on their first rune
	}
	var head [4]rune
	h := appendFoldRunes(head[:0], content, len(head))
	if len(h) < 2 || h[0] != '十' && chars.HanDigit(h[0]) == 0 || h[1] != '、' && (len(h) < 3 || h[2] != '、') && (len(h) < 4 || h[3] != '、') {
		return 0, 0, false
	}
	// A heading's numeral takes at most 4 folded runes (九十九、) and the
	// rest at most 40, so a line folding to more than 45 runes is no heading
	// whatever it starts with.
	f, long := foldPrefix(content, 45)
	if long {
		return 0, 0, false
	}
	numeral, rest := cjkNumeralValue(f)
	if numeral == 0 || rest == "" || utf8.RuneCountInString(rest) > 40 || strings.ContainsFunc(rest, isSentenceStop) {
		return 0, 0, false
	}
	if isT3Label(f) {
		return 0, 0, false
	}
	for _, s := range foldedSectionTitles() {
		for _, ft := range s.titles {
			if rest == ft || strings.HasPrefix(rest, ft) || (strings.HasPrefix(ft, rest) && utf8.RuneCountInString(rest) >= 4) {
				return s.number, numeral, true
			}
		}
	}
	// A heading with a typo ("四、政府信息公开行政法复议、行政诉讼情况") is the
	// template's section of the same number when it is close to its title.
	if secs := foldedSectionTitles(); numeral >= 1 && numeral <= len(secs) {
		if s := secs[numeral-1]; nearTitle(rest, s.titles[0]) { // titles[0]: the folded Title()
			return s.number, numeral, true
		}
	}
	if (numeral == last+1 && last >= 5) || (md && numeral > last) {
		return 0, numeral, true
	}
	return 0, 0, false
}

// isSentenceStop reports whether r is one of 。；; (strings.ContainsAny
// with these is slow).
func isSentenceStop(r rune) bool { return r == '。' || r == '；' || r == ';' }

// nearTitle reports whether folded heading text a is the title b written
// with a slip: their longest common subsequence is at least 70% of the
// longer of the two, and the title has at least 6 runes.
func nearTitle(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(rb) < 6 || len(ra) > 2*len(rb) {
		return false
	}
	return lcs(ra, rb)*100 >= 70*max(len(ra), len(rb)) // validate_cells.go
}

// isT3Label reports whether folded text is, or starts, a row or group label
// of table 3 ("四、结转下年度继续办理" is not a section heading).
func isT3Label(f string) bool {
	v := vocabs()["t3"]
	var buf [64]rune
	fr := buf[:0]
	for _, r := range f {
		fr = append(fr, r)
	}
	if len(fr) == 0 {
		return false
	}
	// A match shares at least its first rune with f: only the entries
	// that start with it can match.
	for _, e := range v.byFirst[fr[0]] {
		if e.kind != vRow && e.kind != vGroup {
			continue
		}
		n := min(len(fr), len(e.folded))
		if n >= 3 && commonPrefix(fr[:n], e.folded[:n]) == n {
			return true
		}
	}
	return false
}

// foldedSection is a template section with the folded forms of its title
// and variants, in the order headingNumber tries them.
type foldedSection struct {
	number int
	titles []string
}

var foldedSectionTitles = sync.OnceValue(func() []foldedSection {
	var out []foldedSection
	for _, s := range schema.Sections {
		fs := foldedSection{number: s.Number}
		for _, t := range append([]string{s.Title()}, s.Variants...) {
			fs.titles = append(fs.titles, fold(t))
		}
		out = append(out, fs)
	}
	return out
})

// segSection is a section found by segmenting: its heading line and body.
type segSection struct {
	heading lineInfo
	number  int
	body    []lineInfo
}

// segment splits the lines into front matter and sections. Page numbers go to
// Unrecognized.
func (p *parseState) segment() (front []lineInfo, secs []*segSection) {
	last := 0
	// The lines of the front matter and of each section are consecutive
	// stretches of one slice; from marks where the current stretch starts.
	lines := slices.Grow(p.sc.lines[:0], p.src.numLines())
	defer func() { p.sc.lines = lines[:0] }()
	from := 0
	end := func() []lineInfo { return lines[from:len(lines):len(lines)] }
	for i := 0; i < p.src.numLines(); i++ {
		li := p.scanLine(i)
		switch li.kind {
		case lkBlank, lkRule:
			continue
		case lkPage:
			p.unrecognized(li.content, "page number from PDF extraction")
			continue
		}
		if !li.escaped {
			if n, numeral, ok := headingNumber(p.src.str(li.content), last, li.md); ok {
				if len(secs) == 0 {
					front = end()
				} else {
					secs[len(secs)-1].body = end()
				}
				from = len(lines)
				secs = append(secs, &segSection{heading: li, number: n})
				last = numeral
				continue
			}
		}
		lines = append(lines, li)
	}
	if len(secs) == 0 {
		front = end()
	} else {
		secs[len(secs)-1].body = end()
	}
	if len(front) == 0 {
		front = nil
	}
	for _, s := range secs {
		if len(s.body) == 0 {
			s.body = nil
		}
	}
	return front, secs
}

// joinLines returns the contents of lines joined by newlines, claiming them
// as text.
func (p *parseState) joinLines(lines []lineInfo) string {
	var b strings.Builder
	n := len(lines)
	for _, li := range lines {
		n += li.content.end - li.content.start
	}
	b.Grow(n)
	for i, li := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.src.str(li.content))
		p.src.mark(li.content.start, li.content.end, claimText)
	}
	return b.String()
}

// splitTitle finds the title at the start of the front matter: a Markdown
// heading, or the first one to three short lines that together end in 报告
// and name 信息公开 or 年度报告. It returns the title lines and the rest.
func (p *parseState) splitTitle(front []lineInfo) (title, rest []lineInfo) {
	if len(front) == 0 {
		return nil, nil
	}
	if front[0].md && !front[0].escaped {
		return front[:1], front[1:]
	}
	// A page's word or two before the title ("正文", "打印") is no part of it.
	k0 := 0
	for k0 < len(front) && k0 < 2 && utf8.RuneCountInString(p.src.str(front[k0].content)) <= 3 {
		k0++
	}
	var joined strings.Builder
	for k := k0; k < len(front) && k < k0+3; k++ {
		c, ok := p.titleLine(front[k])
		if !ok {
			break
		}
		joined.WriteString(c)
		if looksLikeTitle(joined.String()) {
			for _, before := range front[:k0] {
				p.unrecognized(before.content, "text before the report's title")
			}
			return front[k0 : k+1], front[k+1:]
		}
	}
	// A page saved whole puts its header, navigation and metadata before
	// the title: take the first short line that names a year and reads
	// like a title (not a path, link or table row, which may end the same
	// way). What stands before it is not part of the report: it is kept in
	// Unrecognized.
	for k, li := range front {
		if c, ok := p.titleLine(li); ok && looksLikeTitle(c) && hasYear(c) {
			for _, before := range front[:k] {
				p.unrecognized(before.content, "text before the report's title (a page header, navigation or metadata)")
			}
			return front[k : k+1], front[k+1:]
		}
	}
	return nil, front
}

// titleLine returns the text of li and whether it may be (part of) the
// title: not escaped, short, and no sentence, path or table row.
func (p *parseState) titleLine(li lineInfo) (string, bool) {
	c := p.src.str(li.content)
	return c, !li.escaped && utf8.RuneCountInString(c) <= 60 && !chars.ContainsAny(c, "。；;/\t")
}

// hasYear reports whether s names a year: 2023年.
func hasYear(s string) bool {
	y, _ := findYear(fold(s))
	return y > 0
}

func looksLikeTitle(s string) bool {
	// Folding makes no ideograph (it keeps them, narrows and drops
	// others): without 报 and 告 no fold of s ends in 报告. Most lines
	// asked (a page's navigation before the title) are not folded.
	if !strings.Contains(s, "告") || !strings.Contains(s, "报") {
		return false
	}
	f := strings.TrimRight(fold(s), ")）》")
	return strings.HasSuffix(f, "报告") && (strings.Contains(f, "信息公开") || strings.Contains(f, "年度报告") || strings.Contains(f, "年报"))
}

// joinTitle joins title lines without separators (a title broken over lines
// is one title) and claims them.
func (p *parseState) joinTitle(lines []lineInfo) string {
	var b strings.Builder
	for _, li := range lines {
		b.WriteString(p.src.str(li.content))
		p.src.mark(li.content.start, li.content.end, claimText)
	}
	return b.String()
}

// splitSignature takes the signature off the end of the last section's
// body: a date line, optionally preceded by one line naming an agency, or a
// last line equal to the agency named in the title.
func (p *parseState) splitSignature(body []lineInfo, agency string) (rest, sig []lineInfo) {
	n := len(body)
	if n == 0 {
		return body, nil
	}
	lastLine := body[n-1]
	c := p.src.str(lastLine.content)
	if !lastLine.escaped && isDateLine(c) {
		if n >= 2 && !body[n-2].escaped && isAgencyLine(p.src.str(body[n-2].content)) {
			return body[:n-2], body[n-2:]
		}
		return body[:n-1], body[n-1:]
	}
	if !lastLine.escaped && agency != "" && fold(c) == fold(agency) {
		return body[:n-1], body[n-1:]
	}
	return body, nil
}

// isDateLine reports whether s is only a date: 2024年1月20日, with ASCII,
// full-width or Chinese digits.
func isDateLine(s string) bool {
	isD := func(r rune) bool {
		return chars.IsASCIIDigit(r) || chars.IsNumeral(r) || chars.IsHanZero(r) || chars.IsZeroLookalike(r)
	}
	// Read the folded runes one by one: digits, then 年, digits, 月,
	// digits, 日, and nothing after.
	units := [...]rune{'年', '月', '日'}
	u, digits := 0, 0
	var prev rune
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		i += w
		f, ok := foldRune(r, prev)
		if !ok {
			continue
		}
		prev = f
		switch {
		case u == len(units):
			return false
		case isD(f):
			digits++
		case f == units[u] && digits > 0:
			u, digits = u+1, 0
		default:
			return false
		}
	}
	return u == len(units)
}

// agencySuffixes end the names of agencies that publish these reports.
var agencySuffixes = []string{"局", "委", "办", "厅", "院", "府", "会", "部", "处", "中心", "室", "所", "站", "馆", "队", "署", "办公室", "委员会", "政府", "街道", "镇", "乡", "公司", "集团", "管委会", "服务中心", "区", "县"}

// isAgencyLine reports whether s could be the name of an agency: short, no
// sentence punctuation, ending like an agency name.
func isAgencyLine(s string) bool {
	f, long := foldPrefix(s, 30)
	if f == "" || long || chars.ContainsAny(f, "。,，;；:：!！?？、") {
		return false
	}
	for _, suf := range agencySuffixes {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}
