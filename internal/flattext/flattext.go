// Package flattext is the front end for flattened reports: the whole body
// on one line.
//
// Some sources store a report web page as its visible text with every block
// run together on one line: "…联系。 一、总体情况 2023年，…二、主动公开政府信息
// 情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范
// 性文件77132470第二十条第（五）项…". This stage puts the line breaks back
// before the parser runs: around the template's section headings, and, in the
// part of the line that holds the tables, before every caption, header and row
// label of the catalog (and before the run of digits that ends table 4). What
// it produces is text as copied from a web page, one row a line with the
// cells of a row still run together; the parser's glue.go recovers those
// cells.
//
// Only line breaks and TABs (between a row label and its digits) are
// inserted, and spaces around and inside runs of digits dropped, so every
// output line is made of pieces of one input line and positions map back
// exactly through a posmap.Map.
//
// The package knows nothing of the report beyond the catalog's headings and
// labels, before which it breaks the line.
package flattext

import (
	"bytes"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/internal/posmap"
	"github.com/opengovcn/nianbao/schema"
)

// flatT4Header is how table 4's header starts when its cells run together;
// the digits at the end of the table follow it.
const flatT4Header = schema.T4Review + schema.T4Suit + "结果维持"

// The white space trimmed around the pieces of a flat line is
// chars.IsInlineSpace; inside and at the end of a row's run of digits only
// chars.IsBreakingSpace is dropped: not U+00A0, each of which stands for a
// blank cell (&nbsp;).

// skipRunes returns the end of the run of runes in set that starts at
// l[i], not past end (decoding whole runes: a byte of a CJK character is no
// space).
func skipRunes(l string, i, end int, set func(rune) bool) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(l[i:end])
		if !set(r) {
			break
		}
		i += n
	}
	return i
}

// skipRunesBack returns the start of the run of runes in set that ends at
// l[j], not before lo.
func skipRunesBack(l string, lo, j int, set func(rune) bool) int {
	for j > lo {
		r, n := utf8.DecodeLastRuneInString(l[lo:j])
		if !set(r) {
			break
		}
		j -= n
	}
	return j
}

// flatMinRunes is the length from which a line may be a flattened report.
const flatMinRunes = 200

// flatMarks are the strings before which the stage breaks a flattened line.
type flatMarks struct {
	headings []flatHeading // section titles, e.g. "存在的主要问题及改进情况" for 5
	labels   []string      // captions, corner, header and row labels of the tables
	// headingScan finds the titles of headings, labelScan the labels,
	// allScan both in one pass (the titles first, then the labels).
	headingScan, labelScan, allScan *wordScan
}

// flatHeading is a section title without its number.
type flatHeading struct {
	title  string
	number int
}

var flatVocab = sync.OnceValue(func() flatMarks {
	var m flatMarks
	for _, s := range schema.Sections {
		m.headings = append(m.headings, flatHeading{s.Title(), s.Number})
		for _, v := range s.Variants {
			m.headings = append(m.headings, flatHeading{v, s.Number})
		}
	}
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			m.labels = append(m.labels, s)
		}
	}
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			if b.Table == "t4" {
				continue // its header runs together with its digits; see flatT4Header
			}
			add(b.Caption)
			if b.Table == "t2" {
				add(b.Corner)
			}
			for _, r := range append(append([]schema.Row(nil), b.Rows...), b.ExtraRows...) {
				for _, g := range r.Groups {
					add(g)
				}
				add(r.Label)
				for _, v := range r.Variants {
					add(v)
				}
			}
		}
	}
	// Table 3's corner, up to its colon, however its bracket is written.
	note, _, _ := strings.Cut(schema.T3Note, "：")
	add(note)
	add("(" + strings.TrimPrefix(note, "（"))
	add(flatT4Header)
	var titles []string
	for _, h := range m.headings {
		titles = append(titles, h.title)
	}
	m.headingScan, m.labelScan = newWordScan(titles), newWordScan(m.labels)
	m.allScan = newWordScan(append(titles, m.labels...))
	return m
})

