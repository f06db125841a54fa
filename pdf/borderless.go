package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/opengovcn/nianbao/internal/chars"
	"github.com/opengovcn/nianbao/schema"
)

// Tables drawn without rules: the values of a row are placed in their
// columns by their exact positions on the page, not by the columns of the
// laid-out text. A table is a run of value lines (lines whose right part
// is values: numbers, or "/"; a label before them or not) with, between
// them, only lines left of the values (labels wrapped over several
// lines); the lines just above it that reach over its values are its
// header (up to a heading or prose). The same table on the next page (its
// header repeated, or none) goes on. Its columns are the clusters of all
// its values' positions (left edges, right edges or centres: whichever
// makes clusters tight and far apart), so that no row need be full; the
// header must have as many columns (a column that no row fills is missing
// from the clusters, and the header shows it), each over its own column
// of values. A row whose values are each within a third of the columns'
// spacing of exactly one column, in order, is written as the ruled
// tables' rows are: TAB-separated fields, its label (if the line has one)
// then one field a column, an empty field a blank cell. Anything
// uncertain leaves the table, or the row, as laid out (the core parser
// then places values by their text columns or leaves them blank): no
// header, a header with more or fewer columns than the clusters, a value
// near no column or two values by one, a symbol where a label should be.

// docLine is a line of the document with the number of its page.
type docLine struct {
	placedLine
	page int
}

// bword is a word of a line: glyphs apart by no more than a space (a
// full-width punctuation mark's own blank is none: see writeLine).
type bword struct {
	gs          []glyph
	left, right float64
	num         bool
}

func (w bword) centre() float64 { return (w.left + w.right) / 2 }

// words cuts a line (glyphs left to right) at its spaces.
func words(line []glyph) []bword {
	var out []bword
	for k, g := range line {
		if p := line[max(k-1, 0)]; k == 0 || left(g)-right(p) > gapSpace*max(g.size, p.size) && !fullWidthPunct(p.r) && !fullWidthPunct(g.r) {
			out = append(out, bword{left: left(g)})
		}
		w := &out[len(out)-1]
		w.gs = append(w.gs, g)
		w.right = max(w.right, right(g))
	}
	for i := range out {
		out[i].num = isValue(out[i].gs)
	}
	return out
}

// isValue reports whether the glyphs are a value: a number (digits, at
// most one decimal point between them) or "/" (not applicable).
func isValue(gs []glyph) bool {
	if len(gs) == 1 && (gs[0].r == '/' || gs[0].r == '／') {
		return true
	}
	dots := 0
	for k, g := range gs {
		switch {
		case chars.IsASCIIDigit(g.r):
		case g.r == '.' && k > 0 && k < len(gs)-1:
			dots++
		default:
			return false
		}
	}
	return len(gs) > 0 && dots <= 1
}

// symbolic reports whether the glyphs are all punctuation or symbols
// ("-", "—", "*"): in a label's place, perhaps a value this reader does not
// know.
func symbolic(gs []glyph) bool {
	for _, g := range gs {
		if !unicode.IsPunct(g.r) && !unicode.IsSymbol(g.r) {
			return false
		}
	}
	return true
}

// bline is a line outside ruled tables cut into words; values are
// words[first:], all numbers (first == len(words): no values). odd: a
// word of its label is only punctuation or symbols.
type bline struct {
	words []bword
	first int
	odd   bool
}

// newBline cuts a line (glyphs left to right) into words, its values the
// numbers at its end.
func newBline(gs []glyph) bline {
	ws := words(gs)
	first := len(ws)
	for first > 0 && ws[first-1].num {
		first--
	}
	l := bline{words: ws, first: first}
	for _, w := range ws[:first] {
		l.odd = l.odd || symbolic(w.gs)
	}
	return l
}

func (l bline) values() []bword { return l.words[l.first:] }

func (l bline) isValue() bool { return l.first < len(l.words) }

// overlaps reports whether a word of the line reaches into [lo, hi].
func (l bline) overlaps(lo, hi float64) bool {
	for _, w := range l.words {
		if w.right >= lo && w.left <= hi {
			return true
		}
	}
	return false
}

// btable is a table without rules: its value lines and header lines
// (indices into the document's lines).
type btable struct {
	rows    []int
	headers [][]int
	wide    [][]int // each header's lines and those above it up to a heading
}

