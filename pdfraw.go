package nianbao

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// PDF text extracted without -layout (pdftotext's default reading order)
// writes every table cell on a line of its own and, on many pages, not in
// the table's order: a page's row labels come as one run after its values,
// values come column by column, the three parts of table 4 interleave. Read
// in order, such values land in the wrong cells. The checks here find the
// runs that cannot be told apart and leave their cells blank, the values
// kept in Unrecognized with a warning: a wrong number is worse than none.
// They apply only to values written one a line; rows read from any other
// layout are never touched, whatever their arithmetic (real reports have
// real errors in it).

// flatBreak is a place in table 4's unlabelled values where labels came
// between two values: at is the number of values before it, total whether
// the labels were only the column header 总计.
type flatBreak struct {
	at    int
	total bool
}

// isTotalRun reports whether a run of label fragments spells only the
// label of table 4's column 总计.
func isTotalRun(run []token) bool {
	var b strings.Builder
	for _, t := range run {
		for _, r := range t.text {
			if !chars.IsSpace(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String() == t4TotalLabel()
}

// t4TotalLabel is the label of table 4's column total, from the catalog.
var t4TotalLabel = sync.OnceValue(func() string {
	b, _ := schema.LookupBlock(schema.E2021, "t4")
	c, _ := b.Column("total")
	return c.Label
})

// noteFlatBreak records, after a run of labels, that the next value of
// table 4 to go to its unlabelled values follows labels.
func (tp *tableParser) noteFlatBreak(total bool) {
	if tp.table == "t4" && tp.cur == nil && len(tp.flat) > 0 {
		tp.flatBreaks = append(tp.flatBreaks, flatBreak{at: len(tp.flat), total: total})
	}
}

// onePerLine reports whether a row's values were written one a line in
// running text (no delimiters): at least two values, no two on a line.
func (tp *tableParser) onePerLine(vals []token) bool {
	if tp.mode != modeSpace {
		return false
	}
	n, last := 0, -1
	for _, t := range vals {
		if t.kind == tkEmpty {
			continue
		}
		if n > 0 && t.line == last {
			return false
		}
		n++
		last = t.line
	}
	return n >= 2
}

// flatScrambled says why table 4's unlabelled values, written one a line,
// cannot be placed, or returns "": they are not as many as the cells of
// the rows without labels (a blank cell leaves no line), or came in pieces
// whose ends are not row ends (labels between two values anywhere but
// after a row's last value, or before a row's 总计 when those labels are
// the column header 总计 itself).
func (tp *tableParser) flatScrambled(b schema.Block, cols int) string {
	if !tp.onePerLine(tp.flat) {
		return ""
	}
	need := 0
	for _, row := range b.Rows {
		if tp.rows[rowKey{b.ID, row.Name}] == nil {
			need += cols
		}
	}
	if len(tp.flat) != need {
		return fmt.Sprintf("table 4 has %d values, one a line, for %d cells (%s): which cell each belongs to "+
			"cannot be told (a blank cell leaves no line in text of a PDF without -layout)",
			len(tp.flat), need, joinTokens(tp.flat))
	}
	bad := false
	for _, br := range tp.flatBreaks {
		switch br.at % cols {
		case 0:
		case cols - 1:
			bad = bad || !br.total
		default:
			bad = true
		}
	}
	if !bad {
		return ""
	}
	runs := make([]string, 0, len(tp.flatBreaks)+1)
	from := 0
	for _, br := range append(tp.flatBreaks, flatBreak{at: len(tp.flat)}) {
		runs = append(runs, joinTokens(tp.flat[from:br.at]))
		from = br.at
	}
	return fmt.Sprintf("table 4's values, one a line, come in pieces between labels (%s) that do not match its rows: "+
		"which value belongs to which cell cannot be told (text of a PDF out of reading order?)", strings.Join(runs, " | "))
}

// dropFlat keeps table 4's unlabelled values in Unrecognized and says why.
func (tp *tableParser) dropFlat(b schema.Block, why string) {
	if len(tp.flat) == 0 {
		return
	}
	tp.p.warn(tp.p.src.pos(tp.flat[0].sp.start), b.ID, ErrAmbiguous, why+"; its cells are left blank and the values kept in Unrecognized")
	tp.keepValues(tp.flat)
}

// rowScrambled reports whether a labelled row of table 3 or 4 whose values
// were written one a line has fewer of them than cells (a blank cell
// leaves no line, so which are blank cannot be told), or more, and they do
// not read as whole rows, each adding up, in order. (Where they do, the extra
// values are the rows whose labels come later, and the first row's worth
// is this row's.) skip is a column left out of the sum (table 3's
// 法人或其他组织 subtotal), -1 if none.
func (tp *tableParser) rowScrambled(block string, vals []token, n, skip int) bool {
	if block != "t3" && block != "t4" || len(vals) == n || !tp.onePerLine(vals) {
		return false
	}
	if len(vals) < n {
		return true // which cells are blank cannot be told
	}
	if len(vals)%n != 0 {
		return true
	}
	for k := 0; k < len(vals); k += n {
		if !rowAddsUp(vals[k:k+n], skip) {
			return true
		}
	}
	return false
}

// rowAddsUp reports whether a row's values are integers and its 总计, the
// last value but skip, is the sum of the values before it but skip (skip
// is a subtotal column, before 总计 or after it, or -1).
func rowAddsUp(vals []token, skip int) bool {
	total := len(vals) - 1
	if total == skip {
		total--
	}
	if total < 1 {
		return false
	}
	var sum int64
	for i, t := range vals {
		v, ok := ParseValue(t.text).Int64()
		switch {
		case !ok:
			return false
		case i == total:
			return v == sum
		case i != skip:
			sum += v
		}
	}
	return false
}

// dropRow keeps a row's values in Unrecognized and says why.
func (tp *tableParser) dropRow(b schema.Block, row schema.Row, vals []token, n int, at Position) {
	if len(vals) < n {
		tp.p.warnf(at, b.ID+"."+row.Name, ErrAmbiguous,
			"row %q has %d values, one a line, for %d cells (%s): which cells they fill cannot be told "+
				"(a blank cell leaves no line in text of a PDF without -layout); "+
				"its cells are left blank and the values kept in Unrecognized",
			row.Label, len(vals), n, joinTokens(vals))
	} else {
		tp.p.warnf(at, b.ID+"."+row.Name, ErrAmbiguous,
			"row %q has %d values, one a line, for %d cells, and they do not read as rows that add up (%s): "+
				"which value belongs to which cell cannot be told (text of a PDF out of reading order?); "+
				"its cells are left blank and the values kept in Unrecognized",
			row.Label, len(vals), n, joinTokens(vals))
	}
	tp.keepValues(vals)
}

// blankRow makes every cell of a row blank, the 法人或其他组织 subtotal
// too when the block has that column (org). The cells take the position at
// (the row's label, or the table's when the row has none), so that findings
// on them point where the parser said why it left them blank.
func blankRow(r *Report, b schema.Block, row string, org bool, at Position) {
	blank := Cell{Kind: Blank, Pos: at}
	for _, c := range b.Columns {
		*r.cellAt(b.Table, row, c.Name) = blank
	}
	if org {
		*r.cellAt(b.Table, row, "organizations") = blank
	}
}

// joinTokens is the text of tokens separated by spaces, the first 20 of
// them.
func joinTokens(ts []token) string {
	const most = 20
	parts := make([]string, 0, min(len(ts), most+1))
	for _, t := range ts {
		if t.kind == tkEmpty {
			continue
		}
		if len(parts) == most {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

// noteLabelled records the rows a label match names.
func (tp *tableParser) noteLabelled(m match) {
	for _, e := range m.entries {
		if e.kind == vRow {
			if tp.labelled == nil {
				tp.labelled = map[rowKey]bool{}
			}
			tp.labelled[rowKey{e.block, e.name}] = true
		}
	}
}

// decideByLabels chooses table 3's edition when no row that tells the two
// apart has values of its own (its label came away from them, as in PDF
// text out of reading order): 2019 when the label （六）其他处理 was seen
// and none of the three rows 2021 has under it, else 2021.
func (tp *tableParser) decideByLabels() schema.Edition {
	only := t3OnlyRows()
	for _, e := range []schema.Edition{schema.E2021, schema.E2019} {
		for _, n := range only[e] {
			if tp.labelled[rowKey{"t3", n}] {
				return e
			}
		}
	}
	return schema.E2021
}

// t3OnlyRows gives, for each edition, the rows of table 3 that the other
// edition does not have (2021's three rows under （六）其他处理, 2019's row
// （六）其他处理 itself), from the catalog.
var t3OnlyRows = sync.OnceValue(func() map[schema.Edition][]string {
	out := map[schema.Edition][]string{}
	for _, e := range schema.Editions {
		b, _ := schema.LookupBlock(e, "t3")
		for _, row := range b.Rows {
			for _, other := range schema.Editions {
				ob, _ := schema.LookupBlock(other, "t3")
				// Not ob.Row: 2021 has （六）其他处理 as a subtotal (ExtraRows).
				has := slices.ContainsFunc(ob.Rows, func(r schema.Row) bool { return r.Name == row.Name })
				if other != e && !has {
					out[e] = append(out[e], row.Name)
					break
				}
			}
		}
	}
	return out
})

// preRowFits reports whether table 3's values before its first row label
// are row 一's (本年新收): a row's worth of values, one a line, that adds
// up, between the column header and the row 二 (上年结转), which is the
// first row with values; row 一's label is seen elsewhere without values
// of its own (pdftotext put the page's row labels after its values).
func (tp *tableParser) preRowFits(n int) bool {
	return len(tp.preRow) == n && tp.onePerLine(tp.preRow) && rowAddsUp(tp.preRow, -1) &&
		tp.labelled[rowKey{"t3", "new"}] && tp.rows[rowKey{"t3", "new"}] == nil &&
		len(tp.rowOrder) > 0 && tp.rowOrder[0].block == "t3" && tp.rowOrder[0].name == "carried_over"
}

// takePreRow hands out the values before table 3's first row label as
// row 一's, and says so.
func (tp *tableParser) takePreRow(b schema.Block, row schema.Row) ([]token, Position) {
	vals := tp.preRow
	tp.preRow = nil
	at := tp.p.src.pos(vals[0].sp.start)
	tp.p.warnf(at, b.Ref(row.Name, b.Columns[len(b.Columns)-1].Name), ErrRepaired,
		"the %d values before table 3's first row label (%s) are read as row %q: they come between the column "+
			"header and row 二, add up, and row 一's label comes later without values (text of a PDF out of reading order?)",
		len(vals), joinTokens(vals), row.Label)
	return vals, at
}

// dropPreRow keeps table 3's values before its first row label, if not
// placed, in Unrecognized.
func (tp *tableParser) dropPreRow() {
	for _, t := range tp.preRow {
		tp.p.unrecognized(t.sp, "a value outside any table row")
	}
	tp.preRow = nil
}

// colsRow is table 3's 总计 row whose values, one a line, do not read in
// order: perhaps it and the rows before it written column by column.
type colsRow struct {
	row  schema.Row
	vals []token
	at   Position
}

// readByColumns reads table 3's 总计 row from values written column by
// column with the k-1 rows before it (pdftotext puts a block of cells
// column by column): the values read so are rows that each add up, the
// last, 总计's, is where rows 一 and 二 went (一 + 二 = 总计 + 四, column by
// column, with rows 一, 二 and 四 read). Otherwise the row stays blank,
// with a warning.
func (tp *tableParser) readByColumns(r *Report, b schema.Block, cr *colsRow) {
	n := len(b.Columns)
	k := len(cr.vals) / n
	rows := make([][]token, k)
	for i := range rows {
		rows[i] = make([]token, n)
		for j := range n {
			rows[i][j] = cr.vals[j*k+i]
		}
	}
	ok := len(cr.vals)%n == 0 && k >= 2
	for _, row := range rows {
		ok = ok && rowAddsUp(row, -1)
	}
	last := rows[k-1]
	for j, c := range b.Columns {
		if !ok {
			break
		}
		var sum [3]int64
		for i, name := range []string{"new", "carried_over", "carried_forward"} {
			v, isInt := r.Cell(b.Ref(name, c.Name))
			n, good := v.Int64()
			ok = ok && isInt && good && v.Kind == Number
			sum[i] = n
		}
		t, good := ParseValue(last[j].text).Int64()
		ok = ok && good && sum[0]+sum[1] == t+sum[2]
	}
	if !ok {
		tp.dropRow(b, cr.row, cr.vals, n, cr.at)
		return
	}
	tp.p.warnf(cr.at, b.Ref(cr.row.Name, b.Columns[n-1].Name), ErrRepaired,
		"row %q has %d values, one a line, that read as %d rows written column by column (%s); the last of them, "+
			"which balances rows 一, 二 and 四, is read as this row's and the others are kept in Unrecognized "+
			"(text of a PDF out of reading order?)", cr.row.Label, len(cr.vals), k, joinTokens(cr.vals))
	for j, c := range b.Columns {
		*r.cellAt(b.Table, cr.row.Name, c.Name) = tp.cell(last[j], b.Table, cr.row.Name, c.Name)
	}
	for _, row := range rows[:k-1] {
		for _, t := range row {
			tp.p.unrecognized(t.sp, "")
		}
	}
}

// spillRows places the values after a row's own, when the row's values,
// one a line, are several whole rows that each add up (rowScrambled said
// so): pdftotext wrote the values of the next rows before their labels.
// They are the rows of the template between this row and the next row
// read with values of its own (or the end of the block), when those are
// exactly as many as the extra runs, have no values of their own and
// their labels were seen. The result maps each to its values; nil if the
// values cannot be placed so (they stay surplus, with a warning).
func (tp *tableParser) spillRows(b schema.Block, acc *rowAcc, vals []token, n int) map[string][]token {
	if b.ID != "t3" && b.ID != "t4" || len(vals)%n != 0 || b.ID == "t4" && len(tp.flat) > 0 {
		return nil
	}
	// The next row read after acc, in reading order, of this block.
	var next *rowAcc
	for i, a := range tp.rowOrder {
		if a != acc {
			continue
		}
		for _, b2 := range tp.rowOrder[i+1:] {
			if b2.block == b.ID {
				next = b2
				break
			}
		}
		break
	}
	from, to := -1, -1
	if next == nil {
		to = len(b.Rows)
	}
	for i, row := range b.Rows {
		switch {
		case row.Name == acc.name:
			from = i
		case next != nil && row.Name == next.name:
			to = i
		}
	}
	// (The next row may be a subtotal, not among the official rows: then
	// which rows come between is not known.)
	if from < 0 || to <= from || to-from-1 != len(vals)/n-1 {
		return nil
	}
	out := map[string][]token{}
	for k, row := range b.Rows[from+1 : to] {
		if tp.rows[rowKey{b.ID, row.Name}] != nil || !tp.labelled[rowKey{b.ID, row.Name}] {
			return nil
		}
		out[row.Name] = vals[(k+1)*n : (k+2)*n]
	}
	tp.p.warnf(tp.p.src.pos(vals[n].sp.start), b.ID+"."+b.Rows[from+1].Name, ErrRepaired,
		"row %q has %d values, one a line, for %d cells: %d whole rows that each add up; the rows after the first "+
			"are read as the next %d rows of the template (%s), whose labels come later without values "+
			"(text of a PDF out of reading order?)", b.Rows[from].Label, len(vals), n, len(vals)/n, len(out), joinRowLabels(b.Rows[from+1:to]))
	return out
}

// joinRowLabels joins the labels of rows with 、.
func joinRowLabels(rows []schema.Row) string {
	ls := make([]string, len(rows))
	for i, r := range rows {
		ls[i] = r.Label
	}
	return strings.Join(ls, "、")
}

// linesLost says why no row of block b can be read, or returns "": its
// values stand one a line (PDF text without -layout: pdftotext's default
// and -raw reading order), and they are fewer than its cells, so blank
// cells left no line. A value alone on its line has no position, and the
// reading order of PDF text is not the table's: a row that got as many
// values as it has cells may have taken another row's, the one after a
// blank cell (LibreOffice's PDF of a table with blank cells, read by
// pdftotext without -layout, put row 二's values after row 一's label).
// Only positions or arithmetic could place them; one a line, there are
// neither. Text in which a blank cell is an empty line (cellALine: a text
// export) has lost no line.
func (tp *tableParser) linesLost(b schema.Block, n int) string {
	if tp.mode != modeSpace || tp.cellALine(nil) {
		return "" // a blank cell is a line of its own (placeByLines): no line was lost
	}
	count, need, multi := 0, 0, false
	var vals []token
	for _, row := range b.Rows {
		acc := tp.rows[rowKey{b.ID, row.Name}]
		switch {
		case acc != nil || tp.labelled[rowKey{b.ID, row.Name}]:
			need += n
		case b.ID == "t4" && len(tp.flat) > 0:
			need += n // table 4's unlabelled values are for the rows without labels
		}
		if acc == nil {
			continue // a row whose label is not in the text is missing, not blank
		}
		k := valueCount(acc.vals)
		if k == 0 {
			continue
		}
		if !oneALine(acc.vals) {
			return "" // values share a line: positions or delimiters, not one a line
		}
		multi = multi || k >= 2
		vals = append(vals, acc.vals...)
		count += k
	}
	for _, row := range b.ExtraRows {
		if acc := tp.rows[rowKey{b.ID, row.Name}]; acc != nil {
			count += valueCount(acc.vals) // a subtotal's label took values that are the table's
		}
	}
	if b.ID == "t3" {
		// Values outside any row (a label broken by a value: "（二）部分公开
		// （区分处理的，只计这" "6" "一情形…") were written, not lost.
		count += valueCount(tp.preRow) + tp.outside
	}
	if b.ID == "t4" {
		count += valueCount(tp.flat)
		vals = append(vals, tp.flat...)
	}
	if !multi || count >= need {
		return ""
	}
	return fmt.Sprintf("block %s has %d values, one a line, for %d cells (%s): blank cells left no line, "+
		"and a value alone on its line has no position, so which row each belongs to cannot be told "+
		"(text of a PDF without -layout)", b.ID, count, need, joinTokens(vals))
}

// valueCount is the number of a row's fields that are not empty.
func valueCount(vals []token) int {
	k := 0
	for _, t := range vals {
		if t.kind != tkEmpty {
			k++
		}
	}
	return k
}

// dropBlock leaves every cell of block b blank, keeps its rows' values in
// Unrecognized and says why (linesLost).
func (tp *tableParser) dropBlock(r *Report, b schema.Block, bi *blockInfo, why string, org bool) {
	tp.p.warn(bi.pos, b.ID, ErrAmbiguous, why+"; its cells are left blank and the values kept in Unrecognized")
	for i := range len(b.Rows) + len(b.ExtraRows) {
		var row schema.Row
		if i < len(b.Rows) {
			row = b.Rows[i]
		} else {
			row = b.ExtraRows[i-len(b.Rows)]
		}
		at := bi.pos
		if acc := tp.rows[rowKey{b.ID, row.Name}]; acc != nil {
			acc.used = true
			at = tp.p.src.pos(acc.label.start)
			tp.keepValues(acc.vals)
		}
		blankRow(r, b, row.Name, org, at)
	}
	if b.ID == "t4" {
		tp.keepValues(tp.flat)
		tp.flat = nil
	}
}

// keepValues keeps the values among a row's fields in Unrecognized: cells
// left blank, their values not lost.
func (tp *tableParser) keepValues(vals []token) {
	for _, t := range vals {
		if t.kind != tkEmpty {
			tp.p.unrecognized(t.sp, "")
		}
	}
}

// readColumnMajor reads table 3 from PDF text without -layout in which the
// values stand one a line in groups that blank lines separate, each group
// a column's cells of some consecutive rows: a row band of k rows is n
// groups (n columns) of k lines each, the bands follow the template's row
// order, and the labels come elsewhere. pdftotext's default and -raw orders
// print a table of WPS's PDFs so (004, 006 of the corpus: "1 0 0 0 0 1 1 0
// 10 3", then five groups of ten 0, then the 总计 group, for the ten rows
// from 1.属于国家秘密 to 2.没有现成信息需要另行制作).
//
// The reading needs proof, and gets it from the text's shape and the
// template's arithmetic together: the groups fall into bands exactly, the
// bands hold exactly the block's rows, every row read so adds up (总计 the
// sum of the six applicant columns), 一 + 二 = 总计 + 四 and 总计 = the sum
// of the result rows, column by column; and no band reads as well row by
// row (its values in text order, n to a row) to different numbers. Else it
// returns false and nothing is written (the block is left blank with the
// warning of linesLost).
func (tp *tableParser) readColumnMajor(r *Report, b schema.Block, bi *blockInfo) bool {
	n := len(b.Columns)
	if b.ID != "t3" || tp.mode != modeSpace || n < 2 {
		return false
	}
	// The groups of values, in text order: runs of tp.toks (not copied).
	var groups [][]token
	prev, start := -1, -1 // the line of the last value; where its group starts, -1 if none
	for i, t := range tp.toks {
		if t.kind != tkValue || isPageNumber(t.text) {
			if start >= 0 {
				groups, start = append(groups, tp.toks[start:i]), -1
			}
			continue
		}
		if t.line == prev {
			return false // two values on a line: not one a line
		}
		if start >= 0 && t.line != prev+1 {
			groups, start = append(groups, tp.toks[start:i]), -1
		}
		if start < 0 {
			start = i
		}
		prev = t.line
	}
	if start >= 0 {
		groups = append(groups, tp.toks[start:])
	}
	// Bands: n groups of k values each, one after another.
	type band struct{ from, k int } // first row, rows
	var bands []band
	rows := 0
	for i := 0; i < len(groups); i += n {
		k := len(groups[i])
		if i+n > len(groups) {
			return false
		}
		for _, g := range groups[i : i+n] {
			if len(g) != k {
				return false
			}
		}
		bands = append(bands, band{rows, k})
		rows += k
	}
	if rows != len(b.Rows) {
		return false
	}
	grid := make([][]token, rows)  // column by column: the reading
	byRow := make([][]token, rows) // row by row in text order: the alternative
	for bn, bd := range bands {
		gs := groups[bn*n : bn*n+n]
		var flat []token
		for _, g := range gs {
			flat = append(flat, g...)
		}
		for i := range bd.k {
			grid[bd.from+i] = make([]token, n)
			for j := range n {
				grid[bd.from+i][j] = gs[j][i]
			}
			byRow[bd.from+i] = flat[i*n : (i+1)*n]
		}
	}
	if !t3Balances(b, grid) {
		return false
	}
	for _, bd := range bands {
		if bd.k < 2 {
			continue // one row: both readings are the same
		}
		alt := slices.Clone(grid)
		copy(alt[bd.from:bd.from+bd.k], byRow[bd.from:bd.from+bd.k])
		if t3Balances(b, alt) && !sameTexts(alt, grid) {
			return false // the band reads as well row by row, to other numbers
		}
	}
	tp.p.warnf(bi.pos, b.ID, ErrRepaired,
		"table 3's values stand one a line in %d groups that read as %d bands of rows written column by column; "+
			"read so in the template's row order, as every row adds up, 一 + 二 = 总计 + 四 and 总计 is the sum "+
			"of the results, column by column (text of a PDF without -layout)", len(groups), len(bands))
	for i, row := range b.Rows {
		for j, c := range b.Columns {
			*r.cellAt(b.Table, row.Name, c.Name) = tp.cell(grid[i][j], b.Table, row.Name, c.Name)
		}
	}
	for _, row := range append(b.Rows[:len(b.Rows):len(b.Rows)], b.ExtraRows...) {
		if acc := tp.rows[rowKey{b.ID, row.Name}]; acc != nil {
			acc.used = true
		}
	}
	tp.preRow = nil // its values are among the groups
	return true
}

// t3Balances reports whether table 3's rows, each a row of value tokens in
// the block's column order, keep the template's arithmetic (balances).
func t3Balances(b schema.Block, grid [][]token) bool {
	return balances(b, func(i, j int) (int64, bool) { return ParseValue(grid[i][j].text).Int64() })
}

// balances reports whether table 3's cells, num(row, column) by index in
// block b, are integers that keep the template's arithmetic: every row adds
// up (总计 the sum of the applicant columns), and column by column 一 + 二 =
// 总计 + 四 and 总计 is the sum of the result rows (the rows under
// 三、本年度办理结果 but 总计).
func balances(b schema.Block, num func(i, j int) (int64, bool)) bool {
	n := len(b.Columns)
	at := map[string]int{}
	vals := make([][]int64, len(b.Rows))
	for i, row := range b.Rows {
		at[row.Name] = i
		vals[i] = make([]int64, n)
		var sum int64
		for j := range n {
			v, ok := num(i, j)
			if !ok {
				return false
			}
			vals[i][j] = v
			if j < n-1 {
				sum += v
			}
		}
		if sum != vals[i][n-1] {
			return false
		}
	}
	for j := range n {
		var results int64
		for i, row := range b.Rows {
			if len(row.Groups) > 0 && row.Name != "total" {
				results += vals[i][j]
			}
		}
		total := vals[at["total"]][j]
		if vals[at["new"]][j]+vals[at["carried_over"]][j] != total+vals[at["carried_forward"]][j] || results != total {
			return false
		}
	}
	return true
}

// sameTexts reports whether two grids of tokens hold the same texts.
func sameTexts(a, b [][]token) bool {
	for i := range a {
		for j := range a[i] {
			if a[i][j].text != b[i][j].text {
				return false
			}
		}
	}
	return true
}

// orderLost says why the values of block b, one a line in PDF text without
// -layout, may not stand after their own row labels, or returns "": values
// of the block came before its first row label or between labels (table
// 3's before its first row, table 4's unlabelled ones, table 2's outside
// any row between the block's caption and the next), a row got other than
// one row of values, or the labels with values are out of the template's
// order. pdftotext prints a label after its values, or the labels of
// several rows together, when the PDF's drawing order says so; then the
// values after a label can be another row's, and a row that got as many
// values as it has cells proves nothing (the rows' values shifted by whole
// rows still add up).
func (tp *tableParser) orderLost(b schema.Block) string {
	if tp.mode != modeSpace || tp.cellALine(nil) {
		return ""
	}
	n := len(b.Columns)
	why, valued := "", false
	if k := tp.valuesApart(b); k > 0 {
		why = fmt.Sprintf("%d values come before the first row label or between labels", k)
	}
	index := map[string]int{}
	for i, row := range b.Rows {
		index[row.Name] = i
	}
	prev := -1
	for _, acc := range tp.rowOrder {
		if acc.block != b.ID {
			continue
		}
		k := valueCount(acc.vals)
		if k == 0 {
			continue
		}
		if !oneALine(acc.vals) || firstValue(acc.vals).line == acc.line {
			return "" // values share a line, or their label's: not one a line
		}
		valued = true
		i, official := index[acc.name]
		switch {
		case why != "":
		case k != n:
			why = fmt.Sprintf("row %q has %d values for %d cells", b.Rows[max(i, 0)].Label, k, n)
			if !official {
				why = fmt.Sprintf("a subtotal row has %d values for %d cells", k, n)
			}
		case official && i <= prev:
			why = fmt.Sprintf("row %q comes after a later row of the template", b.Rows[i].Label)
		}
		if official {
			prev = max(prev, i)
		}
	}
	if !valued {
		return "" // no row took values after its label: the other rules decide
	}
	if why == "" {
		// A row label with no values after a row that took some: its
		// values may stand before it, taken by that row.
		firstValued := -1
		for _, acc := range tp.rowOrder {
			if acc.block == b.ID && valueCount(acc.vals) > 0 && (firstValued < 0 || acc.label.start < firstValued) {
				firstValued = acc.label.start
			}
		}
		for _, row := range b.Rows {
			k := rowKey{b.ID, row.Name}
			if acc := tp.rows[k]; (acc == nil || valueCount(acc.vals) == 0) && tp.labelAt[k]-1 > firstValued {
				why = fmt.Sprintf("row %q has no values and its label comes after a row's values", row.Label)
				break
			}
		}
	}
	return why
}

// valuesApart counts block b's values that stand apart from any row label:
// table 3's before its first row label and outside any row, table 4's
// unlabelled ones, table 2's outside any row between the block's caption
// and the next block's.
func (tp *tableParser) valuesApart(b schema.Block) int {
	switch b.Table {
	case "t3":
		return valueCount(tp.preRow) + tp.outside
	case "t4":
		return valueCount(tp.flat)
	}
	from, to := tp.captionSpan(b.ID)
	k := 0
	for _, t := range tp.outsideVals {
		if t.kind == tkValue && t.sp.start >= from && t.sp.start < to && !isPageNumber(t.text) {
			k++
		}
	}
	return k
}

// captionSpan is the stretch of text from block id's caption to the next
// block's, as byte offsets; from is -1 when the caption was not seen.
func (tp *tableParser) captionSpan(id string) (from, to int) {
	from, to = -1, len(tp.p.src.text)
	for _, c := range tp.captions {
		switch {
		case c.block == id && from < 0:
			from = c.off
		case c.block != id && from >= 0 && c.off > from:
			to = min(to, c.off)
		}
	}
	return from, to
}

// unread leaves every cell of block b blank, after fill read them, and
// keeps the values they took in Unrecognized, saying why: their rows are
// not proven (orderLost) and, for table 3, the template's arithmetic does
// not prove them either.
func (tp *tableParser) unread(r *Report, b schema.Block, bi *blockInfo, why string, org bool) {
	tp.p.warnf(bi.pos, b.ID, ErrAmbiguous, "block %s has its values one a line and not in the table's order (%s), "+
		"and nothing proves which row each belongs to (text of a PDF without -layout); its cells are left blank "+
		"and the values kept in Unrecognized", b.ID, why)
	for _, acc := range tp.rowOrder {
		if acc.block != b.ID {
			continue
		}
		for _, t := range acc.vals {
			if t.kind == tkValue && tp.p.src.claimed(t.sp) == claimValue {
				tp.p.src.release(t.sp)
				tp.p.unrecognized(t.sp, "")
			}
		}
	}
	if b.Table != "t2" { // tables 3 and 4 are one block each: all the region's values are the block's
		for _, ts := range [][]token{tp.preRow, tp.toks} {
			for _, t := range ts {
				if t.kind == tkValue && tp.p.src.claimed(t.sp) == claimValue {
					tp.p.src.release(t.sp)
					tp.p.unrecognized(t.sp, "")
				}
			}
		}
	}
	for _, row := range append(b.Rows[:len(b.Rows):len(b.Rows)], b.ExtraRows...) {
		at := bi.pos
		if acc := tp.rows[rowKey{b.ID, row.Name}]; acc != nil {
			at = tp.p.src.pos(acc.label.start)
		}
		if _, ok := r.Cell(b.Ref(row.Name, b.Columns[0].Name)); ok || len(row.Sum) == 0 {
			blankRow(r, b, row.Name, org, at)
		}
	}
}

// firstValue is the first of a row's fields that is not empty (valueCount
// says there is one).
func firstValue(vals []token) token {
	for _, t := range vals {
		if t.kind != tkEmpty {
			return t
		}
	}
	return token{}
}

// caption is where a block's caption stands in the text: the byte offset
// of its first rune.
type caption struct {
	block string
	off   int
}

// oneCellBlock gives a block of table 2 that has one cell (第二十条第（五）项
// 行政许可's 本年处理决定数量, 第二十条第（八）项's 收费金额) the one value that
// stands outside any row between its caption and the next block's, when its
// row label is in the text and got no value: PDF text without -layout prints
// the value before its label, or after the column header that follows the
// label (corpus 004, 006). The block has one cell, so its only value has
// nowhere else to go. It reports whether it did.
func (tp *tableParser) oneCellBlock(b schema.Block) bool {
	if b.Table != "t2" || len(b.Rows) != 1 || len(b.Columns) != 1 {
		return false
	}
	key := rowKey{b.ID, b.Rows[0].Name}
	acc := tp.rows[key]
	if !tp.labelled[key] || acc != nil && valueCount(acc.vals) > 0 {
		return false // the label is not in the text, or its row has a value
	}
	from, to := tp.captionSpan(b.ID)
	if from < 0 {
		return false
	}
	for _, a := range tp.rowOrder {
		if a.block != b.ID && a.label.start >= from && a.label.start < to {
			return false // another block's row within: not this block's text alone
		}
	}
	at := -1
	for i, t := range tp.outsideVals {
		if t.kind != tkValue || t.sp.start < from || t.sp.start >= to || isPageNumber(t.text) {
			continue
		}
		if at >= 0 {
			return false // two values for one cell
		}
		at = i
	}
	if at < 0 {
		return false
	}
	t := tp.outsideVals[at]
	tp.outsideVals[at].kind = tkEmpty // taken
	if acc == nil {                   // a label with no value after it starts no row
		acc = tp.p.newRowAcc()
		*acc = rowAcc{block: b.ID, name: b.Rows[0].Name, label: t.sp, line: t.line}
		tp.rows[key] = acc
	}
	acc.vals = append(acc.vals[:0], t)
	tp.p.warnf(tp.p.src.pos(t.sp.start), b.Ref(b.Rows[0].Name, b.Columns[0].Name), ErrRepaired,
		"the value %q stands apart from row %q, between the caption of its block and the next block's; the block has "+
			"one cell, so it is read as that cell's (text of a PDF out of reading order?)", t.text, b.Rows[0].Label)
	return true
}

// settleFlatByProse reads the rows of table 4 whose values, one a line, are
// out of order (flatScrambled) when the report's text states the row's
// counts in full (t4ProseRows: "行政复议351件，其中结果维持72件，…") and the
// table holds them: exactly one run of four values one after another with
// no label between that are the stated results, and the stated 总计 right
// after them or, else, exactly once among the other values. Corpus 002:
// "72 64 178 37" … 总计 "351" is 行政复议's. The values so read leave
// tp.flat; it returns them by row, in column order. A row the text does
// not state, or whose values the table does not hold so, stays as it is.
func (tp *tableParser) settleFlatByProse(r *Report, b schema.Block) map[string][]token {
	stated := t4ProseRows(reportProse(r))
	if len(stated) == 0 || len(b.Columns) != 5 {
		return nil
	}
	broken := map[int]bool{} // a label came before flat[i]
	for _, br := range tp.flatBreaks {
		broken[br.at] = true
	}
	text := func(i int) string {
		d, _ := foldDigits(tp.flat[i].text)
		return d
	}
	taken := map[int]bool{}
	out := map[string][]token{}
	for _, row := range b.Rows {
		pr, ok := stated[row.Name]
		if !ok || tp.rows[rowKey{b.ID, row.Name}] != nil {
			continue
		}
		at := -1
		for i := 0; i+4 <= len(tp.flat); i++ {
			match := true
			for k := range 4 {
				match = match && !taken[i+k] && text(i+k) == pr.counts[k] && (k == 0 || !broken[i+k])
			}
			if match {
				if at >= 0 {
					at = -2 // twice: which is this row's cannot be told
					break
				}
				at = i
			}
		}
		if at < 0 {
			continue
		}
		total := -1
		if at+4 < len(tp.flat) && !broken[at+4] && text(at+4) == pr.counts[4] {
			total = at + 4
		} else {
			for j := range tp.flat {
				if (j < at || j >= at+4) && !taken[j] && text(j) == pr.counts[4] {
					if total >= 0 {
						total = -2
						break
					}
					total = j
				}
			}
		}
		if total < 0 {
			continue
		}
		vals := []token{tp.flat[at], tp.flat[at+1], tp.flat[at+2], tp.flat[at+3], tp.flat[total]}
		for _, i := range []int{at, at + 1, at + 2, at + 3, total} {
			taken[i] = true
		}
		out[row.Name] = vals
		tp.p.warnf(tp.p.src.pos(vals[0].sp.start), b.Ref(row.Name, b.Columns[0].Name), ErrRepaired,
			"table 4's values are out of order, and the report's text states row %q in full (%s): its values %s are read as that row's",
			row.Label, pr.quote, joinTokens(vals))
	}
	if len(out) == 0 {
		return nil
	}
	keep := tp.flat[:0:0]
	for i, t := range tp.flat {
		if !taken[i] {
			keep = append(keep, t)
		}
	}
	tp.flat = keep
	return out
}
