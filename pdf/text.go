// Package pdf reads 政府信息公开工作年度报告 published as PDF: it extracts
// each page's text with PDFium (compiled to WebAssembly and run by wazero:
// pure Go, no cgo), placing characters by their positions, and hands the
// text to nianbao.Parse. A table drawn with ruling lines becomes a line per
// band between horizontal rules, its cells TAB-separated fields (a cell
// spans the bands down to the first rule drawn across it, so a label over
// two rows stays one field). A table drawn without rules has its values
// placed in columns by their exact x-positions (the clusters of its
// values, as many as its header has columns), a row TAB-separated fields
// as a ruled one when every value has exactly one column. Other text is
// laid out as pdftotext -layout does, each word at the column of its
// position, gaps as spaces, so that the core parser places a value by its
// column under the header or leaves it blank. It is a module of its own so
// that the core package carries no PDF dependency.
//
// What is proven (TestSeeds, scripts/pdffixtures.sh): the seeds with about
// 30% of their cells blanked, printed to PDF by LibreOffice (HTML straight
// to PDF, and HTML saved as .docx then printed: both draw no table
// borders), by Chromium (borders as thin filled rectangles, a header label
// wrapped in a rowspan cell), and nianbao's own .docx printed by
// LibreOffice: twenty files, 3,936 cells, not one value wrong. Ruled
// tables are read whole (Chromium, nianbao's .docx: every value); tables
// without rules nearly nine values in ten, the rest left blank with a
// warning.
//
// Real reports (TestRealPDFs: three made by WPS, ruled) are read cell for
// cell. Still experimental: reports that are scanned, drawn with partial
// rules, or laid out by producers not tried here (Word's own export);
// check what it reads. Starting PDFium compiles its WebAssembly once per
// process, several seconds; the compiled code is kept in the user's cache
// directory (cacheDir, NIANBAO_WAZERO_CACHE) and a later process starts in
// a quarter of a second. README.md has the numbers.
package pdf

import (
	"bytes"
	"math"
	"slices"
	"unicode"

	"golang.org/x/text/width"

	"github.com/opengovcn/nianbao"
	"github.com/opengovcn/nianbao/internal/chars"
)

// ToText returns the text of every page of the PDF src, a line per text
// line (a table row: a line per band between horizontal rules, its cells
// TAB-separated, an empty cell an empty field), pages in order.
func ToText(src []byte) ([]byte, error) {
	pages, err := extract(src)
	if err != nil {
		return nil, err
	}
	var lines []docLine
	for i, pg := range pages {
		for _, l := range pageLines(pg) {
			lines = append(lines, docLine{placedLine: l, page: i})
		}
	}
	placeBorderless(lines)
	var b bytes.Buffer
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// Parse reads the report in the PDF src: ToText, then nianbao.Parse.
func Parse(src []byte) (*nianbao.Report, error) {
	text, err := ToText(src)
	if err != nil {
		return nil, err
	}
	return nianbao.Parse(text)
}

// gapTab is the gap, in font sizes, between two characters of a line that
// separates two fields; gapSpace the gap that is a space.
const (
	gapTab   = 1.5
	gapSpace = 0.3
)

// pageLines lays out a page's glyphs: lines by baseline, top to bottom.
func pageLines(pg page) []placedLine {
	var gs []glyph
	for _, g := range pg.glyphs {
		if !chars.IsUnicodeSpace(g.r) && g.r != 0xFEFF {
			gs = append(gs, g)
		}
	}
	return ruledLines(pg, gs)
}

// baselineLines groups glyphs into lines by their baseline and writes
// each line left to right, a TAB for a wide gap, a space for a narrow one.
func baselineLines(gs []glyph) []string {
	pl := baselineLinesY(gs, nil)
	out := make([]string, len(pl))
	for i, l := range pl {
		out[i] = l.text
	}
	return out
}

// baselineLinesY is baselineLines with each line's baseline; with a
// layout, each line is written by it instead of by writeLine.
func baselineLinesY(gs []glyph, lay *layout) []placedLine {
	slices.SortStableFunc(gs, func(a, b glyph) int {
		if a.y != b.y {
			if a.y > b.y {
				return -1
			}
			return 1
		}
		return cmpF(a.x, b.x)
	})
	var out []placedLine
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && math.Abs(gs[j].y-gs[i].y) < 0.3*max(gs[i].size, gs[j].size) {
			j++
		}
		line := slices.Clone(gs[i:j])
		slices.SortStableFunc(line, func(a, b glyph) int { return cmpF(a.x, b.x) })
		if lay != nil {
			out = append(out, placedLine{y: line[0].y, text: lay.write(line), gs: line})
		} else {
			out = append(out, placedLine{y: line[0].y, text: writeLine(line)})
		}
		i = j
	}
	return out
}