// placeBorderless rewrites the rows of tables without rules that it can
// place exactly as TAB-separated fields.
func placeBorderless(lines []docLine) {
	bl := make([]bline, len(lines))
	for i, l := range lines {
		if l.gs == nil {
			continue
		}
		bl[i] = newBline(l.gs)
	}
	var ts []btable
	var sigs []string
	for i := 0; i < len(lines); i++ {
		if !bl[i].isValue() {
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		extend := func(j int) {
			for _, w := range bl[j].values() {
				lo, hi = min(lo, w.left), max(hi, w.right)
			}
		}
		t := btable{rows: []int{i}}
		extend(i)
		last := i
		for j := i + 1; j < len(lines); j++ {
			if lines[j].page != lines[i].page || lines[j].gs == nil {
				break
			}
			if bl[j].isValue() {
				t.rows = append(t.rows, j)
				extend(j)
				last = j
				continue
			}
			if bl[j].overlaps(lo, hi) {
				break
			}
		}
		// The header: the lines over the values just above the first
		// row, past a few lines of a label wrapped above it.
		k := i - 1
		for skip := 0; skip < 4 && k >= 0 && sameRun(lines, bl, k, i) && !bl[k].overlaps(lo, hi) && !heading(lines[k].text); skip++ {
			k--
		}
		var h []int
		for ; len(h) < 10 && k >= 0 && sameRun(lines, bl, k, i) && bl[k].overlaps(lo, hi) && !heading(lines[k].text); k-- {
			h = append([]int{k}, h...)
		}
		// The header read wide: every line above the first row up to a
		// heading (a header's lines of labels beside its columns).
		var wide []int
		if len(h) > 0 {
			for k := i - 1; len(wide) < 10 && k >= 0 && sameRun(lines, bl, k, i) && !heading(lines[k].text); k-- {
				wide = append([]int{k}, wide...)
			}
		}
		sig := ""
		for _, k := range h {
			sig += lines[k].text + "\n"
		}
		if n := len(ts); n > 0 {
			// The table goes on: a new page without a header, or the same
			// header repeated.
			p := &ts[n-1]
			if len(h) == 0 && lines[i].page > lines[p.rows[len(p.rows)-1]].page || len(h) > 0 && sig == sigs[n-1] {
				p.rows = append(p.rows, t.rows...)
				p.headers = append(p.headers, h)
				p.wide = append(p.wide, wide)
				i = last
				continue
			}
		}
		if len(h) > 0 {
			t.headers = [][]int{h}
			t.wide = [][]int{wide}
		}
		ts = append(ts, t)
		sigs = append(sigs, sig)
		i = last
	}
	for _, t := range ts {
		if len(t.headers) == 0 {
			continue // nothing to check the columns against
		}
		rows := make([]bline, len(t.rows))
		for k, i := range t.rows {
			rows[k] = bl[i]
		}
		var hw [][]bword
		for _, h := range t.headers {
			for _, k := range h {
				hw = append(hw, bl[k].words)
			}
		}
		placed := false
		// The labels end where the rows' labels and the lines between
		// the rows (labels wrapped over lines) end.
		labelRight := math.Inf(-1)
		for k := range t.rows {
			// Within a page the lines between two rows are pieces of
			// labels (a line over the values ends the table).
			from := t.rows[k]
			if k > 0 && lines[t.rows[k-1]].page == lines[from].page {
				from = t.rows[k-1] + 1
			}
			for i := from; i <= t.rows[k]; i++ {
				if bl[i].odd {
					continue // not placed (placeRows)
				}
				for _, w := range bl[i].words[:bl[i].first] {
					labelRight = max(labelRight, w.right)
				}
			}
		}
		var hs [][][]bword
		for _, h := range t.wide {
			if len(h) == 0 {
				continue // a page without the header
			}
			var l [][]bword
			for _, k := range h {
				l = append(l, bl[k].words)
			}
			hs = append(hs, l)
		}
		done := map[int]bool{} // lines between the rows rewritten by splitLabel
		for k, fields := range placeRows(rows, hw, hs, labelRight) {
			if fields != nil {
				if f, ok := splitLabel(lines, bl, t.rows, k, done); ok {
					fields = append(f, fields[1:]...)
				}
				lines[t.rows[k]].text = strings.Join(fields, "\t")
				placed = true
			}
		}
		if !placed {
			continue
		}
		// The lines between its rows are pieces of labels: in a region of
		// TAB-separated rows the core would take a second word of one for
		// a field, so each is written as one word.
		for k := 1; k < len(t.rows); k++ {
			if lines[t.rows[k-1]].page != lines[t.rows[k]].page {
				continue // a page's end, a header repeated
			}
			for i := t.rows[k-1] + 1; i < t.rows[k]; i++ {
				if len(bl[i].words) > 1 && !done[i] {
					lines[i].text = strings.Repeat(" ", strings.IndexFunc(lines[i].text, func(r rune) bool { return r != ' ' })) + oneWord(lines[i].gs)
				}
			}
		}
	}
	// Table 4, whose blanks hide its columns: by its header.
	placeT4Rows(lines, bl)
}

// heading reports whether a line is a heading of the report ("二、主动公开
// 政府信息情况") or prose: not a table's header.
func heading(text string) bool {
	t := strings.TrimSpace(text)
	if strings.Contains(t, "。") {
		return true
	}
	r := []rune(t)
	i := 0
	for i < len(r) && chars.IsNumeral(r[i]) {
		i++
	}
	return i > 0 && i < len(r) && r[i] == '、'
}

// sameRun reports whether line k (a line without values) may belong to the
// table whose first row is line i: on its page and outside ruled tables.
func sameRun(lines []docLine, bl []bline, k, i int) bool {
	return lines[k].page == lines[i].page && lines[k].gs != nil && !bl[k].isValue()
}

// Alignments of a value in its column.
const (
	alignLeft = iota
	alignRight
	alignCentre
)

func coord(w bword, al int) float64 {
	switch al {
	case alignLeft:
		return w.left
	case alignRight:
		return w.right
	}
	return w.centre()
}

// placeRows places the values of a table's rows in its columns. The
// columns are the clusters of the values' positions (left edges, right
// edges or centres: the alignment whose clusters are tight and far apart),
// as many as the header's columns (headerColumns of hw): a column that no
// row fills would be missing from the clusters, and the header's count
// shows it. It returns each row's fields (its label first when the row
// has one, then one field a column), nil for a row it leaves as laid out.
func placeRows(rows []bline, hw [][]bword, hs [][][]bword, labelRight float64) [][]string {
	out := placeByClusters(rows, hw, labelRight)
	// The rows not placed: by the header's labels, when they read as a
	// block's columns of the template (a column no row fills, values in
	// one column only).
	cols := templateColumns(hs, labelRight)
	if cols == nil {
		return out
	}
	for k, r := range rows {
		if out[k] != nil || r.odd {
			continue
		}
		if fields := placeT4(r.values(), cols); fields != nil {
			out[k] = append(labelField(r), fields...)
		}
	}
	return out
}

// labelField is the row's label as a field (none when the row has no
// label): one field, its words may be the pieces of two cells (a group's
// label wrapped beside a row's), and a second text field would be taken
// for a value.
func labelField(r bline) []string {
	if r.first == 0 {
		return nil
	}
	var gs []glyph
	for _, w := range r.words[:r.first] {
		gs = append(gs, w.gs...)
	}
	return []string{strings.ReplaceAll(writeLine(gs), "\t", " ")}
}

// placeByClusters places the rows' values by the clusters of their
// positions (see placeRows).
func placeByClusters(rows []bline, hw [][]bword, labelRight float64) [][]string {
	out := make([][]string, len(rows))
	n := 0
	for _, r := range rows {
		n = max(n, len(r.values()))
	}
	if n < 2 {
		return out // one column: nothing to place
	}
	var sizes []float64
	for _, r := range rows {
		for _, w := range r.values() {
			sizes = append(sizes, w.gs[0].size)
		}
	}
	slices.Sort(sizes)
	heads, headRight := headerColumns(hw, labelRight)
	cols := len(heads)
	if cols+1 < n {
		return out
	}
	var a []float64
	best, bestRatio := -1, 0.2 // a cluster's spread at most a fifth of the spacing
	for al := alignLeft; al <= alignCentre; al++ {
		anchors, ratio := clusters(rows, al, 0.8*sizes[len(sizes)/2])
		if (len(anchors) == cols || len(anchors) == cols+1 && headerless(rows, al, anchors, headRight)) && ratio <= bestRatio {
			best, bestRatio, a = al, ratio, anchors
		}
	}
	if best < 0 || len(a) < 2 {
		return out
	}
	// Each header column stands over its own column of values: nearer
	// the centre of its values than any other's.
	centres := make([]float64, len(a))
	counts := make([]int, len(a))
	for _, r := range rows {
		for _, w := range r.values() {
			j := nearest(a, coord(w, best))
			centres[j] += w.centre()
			counts[j]++
		}
	}
	for j := range centres {
		if counts[j] == 0 {
			return out
		}
		centres[j] /= float64(counts[j])
	}
	for i, h := range heads {
		if nearest(centres, h) != i {
			return out
		}
	}
	spacing := math.Inf(1)
	for j := 1; j < len(a); j++ {
		spacing = min(spacing, a[j]-a[j-1])
	}
	tol := spacing / 3
	for k, r := range rows {
		if r.odd {
			continue
		}
		fields := make([]string, len(a))
		prev := -1
		for _, w := range r.values() {
			col := -1
			for j, x := range a {
				if math.Abs(coord(w, best)-x) <= tol {
					if col >= 0 {
						col = -2 // two columns: not unique
						break
					}
					col = j
				}
			}
			if col <= prev {
				fields = nil // near no column, or out of order
				break
			}
			fields[col] = wordText(w)
			prev = col
		}
		if fields == nil {
			continue
		}
		out[k] = append(labelField(r), fields...)
	}
	return out
}

// clusters groups the positions of the rows' values (by alignment al)
// into columns, a new column at a gap wider than gap: the columns' mean
// positions, left to right, and the widest column's spread over the
// narrowest spacing between two columns.
func clusters(rows []bline, al int, gap float64) ([]float64, float64) {
	var xs []float64
	for _, r := range rows {
		for _, w := range r.values() {
			xs = append(xs, coord(w, al))
		}
	}
	slices.Sort(xs)
	var means []float64
	spread := 0.0
	for i := 0; i < len(xs); {
		j := i + 1
		for j < len(xs) && xs[j]-xs[j-1] <= gap {
			j++
		}
		sum := 0.0
		for _, x := range xs[i:j] {
			sum += x
		}
		means = append(means, sum/float64(j-i))
		spread = max(spread, xs[j-1]-xs[i])
		i = j
	}
	spacing := math.Inf(1)
	for j := 1; j < len(means); j++ {
		spacing = min(spacing, means[j]-means[j-1])
	}
	return means, spread / spacing
}

// headerColumns finds the columns of a header (their centres, and the
// right edge of the last) from its words right of the labels (left edge
// at labelRight or beyond; hw a slice a line): those over two or more
// words of another line dropped (a header over several columns), the rest
// grouped by overlap (a header wrapped over lines is one column).
func headerColumns(hw [][]bword, labelRight float64) ([]float64, float64) {
	var lines [][]bword
	for _, l := range hw {
		var ws []bword
		for _, w := range l {
			if w.left >= labelRight {
				ws = append(ws, w)
			}
		}
		lines = append(lines, ws)
	}
	over := func(a, b bword) bool { return a.left < b.right-1 && b.left < a.right-1 }
	var leaves []bword
	for i, l := range lines {
		for _, w := range l {
			spans := false
			for k, o := range lines {
				if k == i {
					continue
				}
				c := 0
				for _, v := range o {
					if over(w, v) {
						c++
					}
				}
				spans = spans || c >= 2
			}
			if !spans {
				leaves = append(leaves, w)
			}
		}
	}
	slices.SortFunc(leaves, func(a, b bword) int { return cmpF(a.left, b.left) })
	var centres []float64
	left, right := 0.0, math.Inf(-1)
	for _, w := range leaves {
		if w.left >= right-1 {
			if len(centres) > 0 {
				centres[len(centres)-1] = (left + right) / 2
			}
			centres = append(centres, 0)
			left = w.left
		}
		right = max(right, w.right)
	}
	if len(centres) > 0 {
		centres[len(centres)-1] = (left + right) / 2
	}
	return centres, right
}

// headerless reports whether the last of the columns at anchors (by
// alignment al) is a column whose header the page lost (LibreOffice's
// .docx drops the text of a header cell merged down over rows: 总计):
// right of every word of the header (headRight), and filled by at least
// three values and a quarter of the rows. A stray number beside a row
// is not such a column.
func headerless(rows []bline, al int, anchors []float64, headRight float64) bool {
	last := len(anchors) - 1
	n := 0
	for _, r := range rows {
		for _, w := range r.values() {
			c := coord(w, al)
			if math.Abs(c-anchors[last]) < math.Abs(c-anchors[last-1]) {
				if w.left <= headRight {
					return false
				}
				n++
			}
		}
	}
	return n >= 3 && 4*n >= len(rows)
}

// oneWord writes the glyphs with no space between them.
func oneWord(gs []glyph) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteRune(g.r)
	}
	return b.String()
}

