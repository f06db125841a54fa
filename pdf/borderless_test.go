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
	got := placeRows(rows, header, labelRight)
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
		for i, f := range placeRows(rows, header, labelRight) {
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
	if got := placeRows(rows, header, -1e9); slices.ContainsFunc(got, func(f []string) bool { return f != nil }) {
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
	if got := placeRows(rows, header, 30); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("placeRows = %q, want %q", got, want)
	}
	rows = []bline{
		newBline(testLine("规章", 10.0, "1", 98.0, "2", 198.0, "3", 298.0)),
		newBline(testLine("文件", 10.0, "4", 98.0, "5", 198.0)),
		newBline(testLine("许可", 10.0, "7", 98.0, "8", 198.0)),
	}
	for i, f := range placeRows(rows, header, 30) {
		if f != nil {
			t.Errorf("one value right of the header: row %d placed as %q", i, f)
		}
	}
}
