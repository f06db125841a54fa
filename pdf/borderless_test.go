package pdf

import (
	"slices"
	"testing"
)

// testLine lays out words (text at x, in points) on one baseline: digits
// half a font size wide, other characters a font size.
func testLine(words ...any) []glyph {
	const size = 10.0
	var gs []glyph
	for i := 0; i < len(words); i += 2 {
		x := words[i+1].(float64)
		for _, r := range words[i].(string) {
			w := size
			if r < 0x80 {
				w = size / 2
			}
			gs = append(gs, glyph{r: r, x: x, left: x, right: x + w, size: size})
			x += w
		}
	}
	return gs
}

// TestPlaceRows: the columns of a table without rules come from the
// values' exact positions. A row with a blank cell gets an empty field in
// its place; a row with two values by one column is left as laid out; a
// value between two columns, or a column that no row fills (the header has
// more columns than the values), leaves every row as laid out.
func TestPlaceRows(t *testing.T) {
	header := [][]bword{words(testLine("信息内容", 10.0, "甲", 95.0, "乙", 195.0, "丙", 295.0))}
	const labelRight = 30 // the labels' right edge: 规章 at 10
	rows := []bline{
		newBline(testLine("规章", 10.0, "1", 98.0, "22", 196.0, "3", 298.0)), // full
		newBline(testLine("文件", 10.0, "5", 98.0, "70", 296.0)),             // the middle blank
		newBline(testLine("许可", 10.0, "8", 196.0, "9", 204.5)),             // two values by one column
		newBline(testLine("4", 198.0)),                                     // its label on other lines
	}
	got := placeRows(rows, header, [][][]bword{header}, labelRight)
	want := [][]string{
		{"规章", "1", "22", "3"},
		{"文件", "5", "", "70"},
		nil,
		{"", "4", ""},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("placeRows = %q, want %q", got, want)
	}
	none := func(name string, rows []bline) {
		t.Helper()
		for i, f := range placeRows(rows, header, [][][]bword{header}, labelRight) {
			if f != nil {
				t.Errorf("%s: row %d placed as %q", name, i, f)
			}
		}
	}
	// A value halfway between two columns: a column of its own, one more
	// than the header's.
	none("a value between columns", []bline{
		newBline(testLine("规章", 10.0, "1", 98.0, "2", 198.0, "3", 298.0)),
		newBline(testLine("文件", 10.0, "8", 98.0, "9", 148.0)),
	})
	// Values only ever in two of the header's three columns: the full
	// rows would make two columns of them.
	none("two columns of three", []bline{
		newBline(testLine("规章", 10.0, "1", 98.0, "3", 298.0)),
		newBline(testLine("文件", 10.0, "5", 98.0, "7", 298.0)),
	})
	// The header of the labels counts when the labels' edge is not known.
	if got := placeRows(rows, header, [][][]bword{header}, -1e9); slices.ContainsFunc(got, func(f []string) bool { return f != nil }) {
		t.Errorf("the labels' header taken for a column: %q", got)
	}
}

// TestHeaderColumns: a header word over several columns is no column of
// its own; a header wrapped over two lines is one column. (A header word
// between two columns, over neither, is one: the count then differs from
// the values' and nothing is placed.)
func TestHeaderColumns(t *testing.T) {
	hw := [][]bword{
		words(testLine("申请人情况申请人情况", 100.0)), // 100 to 200: over 甲 and 法律
		words(testLine("甲", 95.0, "法律", 190.0, "丙", 295.0)),
		words(testLine("服务", 190.0)),
	}
	heads, right := headerColumns(hw, 30)
	if len(heads) != 3 || right != 305 {
		t.Errorf("headerColumns = %v, %v; want 3 columns, right edge 305", heads, right)
	}
}

// TestPlaceRowsHeaderless: a last column right of every header word
// (LibreOffice's .docx loses a merged header cell's text) counts when
// three values and a quarter of the rows fill it, not for one stray value.
func TestPlaceRowsHeaderless(t *testing.T) {
	header := [][]bword{words(testLine("信息内容", 10.0, "甲", 95.0, "乙", 195.0))}
	rows := []bline{
		newBline(testLine("规章", 10.0, "1", 98.0, "2", 198.0, "3", 298.0)),
		newBline(testLine("文件", 10.0, "4", 98.0, "6", 298.0)),
		newBline(testLine("许可", 10.0, "7", 198.0, "9", 298.0)),
	}
	want := [][]string{
		{"规章", "1", "2", "3"},
		{"文件", "4", "", "6"},
		{"许可", "", "7", "9"},
	}
	if got := placeRows(rows, header, [][][]bword{header}, 30); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("placeRows = %q, want %q", got, want)
	}
	rows = []bline{
		newBline(testLine("规章", 10.0, "1", 98.0, "2", 198.0, "3", 298.0)),
		newBline(testLine("文件", 10.0, "4", 98.0, "5", 198.0)),
		newBline(testLine("许可", 10.0, "7", 98.0, "8", 198.0)),
	}
	for i, f := range placeRows(rows, header, [][][]bword{header}, 30) {
		if f != nil {
			t.Errorf("one value right of the header: row %d placed as %q", i, f)
		}
	}
}