// nearest returns the index of the x nearest to c.
func nearest(xs []float64, c float64) int {
	j := 0
	for i, x := range xs {
		if math.Abs(x-c) < math.Abs(xs[j]-c) {
			j = i
		}
	}
	return j
}

// wordText is the text of a word.
func wordText(w bword) string {
	var b strings.Builder
	for _, g := range w.gs {
		if !chars.IsUnicodeSpace(g.r) {
			b.WriteRune(g.r)
		}
	}
	return b.String()
}

// Table 4 (四、政府信息公开行政复议、行政诉讼情况) is one row of 15 values
// and no label under a header of two or three levels: 行政复议 over five
// columns, 行政诉讼 over ten (未经复议直接起诉 over five, 复议后起诉 over
// five), each five 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. Its blanks
// hide columns that no other row shows, so the values' clusters cannot
// give its columns: the header's bottom-level labels do, when they read
// as exactly these fifteen (each rebuilt from the pieces of a label
// wrapped over lines: the words that overlap in x across the header's
// lines), and the group labels that can be read stand over their own
// five or ten.

// t4Labels are the bottom-level labels of table 4's header, left to right.
var t4Labels = func() []string {
	five := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	return slices.Concat(five, five, five)
}()

// t4Groups are the labels over several columns of table 4's header: the
// columns each stands over, [from, to).
var t4Groups = map[string][2]int{
	"行政复议":     {0, 5},
	"行政诉讼":     {5, 15},
	"未经复议直接起诉": {5, 10},
	"复议后起诉":    {10, 15},
}