// ToText returns src with the line breaks of flattened lines put back and
// the map from its positions to those of src; ok is false, and nothing is
// built, when no line of src is a flattened report. Lines end in LF.
func ToText(src []byte) (out string, m *posmap.Map, ok bool) {
	text := string(src)
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // text ends with a newline
	}
	flat := make([]bool, len(lines))
	for i, l := range lines {
		flat[i] = isFlatLine(l)
		ok = ok || flat[i]
	}
	if !ok {
		return "", nil, false
	}
	m = &posmap.Map{}
	var b strings.Builder
	b.Grow(len(text) + 256)
	for i, l := range lines {
		l = strings.TrimRight(l, "\r\n")
		cuts, tabs := []int{0}, []int(nil)
		if flat[i] {
			cuts, tabs = flatBreaks(l)
		}
		// runesTo(off) is utf8.RuneCountInString(l[:off]), counted on from
		// the last offset asked for (they increase), not from 0 each time.
		runes := utf8.RuneCountInString
		if utf8.ValidString(l) {
			runes = chars.ValidRuneCount
		}
		ro, rc := 0, 0
		runesTo := func(off int) int {
			if off < ro {
				ro, rc = 0, 0
			}
			rc += runes(l[ro:off])
			ro = off
			return rc
		}
		for k, start := range cuts {
			end := len(l)
			if k+1 < len(cuts) {
				end = cuts[k+1]
			}
			start += len(l[start:end]) - len(strings.TrimLeftFunc(l[start:end], chars.IsInlineSpace))
			// A no-break space is kept at the end: in a page's text it is
			// what remains of a blank table cell (&nbsp;), and glue.go counts it.
			end = start + len(strings.TrimRightFunc(l[start:end], chars.IsBreakingSpace))
			if start == end && flat[i] {
				continue
			}
			// The piece, with a TAB between a row label and its values, and
			// without the spaces inside the run of digits that follows.
			var lm posmap.Line
			col := 0
			for _, c := range flatChunks(l, start, end, tabs) {
				p := posmap.Pos{Line: i + 1, Column: runesTo(c.start) + 1}
				if c.start == start {
					lm.Anchor = p
				}
				if c.tab {
					b.WriteByte('\t')
					col++
				}
				lm.Segs = append(lm.Segs, posmap.Seg{Col: col, Pos: p})
				b.WriteString(l[c.start:c.end])
				col += runes(l[c.start:c.end])
			}
			b.WriteByte('\n')
			m.Lines = append(m.Lines, lm)
		}
	}
	return b.String(), m, true
}

// chunk is a piece of a line written to the output, after a TAB if tab.
type chunk struct {
	start, end int
	tab        bool
}

// flatChunks cuts l[start:end] at the tab points (after a row label) and
// drops the spaces between two digits after a tab point ("230 000023" is one
// run of a row's digits). Each group of digits after such spaces starts a
// chunk, so a segment of the map, of its own: the parser reads the gap as a
// cell boundary (23 0 | 0 0 0 0 23; nianbao's spaced cuts).
func flatChunks(l string, start, end int, tabs []int) []chunk {
	var out []chunk
	at, tab := start, false
	for at < end {
		next := end
		for _, t := range tabs {
			if t > at && t < end {
				next = t
				break
			}
		}
		if !tab {
			out = append(out, chunk{at, next, false})
		} else {
			// Values: cut out spaces that stand between digits.
			from := at
			for i := at; i < next; {
				r, n := utf8.DecodeRuneInString(l[i:])
				if chars.IsBreakingSpace(r) {
					j := i + n
					j = skipRunes(l, j, next, chars.IsBreakingSpace)
					before, _ := utf8.DecodeLastRuneInString(l[from:i])
					after, _ := utf8.DecodeRuneInString(l[j:next])
					if i > from && j < next && chars.IsDigit(before) && chars.IsDigit(after) {
						out = append(out, chunk{from, i, from == at})
						from, i = j, j
						continue
					}
				}
				i += n
			}
			out = append(out, chunk{from, next, from == at})
		}
		at, tab = next, true
	}
	return out
}

