package nianbao

import "github.com/opengovcn/nianbao/schema"

// Rows of a Markdown table without their labels (corpus shape pdfmd, files
// 021 and 022): a converter that makes Markdown of a PDF writes a table's
// rows as pipe rows in the table's order, but the label of a row whose label
// cell wraps often leaves the table — the pipe row keeps only the values
// (| 0 | 0 | 0 | 0 | 0 | 0 | 0 |) or a scrap of the label
// (| 行政机关不再处理其政府信息公 | 40 | …), and the label stands as text
// between two pieces of the table, in no order that ties it to its values:
//
//	| 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
//	（三）不
//	予公开
//	5.属于三类内部事务信
//	息
//	1.本机关不掌握相关政
//	府信息
//	| 1 | 0 | 0 | 0 | 0 | 0 | 1 |
//	|---|---|---|---|---|---|---|
//	| 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
//
// Rule "Markdown rows in table order": between two pipe rows that carry
// their own row labels (anchors), the pipe rows with no row label are the
// template's rows between those two, in order, when
//
//   - they are exactly as many as the template has rows between the anchors
//     (the anchors in the template's order);
//   - the label of each of those rows is seen in the table (floating as
//     text), and none of them has a pipe row of its own;
//   - every one of them, and each anchor, holds exactly the row's number of
//     values on its line (empty fields at its ends aside), and each of them
//     adds up (its 总计 is the sum of the applicant columns).
//
// The order of the pipe rows is the table's own structure; the count, the
// labels and the sums prove that no row is missing or extra between the
// anchors. Otherwise nothing is moved: the values stay where run put them,
// and fill leaves what it cannot place blank with a warning (labelsApart,
// surplus). Only table 3, whose rows add up, is read so.

// mdLine is a line of a table region that holds values: its value fields,
// and the row whose label ends on it, if any.
type mdLine struct {
	line   int
	vals   []token // tkValue and tkEmpty tokens, in order
	labels bool    // label text on the line
	pipe   bool
	anchor *rowAcc
}

