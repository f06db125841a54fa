package nianbao

import (
	"slices"
	"strconv"
	"strings"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// Small Markdown tables as OCR and conversion tools rebuild a report's table
// (corpus file 023): one pipe table per row or row group, each under a
// Markdown heading that names the row, with a header row the tool made up
// (| 类别 | 数据1 | … | 数据6 | 总计 |) or the template's column headers:
//
//	### 一、本年新收政府信息公开申请数量
//	| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
//	|---|---|---|---|---|---|---|---|
//	| 本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |
//
//	### 行政诉讼（复议后起诉）
//	| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
//	|---|---|---|---|---|
//	| 8 | 0 | 1 | 1 | 10 |
//
// smallTables rewrites the tokens of such tables before run reads them:
//
//   - a header row (a pipe row followed by a rule row) whose cells are all
//     generic placeholders or whole column labels of the template is a
//     header: its placeholder cells are no values and no labels, they are
//     dropped (claimed as markup);
//   - when such a header comes right after a line that names a row of the
//     table (a heading) and its table has a single data row, whose own label
//     is missing, a placeholder, a repetition of the heading or matches no
//     row of the template, the heading names that row: the header's column
//     labels, then the heading, then the row's cells are what run reads. The
//     cells go to the row's columns in the header's order when the header
//     names them all; when the header's cells and the row's do not line up,
//     or the column labels the header has stand where the template does not
//     have them, the cells are not placed (Unrecognized, with a warning) and
//     the row is left blank.
//
// Everything else is left as tokenizePipes made it.
func (tp *tableParser) smallTables(lines []lineInfo, toks []token) []token {
	s := tp.p.src
	type mdLine struct {
		pipe      bool
		from, to  int // the line's tokens in toks
		firstPipe int // offset of the line's first pipe when it starts with one, else -1
		// after is what stands between the line and the region's next
		// line: nothing, only rule lines (|---|---|), or blank lines.
		after lineGap
	}
	rules := false // a header rule somewhere: else nothing to do, and nothing allocated
	for i := 0; i+1 < len(lines) && !rules; i++ {
		rules = lines[i+1].idx > lines[i].idx+1 && s.gapBetween(lines[i].idx, lines[i+1].idx) == gapRule
	}
	if !rules {
		return toks
	}
	ml := make([]mdLine, len(lines))
	k := 0
	for i, li := range lines {
		c := s.str(li.content)
		m := mdLine{pipe: hasUnescapedPipe(c), firstPipe: -1}
		if strings.HasPrefix(c, "|") {
			m.firstPipe = li.content.start
		}
		if i+1 < len(lines) {
			m.after = s.gapBetween(li.idx, lines[i+1].idx)
		}
		for k < len(toks) && toks[k].line < li.idx {
			k++
		}
		m.from = k
		for k < len(toks) && toks[k].line == li.idx {
			k++
		}
		m.to = k
		ml[i] = m
	}
	// cells are the indices in toks of a pipe line's cells: its tokens
	// without the empty field that only joins the line to the one before.
	cells := func(m mdLine) []int {
		var out []int
		for j := m.from; j < m.to; j++ {
			if toks[j].kind == tkEmpty && toks[j].sp.start == m.firstPipe {
				continue
			}
			out = append(out, j)
		}
		return out
	}
	var drop []bool
	type replacement struct {
		from, to int
		toks     []token
	}
	var repls []replacement
	for i := range ml {
		if !ml[i].pipe || ml[i].after != gapRule {
			continue
		}
		hc := cells(ml[i])
		if !tp.genericHeader(toks, hc) {
			continue
		}
		if drop == nil {
			drop = make([]bool, len(toks))
		}
		for _, j := range hc {
			if toks[j].kind == tkLabel && isPlaceholderCell(toks[j].text) {
				s.mark(toks[j].sp.start, toks[j].sp.end, claimMarkup)
				drop[j] = true
			}
		}
		// A single data row under a heading that names a row.
		h, d := i-1, i+1
		if h < 0 || ml[h].pipe || ml[h].after == gapRule || ml[h].from == ml[h].to ||
			d >= len(ml) || !ml[d].pipe || (d+1 < len(ml) && ml[d].after == gapNone && ml[d+1].pipe) {
			continue
		}
		heading := toks[ml[h].from:ml[h].to]
		if out, ok := tp.underHeading(heading, toks, hc, cells(ml[d]), drop); ok {
			repls = append(repls, replacement{from: ml[h].from, to: ml[d].to, toks: out})
		}
	}
	if drop == nil {
		return toks
	}
	out := make([]token, 0, len(toks))
	for j := 0; j < len(toks); {
		if len(repls) > 0 && repls[0].from == j {
			out = append(out, repls[0].toks...)
			j = repls[0].to
			repls = repls[1:]
			continue
		}
		if !drop[j] {
			out = append(out, toks[j])
		}
		j++
	}
	return out
}

// genericHeader reports whether a header row's cells are all placeholders
// or whole column labels of the table (or empty), with at least one label.
func (tp *tableParser) genericHeader(toks []token, cells []int) bool {
	labels := 0
	for _, j := range cells {
		switch t := toks[j]; t.kind {
		case tkValue:
			return false
		case tkLabel:
			if !isPlaceholderCell(t.text) && tp.columnOf(t.text) == nil {
				return false
			}
			labels++
		}
	}
	return labels > 0
}

// isPlaceholderCell reports whether a header cell is a placeholder a tool
// made up (placeholderHeaders, placeholderPrefixes and a number: 类别, 项目,
// 数据1, 列2 …), not a label of the template.
func isPlaceholderCell(text string) bool {
	f := fold(text)
	if strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") {
		f = f[1 : len(f)-1]
	}
	if slices.Contains(placeholderHeaders, f) {
		return true
	}
	for _, p := range placeholderPrefixes {
		if rest, ok := strings.CutPrefix(f, p); ok && chars.AllDigits(rest) {
			return true
		}
	}
	return false
}