// Is reports whether some line of src is a flattened report (see
// isFlatLine) without copying src: only a line that holds two section
// headings, or the two labels isFlatLine looks for, is checked with it.
func Is(src []byte) bool {
	m := flatLineMarks()
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i+1], src[i+1:] // with its newline, as strings.SplitAfter cuts it
		} else {
			src = nil
		}
		if len(line) < flatMinRunes {
			continue
		}
		// Every heading, and the label of t3's first row, is a numeral, 、
		// and a title: they are found at the 、 of the line.
		var seen uint64
		t3 := false
		for off := 0; ; {
			i := bytes.Index(line[off:], m.comma)
			if i < 0 {
				break
			}
			p := off + i
			off = p + len(m.comma)
			for k, h := range m.marks {
				if p >= len(h.numeral) && bytes.Equal(line[p-len(h.numeral):p], h.numeral) && bytes.HasPrefix(line[off:], h.title) {
					if k == len(m.marks)-1 {
						t3 = true
					} else {
						seen |= 1 << k
					}
				}
			}
		}
		if (bits.OnesCount64(seen) >= 2 || t3 && bytes.Contains(line, m.t2)) && isFlatBytes(line) {
			return true
		}
	}
	return false
}

// flatLineMarks are the strings isFlatLine looks for, cut at their 、: the
// section headings, then the label of t3's first row; t2 is the caption of
// t2's first block. All come from the catalog.
var flatLineMarks = sync.OnceValue(func() flatMarkBytes {
	t2, _ := schema.LookupBlock(schema.E2019, "t2.1")
	t3, _ := schema.LookupBlock(schema.E2019, "t3")
	var marks []string
	for _, s := range schema.Sections {
		marks = append(marks, s.Heading)
	}
	marks = append(marks, t3.Rows[0].Label)
	m := flatMarkBytes{comma: []byte("、"), t2: []byte(t2.Caption), t3label: []byte(t3.Rows[0].Label)}
	for _, s := range schema.Sections {
		m.headings = append(m.headings, []byte(s.Heading))
	}
	for _, h := range marks {
		numeral, title, ok := strings.Cut(h, "、")
		if !ok || utf8.RuneCountInString(numeral) != 1 {
			panic("nianbao: a section heading that is not a numeral, 、 and a title: " + h)
		}
		m.marks = append(m.marks, flatMark{[]byte(numeral), []byte(title)})
	}
	return m
})

type flatMarkBytes struct {
	comma []byte
	marks []flatMark
	t2    []byte
	// What isFlatLine looks for, as bytes: the sections' headings, and
	// the label of t3's first row.
	headings [][]byte
	t3label  []byte
}

type flatMark struct{ numeral, title []byte }

// isFlatLine reports whether a line holds a flattened report: it is long and
// names at least two of the template's sections, or a caption of table 2
// and table 3's first row.
func isFlatLine(l string) bool {
	// A rune takes at most 4 bytes: only a short line needs counting.
	if len(l) < flatMinRunes || len(l) < 4*flatMinRunes && utf8.RuneCountInString(l) < flatMinRunes {
		return false
	}
	n := 0
	for _, s := range schema.Sections {
		if strings.Contains(l, s.Heading) {
			if n++; n == 2 {
				return true
			}
		}
	}
	m := flatTableMarks()
	return strings.Contains(l, m.t2) && strings.Contains(l, m.t3)
}

// isFlatBytes is isFlatLine for a line of bytes, not copied to a string.
func isFlatBytes(l []byte) bool {
	if len(l) < flatMinRunes || len(l) < 4*flatMinRunes && utf8.RuneCount(l) < flatMinRunes {
		return false
	}
	m := flatLineMarks()
	n := 0
	for _, h := range m.headings {
		if bytes.Contains(l, h) {
			if n++; n == 2 {
				return true
			}
		}
	}
	return bytes.Contains(l, m.t2) && bytes.Contains(l, m.t3label)
}