// extent is a column's span on the page.
type extent struct{ left, right float64 }

func (e extent) centre() float64 { return (e.left + e.right) / 2 }

// piece is a header word and the index of its line.
type piece struct {
	w    bword
	line int
}

// t4Columns reads table 4's columns from its header (its lines' words,
// top to bottom): the extents of the fifteen bottom-level labels, left to
// right, or false when the header does not read as table 4's (another
// count of columns, another label, a group label over other columns);
// all, whether each of the four group labels was read, once.
func t4Columns(hw [][]bword) (cols []extent, all, ok bool) {
	var leaves, groups []piece
	for i, l := range hw {
		for _, w := range l {
			if _, ok := t4Groups[wordText(w)]; ok {
				groups = append(groups, piece{w, i})
			} else {
				leaves = append(leaves, piece{w, i})
			}
		}
	}
	// The leaves grouped by overlap: a label wrapped over lines is one.
	cols, pieces := byOverlap(leaves)
	if len(cols) != len(t4Labels) && len(cols) != len(t4Labels)-1 {
		return nil, false, false
	}
	for j, ps := range pieces {
		// Top to bottom; two pieces on one line are two labels.
		slices.SortFunc(ps, func(a, b piece) int { return a.line - b.line })
		var b strings.Builder
		for k, p := range ps {
			if k > 0 && p.line == ps[k-1].line {
				return nil, false, false
			}
			b.WriteString(wordText(p.w))
		}
		if b.String() != t4Labels[j] {
			return nil, false, false
		}
	}
	if len(cols) < len(t4Labels) {
		// LibreOffice's .docx loses the text of a header cell merged down
		// over rows: the last 总计. Its column stands after the last 尚未审结
		// as the other two 总计 after theirs (the same offset, within a
		// point), and 复议后起诉 must stand centred over the five.
		d1, d2 := cols[4].centre()-cols[3].centre(), cols[9].centre()-cols[8].centre()
		if math.Abs(d1-d2) > 1 {
			return nil, false, false
		}
		c := cols[13].centre() + (d1+d2)/2
		w := (cols[4].right - cols[4].left + cols[9].right - cols[9].left) / 2
		cols = append(cols, extent{c - w/2, c + w/2})
		centred := false
		for _, g := range groups {
			if wordText(g.w) == "复议后起诉" {
				centred = math.Abs(g.w.centre()-(cols[10].left+cols[14].right)/2) <= min(d1, d2)/4
			}
		}
		if !centred {
			return nil, false, false
		}
	}
	// The group labels: each over its own columns, over no other.
	seen := map[string]bool{}
	for _, g := range groups {
		seen[wordText(g.w)] = true
		span := t4Groups[wordText(g.w)]
		for j, c := range cols {
			in := j >= span[0] && j < span[1]
			if !in && g.w.left < c.right-1 && c.left < g.w.right-1 {
				return nil, false, false
			}
		}
		if c := g.w.centre(); c < cols[span[0]].left || c > cols[span[1]-1].right {
			return nil, false, false
		}
	}
	return cols, len(groups) == len(t4Groups) && len(seen) == len(t4Groups), true
}

