package pdf

import (
	"math"
	"os"
	"slices"
	"strings"
	"unicode"
)

// Tables drawn without rules: the values of a row are placed in their
// columns by their exact positions on the page, not by the columns of the
// laid-out text. A table is a run of value lines (lines whose right part
// is numbers, after an optional label) with, between them, only lines left
// of the values (a label wrapped over several lines); the lines above it
// that reach over its values are its header. The same table continued on
// the next page (its header repeated, or none) is one table. Its full rows
// (those with the most values) give each column an anchor: the left
// edges, right edges or centres of their values, whichever lines up
// across them all. A row is then written as the ruled tables' rows are,
// TAB-separated fields (its label, then one field a column, an empty field
// a blank cell), when each of its values is within a third of the columns'
// spacing of exactly one anchor, in order. Anything uncertain leaves the
// row as laid out: no full row, anchors that do not line up, a header word
// over no anchor (a column no row fills: the full rows would miss it), a
// value near no anchor.

// docLine is a line of the document with the number of its page.
type docLine struct {
	placedLine
	page int
}

// bword is a word of a line: glyphs apart by no more than a space.
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
		if k == 0 || left(g)-right(line[k-1]) > gapSpace*max(g.size, line[k-1].size) {
			out = append(out, bword{left: left(g)})
		}
		w := &out[len(out)-1]
		w.gs = append(w.gs, g)
		w.right = max(w.right, right(g))
	}
	for i := range out {
		out[i].num = isNumber(out[i].gs)
	}
	return out
}

// isNumber reports whether the glyphs are a number: digits, at most one
// decimal point between them.
func isNumber(gs []glyph) bool {
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

// bline is a line outside ruled tables cut into words; values are
// words[first:], all numbers (first == len(words): no values).
type bline struct {
	words []bword
	first int
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
		ws := words(l.gs)
		first := len(ws)
		for first > 0 && ws[first-1].num {
			first--
		}
		bl[i] = bline{words: ws, first: first}
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
		for skip := 0; skip < 4 && k >= 0 && sameRun(lines, bl, k, i) && !bl[k].overlaps(lo, hi); skip++ {
			k--
		}
		var h []int
		for ; len(h) < 10 && k >= 0 && sameRun(lines, bl, k, i) && bl[k].overlaps(lo, hi); k-- {
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
		if debugB {
			println("TABLE rows", len(t.rows), "headers", len(t.headers))
			for _, i := range t.rows {
				println("  ", lines[i].text)
			}
			for _, h := range t.headers {
				for _, k := range h {
					println("  H", lines[k].text)
				}
			}
		}
		placed := false
		for k, fields := range placeRows(rows, hw) {
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
			for i := t.rows[k-1] + 1; i < t.rows[k]; i++ {
				if lines[i].gs != nil && len(bl[i].words) > 1 && lines[i].page == lines[t.rows[k]].page {
					lines[i].text = strings.Repeat(" ", strings.IndexFunc(lines[i].text, func(r rune) bool { return r != ' ' })) + oneWord(lines[i].gs)
				}
			}
		}
	}
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

// placeRows places the values of a table's rows in its columns, the
// columns those of the rows with the most values, checked against the
// header's words hw. It returns each row's fields (label first when the
// row has one, then one field a column), nil for a row it leaves as laid
// out.
func placeRows(rows []bline, hw [][]bword) [][]string {
	out := make([][]string, len(rows))
	n := 0
	for _, r := range rows {
		n = max(n, len(r.values()))
	}
	if n < 2 {
		return out // one column: nothing to place
	}
	var full [][]bword
	for _, r := range rows {
		if len(r.values()) == n {
			full = append(full, r.values())
		}
	}
	// The anchors of each alignment; those that line up across the full rows.
	var anchors [3][]float64
	var spacing [3]float64
	best, bestDist := -1, math.Inf(1)
	for al := range anchors {
		a := make([]float64, n)
		spread := 0.0
		for j := range n {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, f := range full {
				c := coord(f[j], al)
				a[j] += c / float64(len(full))
				lo, hi = min(lo, c), max(hi, c)
			}
			spread = max(spread, hi-lo)
		}
		sp := math.Inf(1)
		for j := 1; j < n; j++ {
			sp = min(sp, a[j]-a[j-1])
		}
		anchors[al], spacing[al] = a, sp
		if sp <= 0 || spread > 0.2*sp {
			continue
		}
		// The alignment whose anchors every value is nearest.
		worst := 0.0
		for _, r := range rows {
			for _, w := range r.values() {
				d := math.Inf(1)
				for _, x := range a {
					d = min(d, math.Abs(coord(w, al)-x))
				}
				worst = max(worst, d/sp)
			}
		}
		if worst < bestDist {
			best, bestDist = al, worst
		}
	}
	if debugB {
		for al := range anchors {
			for _, x := range anchors[al] {
				print(" ", int(x))
			}
			println()
		}
		println("best", best, "n", n, "full", len(full), "spacing", spacing[0], spacing[1], spacing[2])
	}
	if best < 0 {
		return out
	}
	// The header must have as many columns as the full rows have
	// values: else a column that no row fills is missing from them.
	labelRight := math.Inf(-1)
	for _, r := range rows {
		for _, w := range r.words[:r.first] {
			labelRight = max(labelRight, w.right)
		}
	}
	if k := headerColumns(hw, labelRight); k != n {
		if debugB {
			println("header columns", k, "values", n)
		}
		return out
	}
	a, tol := anchors[best], spacing[best]/3
	for k, r := range rows {
		fields := make([]string, n)
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
			fields = append([]string{writeLine(gs)}, fields...)
		}
		out[k] = fields
	}
	return out
}

// headerColumns counts the columns of a header: its words right of the
// labels (centre beyond labelRight; hw are grouped by line, hw[i].line),
// those over two or more words of another line dropped (a header over
// several columns), the rest grouped by overlap (a header wrapped over
// lines is one column).
func headerColumns(hw [][]bword, labelRight float64) int {
	var lines [][]bword
	for _, l := range hw {
		var ws []bword
		for _, w := range l {
			if w.centre() >= labelRight {
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
	k := 0
	right := math.Inf(-1)
	for _, w := range leaves {
		if w.left >= right-1 {
			k++
		}
		right = max(right, w.right)
	}
	return k
}

// oneWord writes the glyphs with no space between them.
func oneWord(gs []glyph) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteRune(g.r)
	}
	return b.String()
}

func wordText(w bword) string {
	var b strings.Builder
	for _, g := range w.gs {
		if !unicode.IsSpace(g.r) {
			b.WriteRune(g.r)
		}
	}
	return b.String()
}

var debugB = os.Getenv("DEBUGB") != ""