func writeLine(line []glyph) string {
	var b []rune
	for k, g := range line {
		if k > 0 {
			p := line[k-1]
			gap := left(g) - right(p)
			size := max(p.size, g.size)
			switch {
			case gap > gapTab*size:
				b = append(b, '\t')
			case gap > gapSpace*size && !fullWidthPunct(p.r) && !fullWidthPunct(g.r):
				b = append(b, ' ')
			}
		}
		b = append(b, g.r)
	}
	return string(b)
}

// fullWidthPunct reports whether r is a full-width punctuation mark (、，。（）
// and the like). Such a mark fills an em square of which its ink takes a
// corner, so the gap measured from its ink to a neighbour (WPS places them
// so: "1 、", "（ 一 ）") is the square's own blank, not a space: pdftotext
// writes none either, and the core parser reads "1、" as a row's number, "1 、"
// as a value.
func fullWidthPunct(r rune) bool {
	return unicode.IsPunct(r) && displayWidth(r) == 2
}

func left(g glyph) float64 {
	if g.right > g.left {
		return g.left
	}
	return g.x
}

func right(g glyph) float64 {
	if g.right > g.left {
		return g.right
	}
	return g.x + g.size/2
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// A layout writes a line outside ruled tables as pdftotext -layout does:
// each word at the column of its position on the page, in units of half
// the page's common font size, so that a CJK character (two columns of
// display width) is as wide in the text as on the page. A gap is spaces,
// never a TAB: a TAB would claim a cell boundary the page does not draw,
// and a row with a blank cell would shift its values left; by column the
// core parser places each value under its own header, or leaves it blank.
type layout struct {
	unit float64
}

// newLayout measures the unit of a page from its glyphs: half their median size.
func newLayout(gs []glyph) *layout {
	if len(gs) == 0 {
		return &layout{unit: 5}
	}
	sizes := make([]float64, len(gs))
	for i, g := range gs {
		sizes[i] = g.size
	}
	slices.Sort(sizes)
	return &layout{unit: max(sizes[len(sizes)/2]/2, 1)}
}

func (lay *layout) write(line []glyph) string {
	var b []rune
	col := 0
	for k, g := range line {
		if k > 0 {
			p := line[k-1]
			gap := left(g) - right(p)
			size := max(p.size, g.size)
			// Within a word the characters follow one another whatever
			// their widths; a space moves to the word's own column.
			need := 0
			switch {
			case gap > gapTab*size:
				need = 2
			case gap > gapSpace*size && !fullWidthPunct(p.r) && !fullWidthPunct(g.r):
				need = 1
			}
			if need > 0 {
				target := max(int(math.Round(left(g)/lay.unit)), col+need)
				for ; col < target; col++ {
					b = append(b, ' ')
				}
			}
		} else {
			for target := int(math.Round(left(g) / lay.unit)); col < target; col++ {
				b = append(b, ' ')
			}
		}
		b = append(b, g.r)
		col += displayWidth(g.r)
	}
	return string(b)
}

func displayWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
