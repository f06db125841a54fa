package nianbao

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// Placing the values of a row that has fewer values than cells
// (FORMAT.md, "Placing values in a row"). A blank cell leaves no value, so
// which cells the values belong to must be proved, from one of:
//
//   - positions in space-aligned text (pdftotext -layout, a table pasted
//     from a viewer): a value's column is its horizontal position measured
//     against the rows of the same table and page that are full
//     (placeByColumns);
//   - the right edge of a delimited row: a tab- or pipe-separated line with
//     as many fields as the widest line of its table reaches the table's
//     right edge, so its last field is the last column (reachesRightEdge);
//     merged label cells on the left are why its values are fewer;
//   - one value a line, where a blank cell is a line of white space (a
//     text export, a browser's copy) and the table's full rows show that
//     every cell has a line (placeByLines);
//   - the sign of 本年增/减 in a 2019 table-2 row run together in web text
//     ("35-15": splitSigned).
//
// A table's header labels are not used as positions: shifted against the
// numbers, they would place a whole page wrongly (TestPlaceSpaceAligned).
// Otherwise the row's cells stay blank and its values go to Unrecognized
// with a warning quoting them; Parser.AlignShortRows restores the old guess
// (aligned to the right) for those who want it. Glued digits are cut in
// glue.go, settled by the report's prose in settle.go.

// metric is a way of counting a line's columns.
type metric uint8

const (
	// metricRunes counts one column a character: pdftotext -layout places
	// words at character columns whatever their width.
	metricRunes metric = iota
	// metricWidth counts display width, CJK and full-width characters two
	// columns: text laid out in a monospaced editor or terminal.
	metricWidth
)

// metrics are the ways of counting columns worth trying on this text:
// text with form feeds comes from a PDF extractor (pdftotext writes one at
// each page end), which counts characters; other text may be either.
func (tp *tableParser) metrics() []metric {
	if s := tp.p.src; s.pageOf(len(s.text)) > 0 { // a form feed in the text
		return []metric{metricRunes}
	}
	return []metric{metricRunes, metricWidth}
}

// colSpan is a value's horizontal extent on its line, [start, end).
type colSpan struct{ start, end int }

// runeCols is the number of columns r takes in metric m.
func runeCols(r rune, m metric) int {
	if r < ' ' && r != '\t' || r == '\ufeff' {
		return 0 // a form feed starting a page's first line takes no column
	}
	if m == metricWidth {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			return 2
		}
	}
	return 1
}

// colsOf is the horizontal extent of the text at sp on its line.
func (s *source) colsOf(sp srcSpan, m metric) colSpan {
	start := strings.LastIndexByte(s.text[:sp.start], '\n') + 1
	c := 0
	for _, r := range s.text[start:sp.start] {
		c += runeCols(r, m)
	}
	e := c
	for _, r := range s.text[sp.start:sp.end] {
		e += runeCols(r, m)
	}
	return colSpan{c, e}
}

// pageOf is the number of form feeds before off: pdftotext writes one at
// the end of each page, and a page's columns may stand elsewhere than the
// next page's.
// The text is scanned for them once, not once a row.
func (s *source) pageOf(off int) int {
	if !s.feedsFound {
		s.feedsFound = true
		for i := 0; ; {
			k := strings.IndexByte(s.text[i:], '\f')
			if k < 0 {
				break
			}
			s.formFeeds = append(s.formFeeds, i+k)
			i += k + 1
		}
	}
	n, _ := slices.BinarySearch(s.formFeeds, off)
	return n
}

// valueTokens returns the row's non-empty tokens, and whether they are all
// values on one line.
func valueTokens(vals []token) ([]token, bool) {
	var out []token
	line := -1
	for _, t := range vals {
		if t.kind == tkEmpty {
			continue
		}
		if t.kind != tkValue || line >= 0 && t.line != line {
			return nil, false
		}
		line = t.line
		out = append(out, t)
	}
	return out, len(out) > 0
}