// flatTableMarks are the caption of table 2's first block and the label of
// table 3's first row, from the catalog (as flatLineMarks has them).
var flatTableMarks = sync.OnceValue(func() struct{ t2, t3 string } {
	t2, _ := schema.LookupBlock(schema.E2019, "t2.1")
	t3, _ := schema.LookupBlock(schema.E2019, "t3")
	return struct{ t2, t3 string }{t2.Caption, t3.Rows[0].Label}
})

// flatBreaks returns the byte offsets at which to cut a flattened line, the
// first being 0: before and after each section heading, and, between the
// heading of section 2 and that of section 5, before every table label and
// before the digits that end table 4. It also returns the offsets of the
// digits that follow a row label (tab points). Labels and headings are found
// with the spaces of the line ignored ("三、本年度办 理结果").
func flatBreaks(l string) (cuts, tabs []int) {
	v := flatVocab()
	sq, at := squeeze(l)
	type match struct{ start, end, section int } // offsets in l
	var ms []match
	// found notes that w occurs at offset i of sq.
	found := func(w string, i, section int) {
		m := match{at.off(i), at.off(i+len(w)-1) + 1, section}
		if section > 0 {
			// A heading has its number: 三、 (whatever the number).
			if i < len("一、") || !strings.HasSuffix(sq[:i], "、") {
				return
			}
			num, _ := utf8.DecodeLastRuneInString(sq[:i-len("、")])
			if !chars.IsNumeral(num) {
				return
			}
			m.start = at.off(i - len("、") - utf8.RuneLen(num))
		} else if num, n := utf8.DecodeRuneInString(w); chars.IsNumeral(num) &&
			strings.HasPrefix(w[n:], "、") && strings.HasSuffix(sq[:i], w[:n]) {
			// A label's number written twice right after a row's digits
			// ("0000000三三、本年度办理结果", a misprint): the first goes
			// with the label, not with the digits.
			if d, _ := utf8.DecodeLastRuneInString(sq[:i-n]); chars.IsDigit(d) {
				m.start = at.off(i - n)
			}
		}
		ms = append(ms, m)
	}
	// The occurrences of each word, word by word in the vocabulary's order:
	// the headings' titles, then the labels.
	occ := v.allScan.scan(nil, sq)
	slices.SortStableFunc(occ, func(a, b wordAt) int { return a.k - b.k })
	nh := len(v.headings)
	labelsAt := len(occ)
	for i, o := range occ {
		if o.k >= nh {
			labelsAt = i
			break
		}
		h := v.headings[o.k]
		found(h.title, o.at, h.number)
	}
	headings := len(ms)
	lo, hi := 0, len(l)
	for _, m := range ms {
		if m.section == 2 {
			lo = m.start
			break
		}
	}
	for _, m := range ms {
		if m.section >= 5 && m.start > lo && m.start < hi {
			hi = m.start
		}
	}
	for _, o := range occ[labelsAt:] {
		found(v.labels[o.k-nh], o.at, 0)
	}
	// A numbered heading the catalog does not know ("四、政府信息公开行政法复
	// 议…", a typo) right after a row's digits.
	for i := lo; i < hi; {
		r, n := utf8.DecodeRuneInString(l[i:])
		if chars.IsNumeral(r) && strings.HasPrefix(l[i+n:], "、") {
			j := i
			j = skipRunesBack(l, lo, j, chars.IsInlineSpace)
			if j > lo && chars.IsASCIIDigit(rune(l[j-1])) {
				ms = append(ms, match{i, i + n + len("、"), 0})
			}
		}
		i += n
	}
	// A numbered row label the catalog does not spell so ("7.属于行政执法案件"
	// for 7.属于行政执法案卷, corpus 041) right after a row's digits: its
	// number and the first characters of its text begin a catalog label
	// of that number ("7.属于行政执法案"). A list number is one digit and a
	// full stop, then text; no value is written so.
	for i := lo + 1; i+1 < hi; i++ {
		if d := l[i]; d < '1' || d > '9' || l[i+1] != '.' || !chars.IsASCIIDigit(rune(l[i-1])) {
			continue
		}
		if w := numberedLabelAt(v.labels, l[i:hi]); w > 0 {
			ms = append(ms, match{i, i + w, 0})
		}
	}
	// Keep the table labels inside [lo, hi); headings anywhere.
	kept := ms[:headings]
	for _, m := range ms[headings:] {
		if m.start >= lo && m.end <= hi {
			kept = append(kept, m)
		}
	}
	// Longest match first at a start; drop matches inside an earlier one
	// ("规范性文件" inside "行政规范性文件").
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].start != kept[j].start {
			return kept[i].start < kept[j].start
		}
		return kept[i].end > kept[j].end
	})
	cuts = []int{0}
	covered := 0
	t4 := -1
	for _, m := range kept {
		if m.start < covered {
			continue
		}
		covered = m.end
		cuts = append(cuts, m.start)
		if m.section > 0 {
			cuts = append(cuts, m.end) // a heading stands on its own line
			if m.section == 4 {
				t4 = m.end
			}
			continue
		}
		if t4 < 0 && strings.HasPrefix(sq[sqIndex(at, m.start):], flatT4Header) {
			t4 = m.end // table 4 under a heading not recognised
		}
		d := m.end
		for d < len(l) {
			r, n := utf8.DecodeRuneInString(l[d:])
			if !chars.IsInlineSpace(r) {
				break
			}
			d += n
		}
		if r, _ := utf8.DecodeRuneInString(l[d:]); chars.IsDigit(r) {
			tabs = append(tabs, d) // a row label and its values
			if y := yearAfterRun(l, d); y > 0 {
				cuts = append(cuts, y) // prose after the row, from its year on
			}
		}
	}
	// Table 4: its header labels run together with its digits; the digits
	// that end the table form its one row.
	if t4 >= 0 {
		end := len(l)
		for _, m := range kept {
			if m.section > 0 && m.start >= t4 && m.start < end {
				end = m.start
			}
		}
		j := end
		for j > t4 {
			r, n := utf8.DecodeLastRuneInString(l[:j])
			if !(chars.IsASCIIDigit(r) || chars.IsInlineSpace(r)) {
				break
			}
			j -= n
		}
		if j < end {
			cuts = append(cuts, j)
		} else if a, b := t4RunBeforeProse(l, t4, end); a >= 0 {
			cuts = append(cuts, a, b)
		}
	}
	sort.Ints(cuts)
	out := cuts[:1]
	for _, c := range cuts[1:] {
		if c != out[len(out)-1] {
			out = append(out, c)
		}
	}
	return out, tabs
}