// placeT4 places the values of table 4's row (its words, values only) in
// the header's columns. A label lies within its cell, so the edge between
// two cells lies between the two labels: a value of column j lies right
// of label j-1 and left of label j+1 (the first and the last column's
// outer bounds a gap beyond their labels, as wide as the gap beside
// them). Each value must be so placed in exactly one column, the columns
// in order. It returns the row's fields, one a column (empty a blank), or
// nil when a value could be in two columns or in none, or the order
// differs.
func placeT4(row []bword, cols []extent) []string {
	n := len(cols)
	if n < 2 {
		return nil
	}
	fields := make([]string, n)
	prev := -1
	for _, w := range row {
		if !w.num {
			return nil
		}
		col := -1
		for j := range cols {
			lo := cols[0].left - (cols[1].left - cols[0].right)
			if j > 0 {
				lo = cols[j-1].right
			}
			hi := cols[n-1].right + (cols[n-1].left - cols[n-2].right)
			if j < n-1 {
				hi = cols[j+1].left
			}
			if w.left >= lo && w.right <= hi {
				if col >= 0 {
					return nil // two columns
				}
				col = j
			}
		}
		if col <= prev {
			return nil // no column, or out of order
		}
		fields[col] = wordText(w)
		prev = col
	}
	return fields
}