// columnOf returns the column entry a header cell's whole text is, or nil.
func (tp *tableParser) columnOf(text string) *vocabEntry {
	f := foldRunes(text)
	if len(f) == 0 {
		return nil
	}
	for _, e := range tp.v.byFirst[f[0]] {
		if (e.kind == vColumn || e.kind == vCorner) && slices.Equal(e.folded, f) {
			return e
		}
	}
	return nil
}

// lastMatch returns the last label found in text the way resolve finds
// labels, and the folded runes left after it; ok is false when none is.
func (tp *tableParser) lastMatch(text string) (m match, rest int, ok bool) {
	rs := foldRunes(text)
	tokEnd := []int{len(rs)}
	tokOf := func(int) int { return 0 }
	for p := 0; p < len(rs); {
		mm, found := tp.bestMatch(rs, p, tokEnd, tokOf)
		if !found {
			p++
			continue
		}
		m, ok = mm, true
		p = mm.end
	}
	return m, len(rs) - m.end, ok
}

// rowEntry returns the row entry of a match, or nil.
func rowEntry(m match) *vocabEntry {
	for _, e := range m.entries {
		if e.kind == vRow {
			return e
		}
	}
	return nil
}

// underHeading rewrites a heading, the header of its one-row table (hc) and
// the row (dc) as the tokens run reads: the header's kept labels, the
// heading, the row's cells. ok is false when the heading names no row or
// the row's own label names one.
func (tp *tableParser) underHeading(heading, toks []token, hc, dc []int, drop []bool) ([]token, bool) {
	s := tp.p.src
	var text strings.Builder
	for _, t := range heading {
		if t.kind != tkLabel {
			return nil, false
		}
		text.WriteString(t.text)
	}
	m, rest, ok := tp.lastMatch(text.String())
	row := rowEntry(m)
	if !ok || row == nil || rest > 2 {
		return nil, false
	}
	var label *token
	if len(dc) > 0 && toks[dc[0]].kind == tkLabel {
		label, dc = &toks[dc[0]], dc[1:]
		switch l := label.text; {
		case isPlaceholderCell(l):
		case strings.HasSuffix(fold(text.String()), fold(l)):
		default:
			if lm, _, ok := tp.lastMatch(l); ok && rowEntry(lm) != nil {
				return nil, false // the row has a label of its own
			}
		}
		if len(hc) == len(dc)+1 {
			hc = hc[1:] // the header's cell over the labels
		}
	}
	if len(dc) == 0 {
		return nil, false
	}
	out := make([]token, 0, len(hc)+len(heading)+len(dc))
	for _, j := range hc {
		if toks[j].kind == tkLabel && !drop[j] {
			out = append(out, toks[j])
		}
	}
	out = append(out, heading...)
	if label != nil {
		if isPlaceholderCell(label.text) {
			s.mark(label.sp.start, label.sp.end, claimMarkup)
		} else {
			s.mark(label.sp.start, label.sp.end, claimLabel)
			tp.p.warnf(s.pos(label.sp.start), row.block+"."+row.name, ErrRepaired,
				"row label %q of a one-row table under the heading %q: read as row %q", label.text, text.String(), row.label)
		}
	}
	order, why := tp.headerOrder(row.block, toks, hc, len(dc))
	if why != "" {
		tp.p.warnf(s.pos(toks[dc[0]].sp.start), row.block+"."+row.name, ErrAmbiguous,
			"the row under the heading %q: %s; its cells are not placed", text.String(), why)
		for _, j := range dc {
			if toks[j].kind != tkEmpty {
				tp.p.unrecognized(toks[j].sp, "")
			}
		}
		return out, true
	}
	for _, o := range order {
		out = append(out, toks[dc[o]])
	}
	return out, true
}