// placeShort places the values of a row of block b that has fewer fields
// than its n cells (rowCols), by position. It returns the row's n fields,
// blanks where no value stands, or nil when positions do not settle it.
func (tp *tableParser) placeShort(b schema.Block, acc *rowAcc, vals []token, n int) []token {
	switch tp.mode {
	case modeTab, modePipeRows:
		if tp.reachesRightEdge(vals, n) {
			out, _, _ := align(vals, n, nil)
			return out
		}
		return nil
	case modeSpace:
		return tp.placeByColumns(b, acc, vals, n)
	}
	return nil
}

// reachesRightEdge reports whether a delimited row's fields run to the
// right edge of its table: its last line has as many fields as the widest
// line of the region, and that is room for a label and the row's n cells
// (text whose only delimiter is the one between a label and a run of
// digits has no right edge to go by).
func (tp *tableParser) reachesRightEdge(vals []token, n int) bool {
	if len(vals) == 0 || tp.widest < n+1 {
		return false
	}
	last := vals[len(vals)-1]
	return tp.fields[last.line] == tp.widest
}

// trimDelimited drops the surplus empty fields of a delimited row with
// more fields than its cells (cols). When they stand at one end only,
// which fields are the cells is plain. When they stand at both ends (a
// Markdown table from pandoc or a PDF converter spreads a merged label cell
// over empty fields before the values, and a blank last cell leaves one
// after them; or every line ends with a delimiter), the header decides:
// the field of the row's last column label (byHeaderFields). Otherwise ok
// is false and which fields are the cells cannot be told.
func (tp *tableParser) trimDelimited(block string, vals []token, cols []schema.Column) ([]token, bool) {
	n := len(cols)
	lead, trail := 0, 0
	for lead < len(vals) && vals[lead].kind == tkEmpty {
		lead++
	}
	for trail < len(vals)-lead && vals[len(vals)-1-trail].kind == tkEmpty {
		trail++
	}
	if lead == 0 || trail == 0 || len(vals)-lead-trail > n {
		return vals, true // align drops them from the one end that has them, or reports surplus values
	}
	if out := tp.byHeaderFields(block, vals, cols); out != nil {
		return out, true
	}
	return nil, false
}

// colKey names a column of a block.
type colKey struct{ block, name string }

// noteColumnAt records where a column label was seen (off, in the text).
func (tp *tableParser) noteColumnAt(m match, off int) {
	for _, e := range m.entries {
		if e.kind == vColumn {
			if tp.colAt == nil {
				tp.colAt = map[colKey]int{}
			}
			tp.colAt[colKey{e.block, e.name}] = off
		}
	}
}

// fieldOf is the index of the delimited field holding offset off on its
// line: the number of delimiters before it (a pipe that opens the line
// counts, so in "| a | b |" a is field 1).
func (tp *tableParser) fieldOf(off int) int {
	s := tp.p.src
	start := s.lineStart[s.lineOf(off)]
	delim := byte('|')
	if tp.mode == modeTab {
		delim = '\t'
	}
	return strings.Count(s.text[start:off], string(delim))
}

// byHeaderFields places a delimited row by the field of its last column's
// label in the header: that field is the row's last cell and the n fields
// ending there are its cells, when the header's line has as many fields as
// the row's and every value of the row falls among them. It returns nil
// otherwise.
func (tp *tableParser) byHeaderFields(block string, vals []token, cols []schema.Column) []token {
	n := len(cols)
	at, ok := tp.colAt[colKey{block, cols[n-1].Name}]
	line := vals[len(vals)-1].line
	if !ok || tp.fields[tp.p.src.lineOf(at)] != tp.fields[line] {
		return nil
	}
	last := tp.fieldOf(at)
	out := make([]token, n)
	for j := range out {
		out[j] = token{kind: tkEmpty, sp: vals[0].sp, line: line}
	}
	for _, t := range vals {
		if t.line != line {
			return nil // a row over several lines: fields of different lines
		}
		f := tp.fieldOf(t.sp.start)
		j := f - (last - n + 1)
		if j < 0 || j >= n {
			if t.kind == tkEmpty {
				continue
			}
			return nil
		}
		out[j] = t
	}
	return out
}

