package pdf

import (
	"cmp"
	"slices"
	"strings"
)

// Tables drawn with ruling lines are cut by them: the rules that touch
// one another make a table; each band between two of its horizontal
// rules is a line, and the cells between the vertical rules that cross
// the band are its TAB-separated fields, an empty cell an empty field.
// A cell's text is its characters in reading order, joined. The page's
// other characters are laid out by baseline (baselineLines).

// overflow is how far (points) beside its rules a character still belongs to a table.
const overflow = 36.0

// touch is how far apart (points) two rules may be and still meet.
const touch = 2.0

type table struct {
	rules                 []rule
	left, right, bot, top float64
}

// tables groups the page's rules into tables: connected sets of rules
// with at least two horizontal and two vertical rules.
func tables(rules []rule) []table {
	parent := make([]int, len(rules))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, a := range rules {
		for j := i + 1; j < len(rules); j++ {
			if meet(a, rules[j]) {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]rule{}
	var order []int
	for i, r := range rules {
		k := find(i)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var ts []table
	for _, k := range order {
		g := groups[k]
		var nh, nv int
		t := table{rules: g, left: 1e9, bot: 1e9, right: -1e9, top: -1e9}
		for _, r := range g {
			if r.horiz {
				nh++
				t.left, t.right = min(t.left, r.lo), max(t.right, r.hi)
				t.bot, t.top = min(t.bot, r.pos), max(t.top, r.pos)
			} else {
				nv++
				t.left, t.right = min(t.left, r.pos), max(t.right, r.pos)
				t.bot, t.top = min(t.bot, r.lo), max(t.top, r.hi)
			}
		}
		if nh >= 2 && nv >= 2 {
			ts = append(ts, t)
		}
	}
	return ts
}

func meet(a, b rule) bool {
	if a.horiz == b.horiz {
		// Collinear pieces of one rule.
		return abs(a.pos-b.pos) <= touch && a.lo <= b.hi+touch && b.lo <= a.hi+touch
	}
	if !a.horiz {
		a, b = b, a
	}
	// a horizontal, b vertical.
	return b.pos >= a.lo-touch && b.pos <= a.hi+touch && a.pos >= b.lo-touch && a.pos <= b.hi+touch
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// distinct returns the sorted values, those within touch of the previous one dropped.
func distinct(vs []float64) []float64 {
	slices.Sort(vs)
	var out []float64
	for _, v := range vs {
		if len(out) == 0 || v-out[len(out)-1] > touch {
			out = append(out, v)
		}
	}
	return out
}

type placedLine struct {
	y    float64
	text string
	// gs are the glyphs of a line outside ruled tables, left to right
	// (nil for a band of a ruled table): what placeBorderless reads.
	gs []glyph
}

// tableLines lays out the glyphs inside t, a line per band.
func tableLines(t table, gs []glyph) []placedLine {
	var ys []float64
	for _, r := range t.rules {
		if r.horiz {
			ys = append(ys, r.pos)
		}
	}
	ys = distinct(ys)
	var out []placedLine
	for k := len(ys) - 1; k > 0; k-- {
		top, bot := ys[k], ys[k-1]
		mid := (top + bot) / 2
		var xs []float64
		for _, r := range t.rules {
			if !r.horiz && r.lo <= mid && r.hi >= mid {
				xs = append(xs, r.pos)
			}
		}
		xs = distinct(xs)
		if len(xs) < 2 {
			continue
		}
		// A cell spans the bands down to the first horizontal rule
		// drawn across it: a label over two rows (rowspan) is one cell,
		// written in its top band, its lower bands an empty field, as
		// a wrapped label is never cut in two rows.
		cells := make([][]glyph, len(xs)-1)
		cellBot := make([]float64, len(xs)-1)
		for c := range cellBot {
			mx := (xs[c] + xs[c+1]) / 2
			if k < len(ys)-1 && !hcover(t, ys[k], mx) {
				cellBot[c] = top // continues a cell above: empty here
				continue
			}
			j := k - 1
			for j > 0 && !hcover(t, ys[j], mx) {
				j--
			}
			cellBot[c] = ys[j]
		}
		any := false
		for _, g := range gs {
			cy := centerY(g)
			if cy > top {
				continue
			}
			cx := (left(g) + right(g)) / 2
			for c := 0; c+1 < len(xs); c++ {
				// The outer columns take what overflows the table
				// (a table wider than the page is clipped at its edge).
				if (cx > xs[c] || c == 0) && (cx <= xs[c+1] || c+2 == len(xs)) {
					if cy > cellBot[c] {
						cells[c] = append(cells[c], g)
						any = true
					}
					break
				}
			}
		}
		if !any {
			continue
		}
		fields := make([]string, len(cells))
		for c, cg := range cells {
			var parts []string
			for _, l := range baselineLines(cg) {
				parts = append(parts, strings.ReplaceAll(l, "\t", " "))
			}
			fields[c] = strings.Join(parts, "")
		}
		out = append(out, placedLine{y: top, text: strings.Join(fields, "\t")})
	}
	return out
}

// hcover reports whether a horizontal rule of t at y (within touch) is
// drawn across x.
func hcover(t table, y, x float64) bool {
	for _, r := range t.rules {
		if r.horiz && abs(r.pos-y) <= touch && r.lo-touch <= x && x <= r.hi+touch {
			return true
		}
	}
	return false
}

func centerY(g glyph) float64 {
	if g.top > g.bottom {
		return (g.top + g.bottom) / 2
	}
	return g.y + g.size/3
}

func inside(t table, g glyph) bool {
	cx, cy := (left(g)+right(g))/2, centerY(g)
	return cx > t.left-overflow && cx < t.right+overflow && cy > t.bot && cy < t.top
}

// ruledLines lays out a page: tables by their rules, the rest by baseline.
func ruledLines(pg page, gs []glyph) []placedLine {
	ts := tables(pg.rules)
	var placed []placedLine
	var rest []glyph
	inT := make([][]glyph, len(ts))
	for _, g := range gs {
		in := false
		for i, t := range ts {
			if inside(t, g) {
				inT[i] = append(inT[i], g)
				in = true
				break
			}
		}
		if !in {
			rest = append(rest, g)
		}
	}
	for i, t := range ts {
		placed = append(placed, tableLines(t, inT[i])...)
	}
	for _, l := range baselineLinesY(rest, newLayout(gs)) {
		placed = append(placed, l)
	}
	slices.SortStableFunc(placed, func(a, b placedLine) int { return cmp.Compare(b.y, a.y) })
	return placed
}