// t4Header lays out table 4's header as LibreOffice does (cells 40 wide,
// labels centred in them, two characters a line): the group labels, the
// first five labels' first pieces, the first 总计 (merged down, between
// lines), the other ten's first pieces, the first five's second pieces,
// the other two 总计, the other ten's second pieces. drop leaves out the
// words at those x positions.
func t4Header(drop ...float64) [][]any {
	var out [][]any
	add := func(ws ...any) {
		var kept []any
		for i := 0; i < len(ws); i += 2 {
			if !slices.Contains(drop, ws[i+1].(float64)) {
				kept = append(kept, ws[i], ws[i+1])
			}
		}
		out = append(out, kept)
	}
	pieces := func(base float64, a, b, c, d string) []any {
		return []any{a, base + 10, b, base + 50, c, base + 90, d, base + 130}
	}
	add("行政复议", 80.0, "行政诉讼", 380.0)
	add("未经复议直接起诉", 260.0, "复议后起诉", 475.0)
	add(pieces(0, "结果", "结果", "其他", "尚未")...)
	add("总计", 170.0)
	add(slices.Concat(pieces(200, "结果", "结果", "其他", "尚未"), pieces(400, "结果", "结果", "其他", "尚未"))...)
	add(pieces(0, "维持", "纠正", "结果", "审结")...)
	add("总计", 370.0, "总计", 570.0)
	add(slices.Concat(pieces(200, "维持", "纠正", "结果", "审结"), pieces(400, "维持", "纠正", "结果", "审结"))...)
	return out
}

func t4Words(h [][]any) [][]bword {
	var hw [][]bword
	for _, l := range h {
		hw = append(hw, words(testLine(l...)))
	}
	return hw
}

// TestT4Columns: table 4's header gives its fifteen columns from its
// bottom-level labels, each rebuilt from its pieces on two lines (结果 over
// 维持); a header that gives another count, another label or a group
// label over other columns gives none. LibreOffice's .docx loses the last
// 总计: its column counts when 复议后起诉 stands centred over five.
func TestT4Columns(t *testing.T) {
	cols, all, ok := t4Columns(t4Words(t4Header()))
	if !ok || !all || len(cols) != 15 {
		t.Fatalf("t4Columns = %v, %v, %v; want 15 columns, every group label", cols, all, ok)
	}
	for j, c := range cols {
		if want := (extent{40*float64(j) + 10, 40*float64(j) + 30}); c != want {
			t.Errorf("column %d = %v, want %v", j, c, want)
		}
	}
	none := func(name string, h [][]any) {
		t.Helper()
		if cols, _, ok := t4Columns(t4Words(h)); ok {
			t.Errorf("%s: %d columns read: %v", name, len(cols), cols)
		}
	}
	none("a label lost in the middle (14 columns)", t4Header(90))
	h := t4Header()
	h[5] = h[5][:6] // 尚未 without 审结
	none("a label's second piece lost", h)
	none("a word right of the header (16 columns)", append(t4Header(), []any{"合计", 610.0}))
	h = t4Header()
	h[1][3] = 275.0 // 复议后起诉 over 未经复议直接起诉's columns
	none("a group label over other columns", h)
	none("no header", nil)

	// The .docx: the last 总计 lost.
	cols, _, ok = t4Columns(t4Words(t4Header(570)))
	if !ok || len(cols) != 15 || cols[14] != (extent{570, 590}) {
		t.Errorf("last 总计 lost: %v, %v; want column 15 at 570–590", cols, ok)
	}
	h = t4Header(570)
	h[1][3] = 445.0 // 复议后起诉 centred over four columns
	none("last 总计 lost, 复议后起诉 over four", h)
}

// TestPlaceT4: each value goes to the one column between its neighbours'
// labels; blanks are empty fields. A value that could be in two columns
// (in the gap between two labels) or in none leaves the row as is.
func TestPlaceT4(t *testing.T) {
	cols, _, _ := t4Columns(t4Words(t4Header()))
	row := func(ws ...any) []bword { return newBline(testLine(ws...)).values() }
	// Values left-aligned in their cells, 6 points in: over their
	// labels' left edges (10 points in).
	got := placeT4(row("1", 46.0, "2", 86.0, "30", 166.0, "4", 206.0, "5", 566.0), cols)
	want := []string{"", "1", "2", "", "30", "4", "", "", "", "", "", "", "", "", "5"}
	if !slices.Equal(got, want) {
		t.Errorf("placeT4 = %q, want %q", got, want)
	}
	if got := placeT4(row("7", 582.0), cols); !slices.Equal(got, append(make([]string, 14), "7")) {
		t.Errorf("one value: %q", got)
	}
	for name, r := range map[string][]bword{
		"a value between two labels": row("1", 46.0, "2", 72.0),
		"a value beyond the last":    row("1", 46.0, "2", 612.0),
		"two values by one column":   row("1", 46.0, "2", 56.0),
	} {
		if got := placeT4(r, cols); got != nil {
			t.Errorf("%s: placed as %q", name, got)
		}
	}
}

