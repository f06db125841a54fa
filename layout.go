package nianbao

import "github.com/opengovcn/nianbao/schema"

// The official layout of the tables, built once from the catalog for the
// renderers that draw it (RenderHTML, RenderDOCX): a table is rows of cells
// with merged cells as HTML has them, a cell spanning rows (rowspan) or
// grid columns (colspan) standing in its first row and column only.

// layoutCell is a cell of a table in the official layout.
type layoutCell struct {
	text    string
	value   bool   // a value cell; otherwise a header or a label
	class   string // a header's kind: "caption" (a block's caption), "label" (a row label) or ""
	rowspan int    // rows the cell covers, its own included (1 or more)
	colspan int    // grid columns the cell covers (1 or more)
}

// layoutTable is a table in the official layout.
type layoutTable struct {
	id   string // "t2" or the block's ID
	head int    // the first head rows are the table's header
	rows [][]layoutCell
}

// layoutBuilder collects the rows of a layoutTable.
type layoutBuilder struct{ g layoutTable }

func (gb *layoutBuilder) row() { gb.g.rows = append(gb.g.rows, nil) }

func (gb *layoutBuilder) add(c layoutCell) {
	i := len(gb.g.rows) - 1
	gb.g.rows[i] = append(gb.g.rows[i], c)
}

// th adds a header or label cell to the current row.
func (gb *layoutBuilder) th(class, text string, rowspan, colspan int) {
	gb.add(layoutCell{text: text, class: class, rowspan: rowspan, colspan: colspan})
}

// td adds the value cell of the row and column of block b to the current
// row.
func (gb *layoutBuilder) td(r *Report, b schema.Block, row, col string, colspan int) {
	cell, _ := r.Cell(b.Ref(row, col))
	gb.add(layoutCell{text: cellText(cell), value: true, rowspan: 1, colspan: colspan})
}

// officialTable returns the table (t2, t3, t4) of r in the official
// layout, or nil if r has no block of it.
func officialTable(r *Report, table string, fail func(string, ...any)) *layoutTable {
	switch blocks := reportBlocks(r, table, fail); {
	case len(blocks) == 0:
		return nil
	case table == "t2":
		return t2Grid(r, blocks)
	case table == "t4":
		return transposedGrid(r, blocks[0])
	default:
		return rowsGrid(r, blocks[0])
	}
}

// t2Grid lays out the blocks of table 2 as one table: each block has a
// caption row across the table, a header row and its rows. A block with
// fewer columns than the widest one stretches its last column.
func t2Grid(r *Report, blocks []schema.Block) *layoutTable {
	width := 0
	for _, b := range blocks {
		width = max(width, len(displayColumns(r, b)))
	}
	gb := layoutBuilder{g: layoutTable{id: "t2"}}
	for _, b := range blocks {
		cols := displayColumns(r, b)
		span := func(i int) int {
			if i == len(cols)-1 {
				return width - len(cols) + 1
			}
			return 1
		}
		gb.row()
		gb.th("caption", b.Caption, 1, width+1)
		gb.row()
		gb.th("", b.Corner, 1, 1)
		for i, c := range cols {
			gb.th("", c.Label, 1, span(i))
		}
		for _, d := range displayRows(r, b) {
			gb.row()
			gb.th("label", d.label, 1, 1)
			for i, c := range cols {
				gb.td(r, b, d.row.Name, c.Name, span(i))
			}
		}
	}
	return &gb.g
}

// htmlColumns orders the columns of a row-wise table for the official
// layout: an extra subtotal column stands right after the last column it
// sums, inside their group.
func htmlColumns(cols []schema.Column) []schema.Column {
	var out []schema.Column
	var extras []schema.Column
	for _, c := range cols {
		if len(c.Sum) > 0 {
			extras = append(extras, c)
		} else {
			out = append(out, c)
		}
	}
	for _, x := range extras {
		at := len(out)
		for i, c := range out {
			if c.Name == x.Sum[len(x.Sum)-1] {
				at = i + 1
			}
		}
		out = append(out[:at], append([]schema.Column{x}, out[at:]...)...)
	}
	return out
}

// columnGroup returns the group (the label of a subtotal column of the
// block, official or shown) a column belongs to, or "".
func columnGroup(b schema.Block, c schema.Column) string {
	for _, x := range append(append([]schema.Column(nil), b.Columns...), b.ExtraColumns...) {
		if x.Name == c.Name && len(x.Sum) > 0 {
			return x.Label
		}
		for _, s := range x.Sum {
			if s == c.Name {
				return x.Label
			}
		}
	}
	return ""
}

