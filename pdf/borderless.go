package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/opengovcn/nianbao/internal/chars"
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
		case g.r >= '0' && g.r <= '9':
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
				i = last
				continue
			}
		}
		if len(h) > 0 {
			t.headers = [][]int{h}
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
		for k, fields := range placeRows(rows, hw, labelRight) {
			if fields != nil {
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
				if len(bl[i].words) > 1 {
					lines[i].text = strings.Repeat(" ", strings.IndexFunc(lines[i].text, func(r rune) bool { return r != ' ' })) + oneWord(lines[i].gs)
				}
			}
		}
	}
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
func placeRows(rows []bline, hw [][]bword, labelRight float64) [][]string {
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
		if r.first > 0 {
			var gs []glyph
			for _, w := range r.words[:r.first] {
				gs = append(gs, w.gs...)
			}
			// One field: its words may be the pieces of two cells (a
			// group's label wrapped beside a row's), and a second text
			// field would be taken for a value.
			fields = append([]string{strings.ReplaceAll(writeLine(gs), "\t", " ")}, fields...)
		}
		out[k] = fields
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
		if !unicode.IsSpace(g.r) {
			b.WriteRune(g.r)
		}
	}
	return b.String()
}