// dropEdges leaves a delimited row whose cells trimDelimited could not
// tell blank, keeps its values in Unrecognized and says why.
func (tp *tableParser) dropEdges(b schema.Block, row schema.Row, vals []token, n int, at Position) {
	tp.p.warnf(at, b.Ref(row.Name, b.Columns[0].Name), ErrAmbiguous,
		"row %q has %d fields for %d cells (%s), empty ones at both ends, and nothing tells which fields are its cells: "+
			"its cells are left blank and the values kept in Unrecognized", row.Label, len(vals), n, joinFields(vals))
	tp.keepValues(vals)
}

// joinFields is the text of a row's fields separated by |, an empty field
// empty.
func joinFields(ts []token) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.text
	}
	return strings.Join(parts, "|")
}

// lineFields records, for a line of a delimited region, how many fields
// it has.
func (tp *tableParser) noteFields(line, n int) {
	if tp.fields == nil {
		tp.fields = map[int]int{}
	}
	tp.fields[line] = n
	tp.widest = max(tp.widest, n)
}

// placeByColumns places a space-aligned row's values under the columns of
// the rows of the same block and page that have all n values on one line.
// Each metric (characters, display width) in which those rows' columns do
// not overlap is tried; every metric that places the row must place it the
// same way, and one must (choosePlacement).
func (tp *tableParser) placeByColumns(b schema.Block, acc *rowAcc, vals []token, n int) []token {
	vs, ok := valueTokens(vals)
	if !ok || acc == nil {
		return nil
	}
	s := tp.p.src
	page := s.pageOf(vs[0].sp.start)
	var refs, rows [][]token // the full rows, and all rows on one line, of the block and page
	var refAccs []*rowAcc
	feeds := s.pageOf(len(s.text)) > 0 // pdftotext: true positions (labelCol)
	for _, o := range tp.rowOrder {
		if o.block != b.ID {
			continue
		}
		ov, ok := valueTokens(o.vals)
		if !ok || len(ov) > n || s.pageOf(ov[0].sp.start) != page {
			continue
		}
		rows = append(rows, ov)
		if o != acc && len(ov) == n && (feeds || labelCol(s, o) == labelCol(s, acc)) {
			refs = append(refs, ov)
			refAccs = append(refAccs, o)
		}
	}
	if len(refs) == 0 || !laidOut(s, vs[0].line) || slices.ContainsFunc(refs, func(r []token) bool { return !laidOut(s, r[0].line) }) {
		// Without a full row there are no columns; without a wide gap
		// the row is not laid out in columns (see laidOut).
		// The header's labels are no evidence: a label wider than its
		// cell, or CJK text counted one column a character, stands
		// shifted against the numbers, and a whole page of values then
		// lines up under the wrong labels (TestPlaceSpaceAligned found
		// such tables).
		return nil
	}
	var hulls [2][]colSpan
	var spread [2]int
	for _, m := range tp.metrics() {
		if hulls[m] = columnHulls(s, refs, n, m); hulls[m] != nil {
			spread[m] = columnSpread(s, refs, hulls[m], m)
		}
	}
	placed := choosePlacement(s, vs, rows, hulls, spread)
	if placed == nil || inLabels(s, vs, refAccs, hulls) {
		return nil
	}
	out := make([]token, n)
	for j := range out {
		out[j] = token{kind: tkEmpty, sp: srcSpan{vs[0].sp.start, vs[0].sp.start}, line: vs[0].line}
	}
	for i, j := range placed {
		out[j] = vs[i]
	}
	return out
}

// labelCol is the column at which a row's label starts, in characters.
// In text without form feeds (not pdftotext's) a row is measured only
// against rows whose labels start where its own does: a plain-text table
// whose merged label cells differ in depth may put a row's cells one after
// another from its label on, shifted by the label columns it spans
// (pandoc's plain tables: 四、结转下年度继续办理 spans three label columns and
// its cells start in the second). pdftotext places every word where the
// PDF has it, whatever the label's depth.
func labelCol(s *source, acc *rowAcc) int {
	return s.colsOf(acc.label, metricRunes).start
}