// yearAfterRun returns the offset of a year (2000年 to 2099年) that ends
// the run of digits starting at offset d of l, when digits come before it:
// prose that starts with its year right after a row's digits
// ("四、结转下年度继续办理20000022025年，我局共收到…", 041). A count is
// never followed by 年 in a table row. It returns -1 otherwise.
func yearAfterRun(l string, d int) int {
	e := d
	for e < len(l) {
		if chars.IsASCIIDigit(rune(l[e])) {
			e++
		} else if f := skipRunes(l, e, len(l), chars.IsBreakingSpace); f > e {
			e = f
		} else {
			break
		}
	}
	e = d + len(strings.TrimRightFunc(l[d:e], chars.IsBreakingSpace))
	if !strings.HasPrefix(l[e:], "年") || e-d < 5 {
		return -1
	}
	y := l[e-4 : e]
	if !chars.AllDigits(y) || !strings.HasPrefix(y, "20") || strings.TrimRightFunc(l[d:e-4], chars.IsBreakingSpace) == "" {
		return -1
	}
	return e - 4
}

// t4RunBeforeProse finds, in l[t4:end] (table 4 under its heading), the run
// of digits that follows its header's last 总计 when prose follows the run
// at once, as in corpus 041 ("…尚未审结总计10000100000000000我局严格规范…"):
// it returns the run's start and end, or -1, -1. The run is the first one
// after a 总计 of the header, and must hold at least one digit for each of
// table 4's cells. Both come from the catalog (flatT4Table).
func t4RunBeforeProse(l string, t4, end int) (int, int) {
	t := flatT4Table()
	a := t4
	for {
		i := strings.Index(l[a:end], t.total)
		if i < 0 {
			return -1, -1
		}
		a += i + len(t.total)
		a = skipRunes(l, a, end, chars.IsInlineSpace)
		if a < end && chars.IsASCIIDigit(rune(l[a])) {
			break
		}
	}
	if chars.ContainsAny(l[t4:a], "，。；") {
		return -1, -1 // a 总计 in prose, not the header's
	}
	b, digits := a, 0
	for b < end && (chars.IsASCIIDigit(rune(l[b])) || l[b] == ' ') {
		if l[b] != ' ' {
			digits++
		}
		b++
	}
	if digits < t.cells || b == end {
		return -1, -1
	}
	return a, b
}