// headerOrder gives the order in which n cells under header cells hc go to
// the columns of block: the header's order when it names every column of
// the block once, else the cells' own order when the column labels the
// header has stand where the block has them. why says why neither holds.
func (tp *tableParser) headerOrder(block string, toks []token, hc []int, n int) (order []int, why string) {
	if len(hc) != n {
		return nil, "it has " + strconv.Itoa(n) + " cells under a header of " + strconv.Itoa(len(hc))
	}
	var cols []schema.Column
	for _, e := range schema.Editions {
		if b, ok := schema.LookupBlock(e, block); ok && len(b.Columns) == n {
			cols = b.Columns
		}
	}
	order = make([]int, n)
	for i := range order {
		order[i] = i
	}
	if cols == nil {
		return order, "" // another number of columns: read as run would
	}
	index := func(name string) int {
		for i, c := range cols {
			if c.Name == name {
				return i
			}
		}
		return -1
	}
	named := make([]int, n) // column index each header cell names, -1 if none
	all := true
	seen := map[int]bool{}
	for i, j := range hc {
		named[i] = -1
		if toks[j].kind == tkLabel {
			if e := tp.columnOf(toks[j].text); e != nil && e.kind == vColumn && e.block == block {
				named[i] = index(e.name)
			}
		}
		if named[i] < 0 || seen[named[i]] {
			all = false
		}
		seen[named[i]] = true
	}
	if all {
		for i, c := range named {
			order[c] = i
		}
		return order, ""
	}
	for i, c := range named {
		if c >= 0 && c != i {
			return nil, "its header has the column " + quote(cols[c].Label) + " where the template has " + quote(cols[i].Label)
		}
	}
	return order, ""
}

// lineGap is what stands between two lines of a table region.
type lineGap uint8

const (
	gapNone  lineGap = iota // the lines are next to each other
	gapRule                 // only rule lines (a Markdown table's |---|---|)
	gapOther                // blank lines or anything else
)

// gapBetween tells what the lines strictly between lines a and b are.
func (s *source) gapBetween(a, b int) lineGap {
	g := gapNone
	for j := a + 1; j < b; j++ {
		raw, _ := s.line(j)
		if strings.TrimSpace(raw) == "" || !isRuleLine(raw) {
			return gapOther
		}
		g = gapRule
	}
	return g
}