// placeT4Rows finds table 4's row among the lines not placed yet: a line
// of values only, alone (no value line just below it), under a header
// (the lines above it on its page, up to a heading) that reads as table
// 4's. It is written as TAB-separated fields, one a column, and its
// header, when every group label was read, as a ruled table's: its first
// three lines the three levels, one field a cell, the others empty (the
// core reads a row of one value as a row of fields only among such
// lines). A row of one value under a header without its group labels is
// left as laid out.
func placeT4Rows(lines []docLine, bl []bline) {
	for i := range lines {
		if lines[i].gs == nil || !bl[i].isValue() || bl[i].first != 0 || strings.ContainsRune(lines[i].text, '\t') {
			continue
		}
		if n := i + 1; n < len(lines) && lines[n].page == lines[i].page && lines[n].gs != nil && bl[n].isValue() {
			continue // more than one row
		}
		var hs []int
		var hw [][]bword
		for k := i - 1; k >= 0 && len(hs) < 10 && sameRun(lines, bl, k, i) && !heading(lines[k].text); k-- {
			hs = append([]int{k}, hs...)
			hw = append([][]bword{bl[k].words}, hw...)
		}
		cols, all, ok := t4Columns(hw)
		if !ok {
			continue
		}
		fields := placeT4(bl[i].values(), cols)
		if fields == nil || !all && len(bl[i].values()) < 2 {
			continue
		}
		lines[i].text = strings.Join(fields, "\t")
		if !all || len(hs) < 3 {
			continue
		}
		five := strings.Join(t4Labels[:5], "\t")
		head := []string{
			"行政复议\t行政诉讼",
			five + "\t未经复议直接起诉\t复议后起诉",
			strings.Repeat("\t", 5) + five + "\t" + five,
		}
		for k, h := range hs {
			lines[h].text = ""
			if k < len(head) {
				lines[h].text = head[k]
			}
		}
	}
}