// htmlChain returns the labels to the left of a row in the official
// layout, outermost first.
func htmlChain(d displayRow) []string {
	chain := append([]string(nil), d.groups...)
	if d.extra {
		return append(chain, htmlSubtotal)
	}
	return append(chain, d.label)
}

// rowsGrid lays out a block whose rows are rows (table 3): the corner cell
// and a header with the table's caption (申请人情况) over all value columns
// and the column groups over their columns, then the rows with their group
// labels merged down the rows of each group.
func rowsGrid(r *Report, b schema.Block) *layoutTable {
	cols := htmlColumns(displayColumns(r, b))
	rows := displayRows(r, b)
	chains := make([][]string, len(rows))
	depth := 1
	for i, d := range rows {
		chains[i] = htmlChain(d)
		depth = max(depth, len(chains[i]))
	}
	grouped := false
	for _, c := range cols {
		grouped = grouped || columnGroup(b, c) != ""
	}
	headRows := 2
	if grouped {
		headRows = 3
	}
	gb := layoutBuilder{g: layoutTable{id: b.ID, head: headRows}}
	gb.row()
	gb.th("", b.Corner, headRows, depth)
	gb.th("", schema.T3Applicants, 1, len(cols))
	gb.row()
	for i := 0; i < len(cols); i++ {
		g := columnGroup(b, cols[i])
		if g == "" {
			gb.th("", cols[i].Label, headRows-1, 1)
			continue
		}
		n := 1
		for i+n < len(cols) && columnGroup(b, cols[i+n]) == g {
			n++
		}
		gb.th("", g, 1, n)
		i += n - 1
	}
	if grouped {
		gb.row()
		for _, c := range cols {
			switch g := columnGroup(b, c); {
			case g == "":
			case len(c.Sum) > 0:
				gb.th("", htmlSubtotal, 1, 1)
			default:
				gb.th("", c.Label, 1, 1)
			}
		}
	}
	for i, d := range rows {
		chain := chains[i]
		gb.row()
		for k := 0; k < len(chain)-1; k++ {
			if i > 0 && samePrefix(chains[i-1], chain, k+1) {
				continue // inside a merged group cell
			}
			n := 1
			for i+n < len(rows) && samePrefix(chains[i+n], chain, k+1) {
				n++
			}
			gb.th("label", chain[k], n, 1)
		}
		gb.th("label", chain[len(chain)-1], 1, depth-len(chain)+1)
		for _, c := range cols {
			gb.td(r, b, d.row.Name, c.Name, 1)
		}
	}
	return &gb.g
}

// samePrefix reports whether a and b share their first n labels, all of
// them group labels of a (not a's own last label).
func samePrefix(a, b []string, n int) bool {
	if len(a)-1 < n || len(b)-1 < n {
		return false
	}
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// transposedGrid lays out a block whose rows stand side by side as column
// groups over one row of values (table 4): the rows' group labels and
// labels in the header rows, each over its row's columns.
func transposedGrid(r *Report, b schema.Block) *layoutTable {
	cols := displayColumns(r, b)
	rows := displayRows(r, b)
	chains := make([][]string, len(rows))
	depth := 1
	for i, d := range rows {
		chains[i] = htmlChain(d)
		depth = max(depth, len(chains[i]))
	}
	gb := layoutBuilder{g: layoutTable{id: b.ID, head: depth + 1}}
	for h := 0; h <= depth; h++ {
		gb.row()
		for i, chain := range chains {
			switch {
			case h < len(chain)-1:
				if i > 0 && samePrefix(chains[i-1], chain, h+1) {
					continue
				}
				n := 1
				for i+n < len(rows) && samePrefix(chains[i+n], chain, h+1) {
					n++
				}
				gb.th("", chain[h], 1, n*len(cols))
			case h == len(chain)-1:
				gb.th("", chain[h], 1, len(cols))
			case h == len(chain):
				for _, c := range cols {
					gb.th("", c.Label, depth+1-h, 1)
				}
			}
		}
	}
	gb.row()
	for _, d := range rows {
		for _, c := range cols {
			gb.td(r, b, d.row.Name, c.Name, 1)
		}
	}
	return &gb.g
}