// TestPlaceT4Rows: table 4's row under its header becomes a row of
// fields, its header written as a ruled table's (a row of one value reads
// only so); under a header that does not give fifteen columns it is left
// as laid out.
func TestPlaceT4Rows(t *testing.T) {
	doc := func(h [][]any) []docLine {
		ls := []docLine{{placedLine: placedLine{text: "四、政府信息公开行政复议、行政诉讼情况", gs: testLine("四、政府信息公开行政复议、行政诉讼情况", 0.0)}}}
		for _, l := range h {
			ls = append(ls, docLine{placedLine: placedLine{text: "header", gs: testLine(l...)}})
		}
		return append(ls, docLine{placedLine: placedLine{text: "laid out", gs: testLine("3", 166.0)}})
	}
	ls := doc(t4Header())
	placeBorderless(ls)
	if got, want := ls[len(ls)-1].text, "\t\t\t\t3\t\t\t\t\t\t\t\t\t\t"; got != want {
		t.Errorf("row = %q, want %q", got, want)
	}
	if got := ls[1].text; got != "行政复议\t行政诉讼" {
		t.Errorf("header's first line = %q", got)
	}
	if got := ls[4].text; got != "" {
		t.Errorf("header's fourth line = %q, want it empty", got)
	}
	ls = doc(t4Header(90))
	placeBorderless(ls)
	if got := ls[len(ls)-1].text; got != "laid out" || ls[1].text != "header" {
		t.Errorf("14 columns: row %q, header %q; want them as laid out", got, ls[1].text)
	}
}

// TestSplitLabel: a row's line holding a piece of its group's label
// beside a piece of its own label (其他处 beside 正、…) is written as two
// fields, the group's piece and the row label rebuilt from its pieces
// above and below; the lines around keep their group pieces. A run of
// pieces that reads as no row label of the template, or a label whole on
// its line, leaves everything as it was.
func TestSplitLabel(t *testing.T) {
	mk := func(rows ...[]glyph) ([]docLine, []bline) {
		var ls []docLine
		var bl []bline
		for _, gs := range rows {
			ls = append(ls, docLine{placedLine: placedLine{gs: gs, text: "  " + oneWord(gs)}})
			bl = append(bl, newBline(gs))
		}
		return ls, bl
	}
	ls, bl := mk(
		testLine("（六）", 130.0, "1.申请人无正当理由逾期不补", 200.0),
		testLine("其他处", 124.0, "正、行政机关不再处理其政府", 200.0, "0", 400.0),
		testLine("理", 136.0, "信息公开申请", 200.0),
	)
	done := map[int]bool{}
	f, ok := splitLabel(ls, bl, []int{1}, 0, done)
	want := []string{"其他处", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}
	if !ok || !slices.Equal(f, want) {
		t.Fatalf("splitLabel = %q, %v; want %q", f, ok, want)
	}
	if ls[0].text != "  （六）" || ls[2].text != "  理" || !done[0] || !done[2] {
		t.Errorf("lines around: %q, %q (done %v)", ls[0].text, ls[2].text, done)
	}

	// Pieces that read as no row label: left as they are.
	ls, bl = mk(
		testLine("（六）", 130.0, "1.申请人无正当理由", 200.0),
		testLine("其他处", 124.0, "正、行政机关不再处理其政府", 200.0, "0", 400.0),
		testLine("理", 136.0, "信息公开申请", 200.0),
	)
	before := ls[0].text
	if f, ok := splitLabel(ls, bl, []int{1}, 0, map[int]bool{}); ok || ls[0].text != before {
		t.Errorf("no row label: splitLabel = %q, %v, line above %q", f, ok, ls[0].text)
	}
	// One label word on the row's line, or a row label whole there.
	for _, row := range [][]glyph{
		testLine("正、行政机关不再处理其政府", 200.0, "0", 400.0),
		testLine("（三）", 124.0, "1.属于国家秘密", 200.0, "0", 400.0),
	} {
		ls, bl = mk(testLine("（六）", 130.0, "1.申请人无正当理由逾期不补", 200.0), row, testLine("理", 136.0, "信息公开申请", 200.0))
		if f, ok := splitLabel(ls, bl, []int{1}, 0, map[int]bool{}); ok {
			t.Errorf("%q: splitLabel = %q, want left as is", oneWord(row), f)
		}
	}
}