// inLabels reports whether a value of vs starts where a reference row's
// label, on its values' line, still stands, in a metric that has columns:
// a value there is in no column of values. (pandoc's plain tables put a
// label that spans three merged columns in the first and the row's values
// from the second on, left of where the other rows' values stand.)
func inLabels(s *source, vs []token, refs []*rowAcc, hulls [2][]colSpan) bool {
	for _, m := range []metric{metricRunes, metricWidth} {
		if hulls[m] == nil {
			continue
		}
		end := -1
		for _, o := range refs {
			if s.lineOf(max(o.label.start, o.label.end-1)) == o.vals[0].line {
				end = max(end, s.colsOf(o.label, m).end)
			}
		}
		for _, v := range vs {
			if s.colsOf(v.sp, m).start < end {
				return true
			}
		}
	}
	return false
}

// laidOut reports whether line l is laid out in columns: between its words
// stands, somewhere, a run of two or more spaces (or a tab). pdftotext
// -layout pads every column so; text that separates every word by one
// space (pdftotext -raw, a paragraph) puts a value where the words before
// it ended, whatever its cell, and its positions prove nothing (in
// pdftotext -raw, rows whose labels are as long line up by chance).
func laidOut(s *source, l int) bool {
	text, _ := s.line(l)
	text = strings.TrimFunc(text, chars.IsSpace)
	run := 0
	for _, r := range text {
		switch {
		case r == '\t':
			return true
		case chars.IsSpace(r):
			run++
			if run >= 2 {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

// choosePlacement places the values vs under the columns hulls[m] of the
// metrics m that have them. A metric is out when, in some row of the page
// (rows), two values fall under one column, out of order, or one value
// under two columns: the page does not line up in it (pdftotext places a
// word after a long CJK label wherever it fits, so in display width a
// row's values may crowd into one column). A value under no column only
// keeps its own row from being placed. Of the metrics left, the one with
// the smaller spread wins (spread[m]: how much the full rows' values stray
// within their columns); when they tie, both must place vs alike.
func choosePlacement(s *source, vs []token, rows [][]token, hulls [2][]colSpan, spread [2]int) []int {
	for _, m := range []metric{metricRunes, metricWidth} {
		if hulls[m] == nil {
			continue
		}
		for _, row := range rows {
			// Every row of the page must fit the columns: a row that does
			// not (values shifted off them) says pdftotext laid its lines
			// out unevenly, and then no row's positions are trusted
			// (LibreOffice's PDF of nianbao's .docx: rows whose labels
			// wrap have their values three or more columns left of the
			// others').
			if at, clash := assignColumns(s, row, hulls[m], m); clash || at == nil {
				hulls[m] = nil
				break
			}
		}
	}
	var placed []int
	for _, m := range []metric{metricRunes, metricWidth} {
		other := 1 - m
		if hulls[m] == nil || hulls[other] != nil && spread[m] > spread[other] {
			continue
		}
		at, _ := assignColumns(s, vs, hulls[m], m)
		if at == nil || placed != nil && !slicesEqual(placed, at) {
			return nil
		}
		placed = at
	}
	return placed
}

// columnSpread is how much the reference rows' values stray within their
// columns in metric m: for each column, the hull's width less the widest
// value, summed. Aligned columns stray by nothing (right or left aligned)
// or a column or two (centred); in the wrong metric, rows whose labels
// differ in their wide characters stray by the difference.
func columnSpread(s *source, refs [][]token, hulls []colSpan, m metric) int {
	sum := 0
	for j, h := range hulls {
		widest := 0
		for _, row := range refs {
			c := s.colsOf(row[j].sp, m)
			widest = max(widest, c.end-c.start)
		}
		sum += h.end - h.start - widest
	}
	return sum
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// columnHulls is, for each of the n columns, the smallest span that holds
// the column's value in every reference row, or nil when two columns'
// spans overlap (the rows do not line up in metric m).
func columnHulls(s *source, refs [][]token, n int, m metric) []colSpan {
	hulls := make([]colSpan, n)
	for k, row := range refs {
		for j, t := range row {
			c := s.colsOf(t.sp, m)
			if k == 0 {
				hulls[j] = c
				continue
			}
			hulls[j].start = min(hulls[j].start, c.start)
			hulls[j].end = max(hulls[j].end, c.end)
		}
	}
	for j := 1; j < n; j++ {
		if hulls[j].start < hulls[j-1].end {
			return nil
		}
	}
	return hulls
}

// assignColumns gives each value the column whose span it overlaps, or,
// when it overlaps none, the nearest column when that is at most two
// columns away and clearly nearer than any other. A run of k values that
// fit no column between values in columns a and b (or the row's ends) is
// placed when exactly k columns lie between: the values of a line are in
// the columns' order, so they can be nowhere else (pdftotext may pull the
// value after a long CJK label a few characters left of its column). It
// returns nil when a run of such values has other room; nil with clash set
// when a value overlaps two columns or the columns are not in the values'
// order.
func assignColumns(s *source, vs []token, hulls []colSpan, m metric) (at []int, clash bool) {
	at = make([]int, len(vs))
	prev := -1
	for i, t := range vs {
		best, ok, two := nearestColumn(s.colsOf(t.sp, m), hulls)
		switch {
		case two:
			return nil, true
		case !ok:
			at[i] = -1
			continue
		case best <= prev:
			return nil, true
		}
		at[i], prev = best, best
	}
	// Runs of values in no column, between the columns around them.
	for i := 0; i < len(at); {
		if at[i] >= 0 {
			i++
			continue
		}
		j := i
		for j < len(at) && at[j] < 0 {
			j++
		}
		lo, hi := -1, len(hulls)
		if i > 0 {
			// Only a run at the row's start is filled so. A value after a
			// placed one that fits no column says the line is squeezed, and
			// so may be the page's other lines: pdftotext -layout of
			// Chromium's PDF put one row's last values "0 0" one space apart
			// and another's 总计 under 其他. The page's positions are no
			// columns (a clash: choosePlacement drops the metric).
			return nil, true
		}
		if j < len(at) {
			hi = at[j]
		}
		if hi-lo-1 != j-i {
			return nil, false
		}
		for k := i; k < j; k++ {
			at[k] = lo + 1 + k - i
		}
		i = j
	}
	return at, false
}

// nearestColumn is the column whose span c overlaps, or, when it overlaps
// none, the nearest column when that is at most two columns away and
// clearly nearer than any other; ok is false when c overlaps two columns
// (then two is true) or none fits.
func nearestColumn(c colSpan, hulls []colSpan) (col int, ok, two bool) {
	const near = 2
	best, bestD, second := -1, 1<<30, 1<<30
	for j, h := range hulls {
		d := 0
		switch {
		case c.end <= h.start:
			d = h.start - c.end + 1
		case c.start >= h.end:
			d = c.start - h.end + 1
		}
		switch {
		case d < bestD:
			best, bestD, second = j, d, bestD
		case d < second:
			second = d
		}
	}
	switch {
	case bestD == 0 && second == 0:
		return -1, false, true
	case bestD > 0 && (bestD > near || second < bestD+near+1):
		return -1, false, false
	}
	return best, true, false
}

// dropShort leaves a row whose values positions do not place blank, keeps
// its values in Unrecognized and says so, quoting them.
func (tp *tableParser) dropShort(b schema.Block, row schema.Row, vals []token, n int, at Position) {
	k := 0
	for _, t := range vals {
		if t.kind != tkEmpty {
			k++
		}
	}
	tp.p.warnf(at, b.Ref(row.Name, b.Columns[0].Name), ErrAmbiguous,
		"row %q has %d values for %d cells (%s) and their positions do not tell which cells are blank: "+
			"its cells are left blank and the values kept in Unrecognized (Parser.AlignShortRows reads such a row aligned to the right)",
		row.Label, k, n, joinTokens(vals))
	tp.keepValues(vals)
}

// placeFlat places table 4 written as one row of fewer values than its
// need cells: by the right edge of a delimited row. (In space-aligned text
// it has no full row to go by, and its header's labels are no evidence:
// see placeByColumns.)
func (tp *tableParser) placeFlat(b schema.Block, flat []token, need int) []token {
	switch tp.mode {
	case modeTab, modePipeRows:
		if tp.reachesRightEdge(flat, need) {
			out, _, _ := align(flat, need, nil)
			return out
		}
	}
	return nil
}

// labelsApart reports whether a row of a pipe table takes its values from
// a later line than its label, while the row label before it in its block
// got none: two or more labels stand before one row of values outside the
// table (a PDF converted to Markdown puts wrapped labels as text between
// small tables), and nothing proves which label the values belong to.
func (tp *tableParser) labelsApart(acc *rowAcc, vals []token) bool {
	if !acc.afterBare || tp.mode != modePipe && tp.mode != modePipeRows {
		return false
	}
	end := tp.p.src.lineOf(max(acc.label.start, acc.label.end-1)) // a label may be broken across lines
	if ln, _ := tp.p.src.line(end); hasUnescapedPipe(ln) || strings.HasPrefix(strings.TrimSpace(ln), "#") {
		return false // the label ends in a cell of the table, or is the heading that names a small table (smalltable.go)
	}
	for _, t := range vals {
		if t.kind == tkValue {
			return t.line != end
		}
	}
	return false
}

// dropApart leaves such a row blank, keeps its values in Unrecognized and
// says why, quoting them.
func (tp *tableParser) dropApart(b schema.Block, row schema.Row, vals []token, at Position) {
	tp.p.warnf(at, b.Ref(row.Name, b.Columns[0].Name), ErrAmbiguous,
		"row %q: its label and the label before it stand apart from the table with no values between them, "+
			"so which of them the values that follow (%s) belong to cannot be told; "+
			"its cells are left blank and the values kept in Unrecognized", row.Label, joinTokens(vals))
	tp.keepValues(vals)
}

// splitSigned reads a row of table 2 (edition 2019) whose 上一年项目数量 and
// 本年增/减 ran together in web page text ("35-15", "20+1737"): the sign
// starts 本年增/减, the only signed column, so the digits before it are the
// cells before that column when there is exactly one (上一年项目数量). The
// signed rest is 本年增/减 when it is the row's last cell; when 处理决定数量
// follows, the cut between them is not known: those cells stay blank and
// that part of the run is kept in Unrecognized, with a warning. It returns
// the row's n fields, or nil when the row is not such a run.
func (tp *tableParser) splitSigned(b schema.Block, row schema.Row, vals []token, cols []schema.Column, at Position) []token {
	var t token
	k := 0
	for _, v := range vals {
		if v.kind != tkEmpty {
			t, k = v, k+1
		}
	}
	change := slices.IndexFunc(cols, func(c schema.Column) bool { return c.Kind == schema.SignedCount })
	if k != 1 || change != 1 {
		return nil
	}
	i := chars.IndexAny(t.text, "+-＋－")
	if i <= 0 {
		return nil
	}
	left, right := t.text[:i], t.text[i:]
	_, sz := utf8.DecodeRuneInString(right)
	if _, ok := foldDigits(left); !ok {
		return nil
	}
	if _, ok := foldDigits(right[sz:]); !ok {
		return nil
	}
	base := t.sp.start
	out := make([]token, len(cols))
	for j := range out {
		out[j] = token{kind: tkEmpty, sp: srcSpan{base, base}, line: t.line}
	}
	out[0] = token{kind: tkValue, sp: srcSpan{base, base + i}, text: left, line: t.line}
	rest := srcSpan{base + i, t.sp.end}
	if len(cols) == 2 {
		out[1] = token{kind: tkValue, sp: rest, text: right, line: t.line}
		return out
	}
	tp.p.warnf(at, b.Ref(row.Name, cols[1].Name), ErrAmbiguous,
		"the cells of row %q ran together as %q: the sign starts %s, so %s is %s; how %q divides between %s and %s cannot be told, "+
			"those cells are left blank and %q kept in Unrecognized",
		row.Label, t.text, cols[1].Label, cols[0].Label, left, right, cols[1].Label, cols[2].Label, right)
	tp.p.unrecognized(rest, "")
	return out
}

// placeByLines places a row written one value a line where a blank cell
// is a line of its own with nothing on it (LibreOffice's and Word's text
// export of a table, a browser's copy: an empty line, or one holding only
// white space, a no-break space or a delimiter). The lines after a row's
// label up to the next line of text are its slots. When the table's full
// rows (of any of its blocks) have their values on consecutive lines, no
// empty line among them, every cell has a line: a row's first n slots are
// its cells and any empty lines after them are no cells (merged label
// cells leave some). In PDF text
// without -layout a blank leaves no line and empty lines stand between
// all values, so the full rows there have empty lines among their values
// and nothing is placed.
func (tp *tableParser) placeByLines(b schema.Block, acc *rowAcc, vals []token, n int) []token {
	if acc == nil || !oneALine(vals) || !tp.cellALine(acc) {
		return nil
	}
	slots := tp.lineSlots(acc, n)
	if len(slots) < n {
		return nil
	}
	for _, l := range slots[n:] {
		if l >= 0 {
			return nil
		}
	}
	byLine := map[int]token{}
	for _, t := range vals {
		if t.kind != tkEmpty {
			byLine[t.line] = t
		}
	}
	out := make([]token, n)
	used := 0
	for j, l := range slots[:n] {
		if l < 0 {
			start := tp.p.src.lineStart[acc.line]
			out[j] = token{kind: tkEmpty, sp: srcSpan{start, start}, line: acc.line}
			continue
		}
		t, ok := byLine[l]
		if !ok {
			return nil
		}
		out[j] = t
		used++
	}
	if used != len(byLine) {
		return nil
	}
	return out
}

// cellALine reports whether the table's full rows other than acc (of any
// of its blocks) have their values on consecutive lines, no empty line
// among them, and there is one: then every cell has a line and a blank
// cell is an empty one (placeByLines).
func (tp *tableParser) cellALine(acc *rowAcc) bool {
	full := false
	for _, o := range tp.rowOrder {
		w := trimmedLen(o.vals)
		if o == acc || w == 0 || !blockWidths()[o.block][w] || !oneALine(o.vals) {
			continue // not a full row of its block (of this table, any block)
		}
		slots := tp.lineSlots(o, w)
		if len(slots) < w || slices.Contains(slots[:w], -1) {
			return false // an empty line among a full row's values: not a cell a line
		}
		full = true
	}
	return full
}

// blockWidths gives, for each block, the numbers of columns its editions
// have (extra columns included): a row with that many values is full.
var blockWidths = sync.OnceValue(func() map[string]map[int]bool {
	out := map[string]map[int]bool{}
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			if out[b.ID] == nil {
				out[b.ID] = map[int]bool{}
			}
			out[b.ID][len(b.Columns)] = true
			out[b.ID][len(b.Columns)+len(b.ExtraColumns)] = true
		}
	}
	return out
})

// lineSlots lists, for the lines after a row's label, the line of each
// value written alone on its line, or -1 for a line with nothing on it
// (white space, a no-break space, a delimiter), up to the first line with
// anything else, at most 3n lines.
func (tp *tableParser) lineSlots(acc *rowAcc, n int) []int {
	s := tp.p.src
	var out []int
	for l := s.lineOf(max(acc.label.start, acc.label.end-1)) + 1; l < s.numLines() && len(out) < 3*n; l++ {
		text, _ := s.line(l)
		text = strings.TrimFunc(text, func(r rune) bool { return chars.IsSpace(r) || r == '|' || r == '｜' })
		switch {
		case text == "":
			out = append(out, -1)
		case isValueKind(text):
			out = append(out, l)
		default:
			return out
		}
	}
	return out
}

// oneALine reports whether a row's values, one or more, stand each on a
// line of its own.
func oneALine(vals []token) bool {
	n, last := 0, -1
	for _, t := range vals {
		if t.kind == tkEmpty {
			continue
		}
		if n > 0 && t.line == last {
			return false
		}
		n, last = n+1, t.line
	}
	return n > 0
}