// mdRowOrder places the label-less pipe rows of block b (table 3) by the
// rule above, changing the rows' values before fill reads them.
func (tp *tableParser) mdRowOrder(b schema.Block) {
	if b.ID != "t3" || tp.mode != modePipe && tp.mode != modePipeRows || len(tp.toks) == 0 {
		return
	}
	n := len(b.Columns)
	index := map[string]int{}
	for i, row := range b.Rows {
		index[row.Name] = i
	}
	// The line on which each row's label ends.
	ends := map[int]*rowAcc{}
	for _, acc := range tp.rowOrder {
		if acc.block == b.ID && acc.name != "" {
			ends[tp.p.src.lineOf(max(acc.label.start, acc.label.end-1))] = acc
		}
	}
	var lines []*mdLine
	byLine := map[int]*mdLine{}
	for _, t := range tp.toks {
		l := byLine[t.line]
		if l == nil {
			ln, _ := tp.p.src.line(t.line)
			l = &mdLine{line: t.line, pipe: hasUnescapedPipe(ln), anchor: ends[t.line]}
			byLine[t.line] = l
			lines = append(lines, l)
		}
		switch t.kind {
		case tkLabel:
			l.labels = true
		default:
			l.vals = append(l.vals, t)
		}
	}
	whole := func(l *mdLine) []token {
		v := l.vals
		for len(v) > 0 && v[0].kind == tkEmpty {
			v = v[1:]
		}
		for len(v) > 0 && v[len(v)-1].kind == tkEmpty {
			v = v[:len(v)-1]
		}
		if len(v) != n {
			return nil
		}
		for _, t := range v {
			if t.kind != tkValue {
				return nil
			}
		}
		return v
	}
	anchored := map[string]bool{} // rows with a line of their own
	for _, l := range lines {
		if l.anchor != nil && valueCount(l.vals) > 0 {
			anchored[l.anchor.name] = true
		}
	}
	type gap struct {
		from, to int // the anchors' rows in b.Rows
		lines    []*mdLine
		at       *mdLine // the first anchor
	}
	var gaps []gap
	var cur *gap
	for _, l := range lines {
		switch {
		case valueCount(l.vals) == 0:
			continue // labels only (floating text), or empty fields
		case l.anchor != nil:
			i, official := index[l.anchor.name]
			if cur != nil && official && len(cur.lines) > 0 && whole(l) != nil {
				cur.to = i
				gaps = append(gaps, *cur)
			}
			cur = nil
			if official && whole(l) != nil {
				cur = &gap{from: i, at: l}
			}
		case !l.pipe:
			// Values outside the pipe rows (a stray "1" on a line of its
			// own): no row of the table, and no part of the proof.
		case cur != nil:
			cur.lines = append(cur.lines, l)
		}
	}
	moved := map[int]bool{} // lines given to a row of a gap
	place := map[string]*mdLine{}
	for _, g := range gaps {
		rows := b.Rows[min(g.from+1, g.to):g.to]
		if g.to <= g.from || len(rows) != len(g.lines) {
			continue
		}
		ok := true
		for k, row := range rows {
			key := rowKey{b.ID, row.Name}
			v := whole(g.lines[k])
			ok = ok && tp.labelled[key] && !anchored[row.Name] && v != nil && rowAddsUp(v, -1)
		}
		if !ok {
			continue
		}
		for k, row := range rows {
			place[row.Name] = g.lines[k]
			moved[g.lines[k].line] = true
		}
		tp.p.warnf(tp.p.src.pos(g.lines[0].vals[0].sp.start), b.Ref(rows[0].Name, b.Columns[0].Name), ErrRepaired,
			"%d rows of the Markdown table between rows %q and %q have no row label (their labels stand apart as text): "+
				"as many as the template's rows between those two, each whole and adding up, they are read as %s, in order",
			len(rows), b.Rows[g.from].Label, b.Rows[g.to].Label, joinRowLabels(rows))
	}
	if len(place) == 0 {
		return
	}
	// Take the moved lines' values from the rows run gave them to, and
	// from the values outside any row.
	keep := func(vals []token) []token {
		out := vals[:0:0]
		for _, t := range vals {
			if !moved[t.line] {
				out = append(out, t)
			}
		}
		return out
	}
	for _, acc := range tp.rowOrder {
		if acc.block == b.ID {
			acc.vals = keep(acc.vals)
		}
	}
	tp.stray = keep(tp.stray)
	for _, row := range b.Rows {
		l := place[row.Name]
		if l == nil {
			continue
		}
		key := rowKey{b.ID, row.Name}
		acc := tp.rows[key]
		if acc == nil {
			acc = tp.p.newRowAcc()
			*acc = rowAcc{block: b.ID, name: row.Name, label: srcSpan{l.vals[0].sp.start, l.vals[0].sp.start}, line: l.line}
			tp.rows[key] = acc
			tp.rowOrder = append(tp.rowOrder, acc)
		} else if valueCount(acc.vals) > 0 {
			// Values after the row's floating label that are not a pipe
			// row of the table (a stray "1" on a line of its own).
			tp.p.warnf(tp.p.src.pos(acc.vals[0].sp.start), b.ID+"."+row.Name, ErrAmbiguous,
				"values (%s) after the label of row %q are no row of the Markdown table; kept in Unrecognized",
				joinTokens(acc.vals), row.Label)
			tp.keepValues(acc.vals)
		}
		acc.vals = append([]token(nil), l.vals...)
		acc.afterBare = false
	}
}

// dropStray keeps the values that came outside any row of a delimited table
// and were not placed (mdRowOrder) in Unrecognized, with a warning.
func (tp *tableParser) dropStray() {
	for _, t := range tp.stray {
		tp.p.unrecognized(t.sp, "a value outside any table row")
	}
	tp.stray = nil
}