// flatT4Table is what t4RunBeforeProse knows of table 4, from the catalog:
// the label of its last column (总计) and its number of cells (15).
var flatT4Table = sync.OnceValue(func() (t struct {
	total string
	cells int
}) {
	b, _ := schema.LookupBlock(schema.E2021, "t4")
	t.total = b.Columns[len(b.Columns)-1].Label
	t.cells = len(b.Rows) * len(b.Columns)
	return t
})

// numberedLabelAt reports how long the numbered label at the start of s
// is when s starts as one of labels that begins with a number and a full
// stop ("7.") does, for at least the number and four more characters, and
// goes on with text (not digits); 0 otherwise. The rest of the label,
// misspelt, is matched by the parser as it can.
func numberedLabelAt(labels []string, s string) int {
	const least = 2 + 4*3 // "7." and four CJK characters
	for _, w := range labels {
		if len(w) < least || w[0] != s[0] || w[1] != '.' {
			continue
		}
		k := 0
		for k < len(w) && k < len(s) && w[k] == s[k] {
			k++
		}
		if k < least {
			continue
		}
		// The label runs to the first digit after it.
		end := strings.IndexFunc(s[2:], func(r rune) bool { return chars.IsASCIIDigit(r) || r == '０' })
		if end += 2; end < k {
			continue
		}
		if end > len(w)+6 {
			continue // more text than a misspelt label
		}
		return end
	}
	return 0
}

// sqMap maps the bytes of a squeezed line (see squeeze) to their offsets in
// the line. The bytes kept between two spaces dropped are a run, each byte
// of which is as many bytes further in the line as were dropped before it.
type sqMap struct {
	starts []int // where each run starts in the squeezed line; starts[0] is 0
	shifts []int // the bytes dropped before each run
	n      int   // the length of the squeezed line
}

// off returns the offset in the line of byte i of the squeezed line.
func (m *sqMap) off(i int) int {
	k := sort.SearchInts(m.starts, i+1) - 1 // the last run starting at or before i
	return i + m.shifts[k]
}

// sqIndex returns the index in the squeezed line of the byte at offset off
// of the line: the first byte kept at or after it (n if none is).
func sqIndex(m *sqMap, off int) int {
	return sort.Search(m.n, func(i int) bool { return m.off(i) >= off })
}

// squeeze returns l without its spaces and the map of the result's bytes to
// their offsets in l.
func squeeze(l string) (string, *sqMap) {
	var b strings.Builder
	b.Grow(len(l))
	m := &sqMap{starts: []int{0}, shifts: []int{0}}
	// A space rune starts with a byte of chars.StartsInlineSpace, none of
	// which continues a rune: other bytes are copied as they are, without
	// decoding (the same bytes as copying their runes whole).
	run, dropped := 0, 0 // start of the bytes not yet copied; bytes dropped
	for i := 0; i < len(l); {
		c, n := l[i], 1
		if chars.StartsInlineSpace(c) {
			var r rune
			r, n = utf8.DecodeRuneInString(l[i:])
			if chars.IsInlineSpace(r) {
				b.WriteString(l[run:i])
				i += n
				run = i
				dropped += n
				if last := len(m.starts) - 1; m.starts[last] == b.Len() {
					m.shifts[last] = dropped
				} else {
					m.starts = append(m.starts, b.Len())
					m.shifts = append(m.shifts, dropped)
				}
				continue
			}
		}
		i += n
	}
	b.WriteString(l[run:])
	m.n = b.Len()
	return b.String(), m
}