// templateColumns reads a table's columns from its header (hs: each
// header of the table, a slice of words a line, top to bottom; a table
// over pages repeats it) when its labels right of the row labels (left
// edge at labelRight or beyond) read as exactly the columns of a block
// of the template, in order: the extents of the bottom-level labels,
// each rebuilt from its pieces wrapped over lines (the words that
// overlap in x; a label over two or more words of another line is over
// several columns and dropped). Every header must so read, its labels
// where the first's are (within a point). nil otherwise.
func templateColumns(hs [][][]bword, labelRight float64) []extent {
	var first []extent
	for _, hw := range hs {
		cols, texts := headerLeaves(hw, labelRight)
		if cols == nil || !templateHeader(texts) {
			return nil
		}
		if first == nil {
			first = cols
			continue
		}
		if len(cols) != len(first) {
			return nil
		}
		for j := range cols {
			if math.Abs(cols[j].left-first[j].left) > 1 || math.Abs(cols[j].right-first[j].right) > 1 {
				return nil
			}
		}
	}
	return first
}

// headerLeaves returns the bottom-level labels of a header (hw: its
// lines' words, top to bottom) right of labelRight: their extents and
// texts, left to right, or nil when two pieces of one line overlap one
// label.
func headerLeaves(hw [][]bword, labelRight float64) ([]extent, []string) {
	over := func(a, b bword) bool { return a.left < b.right-1 && b.left < a.right-1 }
	var leaves []piece
	for i, l := range hw {
		for _, w := range l {
			if w.left < labelRight {
				continue
			}
			spans := false
			for k, o := range hw {
				c := 0
				for _, v := range o {
					if k != i && v.left >= labelRight && over(w, v) {
						c++
					}
				}
				spans = spans || c >= 2
			}
			if !spans {
				leaves = append(leaves, piece{w, i})
			}
		}
	}
	cols, pieces := byOverlap(leaves)
	texts := make([]string, len(cols))
	for j, ps := range pieces {
		slices.SortStableFunc(ps, func(a, b piece) int { return a.line - b.line })
		var b strings.Builder
		for k, p := range ps {
			if k > 0 && p.line == ps[k-1].line {
				return nil, nil
			}
			b.WriteString(wordText(p.w))
		}
		texts[j] = b.String()
	}
	return cols, texts
}

// templateHeader reports whether the labels are exactly the columns of
// a block of the template (either edition; a column's label or one of
// its variants), in order.
func templateHeader(texts []string) bool {
	for _, e := range schema.Editions {
	blocks:
		for _, b := range schema.Blocks(e) {
			if b.Table == "t4" || len(b.Columns) != len(texts) {
				continue
			}
			for j, c := range b.Columns {
				if !slices.Contains(append([]string{c.Label}, c.Variants...), texts[j]) {
					continue blocks
				}
			}
			return true
		}
	}
	return false
}

// rowLabels are the row labels of the template's tables 2 and 3 (either
// edition; labels and their variants), without spaces.
var rowLabels = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range schema.Editions {
		for _, b := range schema.Blocks(e) {
			if b.Table == "t4" {
				continue
			}
			for _, r := range b.Rows {
				for _, l := range append([]string{r.Label}, r.Variants...) {
					m[strings.Join(strings.Fields(l), "")] = true
				}
			}
		}
	}
	return m
}()

// splitLabel splits the label of row k of a table (t: its rows' line
// indices) when its line holds a piece of a merged group label beside a
// piece of the row's label (`其他处 正、行政机关不再处理其政府`): the last
// word of each line is a piece of the row label's column, the words
// before it of the group's. The row label is rebuilt from the last words
// of the lines around the row's (up to three above and below, between
// the neighbouring rows, each line with a label word) when exactly one
// such run of lines reads as exactly a row label of the template; the
// row's fields are then the group's piece and the whole row label, and
// the other lines of the run keep only their group pieces (rewritten;
// marked in done). A row whose line holds one label word, a row label
// read whole on its line, or no run or two that read as a row label: ok
// false, the row left as it is.
func splitLabel(lines []docLine, bl []bline, rows []int, k int, done map[int]bool) ([]string, bool) {
	i := rows[k]
	labelGlyphs := func(j int) []glyph {
		var gs []glyph
		for _, w := range bl[j].words[:bl[j].first] {
			gs = append(gs, w.gs...)
		}
		return gs
	}
	parts := func(j int) [][]glyph { return cutAtGaps(labelGlyphs(j)) }
	rp := parts(i)
	if len(rp) != 2 || bl[i].odd {
		return nil, false
	}
	span := func(gs []glyph) extent { return extent{left(gs[0]), right(gs[len(gs)-1])} }
	gx, px := span(rp[0]), span(rp[1])
	overlaps := func(e, f extent) bool { return e.left < f.right && f.left < e.right }
	// split returns a line's group piece and row piece, ok false when
	// its label cannot be so read.
	split := func(j int) (group, piece []glyph, ok bool) {
		if bl[j].first == 0 || bl[j].odd {
			return nil, nil, false
		}
		p := parts(j)
		switch {
		case len(p) == 2 && overlaps(span(p[0]), gx) && overlaps(span(p[1]), px) && !overlaps(span(p[0]), px):
			return p[0], p[1], true
		case len(p) == 1 && overlaps(span(p[0]), px) && !overlaps(span(p[0]), gx):
			return nil, p[0], true
		case len(p) == 1 && overlaps(span(p[0]), gx) && !overlaps(span(p[0]), px):
			return p[0], nil, true
		}
		return nil, nil, false
	}
	if rowLabels[glyphText(rp[1])] {
		return nil, false // whole on its line
	}
	piece := map[int]string{i: glyphText(rp[1])}
	groups := map[int][]glyph{i: rp[0]}
	lo, hi := i, i
	for j := i - 1; j >= 0 && j >= i-3 && (k == 0 || j > rows[k-1]) && sameRun(lines, bl, j, i); j-- {
		g, p, ok := split(j)
		if !ok || p == nil {
			break
		}
		lo, piece[j], groups[j] = j, glyphText(p), g
	}
	for j := i + 1; j < len(lines) && j <= i+3 && (k == len(rows)-1 || j < rows[k+1]) && sameRun(lines, bl, j, i); j++ {
		g, p, ok := split(j)
		if !ok || p == nil {
			break
		}
		hi, piece[j], groups[j] = j, glyphText(p), g
	}
	from, to, n := 0, 0, 0
	for a := lo; a <= i; a++ {
		for b := i; b <= hi; b++ {
			var sb strings.Builder
			for j := a; j <= b; j++ {
				sb.WriteString(piece[j])
			}
			if rowLabels[sb.String()] {
				from, to, n = a, b, n+1
			}
		}
	}
	if n != 1 {
		return nil, false
	}
	var label strings.Builder
	for j := from; j <= to; j++ {
		label.WriteString(piece[j])
		if j == i {
			continue
		}
		text := ""
		if gs := groups[j]; len(gs) > 0 {
			text = strings.Repeat(" ", strings.IndexFunc(lines[j].text, func(r rune) bool { return r != ' ' })) + glyphText(gs)
		}
		lines[j].text = text
		done[j] = true
	}
	return []string{glyphText(rp[0]), label.String()}, true
}

// cutAtGaps cuts glyphs (left to right) at their gaps wider than a
// space beyond a full-width punctuation mark's own blank (the em it
// fills less its glyph's width): "（六）  1.申请人" is two pieces.
func cutAtGaps(gs []glyph) [][]glyph {
	var out [][]glyph
	blank := func(g glyph) float64 {
		if !fullWidthPunct(g.r) {
			return 0
		}
		return max(g.size-(right(g)-left(g)), 0)
	}
	for k, g := range gs {
		if k == 0 || left(g)-right(gs[k-1]) > blank(g)+blank(gs[k-1])+gapSpace*max(g.size, gs[k-1].size) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], g)
	}
	return out
}

// glyphText is the text of glyphs without spaces.
func glyphText(gs []glyph) string { return wordText(bword{gs: gs}) }

// byOverlap groups header words (leaves) into columns by their x-extents,
// left to right: a word that overlaps the column before joins it (a label
// wrapped over lines is one column). It sorts leaves.
func byOverlap(leaves []piece) (cols []extent, pieces [][]piece) {
	slices.SortFunc(leaves, func(a, b piece) int { return cmpF(a.w.left, b.w.left) })
	for _, p := range leaves {
		if n := len(cols); n > 0 && p.w.left < cols[n-1].right-1 {
			cols[n-1].right = max(cols[n-1].right, p.w.right)
			pieces[n-1] = append(pieces[n-1], p)
			continue
		}
		cols = append(cols, extent{p.w.left, p.w.right})
		pieces = append(pieces, []piece{p})
	}
	return cols, pieces
}
